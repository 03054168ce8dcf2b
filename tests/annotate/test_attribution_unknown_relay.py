"""Attribution: someone the readout does not introduce, named by a bare surname ("Seale said ..."),
reporting what a leader did relays the leader, as "the Kremlin said Putin told ..." does; his own
words stay no position (issue #11, dev-b round). Invented sentences."""

from __future__ import annotations

from tests.annotate.helpers import LULA, MODI, said


def test_bare_name_reporting_the_leader_relays_him() -> None:
    text = (
        "Prime Minister Modi spoke with President Lula on Monday. "
        "Okafor said Lula agreed to back the proposal for a biofuels alliance at the G20."
    )
    assert said(text, (MODI, LULA), "biofuels alliance") == [("Luiz Inácio Lula da Silva",)]


def test_bare_name_with_words_of_his_own_is_no_position() -> None:
    text = (
        "Prime Minister Modi spoke with President Lula on Monday. "
        "Okafor said the biofuels alliance would be discussed again at the G20."
    )
    assert said(text, (MODI, LULA), "biofuels alliance") == []
