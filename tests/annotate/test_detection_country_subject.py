"""The issuing side's country as subject (issue #11, detection class): a participant's country that
opens the sentence and states its readiness is its leader's pledge. Invented sentences."""

from __future__ import annotations

from tests.annotate.helpers import MACRON, SCHOLZ, said

PAIR = (MACRON, SCHOLZ)
LEAD = "President Macron spoke with Chancellor Scholz on Monday. "


def test_a_participants_country_ready_to_act_is_its_leaders_pledge() -> None:
    text = LEAD + "France is prepared to work with Germany on a common hydrogen network."
    assert said(text, PAIR, "hydrogen") == [("Emmanuel Macron",)]
    text = LEAD + "Germany is ready to expand the joint battery plant in Alsace."
    assert said(text, PAIR, "battery") == [("Olaf Scholz",)]


def test_a_third_countrys_readiness_is_nobodys_position() -> None:
    text = LEAD + "Italy is ready to join the hydrogen network next year."
    assert said(text, PAIR, "hydrogen") == []
