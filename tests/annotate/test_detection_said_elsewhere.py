"""Words said elsewhere (issue #11, read on dev-b, two outlets): what a leader or his office said
before this exchange ("Before the meeting, ...") or in another statement ("In an earlier statement
to mark ..., X said") is no position of this exchange."""

from __future__ import annotations

from tests.annotate.helpers import KISHIDA, SCHOLZ, said

OPENING = "Chancellor Olaf Scholz spoke with Prime Minister Fumio Kishida on Monday.\n\n"


def test_before_the_meeting_is_another_occasion() -> None:
    text = OPENING + "Before the meeting, Scholz said his priority was to secure energy supplies.\n"
    assert said(text, (SCHOLZ, KISHIDA), "priority") == []


def test_an_earlier_statement_is_another_occasion() -> None:
    text = (
        OPENING
        + "In a earlier statement to mark the anniversary, Kishida said the two peoples had built a lasting bond.\n"
    )
    assert said(text, (SCHOLZ, KISHIDA), "lasting bond") == []


def test_what_the_leaders_said_in_the_meeting_still_counts() -> None:
    text = OPENING + "During the meeting, Scholz said his priority was to secure energy supplies.\n"
    assert said(text, (SCHOLZ, KISHIDA), "priority") == [("Olaf Scholz",)]
