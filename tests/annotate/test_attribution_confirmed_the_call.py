"""Attribution: a leader confirming that he received or had a call reports the call itself, no
position (GUIDELINES: descriptions of the call itself are narration); content after it still
counts (issue #11, dev-b round). Invented sentences."""

from __future__ import annotations

from tests.annotate.helpers import LULA, MODI, said


def test_confirming_he_received_a_call_is_narration() -> None:
    text = "Prime Minister Modi confirmed that he received a phone call from President Lula on Sunday evening."
    assert said(text, (MODI, LULA), "received a phone call") == []


def test_content_after_the_call_still_counts() -> None:
    text = (
        "Prime Minister Modi said that he had a long phone call with President Lula and agreed to expand "
        "ethanol trade between India and Brazil."
    )
    assert said(text, (MODI, LULA), "ethanol trade") != []


def test_saying_several_issues_were_discussed_is_narration() -> None:
    text = (
        "Prime Minister Modi said several issues were discussed during the hour-long conversation with "
        "President Lula, including energy and the climate summit."
    )
    assert said(text, (MODI, LULA), "several issues") == []


def test_saying_the_discussions_included_a_subject_is_narration() -> None:
    text = (
        "President Lula revealed that discussions with his Indian counterpart included ethanol trade and the "
        "climate summit in Belem."
    )
    assert said(text, (MODI, LULA), "ethanol trade") == []
