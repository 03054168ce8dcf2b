"""Classes of positions the rules missed on real readouts (issue #11, fifth pass, second round):
one invented wording per case, with counter-examples that must stay unattributed. The learned
fallback is turned off here, so that each test shows what the rules alone do."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.annotate import Participant, learned_detection
from tests.annotate.helpers import XI, run

BORIC = Participant("Gabriel Boric", "President", "Chile", "male")


@pytest.fixture(autouse=True)
def _rules_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(learned_detection, "model", lambda name: None)
    yield


def said(text: str, parts: tuple[Participant, ...], needle: str) -> list[tuple[str, ...]]:
    return [p.speakers for p in run(text, parts).positions if needle in text[p.start : p.end]]


def _xi_paragraph(follow: str) -> str:
    return (
        "Xi Jinping met with President Gabriel Boric in Bangkok.\n\n"
        f"Xi Jinping noted that Chile was the first country in the region to recognise China. {follow}"
    )


# -- a present perfect in the leader's paragraph is what he says the relationship has become ------


@pytest.mark.parametrize(
    "follow",
    [
        "For more than half a century, the relationship has been a pioneer in the region.",
        "Over the past 50 years, the partnership has been increasingly mature and sound.",
        "The cooperation between the two countries on vaccines has formed an all-round pattern.",
        "Positive progress has been made in the construction of the port and the railway.",
        "Bilateral trade has doubled in five years, setting an example for the region.",
        "The two economies have grown ever more complementary.",
    ],
)
def test_a_present_perfect_goes_on_with_the_paragraphs_speaker(follow: str) -> None:
    assert said(_xi_paragraph(follow), (XI, BORIC), follow[:25]) == [("Xi Jinping",)]


@pytest.mark.parametrize(
    "follow",
    [
        # the perfect of a narration verb narrates the meetings, it says nothing
        "The two leaders have held talks three times this year.",
        "The two sides have had several phone calls since January.",
        # the past perfect is background, and so is a year
        "China had lifted the restrictions on Chilean fruit in 2019.",
        # the meeting as subject is the outlet's narration
        "The meeting has attracted wide attention in both countries.",
    ],
)
def test_a_perfect_that_narrates_does_not_go_on(follow: str) -> None:
    assert said(_xi_paragraph(follow), (XI, BORIC), follow[:25]) == []
