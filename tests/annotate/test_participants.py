"""Participants inferred from a readout with the leader registry: dates and terms of office,
the unnamed issuing side, the name as the readout writes it, and the registry itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.annotate import Participant, lexicon_files
from app.annotate.leaders import in_office, infer_participants, readout_date
from app.annotate.sentences import split_sentences
from app.ingest.seed_files import read_leaders

REPO = Path(__file__).resolve().parents[2]
REGISTRY = [
    Participant(le.name, le.office, le.country, le.gender, le.aliases)
    for le in read_leaders(REPO / "data" / "leaders.yaml")
]


def names(text: str, title: str = "") -> set[str]:
    return {p.name for p in infer_participants(text, split_sentences(text), REGISTRY, title=title)}


@pytest.mark.parametrize(
    ("title", "text", "iso"),
    [
        ("PM call with President Xi of China: 18 February 2020", "The Prime Minister spoke.", "2020-02-18"),
        ("", "Published Sun, Aug 22, 2021 9:06 AM. The Prime Minister spoke.", "2021-08-22"),
        ("", " date 2021-08-28 A spokesperson said:", "2021-08-28"),
        ("", "On March 3rd, 2023, the leaders met.", "2023-03-03"),
        ("", "The leaders met on Monday.", None),
    ],
)
def test_the_readouts_date(title: str, text: str, iso: str | None) -> None:
    assert readout_date(text, title) == iso


def test_terms_of_office_come_from_the_registry() -> None:
    johnson = next(p for p in REGISTRY if p.name == "Boris Johnson")
    trump = next(p for p in REGISTRY if p.name == "Donald Trump")
    assert in_office(johnson, "2021-06-07") is True
    assert in_office(johnson, "2023-01-01") is False
    assert in_office(trump, "2022-05-01") is False and in_office(trump, "2025-06-05") is True
    assert in_office(Participant("Nobody Known"), "2021-01-01") is None


@pytest.mark.parametrize(
    ("date", "pm"),
    [("7 June 2021", "Boris Johnson"), ("23 August 2024", "Keir Starmer"), ("2 March 2023", "Rishi Sunak")],
)
def test_the_unnamed_prime_minister_of_the_issuing_side_is_the_one_in_office(date: str, pm: str) -> None:
    text = (
        "The Prime Minister spoke to Prime Minister Imran Khan of Pakistan this afternoon. "
        "The leaders discussed the UK's support. The Prime Minister said the UK would help."
    )
    assert names(text, title=f"PM call with Prime Minister Khan of Pakistan: {date}") == {pm, "Imran Khan"}


def test_an_unnamed_president_without_a_date_or_country_stays_unknown() -> None:
    text = "The President spoke with Prime Minister Kishida of Japan today. They discussed the region."
    assert names(text) == {"Fumio Kishida"}


def test_another_spelling_of_a_registry_leader_is_served_as_the_registry_name() -> None:
    text = "President Yoon Suk-yeol and Japanese Prime Minister Fumio Kishida held a summit in Phnom Penh."
    assert names(text) == {"Yoon Suk Yeol", "Fumio Kishida"}
    # A formal style is no other spelling: the registry's name stays.
    text = "Prime Minister Modi held a call with the Honorable Joseph R. Biden, Jr., President of the United States."
    assert names(text) == {"Narendra Modi", "Joe Biden"}


def test_a_lead_naming_both_sides_sets_the_pair() -> None:
    text = (
        "Japanese Prime Minister Shigeru Ishiba told Chinese President Xi Jinping in their first talks that peace "
        "matters. The remarks came as US President Joe Biden prepared to meet Xi for the last time."
    )
    assert names(text) == {"Shigeru Ishiba", "Xi Jinping"}


def test_a_leader_out_of_office_on_the_date_is_not_taken_from_the_headline() -> None:
    text = "Xi and Biden held a video call on 18 March 2022. They discussed Ukraine."
    assert names(text, title="Xi, Biden hold call; Trump criticises") == {"Xi Jinping", "Joe Biden"}


def test_family_name_first_and_arabic_article_names_resolve() -> None:
    assert names("President Bashar al-Assad received a phone call from President of Russia Vladimir Putin.") == {
        "Bashar al-Assad",
        "Vladimir Putin",
    }
    assert names("Prime Minister KISHIDA Fumio held a telephone talk with Prime Minister Pham Minh Chinh.") == {
        "Fumio Kishida",
        "Pham Minh Chinh",
    }


def test_the_registry_covers_the_g20_and_the_regions_with_valid_terms() -> None:
    registry = {p.name for p in REGISTRY}
    for leader in (
        "Shavkat Mirziyoyev",
        "Tamim bin Hamad Al Thani",
        "Anwar Ibrahim",
        "Hassan Rouhani",
        "Imran Khan",
        "Alberto Fernández",
        "Theresa May",
        "Charles Michel",
    ):
        assert leader in registry
    terms = lexicon_files.leader_terms()
    assert all(a <= b or not b for spans in terms.values() for a, b in spans)
    assert terms["boris johnson"] == (("2019-07-24", "2022-09-06"),)


def test_a_headline_names_the_pair_in_the_order_it_names_them() -> None:
    text = "The Ukrainian President was rocked overnight by the announcement. The move has been widely condemned."
    title = "Keir Starmer gives major update to Zelensky after Donald Trump aid bombshell, 4 March 2025"
    assert names(text, title=title) == {"Keir Starmer", "Volodymyr Zelensky"}


def test_a_repeated_name_is_not_a_shorter_leaders_name() -> None:
    text = (
        "KABUL (Pajhwok): President Ashraf Ghani and High Council for National Reconciliation Chairman "
        "Dr. Abdullah Abdullah have met US President Joe Biden."
    )
    assert names(text) == {"Mohammad Ashraf Ghani", "Joe Biden"}  # the registry's full name, as the gold has it


def test_a_wire_lead_that_reports_what_each_leader_said() -> None:
    text = (
        "Japanese Prime Minister Fumio Kishida reiterated the importance of stability while Chinese Premier "
        "Li Qiang said Taiwan is a red line. Before the three leaders met, Kishida, Li and South Korean President "
        "Yoon Suk-yeol held bilateral meetings."
    )
    assert names(text) == {"Fumio Kishida", "Li Qiang"}


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "ASTANA, 12 March 2023 - Tokayev held a phone call with his Uzbek counterpart on Monday.",
            {"Kassym-Jomart Tokayev", "Shavkat Mirziyoyev"},
        ),
        (
            "ROME, 5 June 2023 - Italian Prime Minister Giorgia Meloni spoke by phone with the Ukrainian president.",
            {"Giorgia Meloni", "Volodymyr Zelensky"},
        ),
        ("On 3 May 2018, President Xi spoke with the Japanese prime minister.", {"Xi Jinping", "Shinzo Abe"}),
        ("On 3 May 2022, President Xi spoke with the Japanese prime minister.", {"Xi Jinping", "Fumio Kishida"}),
    ],
)
def test_an_unnamed_counterpart_or_role_is_the_leader_in_office(text: str, pair: set[str]) -> None:
    assert names(text) == pair


def test_an_unnamed_role_without_a_date_and_several_holders_stays_unknown() -> None:
    assert names("President Xi spoke with the Japanese prime minister.") == {"Xi Jinping"}


def test_gulf_and_asian_honorifics_are_not_part_of_the_name() -> None:
    text = (
        "UAE President His Highness Sheikh Mohamed bin Zayed Al Nahyan received a phone call from Indian "
        "Prime Minister Narendra Modi."
    )
    assert names(text) == {"Mohamed bin Zayed Al Nahyan", "Narendra Modi"}
    text = "Datuk Seri Anwar Ibrahim met Singapore Prime Minister Lawrence Wong in Putrajaya on 12 June 2024."
    assert names(text) == {"Anwar Ibrahim", "Lawrence Wong"}


def test_a_president_elect_called_in_the_lead() -> None:
    text = (
        "Prime Minister Imran Khan underscored the significance of a political solution. \u2014 Photo via Twitter\n"
        "Prime Minister Imran Khan on Sunday called Iranian President-elect Seyed Ebrahim Raisi and expressed concern."
    )
    assert names(text) == {"Imran Khan", "Ebrahim Raisi"}


def test_spellings_possessives_and_run_together_navigation() -> None:
    text = "Crown Prince Mohammad bin Salman received a phone call from President Ebrahim Raisi on 11 October 2023."
    assert names(text) == {"Mohammed bin Salman", "Ebrahim Raisi"}
    text = "Readout of President Biden\u2019s Call with President William Ruto of Kenya. President Biden spoke today."
    assert names(text) == {"Joe Biden", "William Ruto"}
    text = "HomeNewsDiplomatic NewsXi Jinping held talks with President Ashraf Ghani on 16 July 2021."
    assert names(text) == {"Xi Jinping", "Mohammad Ashraf Ghani"}


def test_three_leaders_named_in_a_lead_that_reports_what_they_said() -> None:
    text = (
        "The leaders of the United States, Japan, and the Philippines convened for a trilateral summit on Thursday. "
        "According to a joint statement, the summit builds on decades of partnership. "
        "President Joe Biden, along with his Filipino counterpart Ferdinand Marcos and Japanese Prime Minister Fumio "
        "Kishida, expressed grave concern."
    )
    assert names(text) == {"Joe Biden", "Ferdinand Marcos Jr.", "Fumio Kishida"}


def test_the_unnamed_president_of_the_republic_is_the_issuing_sides() -> None:
    text = (
        "Paris, 12 March 2023. The President of the Republic spoke with President Zelensky of Ukraine this morning. "
        "France will continue to support Ukraine."
    )
    assert names(text) == {"Emmanuel Macron", "Volodymyr Zelensky"}
