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


PARAGRAPH = (
    "Chancellor Olaf Scholz received Prime Minister Fumio Kishida in Berlin on Friday.\n\n"
    "There was great scope for the two countries to work together on hydrogen, Scholz said.\n\n"
    "Photo: pool\n\n"
    '"We believe that joint research on clean fuels is essential for both our economies."\n\n'
    "The two leaders will meet again in Tokyo."
)


def test_a_paragraph_that_is_one_unattributed_quotation_goes_on_with_the_speaker() -> None:
    assert said(PARAGRAPH, (SCHOLZ, KISHIDA), "joint research") == [("Olaf Scholz",)]


def test_a_quoted_paragraph_naming_the_leaders_is_not_his() -> None:
    # An outlet quoting a readout in the third person: not the last speaker's own words.
    text = PARAGRAPH.replace("We believe that", "The leaders discussed how")
    assert said(text, (SCHOLZ, KISHIDA), "joint research") == []
