"""Attribution: both leaders as one coordinated subject, however the second is described (issue #11,
dev-b round). Invented sentences."""

from __future__ import annotations

from tests.annotate.helpers import LULA, MODI, SUNAK, said


def test_newly_elected_and_sir_describe_the_second_leader() -> None:
    text = (
        "Prime Minister Modi and newly elected British Prime Minister Sir Rishi Sunak have expressed their "
        "shared commitment to a free trade agreement between India and the United Kingdom."
    )
    assert said(text, (MODI, SUNAK), "shared commitment") == [("Narendra Modi", "Rishi Sunak")]


def test_the_named_leader_and_i_in_the_other_leaders_statement_is_joint() -> None:
    text = (
        "Prime Minister Modi held talks with President Lula in New Delhi on Monday. "
        "President Lula and I have reaffirmed the importance of our strategic partnership in energy."
    )
    assert said(text, (MODI, LULA), "reaffirmed the importance") == [("Luiz Inácio Lula da Silva", "Narendra Modi")]
