"""Quotations running over paragraphs (issue #11, read on dev-b): a quotation left open at a
paragraph end goes on into a paragraph that closes it with a reporting clause, even when that
paragraph does not reopen it; an opening mark typed for the closing one still closes; and what
the speaker reports the other leader did, inside such a quotation, is the other leader's."""

from __future__ import annotations

from tests.annotate.helpers import KISHIDA, SCHOLZ, said

TEXT = (
    "Chancellor Olaf Scholz spoke with Prime Minister Fumio Kishida on Friday.\n\n"
    "Scholz, in a post on his page, said the flooding had been raised during the call.\n\n"
    "\u201cThe floods in the Rhine valley have shown how exposed our towns are.\n\n"
    "I call on every partner to do more for climate adaptation. Happily, Kishida reaffirmed his "
    "firm commitment to help the towns rebuild,\u201c he said.\n\n"
    "The two leaders will meet again in Tokyo."
)


def test_a_quotation_goes_on_into_a_paragraph_that_closes_it() -> None:
    assert said(TEXT, (SCHOLZ, KISHIDA), "The floods") == [("Olaf Scholz",)]
    assert said(TEXT, (SCHOLZ, KISHIDA), "I call on") == [("Olaf Scholz",)]


def test_what_the_speaker_reports_the_other_leader_did_is_his() -> None:
    assert said(TEXT, (SCHOLZ, KISHIDA), "Happily") == [("Fumio Kishida",)]


def test_a_stray_mark_still_ends_at_the_paragraph() -> None:
    # The next paragraph neither reopens nor closes the quotation: its sentences are not quoted.
    text = (
        "Chancellor Olaf Scholz spoke with Prime Minister Fumio Kishida on Friday.\n\n"
        "Scholz said the talks covered \u201cthe energy transition.\n\n"
        "The weather in Berlin was mild on Friday."
    )
    assert said(text, (SCHOLZ, KISHIDA), "weather") == []
