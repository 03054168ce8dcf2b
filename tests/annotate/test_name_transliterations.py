"""A participant's family name as an outlet transliterates it is still that participant
(invented sentences; real readouts write "Zelenskyi", "Mirziyoev", "Berdymukhammedov")."""

from __future__ import annotations

from app.annotate.leaders import written_variants
from app.annotate.models import Participant

from .helpers import said

ZELENSKY = Participant("Volodymyr Zelensky", "President", "Ukraine")
MACRON = Participant("Emmanuel Macron", "President", "France")


def test_a_transliteration_of_the_family_name_is_found() -> None:
    assert written_variants("Volodymyr Zelensky", "President Zelenskyi said so.") == ("Zelenskyi",)
    assert written_variants("Shavkat Mirziyoyev", "Mirziyoev noted it.") == ("Mirziyoev",)
    assert written_variants("Gurbanguly Berdimuhamedov", "Berdymukhammedov stressed it.") == ("Berdymukhammedov",)


def test_other_words_and_other_participants_are_not_variants() -> None:
    assert written_variants("Joe Biden", "Talks in Baden went well.") == ()
    assert written_variants("Emmanuel Macron", "Macron met Zelenskyi.", others=["Volodymyr Zelensky"]) == ()
    assert written_variants("Volodymyr Zelensky", "Zelensky spoke.") == ()  # written as the registry writes it
    assert written_variants("Xi Jinping", "Xi spoke of Xiamen.") == ()


def test_a_position_under_another_spelling_goes_to_the_participant() -> None:
    text = (
        "President Emmanuel Macron held a phone call with President Volodymyr Zelenskyi.\n"
        "Zelenskyi said that Ukraine is ready to resume talks on grain exports."
    )
    assert said(text, (MACRON, ZELENSKY), "grain") == [("Volodymyr Zelensky",)]
