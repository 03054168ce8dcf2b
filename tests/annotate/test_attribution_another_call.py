"""Attribution: a leader's talk with someone who is no participant, reported beside this call, is
another communication, so what he said there is no position of this one (GUIDELINES: words said
elsewhere are not positions); a talk with the participant still is (issue #11, dev-b round).
Invented sentences."""

from __future__ import annotations

from tests.annotate.helpers import LULA, MODI, said


def test_talk_with_a_leader_who_is_no_participant_is_another_call() -> None:
    text = (
        "Prime Minister Modi spoke with President Lula on Monday about ethanol trade. "
        "Modi also spoke to his Argentine counterpart Javier Milei, stressing the need for lithium supplies."
    )
    assert said(text, (MODI, LULA), "lithium supplies") == []


def test_talk_with_the_participant_keeps_its_content() -> None:
    text = (
        "Prime Minister Modi spoke with President Lula on Monday, stressing the need for lithium supplies "
        "from Brazil to India."
    )
    assert said(text, (MODI, LULA), "lithium supplies") == [("Narendra Modi",)]
