"""The act of a position (assert, commit, call, support, oppose, agree) from its main cue."""

from __future__ import annotations

import re

from .lexicon import STANCE_NOUNS

__all__ = ["decide_act"]

# Cues inside the reported content, for verbs of saying ("Xi said the two sides should ...").
_CONTENT_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "call",
        re.compile(
            r"\b(?:should|must|need(?:s|ed)?\s+to|ought\s+to|call(?:s|ed)?\s+(?:on|for)|"
            r"urg\w+|it\s+is\s+(?:important|necessary|essential))\b",
            re.I,
        ),
    ),
    (
        "commit",
        re.compile(
            r"\b(?:will|shall|(?:stands?|stood)\s+ready|ready\s+to|willing\s+to|"
            r"prepared\s+to|intends?\s+to|plans?\s+to|aim\w*\s+to|committed\s+to|"
            r"pledg\w+|looks?\s+forward|looking\s+forward)\b",
            re.I,
        ),
    ),
    (
        "oppose",
        re.compile(
            r"\b(?:oppos\w+|objects?|reject\w*|rejects|against|not\s+accept|"
            r"condemn\w*|denounc\w*)\b",
            re.I,
        ),
    ),
    ("support", re.compile(r"\b(?:supports?|supported|welcom\w+|backs?|endors\w+|adheres?)\b", re.I)),
)


_STANCE = re.compile("|".join(f"(?P<{act}>{rx.pattern})" for rx, act in STANCE_NOUNS), re.I)
# (?<!\w)(?=[a-z]): try the alternation only at word starts (about 40% faster, same matches).
_ALL_CUES = re.compile(
    r"(?<!\w)(?=[a-z])(?:%s)" % "|".join(f"(?P<{act}>{rx.pattern})" for act, rx in _CONTENT_CUES), re.I
)


def decide_act(cls: str, sentence: str, after_verb: str = "") -> str:
    """Act from the cue class, refined by stance nouns or content cues for saying verbs."""
    if cls in ("call", "commit", "support", "oppose", "agree"):
        return cls
    m = _STANCE.search(after_verb, 0, 60)
    if m and m.lastgroup:
        return m.lastgroup
    m = _ALL_CUES.search(sentence)  # the earliest content cue decides
    return m.lastgroup if m and m.lastgroup else "assert"
