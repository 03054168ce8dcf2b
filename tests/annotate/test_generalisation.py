"""Rules added for readouts beyond the dev corpus (fixtures/: 17 invented readouts in the
styles of the White House, Kremlin, TASS, Xinhua, India's MEA, Elysee, Japan's MOFA,
No 10, Reuters/AP wire copy and numbered joint statements, annotated by hand; the last
four were written after the first rules, as a held-out check)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.annotate import Participant, annotate
from app.annotate.batch import evaluate_paths
from tests.annotate.helpers import (
    BIDEN,
    ERDOGAN,
    KISHIDA,
    LULA,
    MACRON,
    MELONI,
    MODI,
    PUTIN,
    SCHOLZ,
    SUNAK,
    TOPICS,
    XI,
    ZELENSKY,
    run,
    speakers_of,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_white_house_the_president_is_the_issuing_side():
    t = (
        "President Joseph R. Biden, Jr. spoke today with President Xi Jinping of the People's Republic "
        "of China. The President raised concerns about the PRC's unfair trade practices."
    )
    assert speakers_of(run(t, (BIDEN, XI)), t, "unfair trade") == [("Joe Biden",)]


def test_mea_bare_prime_minister_is_the_issuing_side():
    t = (
        "Prime Minister Shri Narendra Modi met Prime Minister of Japan H.E. Mr. Fumio Kishida today. "
        "Prime Minister highlighted the importance of cooperation in semiconductors."
    )
    assert speakers_of(run(t, (MODI, KISHIDA)), t, "semiconductors") == [("Narendra Modi",)]


def test_shared_title_without_host_gives_no_position():
    # "X and Y met": no issuing side, so a bare shared title stays unattributed.
    t = (
        "Prime Minister Rishi Sunak and Prime Minister Giorgia Meloni met in Rome. "
        "The Prime Minister said migration must be tackled upstream."
    )
    assert speakers_of(run(t, (SUNAK, MELONI)), t, "upstream") == []


def test_no10_the_prime_minister_and_named_guest():
    t = (
        "Prime Minister Rishi Sunak met Italian Prime Minister Giorgia Meloni today. The Prime Minister "
        "said the UK and Italy must work together. Prime Minister Meloni agreed, and said Italy would "
        "keep working closely with the UK."
    )
    ann = run(t, (SUNAK, MELONI))
    assert speakers_of(ann, t, "must work together") == [("Rishi Sunak",)]
    assert speakers_of(ann, t, "keep working") == [("Giorgia Meloni",)]


def test_president_of_the_republic_is_the_host():
    t = (
        "President Emmanuel Macron spoke with President Volodymyr Zelensky of Ukraine. The President of "
        "the Republic reiterated France's support for Ukraine's sovereignty. He confirmed that France "
        "would deliver air defence systems."
    )
    ann = run(t, (MACRON, ZELENSKY))
    assert speakers_of(ann, t, "sovereignty") == [("Emmanuel Macron",)]
    assert speakers_of(ann, t, "air defence") == [("Emmanuel Macron",)]


def test_president_of_other_country_is_not_a_bare_title():
    # Putin has no title/country given: "The President of Russia" must not become Erdogan.
    t = (
        "Vladimir Putin had a telephone conversation with President Recep Tayyip Erdogan. The President "
        "of Russia noted that a settlement must rest on UN Security Council decisions."
    )
    ann = run(t, (Participant("Vladimir Putin"), ERDOGAN))
    assert ("Recep Tayyip Erdogan",) not in speakers_of(ann, t, "settlement")


def test_long_name_runs():
    t = (
        "Xi Jinping held talks with Crown Prince Mohammed bin Salman Al Saud. Mohammed bin Salman said "
        "Saudi Arabia is willing to deepen practical cooperation."
    )
    p = Participant("Mohammed bin Salman Al Saud", "Crown Prince", "Saudi Arabia", "male")
    assert speakers_of(run(t, (XI, p)), t, "practical cooperation") == [("Mohammed bin Salman Al Saud",)]


def test_day_adverb_between_subject_and_verb():
    t = (
        "German Chancellor Olaf Scholz and Brazilian President Luiz Inacio Lula da Silva on Monday "
        "called for a swift conclusion of the trade agreement."
    )
    assert speakers_of(run(t, (SCHOLZ, LULA)), t, "swift") == [("Luiz Inácio Lula da Silva", "Olaf Scholz")]


def test_circumstance_aside_between_subject_and_verb():
    t = (
        "Scholz, on his first visit to South America since taking office, said Germany wanted to deepen "
        "cooperation with Brazil on green hydrogen."
    )
    assert speakers_of(run(t, (SCHOLZ, LULA)), t, "hydrogen") == [("Olaf Scholz",)]


def test_subject_group_is_not_topic():
    t = "Both sides expressed serious concern over the humanitarian situation in Gaza."
    ann = run(t, (PUTIN, ERDOGAN))
    assert [p.topics for p in ann.positions] == [("middle-east",)]
    t2 = "The two sides agreed to hold a summit every two years."
    assert [p.topics for p in run(t2, (PUTIN, ERDOGAN)).positions] == [("bilateral-relations",)]


@pytest.mark.parametrize(
    "sentence,topic",
    [
        ("Putin said counternarcotics efforts must continue.", "drug-trafficking"),
        ("Putin said the Joint Ministerial Commission will meet in May.", "bilateral-relations"),
        ("Putin said the Quad is a closed bloc.", "multilateralism"),
        ("Putin said Iran must work with the IAEA.", "multilateralism"),
        ("Putin said NATO expansion threatens European security.", "regional-security"),
        ("Putin said the Gulf states should settle their disputes.", "middle-east"),
        ("Putin said clean energy is the future.", "climate"),
        ("Putin said supply chains must stay open.", "trade"),
        ("Putin said the war in Ukraine must end.", "ukraine"),
        ("Putin said the G20 must reform.", "multilateralism"),
        ("Putin said the strategic partnership is strong.", "bilateral-relations"),
        ("Putin said the Indo-Pacific must stay open.", "regional-security"),
    ],
)
def test_topic_keywords(sentence, topic):
    ann = run(sentence, (PUTIN, ERDOGAN))
    assert topic in ann.positions[0].topics


def test_npt_is_not_a_bilateral_treaty():
    ann = run("Putin said Russia remains committed to the Non-Proliferation Treaty.", (PUTIN, ERDOGAN))
    assert ann.positions[0].topics == ("multilateralism",)


def test_inference_wire_lead_and_mofa_appositive():
    t = (
        "BRASILIA, Jan 30 (Reuters) - German Chancellor Olaf Scholz and Brazilian President Luiz Inacio "
        "Lula da Silva on Monday called for a swift trade deal."
    )
    assert [p.name for p in annotate(t, topics=TOPICS).participants] == ["Olaf Scholz", "Luiz Inacio Lula da Silva"]
    t2 = (
        "On May 7, Mr. KISHIDA Fumio, Prime Minister of Japan, held a summit meeting with H.E. Mr. YOON "
        "Suk Yeol, President of the Republic of Korea, in Seoul. President Yoon welcomed Prime Minister "
        "Kishida's visit."
    )
    assert [(p.name, p.country) for p in annotate(t2, topics=TOPICS).participants] == [
        ("KISHIDA Fumio", "Japan"),
        ("YOON Suk Yeol", "South Korea"),
    ]


def test_inference_fills_the_dominant_country():
    t = (
        "Vladimir Putin had a telephone conversation with President of the Republic of Türkiye Recep "
        "Tayyip Erdogan. The President of Russia noted that Russia has consistently advocated a "
        "settlement. Russia's approach is well known, he said."
    )
    parts = annotate(t, topics=TOPICS).participants
    assert {p.name: p.country for p in parts}["Vladimir Putin"] == "Russia"


# Reached on the 17 fixtures (F1): given — attribution 1.000, topics 0.931, who-said-what
# 0.938; inferred — attribution 0.907 (mostly "Joseph Biden" vs gold "Joe Biden", a name the
# White House text never writes, and a joint statement naming neither country of its two
# prime ministers), who-said-what 0.869. Before this work (first 13): given 0.931 / 0.789,
# inferred 0.667 / 0.636.
FLOORS = {
    False: {"detection": 0.98, "attribution": 0.98, "topics": 0.91, "who-said-what": 0.92},
    True: {"detection": 0.97, "attribution": 0.89, "topics": 0.91, "who-said-what": 0.85},
}


@pytest.mark.parametrize("ignore", [False, True], ids=["participants-given", "participants-inferred"])
def test_fixture_floors(ignore):
    misses: list[str] = []
    m = evaluate_paths([FIXTURES], topics=TOPICS, ignore_participants=ignore, misses=misses)
    assert m["documents"] == 17
    low = {k: m[k]["f1"] for k, floor in FLOORS[ignore].items() if m[k]["f1"] < floor}
    assert not low, f"below floor: {low}\n" + "\n".join(misses)


def test_mea_pm_abbreviation():
    t = (
        "Prime Minister Shri Narendra Modi spoke with President Cyril Ramaphosa today. PM reiterated "
        "India's commitment to the Strategic Partnership."
    )
    ramaphosa = Participant("Cyril Ramaphosa", "President", "South Africa", "male")
    assert speakers_of(run(t, (MODI, ramaphosa)), t, "Strategic Partnership") == [("Narendra Modi",)]


def test_inference_title_of_country_then_honorific():
    t = (
        "Prime Minister Shri Narendra Modi spoke with President of the Republic of South Africa H.E. "
        "Mr. Matamela Cyril Ramaphosa today."
    )
    # (one mention of South Africa, none of India: too little to fill Modi's country)
    assert [(p.name, p.country) for p in annotate(t, topics=TOPICS).participants] == [
        ("Narendra Modi", None),
        ("Matamela Cyril Ramaphosa", "South Africa"),
    ]
