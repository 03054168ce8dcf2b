"""Attribution: appreciation of the relationship itself ("expressed appreciation for the growth of
bilateral relations") is a stance on it, not a courtesy; appreciation for help stays a courtesy
(GUIDELINES: thanks are courtesies, welcoming an outcome is a position) (issue #11, dev-b round).
Invented sentences."""

from __future__ import annotations

from tests.annotate.helpers import LULA, MODI, said


def test_appreciation_for_the_relationship_is_a_position() -> None:
    text = (
        "Prime Minister Modi spoke with President Lula on Monday. "
        "He expressed appreciation for the steady growth of bilateral relations between India and Brazil."
    )
    assert said(text, (MODI, LULA), "steady growth") == [("Narendra Modi",)]


def test_appreciation_for_help_stays_a_courtesy() -> None:
    text = (
        "Prime Minister Modi spoke with President Lula on Monday. "
        "He expressed appreciation for the help Brazil sent after the floods in Assam."
    )
    assert said(text, (MODI, LULA), "floods in Assam") == []
