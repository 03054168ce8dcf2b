"""Attribution shapes, on small invented readouts (not the dev sentences)."""

from __future__ import annotations

from tests.annotate.helpers import ALBANESE, KISHIDA, LULA, MELONI, MODI, run, speakers_of

L, M = ("Luiz Inácio Lula da Silva",), ("Narendra Modi",)
BOTH = tuple(sorted(L + M))


def check(text: str, needle: str, expected, participants=(LULA, MODI), **kw):
    ann = run(text, participants, **kw)
    assert speakers_of(ann, text, needle) == expected, [(text[p.start : p.end], p.speakers) for p in ann.positions]


def test_x_said_that():
    check("Lula said that Brazil wants fairer rules for farm exports.", "fairer", [L])


def test_trailing_reporting_clause():
    check("Brazil backs a permanent seat for India on the council, Lula said.", "permanent seat", [L])


def test_participial_intro_then_said():
    t = (
        "Noting that the ocean economy is growing fast, Modi said India and Brazil should "
        "pool their research on fisheries."
    )
    check(t, "pool their research", [M])
    t2 = "Stressing that hunger is a political choice, Lula said no child should go to bed hungry."
    check(t2, "hungry", [L])


def test_according_to():
    check("According to Modi, solar power will cover half of India's new demand.", "solar", [M])


def test_told():
    check("Modi told Lula that India will double its purchases of Brazilian ethanol.", "ethanol", [M])


def test_for_his_part_and_role_description():
    t = (
        "Lula spoke first about biofuels. For his part, the Indian prime minister said the two "
        "countries should launch a joint biofuel alliance."
    )
    check(t, "biofuel alliance", [M])


def test_pronoun_follows_last_speaker_not_object():
    t = "Modi told Lula that India values the partnership. He added that a new direct flight would help tourism."
    check(t, "direct flight", [M])


def test_his_country_he_said():
    t = (
        "Lula welcomed the plan for a space agreement. His country will also open its launch "
        "site to Indian satellites, he said."
    )
    check(t, "launch site", [L])


def test_country_and_side_as_subject_resolve_to_leader():
    t = "The Brazilian side said it is ready to share its experience with ethanol cars."
    check(t, "ethanol cars", [L])
    t2 = "India also opposes unilateral sanctions, the Indian leader noted."
    check(t2, "sanctions", [M])


def test_multi_sentence_quote():
    t = (
        '"Hunger is not a natural disaster. It is a political choice. We can end it in this '
        'decade," Lula said at the press conference.'
    )
    ann = run(t)
    assert [p.speakers for p in ann.positions] == [L, L, L]
    first = ann.positions[0]
    assert t[first.start] == '"'
    assert t[ann.positions[-1].end - 1] == "."


def test_quote_continuation_after_attribution():
    t = '"Our trade can double by 2030," Modi said. "The tools are already on the table."'
    ann = run(t)
    assert [p.speakers for p in ann.positions] == [M, M]


def test_joint_subjects():
    for subj in (
        "Both leaders",
        "The two sides",
        "The two heads of state",
        "They",
        "Brazil and India",
        "Lula and Modi",
    ):
        t = f"{subj} agreed to hold a ministerial dialogue on food security every year."
        check(t, "ministerial dialogue", [BOTH])


def test_passive_is_joint():
    check("It was agreed that the next summit would take place in Brasilia.", "next summit", [BOTH])
    check("The importance of reforming global finance was underlined.", "global finance", [BOTH])


def test_two_speakers_in_one_sentence():
    t = "Lula said Brazil would host the climate talks, while Modi stressed that India needs climate finance."
    ann = run(t)
    assert sorted(p.speakers for p in ann.positions) == [L, M]
    topics = {p.speakers: p.topics for p in ann.positions}
    assert "climate" in topics[M]


def test_narration_background_courtesy_spokesperson_are_not_positions():
    t = (
        "Lula and Modi held talks by phone on Monday. The two leaders exchanged views on the "
        "situation in the Middle East. Lula congratulated Modi on his re-election. "
        "During their last meeting in 2023, the two leaders signed a memorandum on trade. "
        "An Indian foreign ministry spokesperson said the call was warm. "
        "Brazilian Foreign Minister Mauro Vieira told reporters that the talks went well."
    )
    assert run(t).positions == ()


def test_headline_is_not_a_position():
    t = "Lula, Modi agree to boost trade\n\nLula said Brazil wants more Indian investment."
    ann = run(t)
    assert [t[p.start : p.end] for p in ann.positions] == ["Lula said Brazil wants more Indian investment."]


def test_welcomed_policy_is_support_but_welcomed_person_is_courtesy():
    t = "Modi welcomed Brazil's decision to join the solar alliance."
    ann = run(t)
    assert [(p.speakers, p.act) for p in ann.positions] == [(M, "support")]
    assert run("Modi welcomed Lula to New Delhi.").positions == ()


def test_welcoming_the_guest_or_his_visit_is_courtesy():
    # The guest named with his country's adjective, a perfect, or his visit: greetings all.
    assert run("Modi has welcomed Brazilian President Lula to New Delhi.").positions == ()
    assert run("Prime Minister Modi welcomed President Lula's state visit to India.").positions == ()
    # His decision or invitation stays a position.
    check("Modi welcomed President Lula's decision to visit the solar park.", "decision", [M])


def test_ambiguous_pronoun_gives_no_position():
    # Two men were just named jointly: "he" cannot be resolved, so no position.
    t = "Both leaders reviewed the partnership. He said the talks should continue."
    assert run(t).positions == ()


def test_gender_picks_the_right_leader():
    t = (
        "Meloni and Albanese spoke by phone. Albanese said Australia wants a free trade deal with "
        "the EU. She said Italy would support the talks in Brussels."
    )
    ann = run(t, (MELONI, ALBANESE))
    assert speakers_of(ann, t, "Italy would support") == [("Giorgia Meloni",)]


def test_joint_statement_default_and_country_subject():
    t = (
        "Joint Statement by Prime Minister Kishida and Prime Minister Albanese\n\n"
        "1. The two Prime Ministers met in Canberra.\n\n"
        "2. The transition to clean energy requires secure supply chains for critical minerals.\n\n"
        "3. Japan will host a regional hydrogen forum next year.\n"
    )
    ann = run(t, (KISHIDA, ALBANESE), kind="joint statement")
    assert speakers_of(ann, t, "clean energy") == [("Anthony Albanese", "Fumio Kishida")]
    assert speakers_of(ann, t, "hydrogen forum") == [("Fumio Kishida",)]
    assert speakers_of(ann, t, "met in Canberra") == []


def test_non_participant_leader_is_not_a_speaker():
    t = "Canadian Prime Minister Mark Carney has repeatedly urged India to cut tariffs."
    assert run(t).positions == ()


def test_parenthetical_between_subject_and_verb():
    check("Modi, for his part, said India would fund three new solar parks.", "solar parks", [M])
    check(
        "Lula, also honorary chairman of the Workers' Party, said Brazil would cut deforestation.", "deforestation", [L]
    )
    check("Lula, who spoke from Brasilia, said the rainforest fund needs new donors.", "rainforest", [L])


def test_bare_title_and_side():
    check("Prime Minister reiterated India's support for a ceasefire.", "ceasefire", [M])
    check("The Indian side is willing to expand cooperation in pharmaceuticals.", "pharmaceuticals", [M])


def test_leader_words_relayed_by_his_office():
    check("India's foreign ministry said Modi urged Brazil to open its market to pulses.", "pulses", [M])
    # ... but the office's own view is not a position
    assert run("India's foreign ministry said the talks were productive.").positions == ()


def test_country_alone_without_reporting_clause_is_not_a_position_in_a_readout():
    assert run("India is ready to supply more vaccines to Africa.").positions == ()
    check("India is ready to supply more vaccines to Africa, Modi said.", "vaccines", [M])


def test_pronoun_after_a_spokesman_is_not_resolved_to_a_leader():
    t = (
        "Lula said Brazil wants a seat on the council. A presidential spokesman briefed reporters "
        "afterwards. He said the call lasted an hour."
    )
    ann = run(t)
    assert speakers_of(ann, t, "lasted an hour") == []
    assert speakers_of(ann, t, "seat on the council") == [L]


def test_earlier_statements_are_background():
    assert run("Modi said last year that India would never join the bloc.").positions == ()
    assert run("Back in 2019, Lula said the forest belonged to Brazilians.").positions == ()


def test_office_relays_a_joint_outcome():
    check("The Kremlin said the two leaders agreed to meet again in the autumn.", "autumn", [BOTH])


def test_pleasantries_about_the_call_are_courtesy():
    assert run("Lula said he was glad to speak with Modi again.").positions == ()


def test_courtesy_in_the_perfect_or_in_the_countrys_name_stays_courtesy():
    assert run("Modi has expressed deep gratitude to President Lula for his support.").positions == ()
    assert run("Modi also conveyed India's sympathies for the victims of the floods.").positions == ()
    # A stance in the same shape stays a position.
    check("Modi has expressed India's support for Brazil's bid.", "bid", [M])


def test_courtesy_in_the_speakers_country_or_with_a_degree_word_stays_courtesy():
    assert run("Modi also expressed his country's gratitude for Brazil's help with the evacuation.").positions == ()
    assert run("Modi expressed particular gratitude to the Brazilian minister for his work.").positions == ()
    assert run("Lula conveyed his nation\u2019s special greetings to the people of India.").positions == ()
    # A stance in the same shape stays a position.
    check("Modi expressed his country's particular support for Brazil's bid.", "bid", [M])


def test_an_honour_to_receive_the_guest_is_a_pleasantry():
    assert run('"It is an honor for me to receive this visit," Modi said.').positions == ()
    check('"It is important for us to receive more investment," Modi said.', "investment", [M])


def test_thanks_for_the_other_sides_help_stay_courtesies():
    assert run("Modi appreciated the facilitation provided by Brazil for the supplies.").positions == ()
    said_ = '"I also expressed our deep appreciation of Brazilian support for the evacuation," Modi said.'
    assert run(said_).positions == ()
    assert run('"We have expressed our gratitude to President Lula for the assistance," Modi said.').positions == ()
    # Praise of his contribution or leadership stays a position.
    check("Modi highly appreciated the contribution of President Lula to the partnership.", "contribution", [M])


def test_pleasure_at_the_meeting_itself_is_courtesy():
    assert run("Lula expressed his pleasure to talk with Modi again.").positions == ()
    assert run("Modi noted that he was pleased with the visit of the Brazilian President.").positions == ()
    joint = run("The leaders were pleased to hold their first meeting in person.", kind="joint statement")
    assert joint.positions == ()
    # Pleasure at what the relationship achieved stays a position.
    check("Modi noted that he was pleased with the growth of trade with Brazil.", "growth", [M])


def test_leader_descriptions():
    t = (
        "Brazilian leader Luiz Inácio Lula da Silva said the summit was a turning point. "
        "The visiting Indian leader said India opposes unilateral sanctions."
    )
    ann = run(t)
    assert [p.speakers for p in ann.positions] == [L, M]


def test_habitual_statements_are_background():
    assert run("Lula has long called for a reform of the Security Council.").positions == ()
    assert run("Modi has repeatedly said that India will not take sides.").positions == ()
    check("Modi once again stressed that India wants peace.", "wants peace", [M])


def test_present_perfect_is_background_but_relayed_past_perfect_is_not():
    assert run("Modi has sought closer ties with Gulf states.").positions == ()
    check("The Brazilian presidency said Lula had urged India to cut tariffs on sugar.", "sugar", [L])


def test_group_size_must_match_the_participants():
    three = (LULA, MODI, ALBANESE)
    assert run("The two leaders agreed to cut tariffs.", three).positions == ()
    ann = run("The three leaders agreed to cut tariffs.", three)
    assert len(ann.positions[0].speakers) == 3


def test_verb_lookup_agrees_with_the_lexicon_regex():
    from app.annotate.lexicon import FINITE_RE, finite_verbs

    for t in (
        "Xi said, pointed out and is ready; well-said. He made clear İstanbul said it.",
        "Putin pointed  out that Russia was willing to act. Modi co-chaired and agreed.",
    ):
        assert finite_verbs(t) == [m.span() for m in FINITE_RE.finditer(t)]
