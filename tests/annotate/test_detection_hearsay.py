"""Hearsay reports (issue #11, read on dev-b, three outlets): the outlet reports at second hand what
a leader did in the talks ("are said to have agreed", "It is also reported that X proposed",
"<outlet> gathered that X briefed ..."); the leader's own clause is the position."""

from __future__ import annotations

from tests.annotate.helpers import KISHIDA, SCHOLZ, said

OPENING = "Chancellor Olaf Scholz spoke with Prime Minister Fumio Kishida on Monday.\n\n"


def test_said_to_have_agreed() -> None:
    text = OPENING + "The two leaders are said to have agreed that the trade talks would resume in March.\n"
    assert said(text, (SCHOLZ, KISHIDA), "resume") == [("Fumio Kishida", "Olaf Scholz")]


def test_it_is_reported_that_a_leader_proposed() -> None:
    text = OPENING + "It is also reported that Chancellor Scholz proposed a joint fund for hydrogen research.\n"
    assert said(text, (SCHOLZ, KISHIDA), "hydrogen") == [("Olaf Scholz",)]


def test_an_outlet_gathered_that_a_leader_briefed_on_his_plans() -> None:
    text = OPENING + "The Daily Courier gathered that Kishida briefed Scholz on Japan's plans to expand its grid.\n"
    assert said(text, (SCHOLZ, KISHIDA), "grid") == [("Fumio Kishida",)]


def test_a_leader_reported_on_is_not_hearsay() -> None:
    # "was reported" with no "to have" and no "that" clause: narration stays narration.
    text = OPENING + "The visit was reported widely in the Japanese press.\n"
    assert said(text, (SCHOLZ, KISHIDA), "press") == []
