"""Case-insensitive patterns run as case-sensitive ones on lower-cased text.

For an ASCII text and a pattern with no upper-case letter (named groups aside) and no inline
flag turning case-insensitivity off, matching the pattern with re.I on the text and without it
on text.lower() finds the same spans and groups (lower-casing ASCII keeps every offset). The
second is several times faster: the regex engine checks a plain literal before entering each
alternative, which it cannot do for a case-insensitive one. Matches are of the lower-cased
text: callers use their spans and group names, never their text."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator

__all__ = ["FoldedPattern", "trie_alternation", "word_start_alternation"]


class FoldedPattern:
    """A pattern compiled with re.I, searched on the lower-cased text when that is the same."""

    def __init__(self, pattern: str) -> None:
        self.rx = re.compile(pattern, re.I)
        bare = pattern.replace("(?P<", "(").replace("(?P=", "(")
        same = bare == bare.lower() and "(?-" not in pattern
        self._low = re.compile(pattern) if same else None
        # (text, its lower-cased copy): one attribute, replaced whole (threads may share it).
        self._last: tuple[str | None, str] = (None, "")

    @property
    def pattern(self) -> str:
        return self.rx.pattern

    def _pick(self, text: str) -> tuple[re.Pattern[str], str]:
        if self._low is None or not text.isascii():
            return self.rx, text
        last = self._last
        if last[0] is not text:
            last = self._last = (text, text.lower())
        return self._low, last[1]

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        rx, t = self._pick(text)
        return rx.search(t, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        rx, t = self._pick(text)
        return rx.finditer(t, pos, endpos)


def trie_alternation(words: Iterable[str], *, prefixes: bool = False) -> str:
    """An alternation of literal strings nested by their first characters: the engine tries a
    handful of characters at each level instead of every string in turn (same matches as the
    flat alternation followed by what follows it). With `prefixes`, it only needs to match
    some string of `words` that starts the text: a string's longer extensions are left out."""

    def build(ws: list[str]) -> str:
        if "" in ws and (prefixes or len(ws) == 1):
            return ""
        groups: dict[str, list[str]] = {}
        for w in ws:
            if w:
                groups.setdefault(w[0], []).append(w[1:])
        alts = [re.escape(c) + build(rest) for c, rest in sorted(groups.items())]
        if "" in ws:
            alts.append("")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return build(sorted(set(words)))


def word_start_alternation(alternatives: Iterable[str]) -> str:
    """r"\\b(?:a1|a2|...)" for patterns that each open with a plain lower-case letter, written so
    that it opens with that letter: "(?:r(?<!\\w.)(?:eadiness|eassured)|c(?<!\\w.)(?:ommitment)|...)".
    The same matches in the same order of trial (alternatives sharing a first letter keep
    theirs; the others cannot match at the same place); matched on lower-cased text, the
    engine skips to those letters instead of trying every position."""
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        if not ("a" <= alt[:1] <= "z"):
            raise ValueError(f"{alt!r} does not open with a plain lower-case letter")
        groups.setdefault(alt[0], []).append(alt[1:])
    return "(?:" + "|".join(rf"{c}(?<!\w.)(?:{'|'.join(rest)})" for c, rest in groups.items()) + ")"
