"""Pairing stored positions with newly found ones by span, so a re-run updates rows in place.

A position keeps its id wherever its span (start, end) is unchanged: re-annotating or re-seeding
updates its speakers, topics and act instead of deleting and re-inserting it. Within one span (two
leaders reported separately in one sentence) the pairs with the same speakers are made first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

Old = TypeVar("Old")
New = TypeVar("New")
Speakers = frozenset[str]


@dataclass
class Pairing(Generic[Old, New]):
    pairs: list[tuple[Old, New]] = field(default_factory=list)
    stored_only: list[Old] = field(default_factory=list)
    found_only: list[New] = field(default_factory=list)


def pair_by_span(
    stored: Sequence[Old],
    found: Sequence[New],
    span: Callable[[Old | New], tuple[int, int]],
    speakers: Callable[[Old | New], Speakers],
) -> Pairing[Old, New]:
    """Pairs (stored, found) of equal spans, speakers-equal ones first; the rest on either side."""
    out: Pairing[Old, New] = Pairing()
    waiting: dict[tuple[int, int], list[Old]] = {}
    for old in stored:
        waiting.setdefault(span(old), []).append(old)
    later: list[New] = []
    for new in found:  # exact matches first
        olds = waiting.get(span(new), [])
        same = next((o for o in olds if speakers(o) == speakers(new)), None)
        if same is None:
            later.append(new)
            continue
        olds.remove(same)
        out.pairs.append((same, new))
    for new in later:
        olds = waiting.get(span(new), [])
        if olds:
            out.pairs.append((olds.pop(0), new))
        else:
            out.found_only.append(new)
    out.stored_only = [o for olds in waiting.values() for o in olds]
    return out


def overlapping(start: int, end: int, candidates: Sequence[tuple[int, int, int]]) -> int | None:
    """The id of the candidate (start, end, id) overlapping [start, end) the most, if any."""
    best, best_len = None, 0
    for s, e, ident in candidates:
        length = min(end, e) - max(start, s)
        if length > best_len:
            best, best_len = ident, length
    return best
