"""Re-runs pair stored positions with found ones by span, so ids survive wherever the span does."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from app.ingest.span_matching import overlapping, pair_by_span


@dataclass(frozen=True)
class Row:
    start: int
    end: int
    speakers: frozenset[str]
    tag: int  # identity: equal spans and speakers may still be two rows


rows = st.lists(
    st.builds(
        lambda start, length, speakers, tag: Row(start, start + length, frozenset(speakers), tag),
        st.integers(0, 6),
        st.integers(1, 3),
        st.sets(st.sampled_from(["xi", "putin", "modi"]), min_size=1, max_size=2),
        st.integers(0, 10**6),
    ),
    max_size=12,
)


def span(r: Row) -> tuple[int, int]:
    return (r.start, r.end)


def speakers(r: Row) -> frozenset[str]:
    return r.speakers


@given(rows, rows)
def test_every_row_is_used_once_and_pairs_share_their_span(stored: list[Row], found: list[Row]) -> None:
    out = pair_by_span(stored, found, span, speakers)
    assert sorted(map(id, [o for o, _ in out.pairs] + out.stored_only)) == sorted(map(id, stored))
    assert sorted(map(id, [n for _, n in out.pairs] + out.found_only)) == sorted(map(id, found))
    assert all(span(o) == span(n) for o, n in out.pairs)
    # No span is left unpaired on both sides: an id survives wherever its span is found again.
    assert not {span(o) for o in out.stored_only} & {span(n) for n in out.found_only}


@given(rows)
def test_finding_the_same_rows_again_pairs_each_with_an_equal_one(stored: list[Row]) -> None:
    out = pair_by_span(stored, list(stored), span, speakers)
    assert out.stored_only == [] and out.found_only == []
    assert all(span(o) == span(n) and speakers(o) == speakers(n) for o, n in out.pairs)


def test_overlapping_names_the_position_over_the_most_of_the_same_words() -> None:
    assert overlapping(10, 20, [(0, 12, 1), (12, 30, 2), (40, 50, 3)]) == 2
    assert overlapping(10, 20, [(40, 50, 3)]) is None
