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
    conflict", "peace talks" in a readout about Ukraine; "doses" in one about vaccines).
New topics added to the file take effect without code changes.
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_left
from collections.abc import Container, Iterable, Sequence
from pathlib import Path
from typing import Any

from .models import TopicSpec

__all__ = ["load_topic_specs", "TopicMatcher"]


def load_topic_specs(path: str | Path) -> list[TopicSpec]:
    """Read topics (slug, name, keywords) from a topics.yaml file."""
    import yaml  # local import: only this loader needs pyyaml

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    items = data.get("topics", data) if isinstance(data, dict) else data
    out = []
    for t in items or []:
        kws = t.get("keywords") or []
        for k in kws:
            if isinstance(k, str) and k.startswith("~"):
                try:
                    re.compile(k[1:])
                except re.error as exc:
                    raise ValueError(
                        f"{path}: topic {t.get('slug')!r}: context cue {k!r} is not a valid pattern ({exc})"
                    ) from exc
        out.append(
            TopicSpec(slug=str(t["slug"]), name=str(t.get("name", t["slug"])), keywords=tuple(str(k) for k in kws))
        )
    return out


def _inner(patterns: Iterable[str]) -> str | None:
    parts = []
    for p in patterns:
        if not p.strip():
            continue
        try:
            re.compile(p)
        except re.error:
            p = re.escape(p)  # a keyword that is not a valid regex is taken literally
        parts.append(f"(?:{p})")
    return "|".join(parts) if parts else None


def _compile(patterns: Iterable[str]) -> re.Pattern[str] | None:
    inner = _inner(patterns)
    return re.compile(rf"(?<![\w])(?:{inner})(?![\w])", re.I) if inner else None


_WORD_START = re.compile(r"(?<!\w)\w")


def _bucket_id(c: str) -> str:
    return "__" + (f"{ord(c):x}" if c else "any")


def _first_chars(pattern: str) -> set[str] | None:
    """Lower-case letters a match of `pattern` can start with, or None when unknown."""
    try:
        # stdlib internals (typeshed describes `re` as one module): fall back if absent
        C = importlib.import_module("re._constants")
        P = importlib.import_module("re._parser")

        parsed = P.parse(pattern, re.I)
    except Exception:  # any failure just disables the bucketing
        return None

    def first(items: Any) -> set[str] | None:
        out: set[str] = set()
        for op, av in items:
            if op is C.LITERAL:
                out.add(chr(av).lower())
                return out
            if op is C.IN:
                for o, a in av:
                    if o is C.LITERAL:
                        out.add(chr(a).lower())
                    elif o is C.RANGE and a[1] - a[0] < 64:
                        out.update(chr(x).lower() for x in range(a[0], a[1] + 1))
                    else:
                        return None
                return out
            if op is C.SUBPATTERN:
                r = first(av[-1])
                if r is None:
                    return None
                return out | r
            if op is C.BRANCH:
                for b in av[1]:
                    r = first(b)
                    if r is None:
                        return None
                    out |= r
                return out
            if op in (C.MAX_REPEAT, C.MIN_REPEAT):
                r = first(av[2])
                if r is None:
                    return None
                out |= r
                if av[0] == 0:
                    continue
                return out
            if op in (C.ASSERT_NOT, C.ASSERT, C.AT):
                continue
            return None
        return None

    got = first(parsed)
    if got is None or not got or any(not c.isalpha() for c in got):
        return None
    return got


class TopicMatcher:
    """Compiled keyword patterns for a topic vocabulary."""

    def __init__(self, topics: Sequence[TopicSpec]) -> None:
        self.order = [t.slug for t in topics]
        self._rx: dict[str, re.Pattern[str]] = {}
        self._ready: bool | None = None  # False/None: per-topic fallback
        self._group_slug: dict[str, str] = {}
        self._by_first: dict[str, set[str]] = {}
        self._others_cache: dict[str, tuple[str, ...]] = {}  # first letter -> topics with such keywords
        self._implied: dict[str, list[str]] = {}
        self._context: dict[str, re.Pattern[str]] = {}
        for t in topics:
            own = [k for k in t.keywords if not k.startswith(("@", "~"))]
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
        # One alternation over every topic scans a document once (several times faster
        # than one scan per topic); branches are bucketed by their possible first letter
        # behind a cheap lookahead, so at most word starts only a few are tried.
        # Overlaps between topics are recovered in index().
        by_slug = {t.slug: t for t in topics}
        buckets: dict[str, list[str]] = {}

        def own_keywords(slug: str) -> list[str]:
            return [kw for kw in by_slug[slug].keywords if kw.strip() and not kw.startswith(("@", "~"))]

        for i, slug in enumerate(self._rx):
            for j, k in enumerate(own_keywords(slug)):
                try:
                    re.compile(k)
                except re.error:
                    k = re.escape(k)
                name = f"t{i}_{j}"
                self._group_slug[name] = slug
                firsts = _first_chars(k)
                for c in firsts if firsts is not None else {""}:
                    self._by_first.setdefault(c, set()).add(slug)
                    buckets.setdefault(c, []).append(f"(?P<{name}{_bucket_id(c)}>(?:{k})(?![\\w]))")
        # One regex per first letter, tried only at word starts of that letter.
        self._letter_rx: dict[str, re.Pattern[str]] = {}
        for c, alts in buckets.items():
            try:
                self._letter_rx[c] = re.compile("|".join(alts), re.I)
            except (re.error, OverflowError, AssertionError, RecursionError):
                self._ready = None
                break
        else:
            self._ready = True

    def context_topics(self, text: str, a: int, b: int, subject: Iterable[str]) -> set[str]:
        """Subject topics whose context cues ("~" entries) occur in text[a:b]."""
        found = set()
        for slug in subject:
            rx = self._context.get(slug)
            if rx is not None and rx.search(text, a, b):
                found.add(slug)
        return found

    def present(self, text: str) -> set[str]:
        """Topics whose own keywords occur in text."""
        return {slug for slug, rx in self._rx.items() if rx.search(text)}

    def _others(self, c: str) -> tuple[str, ...]:
        """Topics with a keyword that may start with letter c (cached per letter)."""
        got = self._others_cache.get(c)
        if got is None:
            got = tuple(sorted(self._by_first.get(c, set()) | self._by_first.get("", set())))
            self._others_cache[c] = got
        return got

    def implied_by(self, slug: str) -> list[str]:
        """Topics that an "@slug" keyword makes follow from topic `slug`."""
        return self._implied.get(slug, [])

    def has_topic(self, text: str, slug: str) -> bool:
        """Whether the topic's own keywords occur anywhere in text."""
        rx = self._rx.get(slug)
        return bool(rx and rx.search(text))

    def index(self, text: str, ranges: list[tuple[int, int]] | None = None) -> dict[str, tuple[list[int], list[int]]]:
        """Every keyword match in text (or only inside `ranges`), per topic (starts, ends),
        for fast per-sentence lookups with `in_range`."""
        out: dict[str, tuple[list[int], list[int]]] = {}
        if ranges is None:
            ranges = [(0, len(text))]
        if self._ready is None:
            for slug, rx in self._rx.items():
                for m in (m for lo, hi in ranges for m in rx.finditer(text, lo, hi)):
                    out.setdefault(slug, ([], []))
                    out[slug][0].append(m.start())
                    out[slug][1].append(m.end())
            return out
        hits: dict[str, set[tuple[int, int]]] = {}
        letter_rx = self._letter_rx
        any_rx = letter_rx.get("")
        for lo, hi in ranges:
            for w in _WORD_START.finditer(text, lo, hi):
                a = w.start()
                c = text[a].lower()
                start_rx = letter_rx.get(c)
                hit = start_rx.match(text, a, hi) if start_rx is not None else None
                if hit is None and any_rx is not None:
                    hit = any_rx.match(text, a, hi)
                if hit is None or hit.end() == a:
                    continue  # a keyword that can match nothing ("x*") must not tag everything
                own = self._group_slug[(hit.lastgroup or "").split("__")[0]]
                hits.setdefault(own, set()).add(hit.span())
                # Another topic's keyword may start at the same word ("COVAX": vaccines and
                # multilateralism); words inside this match are visited in turn ("World
                # Trade Organization" is also trade).
                for slug in self._others(c):
                    if slug != own:
                        m2 = self._rx[slug].match(text, a, hi)
                        if m2 and m2.end() > a:
                            hits.setdefault(slug, set()).add(m2.span())
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
