"""Attribution with the participants given (issue #11): the right speakers for a position the
annotator found — descriptions, titles and pronouns resolved to the leader they mean. Each rule
has an invented sentence here."""

from __future__ import annotations

import pytest

from app.annotate import Participant
from tests.annotate.helpers import LULA, MODI, SCHOLZ, TOKAYEV, XI, run, speakers_of

L, X = ("Luiz Inácio Lula da Silva",), ("Xi Jinping",)
ALIYEV = Participant("Ilham Aliyev", "President", "Azerbaijan", "male")
PASHINYAN = Participant("Nikol Pashinyan", "Prime Minister", "Armenia", "male")


def check(text: str, needle: str, expected, participants=(LULA, XI)):
    ann = run(text, participants)
    assert speakers_of(ann, text, needle) == expected, [(text[p.start : p.end], p.speakers) for p in ann.positions]


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("The South American leader", [L]),
        ("The Latin American ruler", [L]),
        ("The Chinese head of state", [X]),
    ],
)
def test_a_leader_described_by_his_region_is_the_participant_from_there(description, expected):
    # "the South American leader" in a Brazil-China readout can only be Lula.
    text = (
        "Xi Jinping held a phone call with Lula on Monday. "
        f"{description} also said that his country was ready to expand rail links with its partner."
    )
    check(text, "rail links", [expected[0]])


def test_a_region_shared_by_both_participants_names_nobody():
    # Azerbaijan and Armenia are both in the South Caucasus: the description picks neither.
    text = (
        "Ilham Aliyev spoke with Nikol Pashinyan on Friday. "
        "The South Caucasus leader said that the border commission should meet again in spring."
    )
    ann = run(text, (ALIYEV, PASHINYAN))
    assert all(p.speakers != ("Ilham Aliyev",) for p in ann.positions if "commission" in text[p.start : p.end])
    assert all(p.speakers != ("Nikol Pashinyan",) for p in ann.positions if "commission" in text[p.start : p.end])


def test_a_region_description_is_found_with_other_participants_too():
    text = (
        "Kassym-Jomart Tokayev met Olaf Scholz in Berlin. "
        "The Central Asian leader stressed that his country would double its grain exports to Europe."
    )
    check(text, "grain exports", [("Kassym-Jomart Tokayev",)], (TOKAYEV, SCHOLZ))


def test_region_words_in_other_uses_are_no_leader():
    # "South American countries" is not a description of a leader.
    text = "Lula spoke with Modi. South American countries want more trade with India, an official said."
    ann = run(text, (LULA, MODI))
    assert not speakers_of(ann, text, "South American countries")
