"""Participants inferred from real readouts (issue #11): the name a reader sees is the gold's
(the registry's full name, or the readout's own spelling of it), the office is the one held, and
the registry and country lexicon cover the leaders and countries real readouts name."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.annotate import Participant, annotate, load_topic_specs
from app.annotate.leaders import infer_participants
from app.annotate.sentences import split_sentences
from app.ingest.seed_files import read_leaders

REPO = Path(__file__).resolve().parents[2]
REGISTRY = [
    Participant(le.name, le.office, le.country, le.gender, le.aliases)
    for le in read_leaders(REPO / "data" / "leaders.yaml")
]
TOPICS = load_topic_specs(REPO / "data" / "topics.yaml")


def inferred(text: str, title: str = "") -> list[Participant]:
    return list(infer_participants(text, split_sentences(text), REGISTRY, title=title))


def names(text: str, title: str = "") -> list[str]:
    return [p.name for p in inferred(text, title)]


# -- the name served: a shortened form in the text is the registry's full name -----------------


@pytest.mark.parametrize(
    ("text", "full"),
    [
        (
            "On 17 June 2021, Prime Minister Boris Johnson spoke to President Ashraf Ghani of Afghanistan.",
            "Mohammad Ashraf Ghani",
        ),
        (
            "On 15 August 2020, Prime Minister KP Oli held a telephone conversation with Prime Minister Narendra Modi.",
            "KP Sharma Oli",
        ),
        (
            "On 3 November 2023, Prime Minister Narendra Modi spoke with UAE President Mohamed bin Zayed "
            "about the situation in West Asia.",
            "Mohamed bin Zayed Al Nahyan",
        ),
        (
            "On 4 January 2023, President Xi Jinping held talks with Philippine President Ferdinand "
            "Romualdez Marcos in Beijing.",
            "Ferdinand Marcos Jr.",
        ),
        # the same name transliterated otherwise
        (
            "On 27 February 2025, Italian Prime Minister Giorgia Meloni spoke by phone with Egyptian President "
            "Abdel Fattah al-Sisi.",
            "Abdel Fattah el-Sisi",
        ),
    ],
)
def test_a_shortened_name_in_the_text_is_served_as_the_registry_full_name(text: str, full: str) -> None:
    assert full in names(text)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        # a longer form of the registry's name is the readout's
        (
            "On 3 September 2024, President Xi Jinping held talks with Nigerian President Bola Ahmed "
            "Tinubu in Beijing.",
            "Bola Ahmed Tinubu",
        ),
        # the readout's letters where the registry writes none
        (
            "On 13 July 2021, President Recep Tayyip Erdoğan held a phone call with President Xi Jinping.",
            "Recep Tayyip Erdoğan",
        ),
    ],
)
def test_the_readouts_own_spelling_of_a_full_name_is_kept(text: str, written: str) -> None:
    assert written in names(text)


def test_an_unaccented_readout_keeps_the_registry_name() -> None:
    text = "On 13 July 2021, President Recep Tayyip Erdogan held a phone call with President Xi Jinping."
    assert "Recep Tayyip Erdogan" in names(text)


def test_speakers_carry_the_served_name() -> None:
    text = (
        "On 4 January 2023, President Xi Jinping held talks with Philippine President Ferdinand Romualdez "
        "Marcos in Beijing.\n\nMarcos said that the Philippines adheres to the one-China policy."
    )
    ann = annotate(text, topics=TOPICS, participants=None, known_leaders=REGISTRY)
    assert [p.speakers for p in ann.positions] == [("Ferdinand Marcos Jr.",)]


# -- the office held: a qualified form of the registry's office is that office ----------------


def test_a_qualified_office_is_the_registry_office_and_its_bare_title_finds_him() -> None:
    text = (
        "On 2 May 2022, Federal Chancellor Scholz met the Indian Prime Minister Modi in Berlin. The "
        "Chancellor stressed that Germany was willing to expand the two countries' cooperation."
    )
    scholz = next(p for p in inferred(text) if p.name == "Olaf Scholz")
    assert scholz.title == "Chancellor"
    ann = annotate(text, topics=TOPICS, participants=None, known_leaders=REGISTRY)
    assert ("Olaf Scholz",) in [p.speakers for p in ann.positions]


def test_another_office_still_replaces_the_registry_one() -> None:
    text = "On 1 March 2022, Abu Dhabi Crown Prince Mohamed bin Zayed spoke by phone with President Vladimir Putin."
    mbz = next(p for p in inferred(text) if "Zayed" in p.name)
    assert mbz.title == "Crown Prince"


# -- registry coverage: heads of state/government of the countries readouts name ---------------


@pytest.mark.parametrize(
    ("text", "leader", "country"),
    [
        (
            "On 5 June 2022, President Xi Jinping held a phone call with his Gabonese counterpart.",
            "Ali Bongo Ondimba",
            "Gabon",
        ),
        (
            "On 5 June 2024, President Xi Jinping held a phone call with his Gabonese counterpart.",
            "Brice Clotaire Oligui Nguema",
            "Gabon",
        ),
        ("On 2 February 2019, Xi Jinping spoke with his Malian counterpart.", "Ibrahim Boubacar Keïta", "Mali"),
        ("On 2 February 2025, Xi Jinping spoke with his Malian counterpart.", "Assimi Goïta", "Mali"),
        ("On 2 February 2021, Xi Jinping spoke with his Swiss counterpart.", "Guy Parmelin", "Switzerland"),
        ("On 2 February 2023, Xi Jinping spoke with his Swiss counterpart.", "Alain Berset", "Switzerland"),
        (
            "On 12 May 2020, Chinese President Xi Jinping held a phone call with President Idriss Deby of Chad.",
            "Idriss Déby",
            "Chad",
        ),
        (
            "On 12 May 2023, Chinese President Xi Jinping met with Chadian President Mahamat Idriss Deby in Beijing.",
            "Mahamat Idriss Déby",
            "Chad",
        ),
        (
            "On 10 May 2021, Prime Minister Narendra Modi held a telephone conversation with Prime Minister Abela "
            "of Malta.",
            "Robert Abela",
            "Malta",
        ),
    ],
)
def test_a_leader_of_a_country_readouts_name_is_in_the_registry_for_the_readouts_date(
    text: str, leader: str, country: str
) -> None:
    got = {p.name: p.country for p in inferred(text)}
    assert got.get(leader) == country


def test_a_registry_woman_is_she() -> None:
    text = "On 3 March 2025, Swiss President Karin Keller-Sutter spoke with President Volodymyr Zelensky."
    assert {p.name: p.gender for p in inferred(text)}["Karin Keller-Sutter"] == "female"


def test_a_surname_that_is_also_a_groups_name_adds_nobody() -> None:
    # "Boko Haram" names no president of Botswana
    text = "Boko Haram attacks: President Tinubu speaks with his Chinese counterpart on 2 December 2024."
    assert set(names(text)) == {"Bola Tinubu", "Xi Jinping"}


# -- countries: names, demonyms and capitals of the countries readouts name --------------------


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Taiwanese", "Taiwan"),
        ("Maltese", "Malta"),
        ("Malian", "Mali"),
        ("Equatorial Guinean", "Equatorial Guinea"),
        ("Guinean", "Guinea"),
        ("Papua New Guinean", "Papua New Guinea"),
        ("The Gambia", "Gambia"),
        ("Congolese", "Democratic Republic of the Congo"),
        ("Kosovar", "Kosovo"),
        ("Surinamese", "Suriname"),
    ],
)
def test_a_country_is_known_by_its_names_and_demonyms(word: str, country: str) -> None:
    from app.annotate.countries import find_country

    c = find_country(word)
    assert c is not None and c.name == country


def test_a_leader_of_a_country_outside_the_registry_gets_it_from_the_demonym() -> None:
    text = "On 3 April 2023, Prime Minister Narendra Modi spoke with Surinamese President Chan Santokhi."
    assert {p.name: p.country for p in inferred(text)}["Chan Santokhi"] == "Suriname"


def test_a_country_talked_about_is_not_the_unnamed_issuing_sides() -> None:
    # Taiwan is a country now, but no registry leader of it issues "The President spoke with ..."
    text = (
        "The President spoke with President Xi Jinping on 2 April 2024. They discussed Taiwan, Taiwan's elections "
        "and Taiwanese security, and the United States position."
    )
    assert set(names(text)) == {"Joe Biden", "Xi Jinping"}


def test_the_maltese_prime_minister_is_the_participant_of_malta() -> None:
    parts = [
        Participant("Robert Abela", "Prime Minister", "Malta", "male"),
        Participant("Giorgia Meloni", "Prime Minister", "Italy", "female"),
    ]
    text = (
        "Meloni met Abela in Rome on Monday.\n\nThe Maltese prime minister called for a common European policy "
        "on migration."
    )
    ann = annotate(text, topics=TOPICS, participants=parts, known_leaders=REGISTRY)
    assert [p.speakers for p in ann.positions] == [("Robert Abela",)]


# -- the unnamed issuing side: a country talked about is not the issuer ------------------------


def test_a_country_the_talks_are_about_does_not_issue_the_readout() -> None:
    text = (
        "PM call with President Biden: 22 January 2024\n\nThe Prime Minister spoke to US President Joe Biden this "
        "evening.\n\nThey discussed the situation in Israel and Gaza and the need to get more aid into Gaza. The "
        "leaders agreed on the importance of Israel acting in line with international humanitarian law."
    )
    assert set(names(text)) == {"Rishi Sunak", "Joe Biden"}


def test_the_unnamed_prime_minister_of_a_readout_naming_no_candidate_country_is_downing_streets() -> None:
    text = (
        "PM call with Prime Minister Rutte: 20 August 2021\n\nThe Prime Minister spoke to Dutch Prime Minister Mark "
        "Rutte this afternoon about the situation in Afghanistan. They agreed to keep working with NATO allies to "
        "evacuate our nationals."
    )
    assert set(names(text)) == {"Boris Johnson", "Mark Rutte"}


def test_the_unnamed_prime_minister_of_a_country_named_as_actor_is_that_countrys() -> None:
    text = (
        "Telephone conversation between Prime Minister and President of the European Commission Ursula von der "
        "Leyen, 24 March 2020.\n\nPrime Minister spoke with Ursula von der Leyen today. He said India and the EU "
        "would work together. India is ready to help."
    )
    assert set(names(text)) == {"Narendra Modi", "Ursula von der Leyen"}


def test_without_a_date_the_house_style_names_nobody() -> None:
    # which of the UK's prime ministers is unknown without the readout's date
    text = (
        "The Prime Minister spoke to Dutch Prime Minister Mark Rutte this afternoon about the situation in Afghanistan."
    )
    assert names(text) == ["Mark Rutte"]


# -- leads that name both leaders under one title, or as "leader", or "counterpart" without article --
# (leaders outside the registry: the names and countries come from the lead alone)


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "NUR-SULTAN. KAZINFORM – Presidents of Kazakhstan and Malawi Aidos Temirbek and Peter Banda have had a "
            "telephone conversation.",
            {("Aidos Temirbek", "Kazakhstan"), ("Peter Banda", "Malawi")},
        ),
        (
            "Presidents Aidos Temirbek of Kazakhstan and Luiz Carlos Pereira da Costa of Brazil on Monday held a "
            "telephone conference.",
            {("Aidos Temirbek", "Kazakhstan"), ("Luiz Carlos Pereira da Costa", "Brazil")},
        ),
        (
            "MOSCOW, November 24. /TASS/. Uzbek and Turkish Presidents, Aidos Temirbek and Peter Banda, stressed "
            "the importance of vaccines after their telephone conversation.",
            {("Aidos Temirbek", "Uzbekistan"), ("Peter Banda", "Turkey")},
        ),
        (
            "Prime Ministers of Papua New Guinea and Fiji Peter Banda and Aidos Temirbek held talks in Suva.",
            {("Peter Banda", "Papua New Guinea"), ("Aidos Temirbek", "Fiji")},
        ),
        (
            "(MENAFN) Iranian Leader Aidos Temirbek and Turkish Leader Peter Banda engaged in a phone conversation.",
            {("Aidos Temirbek", "Iran"), ("Peter Banda", "Turkey")},
        ),
        (
            "President of Kyrgyzstan Aidos Temirbek had a telephone conversation with the leader of Turkey Peter "
            "Banda.",
            {("Aidos Temirbek", "Kyrgyzstan"), ("Peter Banda", "Turkey")},
        ),
        (
            "Japanese Prime Minister Aidos Temirbek on Thursday held a meeting with Italian counterpart Peter Banda.",
            {("Aidos Temirbek", "Japan"), ("Peter Banda", "Italy")},
        ),
    ],
)
def test_a_lead_naming_both_leaders_unregistered(text: str, pair: set[tuple[str, str]]) -> None:
    got = infer_participants(text, split_sentences(text), ())
    assert {(p.name, p.country) for p in got} == pair


def test_a_plural_title_keeps_its_office() -> None:
    text = "Prime Ministers Aidos Temirbek and Peter Banda held talks in Tokyo on 3 May 2023."
    got = infer_participants(text, split_sentences(text), ())
    assert {(p.name, p.title) for p in got} == {("Aidos Temirbek", "Prime Minister"), ("Peter Banda", "Prime Minister")}


@pytest.mark.parametrize(
    "text",
    [
        # a body's counterpart, not a country's
        "Japanese Prime Minister Aidos Temirbek on Thursday held a meeting with Party counterpart Peter Banda.",
        # "leaders" with neither title nor countries: no pair
        "Leaders Aidos Temirbek and Peter Banda were mentioned in the talks.",
        # ministers under a plural title are not the leaders
        "Foreign Ministers Aidos Temirbek and Peter Banda held talks.",
    ],
)
def test_not_a_lead_naming_two_leaders(text: str) -> None:
    got = infer_participants(text, split_sentences(text), ())
    assert "Peter Banda" not in [p.name for p in got]


# -- a title-case headline runs two leaders' words together -------------------------------------


def test_a_title_case_headline_gives_each_leader_his_own_office() -> None:
    text = (
        "Prime Minister Meets With President Xi\n\nWednesday, 28 June 2023\n\nPrime Minister Chris Hipkins met with "
        "Chinese President Xi Jinping at the Great Hall of the People in Beijing today."
    )
    assert {(p.name, p.title) for p in inferred(text)} == {
        ("Xi Jinping", "President"),
        ("Chris Hipkins", "Prime Minister"),
    }


def test_a_name_opening_with_a_form_of_address_keeps_it() -> None:
    text = "On 8 December 2022, Emir Sheikh Tamim bin Hamad Al Thani received President Xi Jinping in Doha."
    assert {(p.name, p.title) for p in inferred(text)} >= {("Tamim bin Hamad Al Thani", "Emir")}


# -- a leader in apposition with office and country, no honorific; an acronym after the title ----


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        (
            "The president of Colombia, Aidos Temirbek, held his first telephone conversation with his American "
            "counterpart Joe Biden this Monday.",
            ("Aidos Temirbek", "President", "Colombia"),
        ),
        (
            "Prime Minister Narendra Modi spoke with Aidos Temirbek, President of Maldives, on 3 May 2021.",
            ("Aidos Temirbek", "President", "Maldives"),
        ),
        (
            "President Xi Jinping held talks with Aidos Temirbek, the prime minister of Fiji, in Beijing.",
            ("Aidos Temirbek", "Prime Minister", "Fiji"),
        ),
        (
            "Prime Minister (PM) Aidos Temirbek and his Indian counterpart Narendra Modi have had telephone "
            "conversation.",
            ("Aidos Temirbek", "Prime Minister", None),
        ),
    ],
)
def test_an_appositive_or_acronym_lead_names_the_leader(text: str, leader: tuple[str, str, str | None]) -> None:
    got = infer_participants(text, split_sentences(text), ())
    assert leader in {(p.name, p.title, p.country) for p in got}


def test_a_title_case_line_does_not_make_a_name_of_its_words() -> None:
    text = "Telephone Call Between Aidos Temirbek, Prime Minister of India, and Peter Banda, President of Malawi."
    got = infer_participants(text, split_sentences(text), ())
    assert "Telephone Call Between Aidos Temirbek" not in [p.name for p in got]
    assert ("Peter Banda", "Malawi") in {(p.name, p.country) for p in got}


# -- a country by its official name ("the President of the Republic of Uzbekistan") -------------


@pytest.mark.parametrize(
    ("text", "parts", "speaker"),
    [
        (
            "Xi Jinping and Shavkat Mirziyoyev held talks in Beijing on Monday.\n\nThe President of the Republic of "
            "Uzbekistan stressed that Tashkent firmly supports the one-China policy.",
            (("Shavkat Mirziyoyev", "President", "Uzbekistan"), ("Xi Jinping", "President", "China")),
            "Shavkat Mirziyoyev",
        ),
        (
            "Xi Jinping and Shavkat Mirziyoyev held talks in Beijing on Monday.\n\nThe head of the Republic of "
            "Uzbekistan stressed that his country firmly supports the one-China policy.",
            (("Shavkat Mirziyoyev", "President", "Uzbekistan"), ("Xi Jinping", "President", "China")),
            "Shavkat Mirziyoyev",
        ),
        (
            "Li Qiang and Pham Minh Chinh held talks on Monday.\n\nThe Prime Minister of the Socialist Republic of "
            "Viet Nam said Hanoi supports the one-China policy.",
            (("Pham Minh Chinh", "Prime Minister", "Vietnam"), ("Li Qiang", "Premier", "China")),
            "Pham Minh Chinh",
        ),
    ],
)
def test_a_leader_named_by_office_and_official_country_name_speaks(
    text: str, parts: tuple[tuple[str, str, str], ...], speaker: str
) -> None:
    given = [Participant(n, t, c, "male") for n, t, c in parts]
    ann = annotate(text, topics=TOPICS, participants=given)
    assert [p.speakers for p in ann.positions] == [(speaker,)]


@pytest.mark.parametrize(
    ("word", "country"),
    [("Lao PDR", "Laos"), ("State of Israel", "Israel"), ("Hellenic Republic", "Greece"), ("Azeri", "Azerbaijan")],
)
def test_official_names_and_demonym_variants(word: str, country: str) -> None:
    from app.annotate.countries import find_country

    c = find_country(word)
    assert c is not None and c.name == country


def test_the_republic_of_china_is_not_the_peoples_republic() -> None:
    from app.annotate.countries import find_country

    assert find_country("Republic of China") is None


# -- the readout's date in the forms outlets print it ------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Published February 28,2025\nItalian Prime Minister Giorgia Meloni spoke ...", "2025-02-28"),
        ("Updated 23:16, 26-May-2023\n\nRussian President Vladimir Putin ...", "2023-05-26"),
        ("11:01, 31 августа 2021, Bishkek - 24.kg news agency", "2021-08-31"),
        ("On 3 May 2021, Prime Minister Narendra Modi ...", "2021-05-03"),
    ],
)
def test_the_readouts_date_is_read_in_the_outlets_form(text: str, date: str) -> None:
    from app.annotate.leaders import readout_date

    assert readout_date(text) == date


def test_a_year_alone_or_a_non_month_word_is_no_date() -> None:
    from app.annotate.leaders import readout_date

    assert readout_date("In May 2023 the two sides met; 5 дней 2020.") is None


def test_the_date_decides_the_counterpart_of_an_outlets_dated_page() -> None:
    text = "Updated 23:16, 26-May-2023\n\nPresident Xi Jinping held a phone call with his Gabonese counterpart."
    assert "Ali Bongo Ondimba" in names(text)


# -- an undated readout: a leader never in office with the one found is no party -----------------


def test_an_undated_readouts_former_leader_is_no_party() -> None:
    text = (
        "During a phone conversation, the Chinese president and his Bolivian counterpart Luis Arce highlighted the "
        "diplomatic relations between both countries, which strengthened during Evo Morales's mandate."
    )
    assert set(names(text)) == {"Luis Arce", "Xi Jinping"}


def test_an_undated_readouts_leaders_in_office_together_are_kept() -> None:
    assert set(names("Xi, Putin hold talks\n\nThe two presidents spoke by phone.")) == {"Xi Jinping", "Vladimir Putin"}


def test_the_head_of_the_registry_office_keeps_the_full_office() -> None:
    text = (
        "On 24 March 2020, Prime Minister Narendra Modi held a telephone conversation with President Ursula von "
        "der Leyen."
    )
    vdl = next(p for p in inferred(text) if p.name == "Ursula von der Leyen")
    assert vdl.title == "President of the European Commission"


def test_with_two_presidents_the_commissions_is_not_the_president() -> None:
    text = (
        "On 12 May 2022, President Joe Biden spoke with President Ursula von der Leyen.\n\nThe President "
        "reaffirmed that the United States will keep sharing vaccine doses."
    )
    ann = annotate(text, topics=TOPICS, participants=None, known_leaders=REGISTRY)
    assert [p.speakers for p in ann.positions] == [("Joe Biden",)]


# -- a short titled name several registry leaders share -------------------------------------------


@pytest.mark.parametrize(
    ("text", "leader"),
    [
        ("On 3 May 2021, King Salman received a phone call from President Joe Biden.", "Salman bin Abdulaziz Al Saud"),
        ("On 3 May 2021, Crown Prince Salman spoke with Prime Minister Boris Johnson.", "Mohammed bin Salman"),
        ("On 3 May 2021, President Ali spoke with Prime Minister Narendra Modi.", "Irfaan Ali"),
        ("On 22 August 2021, President Erdogan spoke with President Michel by phone.", "Charles Michel"),
    ],
)
def test_a_shared_short_name_is_the_leader_holding_the_office_by_his_family_name(text: str, leader: str) -> None:
    assert leader in names(text)
