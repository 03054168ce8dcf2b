"""The outlet's background and other people's acts after a leader's statement (issue #11, detection
class: spurious continuations). Invented sentences."""

from __future__ import annotations

from tests.annotate.helpers import MACRON, SCHOLZ, said

PAIR = (MACRON, SCHOLZ)
LEAD = "President Macron spoke with Chancellor Scholz on Monday. "


def test_it_should_be_recalled_is_the_outlets_background() -> None:
    text = LEAD + (
        "Macron stressed that the two countries must build the new tank together. "
        "It should be recalled that the programme was launched to replace the old fleets."
    )
    assert said(text, PAIR, "recalled") == []
    assert said(text, PAIR, "tank") == [("Emmanuel Macron",)]
    text = LEAD + "It may be recalled that Scholz had said France was Germany's closest partner."
    assert said(text, PAIR, "closest partner") == []


def test_an_official_as_subject_does_not_go_on_with_the_leaders_statement() -> None:
    text = LEAD + (
        "Scholz noted that the new rail link will bring the two economies closer. "
        "After that, the Deputy Transport Ministers of both countries cut the ribbon at the station."
    )
    assert said(text, PAIR, "ribbon") == []
    assert said(text, PAIR, "rail link") == [("Olaf Scholz",)]
