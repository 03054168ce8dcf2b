"""Topic detection from the keyword patterns of data/topics.yaml.

Keyword syntax (also documented in the yaml header):
  * each entry is a Python regular expression, matched case-insensitively and on word
    boundaries (it may not start or end inside a word: "Xi" never matches "Xinjiang");
  * `(?-i:UN)` makes part of a pattern case-sensitive ("UN" but not "Kim Jong Un");
  * an entry "@slug" means: this topic also applies when the sentence has topic `slug`
    and this topic's own keywords occur somewhere in the document (a vaccine position in
    a readout about COVID-19 is also covid-19);
  * an entry "~pattern" is a context cue: it signals the topic only in a readout whose
    subject is the topic, i.e. whose title or lead names it by its own keywords ("the
    conflict", "peace talks" in a readout about Ukraine; "doses" in one about vaccines);
  * an entry "!pattern" is an exception: the topic's keywords inside its match do not count
    ("working together" is bilateral-relations, but not in "the international community
    working together"; "APEC" is not multilateralism in "on the sidelines of the APEC summit").
New topics added to the file take effect without code changes.
"""

from __future__ import annotations

import functools
import importlib
import re
from bisect import bisect_left
from collections.abc import Container, Iterable, Sequence
from itertools import compress
from pathlib import Path
from typing import Any

from . import lexicon_files
from .folded import foldable_text, lower_pattern, trie_alternation
from .models import TopicSpec

__all__ = ["load_topic_specs", "TopicMatcher", "residual_topics"]


def load_topic_specs(path: str | Path) -> list[TopicSpec]:
    """Read topics (slug, name, keywords) from a topics.yaml file."""
    import yaml  # local import: only this loader needs pyyaml

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    items = data.get("topics", data) if isinstance(data, dict) else data
    out = []
    for t in items or []:
        kws = t.get("keywords") or []
        for k in kws:
            if isinstance(k, str) and k.startswith(("~", "!")):
                what = "context cue" if k.startswith("~") else "exception"
                try:
                    re.compile(k[1:])
                except re.error as exc:
                    raise ValueError(
                        f"{path}: topic {t.get('slug')!r}: {what} {k!r} is not a valid pattern ({exc})"
                    ) from exc
        out.append(
            TopicSpec(slug=str(t["slug"]), name=str(t.get("name", t["slug"])), keywords=tuple(str(k) for k in kws))
        )
    return out


def _as_regex(keyword: str) -> str:
    """The keyword as a pattern: a keyword that is not a valid regex is taken literally."""
    got = _AS_REGEX.get(keyword)
    if got is None:
        try:
            re.compile(keyword)
            got = keyword
        except re.error:
            got = re.escape(keyword)
        if len(_AS_REGEX) > 20_000:
            _AS_REGEX.clear()
        _AS_REGEX[keyword] = got
    return got


# Each keyword is checked once: a matcher looks at its keywords twice (its per-topic patterns, its
# dispatch), and re's own cache (512 patterns) holds fewer than a vocabulary's keywords.
_AS_REGEX: dict[str, str] = {}


def _inner(patterns: Iterable[str]) -> str | None:
    parts = [f"(?:{_as_regex(p)})" for p in patterns if p.strip()]
    return "|".join(parts) if parts else None


def _compile(patterns: Iterable[str]) -> re.Pattern[str] | None:
    inner = _inner(patterns)
    return re.compile(rf"(?<![\w])(?:{inner})(?![\w])", re.I) if inner else None


# Each match starts at a word start (a run of word characters, found by the engine's fast
# character-class scan, which a lookbehind in front would disable).
_WORD_START = re.compile(r"\w+")
# Copy sets hyphens in several code points ("Indo\u2011Pacific", "Japan\u2013U.S."); keywords
# write "-". One code point for one: offsets stay those of the text.
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-"})
_PREFIX_LEN = 4  # keywords are bucketed by the first letters a match can start with
_MAX_PREFIXES = 256


def _prefixes(pattern: str) -> set[str] | None:
    """Lower-case strings one of which every match of `pattern` starts with (at most
    _PREFIX_LEN letters; shorter where the pattern is open there, "UN", "G7"), or None
    when unknown (the keyword is then tried at every word start)."""
    try:
        # stdlib internals (typeshed describes `re` as one module): fall back if absent
        C = importlib.import_module("re._constants")
        P = importlib.import_module("re._parser")

        parsed = P.parse(pattern, re.I)
    except Exception:  # any failure just disables the bucketing of this keyword
        return None
    States = set[tuple[str, bool]]  # (prefix so far, may it still grow)

    def chars(av: Any) -> set[str] | None:
        out: set[str] = set()
        for o, a in av:
            if o is C.LITERAL:
                out.add(chr(a).lower())
            elif o is C.RANGE and a[1] - a[0] < 64:
                out.update(chr(x).lower() for x in range(a[0], a[1] + 1))
            else:
                return None  # a category (\w, \s), a negation, a wide range
        return out

    def grow(states: States, add: set[str]) -> States:
        return {(s + c, len(s) + 1 < _PREFIX_LEN) for s, _ in states for c in add}

    def run(items: Any, states: States) -> States:
        for op, av in items:
            done = {st for st in states if not st[1]}
            live = {(s, True) for s, o in states if o}
            if not live:
                break
            if op is C.LITERAL:
                new = grow(live, {chr(av).lower()})
            elif op is C.IN:
                cs = chars(av)
                new = grow(live, cs) if cs is not None else {(s, False) for s, _ in live}
            elif op is C.SUBPATTERN:
                new = run(av[-1], live)
            elif op is C.BRANCH:
                new = set().union(*(run(alt, live) for alt in av[1]))
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
                once = run(av[2], live)
                if av[1] != 1:
                    once = {(s, False) for s, _ in once}  # what follows a repeat is not known
                new = (live if av[0] == 0 else set()) | once
            elif op in (C.ASSERT, C.ASSERT_NOT, C.AT):
                new = live  # consumes nothing
            else:
                new = {(s, False) for s, _ in live}
            states = done | new
            if len(states) > _MAX_PREFIXES:
                states = {(s[:1], False) for s, _ in states}
        return states

    got = {s for s, _ in run(parsed, {("", True)})}
    if not got or "" in got:
        return None
    return got


# Per key: its alternation, without re.I for the lower-cased text when lower_pattern can write it
# so (several times faster: the engine checks plain literals before each alternative), and with
# re.I (compiled at once only when there is no such pattern; else when a text needs it).
_Cands = tuple[tuple[str, re.Pattern[str] | None, str, re.Pattern[str] | None], ...]


@functools.lru_cache(maxsize=1024)
def _compiled_i(alternation: str) -> re.Pattern[str]:
    return re.compile(alternation, re.I)


def _all_word_starts(text: str) -> tuple[str, list[int], list[str]]:
    """text lower-cased, its word starts and each one's first letters (lower case)."""
    found = [m.start() for m in _WORD_START.finditer(text)]
    return text.lower(), found, [text[a : a + _PREFIX_LEN].lower() for a in found]


class _WordStarts:
    """The word starts of a text where one of `prefixes` occurs, with each one's first letters,
    found by the engine in the lower-cased text (a lookahead: a prefix may run into the next
    word, "of t"): most words have no pattern, and a Python loop over every word was the index's
    cost. A word start after the text's first character follows a non-word character, which the
    pattern matches first: the engine skips to those instead of trying the pattern at every
    position. One finder serves both dispatches of a matcher, with both dispatches' prefixes:
    each readout is passed over once for both, and each dispatch keeps the words it has patterns
    for."""

    def __init__(self, prefixes: Iterable[str]) -> None:
        self._prefixes = sorted(set(prefixes))
        self._res: tuple[re.Pattern[str], re.Pattern[str]] | None = None  # compiled when first used
        # (text, what __call__ gives for it): one attribute, replaced whole (threads may share it).
        self._last: tuple[str | None, tuple[str, list[int], list[str]]] = (None, ("", [], []))

    def __call__(self, text: str) -> tuple[str, list[int], list[str]]:
        """text lower-cased, the word starts where a prefix occurs and their first letters."""
        last = self._last
        if last[0] is text or last[0] == text:
            return last[1]
        low = text.lower()
        # (Lower-casing the whole text gives each word's letters when it keeps every offset and
        # has no final sigma, the one mapping that depends on the next letter; lower-casing keeps
        # what is a word character.)
        if len(low) != len(text) or "\u03a3" in text:
            got = _all_word_starts(text)
        else:
            if self._res is None:
                trie = trie_alternation([x for x in self._prefixes if re.match(r"\w", x)], prefixes=True)
                self._res = (re.compile(rf"\W(?={trie})"), re.compile(rf"(?={trie})"))
            start_re, first_re = self._res
            found = [m.end() for m in start_re.finditer(low)]
            if first_re.match(low):
                found.insert(0, 0)
            # (lower-casing is idempotent: the lower-cased text's letters need no second pass)
            got = (low, found, [low[a : a + _PREFIX_LEN] for a in found])
        self._last = (text, got)
        return got


class _Dispatch:
    """Patterns (each under a key: a topic, or "!topic" for its exceptions) bucketed by the
    first letters a match can start with. A text is scanned once, at word starts: the first
    three letters there pick the few patterns that can match (most words pick none), and
    only those are tried, one alternation per key (several times faster than one scan per
    topic or one alternation of every pattern)."""

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        self.ready = True  # False: a pattern set did not compile; the caller falls back
        self._kw: list[tuple[str, str]] = []
        self._by_prefix: list[dict[str, list[int]]] = [{} for _ in range(_PREFIX_LEN + 1)]
        self._anywhere: list[int] = []  # patterns whose first letters are not known
        self._word_cache: dict[str, _Cands] = {}
        self._set_cache: dict[tuple[int, ...], _Cands] = {}
        # (text, its word starts, their patterns, its lower-cased copy when the patterns without
        # re.I may run on it): one attribute, replaced whole, so that threads sharing the matcher
        # never pair one text with another's words.
        self._last: tuple[str | None, list[int], list[_Cands], str | None] = (None, [], [], None)
        for key, k in entries:
            if not k.strip():
                continue
            k = _as_regex(k)
            i = len(self._kw)
            self._kw.append((key, k))
            pre = _prefixes(k)
            if pre is None:
                self._anywhere.append(i)
                continue
            for x in pre:
                self._by_prefix[len(x)].setdefault(x, []).append(i)
        # The word starts where some prefix occurs (with a pattern whose first letters are not
        # known, every word start); the matcher may give both its dispatches one finder.
        self.prefixes = None if self._anywhere else [x for by_len in self._by_prefix for x in by_len]
        self.starts = None if self.prefixes is None else _WordStarts(self.prefixes)

    def _candidates(self, word: str) -> _Cands:
        """Per key, the alternation of its patterns that may match at a word starting with
        `word` (its first letters, lower case)."""
        ids = set(self._anywhere)
        for n in range(1, min(len(word), _PREFIX_LEN) + 1):
            ids.update(self._by_prefix[n].get(word[:n], ()))
        key = tuple(sorted(ids))
        got = self._set_cache.get(key)
        if got is None:
            per: dict[str, list[str]] = {}
            for i in key:
                slug, k = self._kw[i]
                per.setdefault(slug, []).append(f"(?:{k})(?![\\w])")
            try:
                got = tuple(
                    (slug, lrx, alt, _compiled_i(alt) if lrx is None else None)
                    for slug, alts in per.items()
                    for alt, lrx in [("|".join(alts), _lower_compiled(alts))]
                )
            except (re.error, OverflowError, AssertionError, RecursionError):
                self.ready = False
                got = ()
            self._set_cache[key] = got
        if len(self._word_cache) > 50_000:
            self._word_cache.clear()
        self._word_cache[word] = got
        return got

    def _words(self, text: str) -> tuple[list[int], list[_Cands], str | None]:
        """The word starts of text where some pattern may match, with those patterns. The
        last text's are kept: a readout is scanned several times (its positions, each
        sentence's context cues, the whole of it for "@" topics)."""
        last = self._last
        # (An equal copy counts too: the pipeline hands the same readout again as a new string,
        # and comparing equal strings costs far less than finding their word starts again.)
        if last[0] is text or last[0] == text:
            return last[1], last[2], last[3]
        starts: list[int] = []
        cands: list[_Cands] = []
        cache = self._word_cache
        low, found, words = self.starts(text) if self.starts is not None else _all_word_starts(text)
        known = list(map(cache.get, words))
        if None not in known:
            # Every word's patterns known (none at the words only the other dispatch has patterns for).
            starts = list(compress(found, known))
            cands = [got for got in known if got]
        else:
            cands = []
            for a, word, got in zip(found, words, known, strict=True):
                if got is None:
                    got = cache.get(word)  # (an earlier word of this text may have added it)
                    if got is None:
                        got = self._candidates(word)
                if got:
                    starts.append(a)
                    cands.append(got)
        folded = low if foldable_text(text, low) else None
        self._last = (text, starts, cands, folded)
        return starts, cands, folded

    def scan(
        self, text: str, ranges: Iterable[tuple[int, int]], keys: Container[str] | None = None, first: bool = False
    ) -> dict[str, set[tuple[int, int]]]:
        """Spans of every match per key inside `ranges` (only of `keys` when given; with
        `first`, stop at the first match)."""
        hits: dict[str, set[tuple[int, int]]] = {}
        starts, cands, low = self._words(text)
        n = len(starts)
        for lo, hi in ranges:
            i = bisect_left(starts, lo)
            while i < n and starts[i] < hi:
                a = starts[i]
                for slug, lrx, alt, rx in cands[i]:
                    if keys is not None and slug not in keys:
                        continue
                    if lrx is not None and low is not None:
                        hit = lrx.match(low, a, hi)
                    else:
                        hit = (rx or _compiled_i(alt)).match(text, a, hi)
                    if hit is not None and hit.end() > a:  # a keyword matching nothing must not tag everything
                        hits.setdefault(slug, set()).add(hit.span())
                        if first:
                            return hits
                i += 1
        return hits


def _lower_compiled(alts: list[str]) -> re.Pattern[str] | None:
    """The alternation of `alts` without re.I for lower-cased text (None: not one lower_pattern writes)."""
    lowered = [lower_pattern(a) for a in alts]
    if None in lowered:
        return None
    try:
        return re.compile("|".join(x for x in lowered if x is not None))
    except (re.error, OverflowError, AssertionError, RecursionError):
        return None  # (the re.I alternation serves)


class TopicMatcher:
    """Compiled keyword patterns for a topic vocabulary."""

    def __init__(self, topics: Sequence[TopicSpec]) -> None:
        self.order = [t.slug for t in topics]
        self._rx: dict[str, re.Pattern[str]] = {}
        self._implied: dict[str, list[str]] = {}
        self._context: dict[str, re.Pattern[str]] = {}
        for t in topics:
            own = [k for k in t.keywords if not k.startswith(("@", "~", "!"))]
            rx = _compile(own)
            if rx is not None:
                self._rx[t.slug] = rx
            ctx = _compile(k[1:] for k in t.keywords if k.startswith("~") and len(k) > 1)
            if ctx is not None:
                # Searched apart, in position sentences of a readout with that subject only:
                # in the one-pass index they would be tried at every "the".
                self._context[t.slug] = ctx
            for k in t.keywords:
                if k.startswith("@") and len(k) > 1:
                    self._implied.setdefault(k[1:].strip(), []).append(t.slug)
        # Own keywords and exceptions ("!" entries, under the key "!slug") in one dispatch;
        # context cues in another, searched only in position sentences of a readout with
        # their subject (in the first they would be tried at every "the").
        own_kw: list[tuple[str, str]] = []
        cues: list[tuple[str, str]] = []
        for t in topics:
            for k in t.keywords:
                if k.startswith("~"):
                    cues.append((t.slug, k[1:]))
                elif t.slug not in self._rx or k.startswith("@"):
                    continue
                elif k.startswith("!"):
                    own_kw.append(("!" + t.slug, k[1:]))
                else:
                    own_kw.append((t.slug, k))
        self._keywords = _Dispatch(own_kw)
        self._cues = _Dispatch(cues)
        if self._keywords.prefixes is not None and self._cues.prefixes is not None:
            # Both scan the same masked readout: one pass over it finds the word starts of both.
            self._keywords.starts = self._cues.starts = _WordStarts(self._keywords.prefixes + self._cues.prefixes)
        self._normed: tuple[str | None, str] = (None, "")  # (text, its hyphens as "-"), replaced whole
        self._present: dict[str, frozenset[str]] = {}

    def _norm(self, text: str) -> str:
        """text with every hyphen as "-" (the same object for the same text: the scans keep
        their word starts per text object)."""
        if text.isascii():
            return text
        last = self._normed
        if last[0] is not text:
            last = self._normed = (text, text.translate(_DASHES))
        return last[1]

    def context_topics(self, text: str, a: int, b: int, subject: Iterable[str]) -> set[str]:
        """Subject topics whose context cues ("~" entries) occur in text[a:b]."""
        wanted = {slug for slug in subject if slug in self._context}
        if not wanted:
            return set()
        text = self._norm(text)
        if self._cues.ready:
            hits = self._cues.scan(text, [(a, b)], wanted)
            if self._cues.ready:
                return self._unclaimed(text, a, b, hits) if hits else set()
        return {slug for slug in wanted if self._context[slug].search(text, a, b)}

    def _unclaimed(self, text: str, a: int, b: int, hits: dict[str, set[tuple[int, int]]]) -> set[str]:
        """The topics of `hits` (context cue spans) whose cue no topic named in text[a:b]
        claims: a cue that a cue of a topic the sentence names covers goes to that topic
        ("Russia-Ukraine peace talks" in a readout about Ukraine and Gaza is no Middle East)."""
        named = set(self.index(text, [(a, b)])) - set(hits)
        if not named:
            return set(hits)
        others = self._cues.scan(text, [(a, b)], named)
        claimed = [span for slug in named for span in others.get(slug, ())]
        return {
            slug
            for slug, spans in hits.items()
            if not all(any(x1 <= x and y <= y1 for x1, y1 in claimed) for x, y in spans)
        }

    def present(self, text: str) -> set[str]:
        """Topics whose own keywords occur in text (outside their exceptions)."""
        # Asked of short strings that recur across readouts (a participant's name or country, a
        # "Regarding X," frame): kept, since each new string costs the dispatch a word scan.
        got = self._present.get(text)
        if got is None:
            got = frozenset(self.index(text))
            if len(self._present) > 4096:
                self._present.clear()
            self._present[text] = got
        return set(got)

    def implied_by(self, slug: str) -> list[str]:
        """Topics that an "@slug" keyword makes follow from topic `slug`."""
        return self._implied.get(slug, [])

    def has_topic(self, text: str, slug: str) -> bool:
        """Whether the topic's own keywords occur anywhere in text."""
        if slug not in self._rx:
            return False
        text = self._norm(text)
        if self._keywords.ready:
            got = bool(self._keywords.scan(text, [(0, len(text))], {slug}, first=True))
            if self._keywords.ready:
                return got
        return bool(self._rx[slug].search(text))

    def index(self, text: str, ranges: list[tuple[int, int]] | None = None) -> dict[str, tuple[list[int], list[int]]]:
        """Every keyword match in text (or only inside `ranges`), per topic (starts, ends),
        for fast per-sentence lookups with `in_range`."""
        out: dict[str, tuple[list[int], list[int]]] = {}
        if ranges is None:
            ranges = [(0, len(text))]
        text = self._norm(text)
        hits = self._keywords.scan(text, ranges) if self._keywords.ready else {}
        if not self._keywords.ready:  # a keyword set does not compile: one scan per topic
            for slug, rx in self._rx.items():
                for m in (m for lo, hi in ranges for m in rx.finditer(text, lo, hi)):
                    hits.setdefault(slug, set()).add(m.span())
        for slug in [k for k in hits if k.startswith("!")]:
            excepted = hits.pop(slug)
            own = hits.get(slug[1:])
            if own:
                own.difference_update({h for h in own if any(x <= h[0] and h[1] <= y for x, y in excepted)})
                if not own:
                    del hits[slug[1:]]
        for slug, spans in hits.items():
            ordered = sorted(spans)
            out[slug] = ([x for x, _ in ordered], [y for _, y in ordered])
        return out

    def in_range(
        self,
        index: dict[str, tuple[list[int], list[int]]],
        a: int,
        b: int,
        document_topics: Container[str] | None = None,
    ) -> set[str]:
        """Topics with a keyword match inside [a, b) of an indexed document."""
        found = set()
        for slug, (starts, ends) in index.items():
            i = bisect_left(starts, a)
            if i < len(starts) and ends[i] <= b:
                found.add(slug)
        if document_topics is not None:
            for base in list(found):
                for slug in self._implied.get(base, ()):
                    if slug in document_topics:
                        found.add(slug)
        return found

    def match(self, sentence: str, document_topics: set[str] | None = None) -> tuple[str, ...]:
        """Sorted slugs of every topic the (masked) sentence addresses."""
        found = self.present(sentence)
        if document_topics is not None:
            for base in list(found):
                for slug in self._implied.get(base, ()):
                    if slug in document_topics:
                        found.add(slug)
        return tuple(sorted(found))


# (topic, topics that take its place, its cues as one pattern, words one of which must occur first):
# topic_context.yaml's `residual`
_RESIDUAL = [
    (slug, unless, re.compile(r"(?<![\w-])(?:{})".format("|".join(f"(?:{c})" for c in cues)), re.I), needs)
    for slug, unless, cues, needs in lexicon_files.topic_context().residual
]


def residual_topics(
    masked: str, ranges: Iterable[tuple[int, int]], found: Container[str], vocabulary: Container[str]
) -> set[str]:
    """Residual topics whose cues occur in the ranges of the (masked) text when the position has
    none of the topics that name the matter more precisely: a conflict in a place the vocabulary
    has no topic for is regional security, "the conflict" said of Ukraine is ukraine only."""
    out: set[str] = set()
    spans = list(ranges)
    low: list[str] | None = None
    for slug, unless, rx, needs in _RESIDUAL:
        if slug in found or slug not in vocabulary or any(t in found for t in unless):
            continue
        if low is None:
            low = [masked[a:b].lower() for a, b in spans]
        # (a substring test per word first: the cues' pattern is tried only where one may match)
        if any(w in part for part in low for w in needs) and any(rx.search(masked, a, b) for a, b in spans):
            out.add(slug)
    return out
