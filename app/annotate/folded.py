"""Case-insensitive patterns run as case-sensitive ones on lower-cased text.

For an ASCII text and a pattern with no upper-case letter (named groups aside) and no inline
flag turning case-insensitivity off, matching the pattern with re.I on the text and without it
on text.lower() finds the same spans and groups (lower-casing ASCII keeps every offset). The
second is several times faster: the regex engine checks a plain literal before entering each
alternative, which it cannot do for a case-insensitive one. Matches are of the lower-cased
text: callers use their spans and group names, never their text.

The same holds for a text with other characters when its lower-cased copy has its length (each
character lower-cases to one, so offsets carry over; not the dotted capital I, U+0130) and it holds
neither of the two letters that re.I equates with an ASCII letter although lower-casing does not
map them to it (dotless i U+0131 ~ "i", long s U+017F ~ "s"): foldable_text. And a pattern with
upper-case letters matches so once they are lower-cased (lower_pattern, which leaves escapes such
as "\\S" alone and turns down what it cannot vouch for). Checked for every code point: re.I
matches a character where the lower-cased pattern matches its lower case, for literals, classes
(word, space, digit, sets) and word boundaries alike. Real readouts are rarely ASCII (typographic
quotes, accented names)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator

__all__ = ["FoldedPattern", "foldable_text", "lower_pattern", "trie_alternation", "word_start_alternation"]


def foldable_text(text: str, low: str) -> bool:
    """Whether patterns run on `low` (text.lower()) as lower_pattern's find what theirs do with re.I
    on text (see the module's docstring)."""
    return text.isascii() or (len(low) == len(text) and "\u0131" not in text and "\u017f" not in text)


# What follows "(?" in a pattern lower_pattern keeps: groups and lookarounds, no flag or named group.
_PLAIN_GROUPS = (":", "=", "!", "<=", "<!", ">")
# Characters outside ASCII that a pattern may hold for lower_pattern: quotation marks, dashes,
# spaces and marks with no case, which re.I matches only as themselves (checked for every code point).
_UNCASED = frozenset(
    "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u00ab\u00bb\u2010\u2011\u2012\u2013\u2014\u2015\u2026\u00a0\u00b7\u2022\u2032"
)


# Outside a set, the characters lower_pattern looks at one by one (the others are lower-cased by runs).
_SPECIAL = re.compile(r"[\\\[(]|[^\x00-\x7f]")
_LOWERED: dict[str, str | None] = {}


def lower_pattern(pattern: str) -> str | None:
    """`pattern` with its letters lower-cased, to be matched without re.I on lower-cased text
    (foldable_text) as `pattern` is with re.I on the text; None when that cannot be told from
    the pattern's text: a character outside ASCII but for a few marks without case, an escape of
    one (backslash u, U, x, N) or a digit (an octal escape, a back-reference), an inline flag
    (group names are kept as written), an upper-case letter in a set next to a "-" that does not
    make a range of two upper-case letters ("[A-z]" is not "[a-z]", "[A-Z]" is). Escapes keep their letter
    ("\\S" is not "\\s")."""
    # (kept: a leader's patterns recur in every finder of his readouts)
    if pattern in _LOWERED:
        return _LOWERED[pattern]
    got = _lower_pattern(pattern)
    if len(_LOWERED) > 4096:
        _LOWERED.clear()
    _LOWERED[pattern] = got
    return got


def _lower_pattern(pattern: str) -> str | None:
    out: list[str] = []
    i, n = 0, len(pattern)
    in_set = False
    while i < n:
        if not in_set:
            m = _SPECIAL.search(pattern, i)
            j = m.start() if m else n
            if j > i:
                out.append(pattern[i:j].lower())
                i = j
                continue
        c = pattern[i]
        if not c.isascii() and c not in _UNCASED:
            return None
        if c == "\\":
            nxt = pattern[i + 1 : i + 2]
            if not nxt or nxt in "uUxN" or nxt.isdigit() or not (nxt.isascii() or nxt in _UNCASED):
                return None
            out.append(c + nxt)
            i += 2
            continue
        if in_set:
            if c.isupper():
                end = pattern[i + 2 : i + 3]
                if pattern[i + 1 : i + 2] == "-" and end.isascii() and end.isupper():
                    out.append(f"{c.lower()}-{end.lower()}")
                    i += 3
                    continue
                if pattern[i - 1] == "-" or pattern[i + 1 : i + 2] == "-":
                    return None
            elif c == "]" and pattern[i - 1] != "[" and pattern[i - 2 : i] != "[^":
                in_set = False
        elif c == "[":
            in_set = True
        elif c == "(" and pattern.startswith(("(?P<", "(?P="), i):
            # a group's name, or a reference to one, as written
            close = pattern.find(">" if pattern[i + 3] == "<" else ")", i)
            if close < 0:
                return None
            out.append(pattern[i : close + 1])
            i = close + 1
            continue
        elif c == "(" and pattern[i + 1 : i + 2] == "?" and not pattern[i + 2 :].startswith(_PLAIN_GROUPS):
            return None
        out.append(c.lower())
        i += 1
    return "".join(out)


class FoldedPattern:
    """A pattern compiled with re.I, searched on the lower-cased text when that is the same."""

    def __init__(self, pattern: str) -> None:
        self.rx = re.compile(pattern, re.I)
        low = lower_pattern(pattern)
        self._low = re.compile(low) if low is not None else None
        # (text, its lower-cased copy): one attribute, replaced whole (threads may share it).
        self._last: tuple[str | None, str] = (None, "")

    @property
    def pattern(self) -> str:
        return self.rx.pattern

    def _pick(self, text: str) -> tuple[re.Pattern[str], str]:
        if self._low is None:
            return self.rx, text
        last = self._last
        if last[0] is not text:
            low = text.lower()
            if not foldable_text(text, low):
                return self.rx, text
            last = self._last = (text, low)
        return self._low, last[1]

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        rx, t = self._pick(text)
        return rx.search(t, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        rx, t = self._pick(text)
        return rx.match(t, pos, endpos)

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
