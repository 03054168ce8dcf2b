"""Reporting shapes of real wire copy, one invented sentence per rule: each asserts who the
sentence is attributed to, or that it gives no position."""

from __future__ import annotations

import pytest

from app.annotate import Participant
from app.annotate.leaders import name_variants
from app.annotate.lexicon import verb_class, verb_forms
from app.annotate.sentences import split_sentences
from tests.annotate.helpers import ERDOGAN, MODI, PUTIN, XI, ZELENSKY, run

ASSAD = Participant("Bashar al-Assad", "President", "Syria", "male")
SHARIF = Participant("Shehbaz Sharif", "Prime Minister", "Pakistan", "male")
MBZ = Participant("Mohammed bin Zayed", "Crown Prince", "United Arab Emirates", "male")
TRUMP = Participant("Donald Trump", "President", "United States", "male")
BOTH = ("Recep Tayyip Erdogan", "Vladimir Putin")


def speakers(text: str, participants: tuple[Participant, ...] = (PUTIN, ERDOGAN)) -> list[tuple[str, ...]]:
    return sorted(tuple(sorted(p.speakers)) for p in run(text, participants).positions)


def test_one_syllable_verbs_double_their_last_consonant() -> None:
    assert verb_forms("slam") == ("slammed", "slams", "slamming")
    assert verb_forms("visit")[0] == "visited" and verb_forms("aim")[0] == "aimed"
    assert verb_class("slammed") == "oppose"


def test_an_arabic_family_name_with_or_without_its_article() -> None:
    assert {"al-Assad", "Assad"} <= name_variants("Bashar al-Assad")
    got = speakers("President al-Assad said the Russian stance reflects the strength of relations.", (ASSAD, PUTIN))
    assert got == [("Bashar al-Assad",)]


@pytest.mark.parametrize(
    ("sentence", "parts", "who"),
    [
        ("During the call, the premier highlighted the challenge of reconstruction.", (SHARIF, ERDOGAN), SHARIF),
        ("The crown prince stressed the need for a peaceful solution.", (MBZ, PUTIN), MBZ),
        ("The head of government stressed the need for a peaceful solution.", (SHARIF, ERDOGAN), SHARIF),
    ],
)
def test_a_generic_role_denotes_the_one_participant_holding_such_a_title(
    sentence: str, parts: tuple[Participant, ...], who: Participant
) -> None:
    assert speakers(sentence, parts) == [(who.name,)]


def test_the_head_of_state_of_two_presidents_is_the_issuing_side() -> None:
    text = (
        "President Zelensky held a phone call with President Trump. "
        "The head of state emphasized that Russia should be ready to engage in real diplomacy."
    )
    got = run(text, (ZELENSKY, TRUMP)).positions
    assert [p.speakers for p in got] == [("Volodymyr Zelensky",)]


def test_a_plural_group_named_by_its_countries() -> None:
    assert speakers("The leaders of Russia and Turkey reiterated their readiness to coordinate actions.") == [BOTH]


def test_a_circumstance_without_a_comma_before_the_subject() -> None:
    assert speakers("During the telephone talk the sides expressed satisfaction with the growth of trade.") == [BOTH]


def test_a_quotation_opening_at_the_verb_keeps_the_subject() -> None:
    text = "Xi “conveyed serious concerns over the growing military activity” to Putin, the ministry said."
    assert speakers(text, (XI, PUTIN)) == [("Xi Jinping",)]


def test_a_known_as_aside_between_subject_and_verb() -> None:
    assert speakers("The crown prince, known by his initials MBZ, stressed the need for peace.", (MBZ, PUTIN)) == [
        ("Mohammed bin Zayed",)
    ]


def test_a_with_clause_gives_its_participants_position() -> None:
    text = "The ministry said the call touched on other issues, with Xi also stressing the need to keep the truce."
    assert speakers(text, (XI, TRUMP)) == [("Xi Jinping",)]
    text = "The informal summit between Modi and Xi concluded on Saturday with the two sides agreeing to meet again."
    assert speakers(text, (MODI, XI)) == [("Narendra Modi", "Xi Jinping")]
    # a with-phrase without a cue participle is narration
    assert speakers("The summit concluded on Saturday with the two sides at the table.", (MODI, XI)) == []


def test_according_to_the_leader_in_the_middle_of_the_sentence() -> None:
    text = "The results of the elections, according to the Prime Minister, are of paramount importance."
    assert speakers(text, (MODI, XI)) == [("Narendra Modi",)]
    assert speakers("The results, according to the ministry, are important.", (MODI, XI)) == []


def test_content_after_narration_of_the_call() -> None:
    assert speakers("Putin and Erdogan engaged in a phone conversation, during which they stressed unity.") == [BOTH]
    assert speakers("Putin held a phone call with Erdogan to express his readiness to help.") == [("Vladimir Putin",)]
    assert speakers("The two leaders discussed vaccination, and the urgency of getting people vaccinated.") == [BOTH]
    # narration alone stays narration
    assert speakers("Putin held talks with Erdogan to discuss Syria.") == []
    assert speakers("Putin and Erdogan engaged in a phone conversation on Sunday.") == []


def test_a_statement_relaying_what_both_countries_agreed() -> None:
    text = (
        "The statement said that Moscow and Ankara exchanged views on bilateral matters, and agreed to stay in touch."
    )
    assert speakers(text) == [BOTH]
    text = "The PMO also informed that Putin and Erdogan emphasised the importance of peace."
    assert speakers(text) == [BOTH]


def test_a_bracketed_outlet_and_date_is_a_dateline() -> None:
    text = "BEIJING (UrduPoint News / Sputnik - 10th September, 2021) Putin and Erdogan agreed to cooperate."
    (s, e), *_ = split_sentences(text)
    assert text[s:e] == "Putin and Erdogan agreed to cooperate."


def test_he_inside_an_outlets_quotation_of_a_readout_is_the_leader_it_names() -> None:
    biden, netanyahu = (
        Participant("Joe Biden", "President", "United States", "male"),
        Participant("Benjamin Netanyahu", "Prime Minister", "Israel", "male"),
    )
    text = (
        '"President Biden emphasized that the strikes on aid workers are unacceptable. '
        "He made clear the need for Israel to implement concrete steps. He made clear that policy will depend on "
        'these steps," the readout stated.'
    )
    got = run(text, (biden, netanyahu)).positions
    assert [p.speakers for p in got] == [("Joe Biden",)] * 3
    # In a leader's own quotation "he" is someone else: no position for it.
    text = '"I stressed that peace matters. He agreed to send aid," Zelensky wrote.'
    got = run(text, (ZELENSKY, TRUMP)).positions
    assert all(p.speakers == ("Volodymyr Zelensky",) for p in got)


def test_a_long_line_without_a_stop_is_a_standfirst_not_wrapped_prose() -> None:
    standfirst = (
        "Keir Starmer and Volodymyr Zelensky have spoken on the phone after Donald Trump's decision to suspend "
        "military aid to Ukraine"
    )
    text = standfirst + "\nKeir Starmer has hailed the commitment to securing peace."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        standfirst,
        "Keir Starmer has hailed the commitment to securing peace.",
    ]
    wrapped = "The two leaders agreed that the talks on the settlement should\nContinue next week in Geneva."
    assert len(split_sentences(wrapped)) == 1


def test_names_in_apposition_to_the_subject() -> None:
    text = "Russian and Turkish Presidents, Vladimir Putin and Recep Tayyip Erdogan, stressed the need for vaccines."
    assert speakers(text) == [BOTH]
    text = "Chinese President Xi Jinping, general secretary of the CPC Central Committee, said ties must grow."
    assert speakers(text, (XI, PUTIN)) == [("Xi Jinping",)]


def test_low_quotes_close_with_a_high_mark() -> None:
    text = "Erdogan said: „Turkey is ready to mediate.“ Putin agreed to meet."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Erdogan said: „Turkey is ready to mediate.“",
        "Putin agreed to meet.",
    ]
    assert speakers("Erdogan said: „Turkey is ready to mediate.“") == [("Recep Tayyip Erdogan",)]


def test_a_typo_with_one_letter_too_many() -> None:
    assert verb_class("underlinned") == "say" and verb_class("reaffirmmed") == "say"
    assert speakers("Putin underlinned the need for a ceasefire.") == [("Vladimir Putin",)]


def test_a_verbless_fragment_continues_the_previous_statement() -> None:
    text = "Putin stressed the need for a ceasefire. Also, the importance of humanitarian access."
    assert speakers(text) == [("Vladimir Putin",), ("Vladimir Putin",)]
    # a sentence with a verb of its own is not a fragment; nor is one after no position
    assert speakers("Putin stressed the need for a ceasefire. Also, trade grew by 20 percent last year.") == [
        ("Vladimir Putin",)
    ]
    assert speakers("The leaders met in Sochi. Also, the importance of access.") == []


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        ("Putin was quoted as saying that the grain deal could be resumed.", [("Vladimir Putin",)]),
        ("“The grain deal can be resumed,” Putin was quoted as saying.", [("Vladimir Putin",)]),
        ("Erdogan went on to say that Turkey is ready to mediate.", [("Recep Tayyip Erdogan",)]),
        ("Putin and Erdogan have agreed to extend the grain deal.", [BOTH]),
        ("The Turkish president has called for a ceasefire in a phone call with Putin.", [("Recep Tayyip Erdogan",)]),
        # a standing view or a past effort is background
        ("Erdogan has long called for a ceasefire.", []),
        ("Putin has sought to isolate the West.", []),
    ],
)
def test_quoted_as_saying_went_on_to_say_and_the_present_perfect_of_this_call(
    sentence: str, who: list[tuple[str, ...]]
) -> None:
    assert speakers(sentence) == who


def test_another_occasion_is_background() -> None:
    assert speakers("Earlier, Putin spoke to Macron and stressed the need for peace.") == []
    assert speakers("Speaking at the summit later the same day, Putin confirmed the deal.") == []


def test_the_participants_among_a_list_of_names() -> None:
    assert speakers("Putin, Erdogan and Aliyev concurred on the need for peace.") == [BOTH]


def test_what_both_sides_should_do_continues_one_leaders_reported_speech() -> None:
    text = "Putin stressed that relations matter. The two sides need to expand trade. They should also resume flights."
    assert speakers(text) == [("Vladimir Putin",)] * 3
    # not across a paragraph, and not after a joint statement
    assert speakers("Putin stressed that relations matter.\n\nThe two sides need to expand trade.") == [
        ("Vladimir Putin",)
    ]
    assert speakers("The leaders agreed that relations matter. The two sides need to expand trade.") == [BOTH]


def test_a_first_person_readout_is_its_authors() -> None:
    meloni = Participant("Giorgia Meloni", "Prime Minister", "Italy", "female")
    text = (
        "I had a phone call with Giorgia Meloni. I emphasized that air defense is the priority. "
        '"I am ready to help," Meloni said. "I believe in peace. I will visit Kyiv," she said.'
    )
    got = {(text[p.start : p.end], p.speakers) for p in run(text, (ZELENSKY, meloni)).positions}
    assert ("I emphasized that air defense is the priority.", ("Volodymyr Zelensky",)) in got
    assert all(sp == ("Giorgia Meloni",) for t, sp in got if "Kyiv" in t or "peace" in t or "help" in t)
    # without a first-person lead, "I" is nobody's
    assert speakers("Putin met Erdogan. I think the talks went well, an aide said.") == []


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        ("The two presidents tasked their teams to follow up on the agreements.", [BOTH]),
        ("Erdogan's office said he told Putin that a ceasefire was needed.", [("Recep Tayyip Erdogan",)]),
        ("In a statement, the Kremlin said the two leaders agreed to continue contacts.", [BOTH]),
        ("An agreement was reached on a ceasefire.", [BOTH]),
        # a seat of government speaking for itself is no leader
        ("The Kremlin said the talks were constructive.", []),
    ],
)
def test_instructions_relays_and_agreements_reached(sentence: str, who: list[tuple[str, ...]]) -> None:
    assert speakers(sentence) == who


def test_the_items_of_a_list_go_on_with_its_introduction() -> None:
    text = (
        "They also agreed to strengthen their cooperation in several key areas:\n\n"
        "  \u2022 On the health front, by continuing to deliver vaccines.\n"
        "  \u2022 On the energy front, through the partnership for a just energy transition.\n\n"
        "The call ended at noon."
    )
    got = speakers(text)
    assert got == [BOTH] * 3


def test_an_article_written_apart_and_keen_to() -> None:
    sisi = Participant("Abdel Fattah el-Sisi", "President", "Egypt", "male")
    text = "President El Sisi was keen to review the Egyptian initiatives for a ceasefire."
    assert speakers(text, (sisi, TRUMP)) == [("Abdel Fattah el-Sisi",)]


def test_an_opportunity_to_reiterate_is_the_issuing_sides() -> None:
    meloni = Participant("Giorgia Meloni", "Prime Minister", "Italy", "female")
    netanyahu = Participant("Benjamin Netanyahu", "Prime Minister", "Israel", "male")
    text = (
        "President Meloni had a phone call with Prime Minister Netanyahu. "
        "The conversation also provided an opportunity to reiterate the urgent need for humanitarian access."
    )
    got = run(text, (meloni, netanyahu)).positions
    assert [p.speakers for p in got] == [("Giorgia Meloni",)]


def test_asides_without_commas_and_decisions_made() -> None:
    text = "Xi while talking about the situation in Afghanistan mentioned that China supports the measures."
    assert speakers(text, (XI, PUTIN)) == [("Xi Jinping",)]
    assert speakers("Erdogan for his part appreciated the efforts of Russia in the talks.") == [
        ("Recep Tayyip Erdogan",)
    ]
    assert speakers("The presidents made a decision to continue contacts in the near future.") == [BOTH]


def test_the_speakers_own_country_goes_on_with_his_statement() -> None:
    text = "Xi said that China expects a political solution. China will play a positive part in this process."
    assert speakers(text, (XI, PUTIN)) == [("Xi Jinping",)] * 2
    # the other side's country is not the speaker's
    assert speakers("Xi said that China expects a solution. Russia will also help.", (XI, PUTIN)) == [("Xi Jinping",)]


AMLO = Participant("Andrés Manuel López Obrador", "President", "Mexico", "male")
BIDEN_ = Participant("Joe Biden", "President", "United States", "male")
AMLO_BIDEN = ("Andrés Manuel López Obrador", "Joe Biden")


@pytest.mark.parametrize(
    "sentence",
    [
        "López Obrador said that he and Biden agreed to cooperate on vaccines.",
        "The US and Mexican leaders agreed that migration must be orderly.",
        "President Joe Biden, along with his Mexican counterpart Andrés Manuel López Obrador, expressed concern.",
    ],
)
def test_the_speaker_and_the_other_leader_together(sentence: str) -> None:
    assert speakers(sentence, (AMLO, BIDEN_)) == [AMLO_BIDEN]


def test_in_a_leaders_quotation_the_other_leaders_pledge_and_what_we_agree_on() -> None:
    text = (
        '"I had a cordial telephone conversation with President Biden. We shared views on our ties. '
        'President Biden assured early supply of vaccines to Mexico. We agree on the need for orderly migration," '
        "López Obrador tweeted."
    )
    got = {text[p.start : p.end]: p.speakers for p in run(text, (AMLO, BIDEN_)).positions}
    assert got.get("President Biden assured early supply of vaccines to Mexico.") == ("Joe Biden",)
    assert "We shared views on our ties." not in got
    assert any(sp == AMLO_BIDEN for t, sp in got.items() if t.startswith("We agree"))


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        ("Russia reaffirmed its support for the grain deal.", [("Vladimir Putin",)]),
        ("Putin also touched upon the situation in Syria, noting that the ceasefire holds.", [("Vladimir Putin",)]),
        ("Emphasis was placed on the importance of the grain deal.", [BOTH]),
        # what a country did, and what the call was about, are no stance
        ("Russia reaffirmed the deal.", []),
        ("Special attention was paid to the situation in Syria.", []),
    ],
)
def test_a_country_stating_its_stance_touching_upon_and_emphasis_placed(
    sentence: str, who: list[tuple[str, ...]]
) -> None:
    assert speakers(sentence) == who
