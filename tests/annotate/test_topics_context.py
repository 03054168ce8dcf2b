"""Topics as any outlet's copy words them (issue #11): the entities, synonyms and variants
of each topic, the context cues a readout's subject turns on, and the one-pass keyword
index that finds them. Invented one-sentence fixtures, one class of cue per test."""

from __future__ import annotations

import random

import pytest

from app.annotate import TopicSpec
from app.annotate.topics import TopicMatcher, _prefixes
from tests.annotate.helpers import BIDEN, ERDOGAN, KISHIDA, MODI, PUTIN, TOPICS, XI, ZELENSKY, run

MATCHER = TopicMatcher(TOPICS)


def topics_of(sentence: str) -> set[str]:
    return set(MATCHER.match(sentence))


def position_topics(text: str, needle: str, participants=(PUTIN, XI), **kw) -> set[str]:
    ann = run(text, participants=participants, **kw)
    return {t for p in ann.positions if needle in text[p.start : p.end] for t in p.topics}


# -- entities and wording any outlet uses ----------------------------------------------


@pytest.mark.parametrize(
    "sentence,topic",
    [
        # places, groups, named operations and agreements imply their topic
        ("They discussed the evacuation from Hamid Karzai International Airport.", "afghanistan"),
        ("He spoke of the fighting in Kandahar and Herat.", "afghanistan"),
        ("Talks on the Doha agreement must resume.", "afghanistan"),
        ("He described shelling near the Zaporizhzhia plant.", "ukraine"),
        ("The Black Sea Grain Initiative must be extended.", "ukraine"),
        ("He urged an end to the full-scale invasion.", "ukraine"),
        ("The Minsk agreements were not implemented.", "ukraine"),
        ("Moscow and Kyiv should talk about Donetsk and Luhansk.", "ukraine"),
        ("He called for a humanitarian pause in Rafah.", "middle-east"),
        ("He backed a two-state solution.", "middle-east"),
        ("Shipping through the Strait of Hormuz must stay open.", "middle-east"),
        ("He raised the abductions issue.", "korean-peninsula"),
        ("The launch of ICBMs was condemned.", "korean-peninsula"),
        ("He stressed inter-Korean dialogue.", "korean-peninsula"),
        ("He reaffirmed the one China policy.", "taiwan"),
        ("He warned against contacts with Lai Ching-te.", "taiwan"),
        # vaccine brands, programmes and boosters
        ("India will supply Covishield to its neighbours.", "vaccines"),
        ("He offered Pfizer-BioNTech and Moderna shots.", "vaccines"),
        ("Funding for Gavi and the ACT-Accelerator will rise.", "vaccines"),
        ("They agreed on booster doses for the elderly.", "vaccines"),
        ("COVID19 cases rose.", "covid-19"),
        ("China sent ventilators and personal protective equipment.", "covid-19"),
        # spelling variants and offshoots of groups
        ("He condemned al-Qaida and ISIS-K.", "terrorism"),
        ("Afghanistan must not become a safe haven for terrorists.", "terrorism"),
        ("He raised the smuggling of methamphetamine and opioids.", "drug-trafficking"),
        ("He said Taiwan is China's internal matter.", "external-interference"),
        ("He recalled China's claims over the island.", "sovereignty"),
        # fora and formats
        ("They will meet at the Shanghai Corporation Organization summit.", "multilateralism"),
        ("He backed the Troika Plus format.", "multilateralism"),
        ("He invited him to the QUAD summit.", "multilateralism"),
        # economy and climate as copy words them
        ("They agreed to continue high-level dialogue on the economy.", "trade"),
        ("He said the trade truce must hold.", "trade"),
        ("He urged more purchases of American soybeans.", "trade"),
        ("They agreed to cut methane and phase down fossil fuels.", "climate"),
        ("They will expand wind power and green hydrogen.", "climate"),
        # a sea's disputes, military moves and the region's developments are regional security
        ("They opposed the militarization of reclaimed features in the South China Sea.", "regional-security"),
        ("He voiced concern over a military plane's incursion into Japanese airspace.", "regional-security"),
        ("He voiced concern over a military plane's incursion into Japanese airspace.", "sovereignty"),
        ("They exchanged views on the developments in the West Asian region.", "regional-security"),
        ("He urged Russians to stop the Russian drone strikes on cities.", "ukraine"),
        ("They discussed extending the grain corridor.", "trade"),
        ("He condemned the offensive against Nagorno-Karabakh.", "regional-security"),
        ("He slammed the involvement of extra-regional forces.", "external-interference"),
        ("NATO is the cornerstone of security in Europe.", "regional-security"),
        ("Both praised bilateral business cooperation.", "trade"),
        ("He aims to negotiate an increase of the gas volume.", "trade"),
        ("Israel will preserve the status quo on the Temple Mount.", "middle-east"),
        ("France and international donors support the energy transition.", "multilateralism"),
        ("Russia offered Sputnik Light to Belarus.", "vaccines"),
        ("They will sign the RCEP and an FTA next year.", "trade"),
        ("He raised the reactor at Yongbyon.", "korean-peninsula"),
        ("Shipping through Bab el-Mandeb must resume.", "middle-east"),
    ],
)
def test_a_topic_is_found_in_the_words_of_any_outlet(sentence: str, topic: str) -> None:
    assert topic in topics_of(sentence)


@pytest.mark.parametrize(
    "sentence,topic",
    [
        ("The government signed a peace settlement with the rebels.", "middle-east"),  # settlement != settlers
        ("They will launch a joint test of the new rail line.", "korean-peninsula"),
        ("He praised the Mercosur trade agreement.", "multilateralism"),  # a trade bloc, not a forum
        ("The format of the meeting was agreed.", "multilateralism"),
        ("He thanked him for the test results.", "korean-peninsula"),
    ],
)
def test_generic_words_do_not_imply_a_topic(sentence: str, topic: str) -> None:
    assert topic not in topics_of(sentence)


# -- context cues turned on by the readout's subject -------------------------------------


def test_the_situation_in_an_afghanistan_readout_is_afghanistan() -> None:
    text = (
        "Putin and Xi discussed Afghanistan by phone. "
        "Xi said the two sides should jointly address the evolving situation with restraint."
    )
    assert "afghanistan" in position_topics(text, "evolving situation")
    other = "Putin and Xi discussed trade by phone. Xi said the two sides should address the evolving situation."
    assert "afghanistan" not in position_topics(other, "evolving situation")


def test_a_war_readout_carries_its_vocabulary() -> None:
    text = (
        "Zelensky briefed Biden on Ukraine's defence. "
        "Zelensky asked for more Patriot systems to protect energy infrastructure."
    )
    assert "ukraine" in position_topics(text, "Patriot", participants=(ZELENSKY, BIDEN))


def test_a_vaccine_readout_turns_on_its_supply_words() -> None:
    text = (
        "Modi and Biden discussed vaccines. "
        "Modi stressed the need for equitable access and technology transfer to developing countries."
    )
    assert "vaccines" in position_topics(text, "equitable access", participants=(MODI, BIDEN))


def test_the_island_in_a_taiwan_readout_is_taiwan() -> None:
    text = "Xi and Biden discussed Taiwan. Xi warned against arms sales to the island."
    assert "taiwan" in position_topics(text, "arms sales", participants=(XI, BIDEN))


# -- the keyword index ------------------------------------------------------------------


def test_prefixes_of_a_keyword_are_the_letters_a_match_starts_with() -> None:
    assert _prefixes(r"(?:the\s+)?Taiwan\w*") == {"the", "taiw"}
    assert _prefixes(r"G-?7") == {"g7", "g-7"}
    assert _prefixes(r"(?-i:UN)") == {"un"}
    assert _prefixes(r"(?<!Proliferation\s)treaty") == {"trea"}
    assert _prefixes(r"\w+\s+format") is None  # tried at every word start
    assert _prefixes("x*") is None


# Without exceptions, the index must find what each topic's regex finds alone.
PLAIN = TopicMatcher([TopicSpec(t.slug, t.name, tuple(k for k in t.keywords if not k.startswith("!"))) for t in TOPICS])


def _scan_per_topic(matcher: TopicMatcher, text: str) -> dict[str, tuple[list[int], list[int]]]:
    """What the index must find: every topic's own keywords, scanned alone at word starts."""
    out: dict[str, tuple[list[int], list[int]]] = {}
    for slug, rx in matcher._rx.items():
        spans = sorted({m.span() for i in range(len(text)) for m in [rx.match(text, i)] if m and m.end() > i})
        spans = [sp for sp in spans if sp[0] == 0 or not (text[sp[0] - 1].isalnum() or text[sp[0] - 1] == "_")]
        if spans:
            out[slug] = ([a for a, _ in spans], [b for _, b in spans])
    return out


def test_the_index_finds_what_each_topic_finds_alone() -> None:
    rng = random.Random(11)
    words = [
        "the",
        "UN",
        "Security",
        "Council",
        "G7",
        "G-7",
        "COVAX",
        "vaccines",
        "Taiwan",
        "Strait",
        "one",
        "China",
        "World",
        "Trade",
        "Organization",
        "trade-offs",
        "Kyiv",
        "Afghan",
        "2+2",
        "dialogue",
        "treaty",
        "Non-Proliferation",
        "Treaty",
        "said",
        "and",
        "of",
        "the",
        "two",
        "countries",
        "cooperation",
        "with",
        "allies",
        "Kim",
        "Jong",
        "Un",
        "UNESCO",
        "Xinjiang",
        "Hong",
        "Kong",
        "climate",
        "coal",
    ]
    for _ in range(40):
        text = " ".join(rng.choice(words) for _ in range(30))
        assert PLAIN.index(text) == _scan_per_topic(PLAIN, text), text


# -- exceptions ("!" entries) ------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence,topic",
    [
        # cooperation among a wider group is not the pair's relationship
        ("They stressed the importance of the international community working together.", "bilateral-relations"),
        ("He hoped all countries would overcome the virus in cooperation with each other.", "bilateral-relations"),
        ("He called for unity and cooperation among Muslim countries.", "bilateral-relations"),
        ("United Nations coordination would be central to that effort.", "bilateral-relations"),
        # a forum as the venue is no position on the forum
        ("They met on the sidelines of the APEC summit in Lima.", "multilateralism"),
        ("They agreed to talk again on the margins of the COP28 conference.", "climate"),
        ("He recalled the withdrawal of NATO troops.", "multilateralism"),
        # the international community as audience or beneficiary, not as a format of cooperation
        ("Peace in the Strait is extremely important to Japan and the international community.", "multilateralism"),
        ("The meeting was welcomed by both societies and the international community.", "multilateralism"),
        # peace and stability of one country or of the world is not regional security
        ("He wants peace and stability in Afghanistan.", "regional-security"),
        ("He praised transatlantic relations.", "bilateral-relations"),
        # Afghanistan as a participant's office or as one side of a relationship is no topic
        ("Xi held a phone call with the President of Afghanistan.", "afghanistan"),
        ("They noted the consolidation of Uzbek-Afghan relations.", "afghanistan"),
        ("The partnership between Afghanistan and the United States is not ending.", "afghanistan"),
        ("The US and Afghan leaders agreed that the partnership would continue.", "afghanistan"),
        ("Their relationship will contribute towards peace and stability in the world.", "regional-security"),
        # vaccines shipped or supplied are vaccines, not trade
        ("Putin promised the first export batch of the candidate coronavirus vaccine.", "trade"),
        ("He urged open supply chains of raw materials required for the manufacture of vaccines.", "trade"),
        # the pair as the subject of a reporting verb is who speaks, not what about
        ("He added that the two sides agreed that Russia must not use nuclear weapons.", "bilateral-relations"),
        ("The statement said that both sides stressed that the war must end.", "bilateral-relations"),
    ],
)
def test_an_exception_cancels_the_keywords_inside_it(sentence: str, topic: str) -> None:
    assert topic not in topics_of(sentence)


@pytest.mark.parametrize(
    "sentence,topic",
    [
        ("The two countries will deepen cooperation.", "bilateral-relations"),
        ("They agreed to expand exports of grain.", "trade"),
        ("The UK will support the Government of Afghanistan.", "afghanistan"),
        ("He called for unity among Afghan leaders.", "afghanistan"),
        ("The two sides agreed to deepen their ties.", "bilateral-relations"),
        ("They will coordinate closely within the APEC framework.", "multilateralism"),
        ("China is ready to work with the international community.", "multilateralism"),
        ("He stressed peace and stability in the Taiwan Strait.", "regional-security"),
        ("He stressed peace and stability in Northeast Asia.", "regional-security"),
        (
            "They agreed that the international community must help, and the two countries will cooperate.",
            "bilateral-relations",
        ),
    ],
)
def test_keywords_outside_an_exception_still_count(sentence: str, topic: str) -> None:
    assert topic in topics_of(sentence)


def test_an_exception_that_is_not_a_pattern_is_named_on_load(tmp_path) -> None:
    from app.annotate import load_topic_specs

    bad = tmp_path / "topics.yaml"
    bad.write_text("topics:\n  - slug: x\n    name: X\n    keywords: ['x', '!(unclosed']\n", encoding="utf-8")
    with pytest.raises(ValueError, match="exception"):
        load_topic_specs(bad)


def test_hyphens_of_any_code_point_match_a_keyword_hyphen() -> None:
    assert "regional-security" in topics_of("Canada deepens its engagement through an Indo\u2011Pacific strategy.")
    assert "taiwan" in topics_of("He spoke on cross\u2010Strait relations.")
    text = "Modi and Biden spoke. Modi said the Indo\u2011Pacific must stay free and open."
    assert "regional-security" in position_topics(text, "must stay", participants=(MODI, BIDEN))


# -- context: the other side, anaphors ----------------------------------------------------


def test_a_demand_made_of_the_other_side_is_about_the_relationship() -> None:
    text = "Kishida and Xi met. Kishida called on China to resume imports of Japanese fishery products."
    assert "bilateral-relations" in position_topics(text, "resume imports", participants=(KISHIDA, XI))
    own = "Kishida and Xi met. Kishida said Japan will resume imports of fishery products."
    assert "bilateral-relations" not in position_topics(own, "resume imports", participants=(KISHIDA, XI))


def test_a_pronoun_object_closing_the_clause_refers_back() -> None:
    text = (
        "Putin and Xi spoke. Putin said Russia supports an inclusive government in Afghanistan. "
        "He said Russia would use all its diplomatic tools to achieve this."
    )
    assert "afghanistan" in position_topics(text, "to achieve this")


def test_this_partnership_refers_back_to_the_previous_position() -> None:
    text = (
        "Modi and Biden spoke. Modi said India and the US will cooperate on clean energy. "
        "Modi said India would fund new projects in the context of this new partnership."
    )
    assert "climate" in position_topics(text, "this new partnership", participants=(MODI, BIDEN))
    alone = "Modi and Biden spoke. Modi said India would fund new projects in the context of this new partnership."
    assert "climate" not in position_topics(alone, "this new partnership", participants=(MODI, BIDEN))


# -- the cue classes of issue #11, each in a readout of its own ---------------------------


@pytest.mark.parametrize(
    "text,needle,topic,participants",
    [
        (
            "Putin and Xi discussed Afghanistan. Putin said this country must not be a source of threats.",
            "this country",
            "afghanistan",
            (PUTIN, XI),
        ),
        (
            "Putin and Xi discussed Afghanistan. Xi said the situation there remains complex.",
            "situation there",
            "afghanistan",
            (PUTIN, XI),
        ),
        (
            "Putin and Xi discussed Afghanistan. Xi said peace talks must resume.",
            "peace talks",
            "afghanistan",
            (PUTIN, XI),
        ),
        (
            "Putin and Xi discussed Afghanistan. Xi said the crisis must be resolved by dialogue.",
            "the crisis",
            "afghanistan",
            (PUTIN, XI),
        ),
        (
            "Zelensky and Biden discussed Ukraine. Biden said this war must end.",
            "this war",
            "ukraine",
            (ZELENSKY, BIDEN),
        ),
        (
            "Zelensky and Biden discussed Ukraine. Biden called for de-escalation.",
            "de-escalation",
            "ukraine",
            (ZELENSKY, BIDEN),
        ),
        (
            "Modi and Biden discussed Gaza. Biden called for de-escalation.",
            "de-escalation",
            "middle-east",
            (MODI, BIDEN),
        ),
        (
            "Modi and Biden discussed Gaza. Modi said peace talks must resume.",
            "peace talks",
            "middle-east",
            (MODI, BIDEN),
        ),
        ("Modi and Biden discussed vaccines. Modi welcomed the donations.", "donations", "vaccines", (MODI, BIDEN)),
        (
            "Modi and Biden spoke. Modi said they should cooperate in the fields of economy and trade.",
            "economy",
            "trade",
            (MODI, BIDEN),
        ),
        (
            "Modi and Biden spoke. Biden said they agreed to move forward on the economic front.",
            "economic front",
            "trade",
            (MODI, BIDEN),
        ),
        (
            "Modi and Biden spoke. Modi stressed India's strategic autonomy.",
            "strategic autonomy",
            "sovereignty",
            (MODI, BIDEN),
        ),
        (
            "Modi and Biden spoke. On Afghanistan, Biden said the Taliban must keep their promises. "
            "He added that women must be able to work.",
            "women must",
            "afghanistan",
            (MODI, BIDEN),
        ),
        (
            'Modi and Biden spoke. "We want an inclusive government in Afghanistan," Biden said. '
            '"It must respect the rights of women."',
            "rights of women",
            "afghanistan",
            (MODI, BIDEN),
        ),
    ],
)
def test_the_cue_classes_of_the_issue(text: str, needle: str, topic: str, participants) -> None:
    assert topic in position_topics(text, needle, participants=participants)


def test_a_subject_cue_needs_its_subject() -> None:
    text = "Putin and Xi discussed trade. Xi said peace talks must resume and the crisis must end."
    assert not {"afghanistan", "ukraine", "middle-east"} & position_topics(text, "peace talks")


def test_a_cue_of_two_subjects_goes_to_the_one_the_sentence_names() -> None:
    text = (
        "Putin and Erdogan discussed Ukraine and Gaza. "
        "Erdogan offered to host Russia-Ukraine peace talks in Istanbul. "
        "Putin said peace talks were the only way out."
    )
    hosted = position_topics(text, "host", participants=(PUTIN, ERDOGAN))
    assert "ukraine" in hosted and "middle-east" not in hosted
    assert {"ukraine", "middle-east"} <= position_topics(text, "only way out", participants=(PUTIN, ERDOGAN))


def test_a_qualified_economy_is_not_trade() -> None:
    assert "trade" not in topics_of("They will cooperate in areas such as new energy and the green economy.")
    assert "trade" in topics_of("They will cooperate in areas such as energy and the economy.")


def test_a_quotation_across_sentences_keeps_its_topic() -> None:
    text = (
        "Modi and Biden spoke.\n\n"
        "\u201cThe possibility is not closed,\u201d Modi said of US vaccine supplies to India.\n\n"
        "\u201cBut it is subject to the decision of the teams. They will decide when,\u201d he added."
    )
    assert "vaccines" in position_topics(text, "subject to the decision", participants=(MODI, BIDEN))
    assert "vaccines" in position_topics(text, "They will decide", participants=(MODI, BIDEN))


def test_on_the_subject_refers_back() -> None:
    text = (
        "Modi and Biden spoke. Modi said India hoped to receive US vaccines soon. "
        "Modi said there was no disagreement on the subject."
    )
    assert "vaccines" in position_topics(text, "no disagreement", participants=(MODI, BIDEN))


def test_the_war_on_terror_is_no_war_cue() -> None:
    text = "Modi and Biden discussed Gaza. Modi stressed cooperation in the war on terror."
    assert "middle-east" not in position_topics(text, "war on terror", participants=(MODI, BIDEN))


def test_a_narrower_cue_of_a_named_topic_does_not_claim_a_wider_one() -> None:
    text = (
        "Modi and Biden discussed Gaza. "
        "Modi said India will engage with regional parties to halt the ongoing escalation in the region."
    )
    assert {"middle-east", "regional-security"} <= position_topics(text, "halt", participants=(MODI, BIDEN))


@pytest.mark.parametrize(
    "sentence",
    [
        "They will jointly fight terrorism, extremism and separatism.",
        "They agreed to combat terrorism, separatism and extremism.",
    ],
)
def test_the_three_evils_are_a_counter_terrorism_formula(sentence: str) -> None:
    found = set(MATCHER.match(sentence)) | MATCHER.context_topics(sentence, 0, len(sentence), ["taiwan"])
    assert "terrorism" in found
    assert not found & {"taiwan", "sovereignty"}
    other = "He opposed all separatist activities."
    assert "taiwan" in MATCHER.context_topics(other, 0, len(other), ["taiwan"])
    assert "sovereignty" in MATCHER.match(other)


def test_the_one_china_principle_unhyphenated_in_a_call_with_china() -> None:
    text = "Xi and Kishida spoke. Kishida reaffirmed Japan's commitment to the \u201cOne China\u201d principle."
    assert "taiwan" in position_topics(text, "One China", participants=(XI, KISHIDA))
