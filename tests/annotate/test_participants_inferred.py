"""Participants inferred from a readout's title and opening, resolved through the registry
(data/leaders.yaml): leaders of 2017-2025 from every region, the one in office on the readout's
date when two share an office, and the classes of misread openings the inference guards against."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.annotate import Participant
from app.annotate.leaders import infer_participants
from app.annotate.sentences import split_sentences
from app.ingest.seed_files import read_leaders

REPO = Path(__file__).resolve().parents[2]
REGISTRY = [
    Participant(le.name, le.office, le.country, le.gender, le.aliases)
    for le in read_leaders(REPO / "data" / "leaders.yaml")
]


def inferred(text: str, title: str = "") -> list[Participant]:
    return list(infer_participants(text, split_sentences(text), REGISTRY, title=title))


def names(text: str, title: str = "") -> list[str]:
    return [p.name for p in inferred(text, title)]


# -- registry coverage ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "leader", "country", "gender"),
    [
        (
            "On 12 March 2021, President Xi Jinping held a phone call with President Duque of Colombia.",
            "Iván Duque",
            "Colombia",
            "male",
        ),
        (
            "On 4 June 2022, Chancellor Olaf Scholz received Prime Minister Kaja Kallas in Berlin.",
            "Kaja Kallas",
            "Estonia",
            "female",
        ),
        (
            "On 9 May 2023, Xi Jinping held talks with Zambian President Hakainde Hichilema in Beijing.",
            "Hakainde Hichilema",
            "Zambia",
            "male",
        ),
        (
            "On 2 February 2022, Prime Minister Narendra Modi spoke by phone with Lotay Tshering, the Prime "
            "Minister of Bhutan.",
            "Lotay Tshering",
            "Bhutan",
            "male",
        ),
    ],
)
def test_a_registry_leader_of_any_region_is_resolved_with_country_and_gender(
    text: str, leader: str, country: str, gender: str
) -> None:
    found = {p.name: p for p in inferred(text)}
    assert leader in found, found
    assert (found[leader].country, found[leader].gender) == (country, gender)


@pytest.mark.parametrize(
    ("date", "taoiseach"),
    [("14 March 2021", "Micheál Martin"), ("14 March 2023", "Leo Varadkar"), ("14 March 2025", "Micheál Martin")],
)
def test_the_terms_pick_which_of_two_leaders_with_one_office_a_surname_means(date: str, taoiseach: str) -> None:
    # Martin and Varadkar alternated as Taoiseach: the bare office is resolved by the date.
    text = (
        f"On {date}, the Taoiseach of Ireland held a phone call with President Joe Biden. "
        "Ireland and the United States discussed trade."
    )
    assert taoiseach in names(text, title=f"Taoiseach call with President Biden: {date}")


def test_a_vice_president_is_a_participant_by_name() -> None:
    text = "On 10 February 2022, Vice President Kamala Harris met Prime Minister Fumio Kishida in Washington."
    assert set(names(text)) == {"Kamala Harris", "Fumio Kishida"}


def test_a_new_country_is_known_by_its_other_names() -> None:
    text = "On 5 July 2023, President Xi Jinping met Ivorian President Alassane Ouattara in Beijing."
    found = {p.name: p.country for p in inferred(text)}
    assert found.get("Alassane Ouattara") == "Côte d'Ivoire"


# -- leaders named as context -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "On 23 September 2023, President Xi Jinping met King Norodom Sihamoni in Hangzhou and told him that "
        "recently he met with Cambodian Prime Minister Hun Manet in Beijing.",
        "Chinese President Xi Jinping has pledged to strengthen ties with Fiji. He relayed this to Prime Minister "
        "Sitiveni Rabuka during a meeting on 20 August 2024. Rabuka hailed Xi's meeting last year with US "
        "President Joe Biden in San Francisco.",
    ],
)
def test_a_leader_named_in_another_earlier_event_is_no_participant(text: str) -> None:
    assert len(names(text)) == 2 and "Xi Jinping" in names(text), names(text)


def test_leaders_listed_in_an_earlier_event_are_no_participants() -> None:
    text = (
        "In Suva on 15 March 2023, the prime ministers reaffirmed their partnership. Prime Minister Anthony "
        "Albanese's visit to Fiji follows his recent meetings with the United States President Joe Biden and "
        "Prime Minister of India Narendra Modi. Prime Minister Sitiveni Rabuka thanked him."
    )
    assert names(text) == ["Anthony Albanese", "Sitiveni Rabuka"]


# -- an unnamed office of a named country ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        (
            "The President of Russia congratulated Nguyen Phu Trong on his re-election on 5 April 2021 and "
            "passed on greetings to Nguyen Xuan Phuc, who assumed power as President of Vietnam today.",
            "Vladimir Putin",
        ),
        (
            "Italy's prime minister held a phone call with Egyptian President Abdel Fattah el-Sisi on 27 Feb 2025.",
            "Giorgia Meloni",
        ),
        ("The UK\u2019s prime minister spoke to President Joe Biden on 22 January 2024 about Gaza.", "Rishi Sunak"),
    ],
)
def test_an_unnamed_office_of_a_named_country_opening_the_readout_is_its_leader(text: str, leader: str) -> None:
    found = names(text)
    assert leader in found and len(found) == 2, found


# -- the office the readout gives ----------------------------------------------------------


def test_the_office_a_readout_gives_a_registry_leader_is_the_one_held_that_day() -> None:
    # The registry holds his latest office (President of the UAE since May 2022).
    text = (
        "Russian President Vladimir Putin and Abu Dhabi Crown Prince Sheikh Mohammed bin Zayed held a phone "
        "call on 1 March 2022."
    )
    titles = {p.name: p.title for p in inferred(text)}
    assert titles.get("Mohamed bin Zayed Al Nahyan") == "Crown Prince", titles


def test_a_form_of_address_does_not_replace_the_office() -> None:
    text = "On 5 May 2023, President Xi Jinping held talks with Sheikh Tamim bin Hamad Al Thani in Beijing."
    titles = {p.name: p.title for p in inferred(text)}
    assert "Emir" in titles.values(), titles


# -- the unnamed issuing leader ----------------------------------------------------------------


def test_the_issuing_side_is_the_country_named_beside_the_other_side_not_the_subject_of_the_talks() -> None:
    # Israel is named more often than the UK, but only as what the leaders discussed.
    text = (
        "The Prime Minister spoke to US President Biden this evening. They discussed the situation in Israel "
        "and Gaza, Israeli hostages and the security of Israel. The leaders paid tribute to the British and "
        "American personnel in the region."
    )
    assert names(text, title="PM call with President Biden: 22 January 2024") == ["Rishi Sunak", "Joe Biden"]


def test_without_a_pair_the_most_named_country_still_decides() -> None:
    text = (
        "The Prime Minister spoke to Prime Minister Imran Khan of Pakistan today. The Prime Minister said the "
        "UK would continue to support the UK-hosted COP26 Summit."
    )
    assert names(text, title="PM call with Prime Minister Khan of Pakistan: 7 June 2021")[0] == "Boris Johnson"


# -- a registry leader's family name misspelt ------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one letter off in the family name of an otherwise exact name: the registry's leader,
        # still found where the readout writes the typo alone
        (
            "On 4 May 2025, President Zelensky spoke by phone with Australian Prime Minister Anthony Albanesa. "
            "Zelensky invited Albanesa to visit Kyiv.",
            ["Volodymyr Zelensky", "Anthony Albanese"],
        ),
        (
            "On 15 September 2023, President Xi Jinping met with Cambodian Prime Minister Hun Manut in Beijing.",
            ["Xi Jinping", "Hun Manet"],
        ),
        # three letters off is another name, and a first name spelt otherwise is the outlet's own spelling
        (
            "On 15 September 2023, President Xi Jinping met with Cambodian Prime Minister Hun Mopot in Beijing.",
            ["Xi Jinping", "Hun Mopot"],
        ),
    ],
)
def test_a_misspelt_family_name_is_the_registry_leader(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_the_misspelt_form_stays_a_name_of_the_leader() -> None:
    text = (
        "On 4 May 2025, President Zelensky spoke by phone with Australian Prime Minister Anthony Albanesa. "
        "Zelensky invited Albanesa to visit Kyiv."
    )
    albanese = inferred(text)[1]
    assert "Albanesa" in albanese.aliases
