"""The learned topic fallback: topics a position's wording and context carry where no keyword fires.

Rule: after the keyword rules (topics.py, pipeline._assign_topics) have given a position its
topics, each head of data/models/topics.json whose slug is in the caller's vocabulary and
not already among them adds its slug when its probability reaches the head's threshold. The
model only adds: a rule topic is never removed. A vocabulary topic with no head keeps the
rules only; a head whose slug is not in the vocabulary is never used; with no model file
nothing changes.

Features (binary, never an outlet or a readout): the lower-cased words of the position's
sentence as topic matching sees it, with each masked participant name or own country replaced
by "ownside" (the speaker's side), "otherside" (the other participant) or "ptcp", so "Xi" or
"China" is never a feature, and the word pairs around those placeholders ("with otherside");
the words of the readout's title and lead ("lead:", the readout's subject); the rule topics of
the position ("rule:<slug>") and of the position before it ("prev:<slug>", what context
carries); whether one participant or all of them speak; the reporting verb's class
(data/lexicon/reporting_verbs.yaml) and the kind of evidence of the attribution; quotation
flags; the sentence's place in the readout. The heads are trained by bench/train_topics.py on
the development split of data/real_readouts only (docs/annotation.md, "Learned topic fallback").

Cost: without a model file, one cached lookup per readout. With one, the model is compiled once
per vocabulary into feature -> (head, weight) lists, the lead's part of each logit is summed
once per readout, and a position costs its features and one set intersection.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .countries import find_country
from .linear import LinearModel, model, word_features
from .models import Participant

__all__ = [
    "MODEL",
    "PLACEHOLDER",
    "ReadoutTopics",
    "readout_topics",
    "lead_features",
    "owners",
    "position_features",
    "span_text",
]

MODEL = "topics"
PLACEHOLDER = "ptcp"
SELF = "ownside"
OTHER = "otherside"
_PLACEHOLDERS = frozenset({PLACEHOLDER, SELF, OTHER})
_QUOTE_RE = re.compile('["\u201c\u201d\u201e\u00ab\u00bb]')


def owners(participants: Sequence[Participant]) -> dict[str, frozenset[int]]:
    """Casefolded names, aliases, countries, demonyms and capitals -> the participants they denote."""
    key = tuple(participants)
    got = _OWNERS.get(key)
    if got is None:
        words: dict[str, set[int]] = {}
        for i, p in enumerate(participants):
            c = find_country(p.country)
            found = [p.name, *p.aliases, *p.name.split()]
            if c is not None:
                found.extend(c.names + c.demonyms + c.capitals)
            elif p.country:
                found.append(p.country)
            for w in found:
                if w:
                    words.setdefault(w.casefold(), set()).add(i)
        got = {w: frozenset(v) for w, v in words.items()}
        if len(_OWNERS) > 256:
            _OWNERS.clear()
        _OWNERS[key] = got
    return got


_OWNERS: dict[tuple[Participant, ...], dict[str, frozenset[int]]] = {}
_POSSESSIVE = ("'s", "\u2019s")


def span_text(
    text: str, masked: str, s: int, e: int, who: frozenset[int] = frozenset(), names: Mapping[str, frozenset[int]] = {}
) -> str:
    """text[s:e] as topic matching sees it (masked), each run of masked-out characters that is a
    participant's name or country replaced by a placeholder word: "ownside" for the speaker's own
    side, "otherside" for the other participant, "ptcp" when that cannot be told (other blanked
    runs, such as a circumstance clause, stay blank)."""
    m = masked[s:e]
    t = text[s:e]
    if m == t:
        return m
    out: list[str] = []
    last = 0
    for g in _BLANKS.finditer(m):
        run = t[g.start() : g.end()].strip()
        if not run:
            continue  # the text's own spaces
        for suffix in _POSSESSIVE:
            run = run.removesuffix(suffix)
        hit = names.get(run.casefold()) if names else None
        if hit is None:
            word = PLACEHOLDER if not names else ""
        elif hit <= who:
            word = SELF
        elif not hit & who:
            word = OTHER
        else:
            word = PLACEHOLDER
        out.append(m[last : g.start()])
        out.append(f" {word} " if word else " ")
        last = g.end()
    out.append(m[last:])
    return "".join(out)


# A masked name or country: at least two blanked characters (with the spaces around it).
_BLANKS = re.compile(r" {2,}")


def lead_features(title: str, lead: str) -> list[str]:
    """The words of the readout's (masked) title and lead: its subject."""
    return sorted(set(word_features(f"{title}\n{lead}", "lead", bigrams=False)))


def _idx_bucket(idx: int) -> str:
    return "idx:0" if idx == 0 else "idx:1" if idx == 1 else "idx:2-4" if idx <= 4 else "idx:5+"


def position_features(
    span: str,
    rule: Iterable[str],
    prev: Iterable[str],
    *,
    everyone: bool,
    cls: str,
    evidence: str,
    idx: int,
    continuing: bool,
) -> list[str]:
    """The features of one position (its span as `span_text` gives it), without the lead's."""
    out = word_features(span, bigrams=False)
    if PLACEHOLDER in span or SELF in span or OTHER in span:
        # word pairs only around a participant ("with otherside", "ownside supports"): the
        # pairs of every word cost twice the time and gained nothing in cross-validation
        words = [f[2:] for f in out]
        for i, w in enumerate(words):
            if w in _PLACEHOLDERS:
                if i:
                    out.append(f"w2:{words[i - 1]}_{w}")
                if i + 1 < len(words):
                    out.append(f"w2:{w}_{words[i + 1]}")
    out.extend(f"rule:{t}" for t in rule)
    out.extend(f"prev:{t}" for t in prev)
    out.append("spk:all" if everyone else "spk:one")
    out.append(f"cls:{cls}")
    out.append(f"ev:{evidence}")
    out.append(_idx_bucket(idx))
    if continuing:
        out.append("q:continuing")
    if _QUOTE_RE.search(span):
        out.append("q:quote")
    if not any(True for _ in rule):
        out.append("rule:none")
    return out


@dataclass(frozen=True)
class _Compiled:
    """A model's heads for one vocabulary: their slugs, biases, thresholds, and per feature
    the (head, weight) pairs it contributes to."""

    slugs: tuple[str, ...]
    bias: tuple[float, ...]
    cut: tuple[float, ...]  # each threshold as a logit: p >= t  <=>  z >= logit(t), no exp() per head
    by_feature: dict[str, tuple[tuple[int, float], ...]]
    keys: frozenset[str]


_COMPILED: dict[tuple[int, tuple[str, ...]], tuple[LinearModel, _Compiled | None]] = {}


def _compile(m: LinearModel, vocabulary: Sequence[str]) -> _Compiled | None:
    key = (id(m), tuple(vocabulary))
    hit = _COMPILED.get(key)
    if hit is not None and hit[0] is m:  # (an id is reused once its model is gone)
        return hit[1]
    vocab = set(vocabulary)
    slugs = tuple(s for s in sorted(m.heads) if s in vocab)
    got: _Compiled | None = None
    if slugs:
        by: dict[str, list[tuple[int, float]]] = {}
        for k, s in enumerate(slugs):
            for f, w in m.heads[s].weights.items():
                by.setdefault(f, []).append((k, w))
        got = _Compiled(
            slugs,
            tuple(m.heads[s].bias for s in slugs),
            tuple(math.log(m.heads[s].threshold / (1.0 - m.heads[s].threshold)) for s in slugs),
            {f: tuple(v) for f, v in by.items()},
            frozenset(by),
        )
    if len(_COMPILED) > 32:
        _COMPILED.clear()
    _COMPILED[key] = (m, got)
    return got


class ReadoutTopics:
    """The fallback for one readout: positions are given in reading order (`add`), each with
    its rule topics; the previous position's rule topics are a feature of the next."""

    def __init__(self, heads: _Compiled, lead: Sequence[str], participants: Sequence[Participant] = ()) -> None:
        self._h = heads
        z = list(heads.bias)
        by = heads.by_feature
        for f in lead:
            for k, w in by.get(f, ()):
                z[k] += w
        self._base = z
        self._prev: frozenset[str] = frozenset()
        self._n = len(participants)
        self._names = owners(participants)

    def _logits(self, features: Iterable[str]) -> list[float]:
        z = list(self._base)
        by = self._h.by_feature
        # (a set intersection in C: most of a position's features are not in the model)
        for f in self._h.keys.intersection(features):
            for k, w in by[f]:
                z[k] += w
        return z

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        """Each head's probability for a position with these features (and this readout's lead)."""
        z = self._logits(features)
        return {s: 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, v)))) for s, v in zip(self._h.slugs, z, strict=True)}

    def add(
        self,
        text: str,
        masked: str,
        s: int,
        e: int,
        rule: frozenset[str],
        *,
        who: frozenset[int],
        cls: str,
        evidence: str,
        idx: int,
        continuing: bool,
    ) -> frozenset[str]:
        """The slugs the model adds to the position text[s:e] of the participants `who` (indices)
        whose rule topics are `rule`."""
        prev, self._prev = self._prev, rule
        if all(slug in rule for slug in self._h.slugs):
            return frozenset()
        feats = position_features(
            span_text(text, masked, s, e, who, self._names),
            sorted(rule),
            sorted(prev),
            everyone=len(who) >= self._n,
            cls=cls,
            evidence=evidence,
            idx=idx,
            continuing=continuing,
        )
        return self.decide(feats, rule)

    def decide(self, features: Sequence[str], rule: frozenset[str]) -> frozenset[str]:
        """The slugs not in `rule` whose heads reach their thresholds on these features."""
        h = self._h
        z = self._logits(features)
        return frozenset(slug for slug, v, c in zip(h.slugs, z, h.cut, strict=True) if v >= c and slug not in rule)


def readout_topics(
    vocabulary: Sequence[str],
    participants: Sequence[Participant],
    title: str,
    masked: str,
    lead: Sequence[tuple[int, int]],
) -> ReadoutTopics | None:
    """The fallback for a readout with this vocabulary, participants, (masked) title and lead
    (spans of the masked text); None when there is no model file or no head for a slug of the
    vocabulary."""
    m = model(MODEL)
    if m is None:
        return None
    heads = _compile(m, vocabulary)
    if heads is None:
        return None
    return ReadoutTopics(heads, lead_features(title, "\n".join(masked[s:e] for s, e in lead)), participants)
