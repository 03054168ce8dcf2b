"""The reporting shapes of real wire copy (issue #11), one rule per test, on small invented
sentences. Each test names the class of error it guards against."""

from __future__ import annotations

import pytest

from app.annotate import Participant, annotate
from app.annotate.attribution import Attribution, Frame, quote_mask
from app.annotate.leaders import guess_gender, infer_participants, name_variants
from app.annotate.lexicon import typo_of, verb_class
from app.annotate.sentences import split_sentences
from app.annotate.stages import QuotationTracker, SpeakerTracker
from tests.annotate.helpers import (
    BIDEN,
    KISHIDA,
    MELONI,
    MODI,
    PUTIN,
    TOKAYEV,
    TOPICS,
    XI,
    ZELENSKY,
    run,
    speakers_of,
    who,
)

BOTH_XP = (("Vladimir Putin", "Xi Jinping"),)
JOHNSON = Participant("Boris Johnson", "Prime Minister", "United Kingdom", "male")
KHAN = Participant("Imran Khan", "Prime Minister", "Pakistan", "male")
MERKEL = Participant("Angela Merkel", "Chancellor", "Germany", "female")
YOON = Participant("Yoon Suk-yeol", "President", "South Korea", "male")
MBS = Participant("Mohammed bin Salman", "Crown Prince", "Saudi Arabia", "male")
ABBAS = Participant("Mahmoud Abbas", "President", "Palestine", "male")


def topics_of(ann, text: str, needle: str) -> set[str]:
    return {t for p in ann.positions if needle in text[p.start : p.end] for t in p.topics}


# -- detection -------------------------------------------------------------------------


def test_an_outlet_quoting_a_readout_gives_the_leaders_in_it() -> None:
    text = (
        "MOSCOW, May 4 /TASS/. Putin and Xi spoke by phone, the Kremlin said.\n\n"
        '"The leaders agreed to intensify contacts. Readiness was expressed to fight terrorism together," '
        "the Kremlin said in a statement."
    )
    ann = run(text, participants=(PUTIN, XI))
    assert speakers_of(ann, text, "The leaders agreed") == list(BOTH_XP)
    assert speakers_of(ann, text, "Readiness was expressed") == list(BOTH_XP)


def test_a_spokesperson_quote_whose_sentences_name_the_leader() -> None:
    text = (
        "A Downing Street spokesperson said:\n\n"
        "\u201cThe Prime Minister spoke to Chancellor Merkel this morning.\n\n"
        "\u201cThe Prime Minister stressed that any engagement with the Taliban must be conditional.\u201d"
    )
    ann = run(text, participants=(JOHNSON, MERKEL))
    assert speakers_of(ann, text, "stressed that any engagement") == [("Boris Johnson",)]
    assert not speakers_of(ann, text, "spoke to Chancellor Merkel")


@pytest.mark.parametrize(
    "sentence",
    [
        "The readiness was expressed to expand trade.",
        "There was also agreement on the need to expand trade.",
        "Bilateral trade was described as exemplary.",
        "It was agreed that trade should expand.",
    ],
)
def test_impersonal_and_passive_reports_are_joint(sentence: str) -> None:
    text = f"Putin and Xi held a phone call on Monday. {sentence}"
    assert speakers_of(run(text, participants=(PUTIN, XI)), text, sentence) == list(BOTH_XP)


def test_the_parties_assessed_is_joint() -> None:
    text = "Putin and Xi held a phone call. The parties positively assessed the growth of trade."
    assert speakers_of(run(text, participants=(PUTIN, XI)), text, "The parties") == list(BOTH_XP)


def test_the_issuing_countrys_stance_and_its_opportunity_to_underline() -> None:
    text = (
        "Meloni and Modi held talks in Rome. The talks were an opportunity for Italy to underline its support "
        "for a free Indo-Pacific. Italy supports the reform of the Security Council."
    )
    ann = run(text, participants=(MELONI, MODI))
    assert speakers_of(ann, text, "opportunity for Italy") == [("Giorgia Meloni",)]
    assert speakers_of(ann, text, "Italy supports") == [("Giorgia Meloni",)]


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("\u00ab", "\u00bb"), ("\u201e", "\u201c"), ("\u2018\u2018", "\u2019\u2019"), ("\u2018", "\u2019"), ('"', '"')],
)
def test_every_quotation_style(opening: str, closing: str) -> None:
    text = (
        f"Putin and Xi held talks. {opening}Russia is ready to deepen cooperation. "
        f"We value this partnership,{closing} Putin said."
    )
    ann = run(text, participants=(PUTIN, XI))
    assert speakers_of(ann, text, "Russia is ready") == [("Vladimir Putin",)]
    assert speakers_of(ann, text, "We value") == [("Vladimir Putin",)]


def test_quote_mask_styles_and_apostrophes() -> None:
    flags, after = quote_mask("Xi\u2019s view: \u2018Peace first\u2019, he said.", "")
    assert after == "" and flags[12] and not flags[0] and not flags[-2]
    _, after = quote_mask("\u00abWe agree.", "")
    assert after == "\u00bb"


def test_according_to_a_readout_the_leader_named_after_it() -> None:
    text = (
        "Biden and Xi met in Bali. According to a readout issued by the White House, President Biden affirmed "
        "that the one-China policy has not changed."
    )
    assert speakers_of(run(text, participants=(BIDEN, XI)), text, "affirmed") == [("Joe Biden",)]


def test_an_aside_between_subject_and_verb() -> None:
    text = (
        "Putin and Modi held a call. Modi, according to a statement by the Foreign Ministry, stressed the need "
        "for peace. Putin, for his part during the phone talk, pointed to the threat of terrorism."
    )
    ann = run(text, participants=(PUTIN, MODI))
    assert speakers_of(ann, text, "stressed the need") == [("Narendra Modi",)]
    assert speakers_of(ann, text, "pointed to") == [("Vladimir Putin",)]


def test_an_inverted_reporting_clause() -> None:
    text = (
        "Tokayev and Xi signed a statement. \u201cChina is particularly important for Kazakhstan. It is vital "
        "to develop our partnership,\u201d said the Kazakh President."
    )
    ann = run(text, participants=(TOKAYEV, XI))
    assert speakers_of(ann, text, "particularly important") == [("Kassym-Jomart Tokayev",)]
    assert speakers_of(ann, text, "It is vital") == [("Kassym-Jomart Tokayev",)]


@pytest.mark.parametrize("typo", ["emphasied", "stresed", "underlned"])
def test_typos_in_reporting_verbs(typo: str) -> None:
    assert verb_class(typo) == "say"
    text = f"Putin and Xi held talks. Putin {typo} that the two countries must keep in touch."
    assert speakers_of(run(text, participants=(PUTIN, XI)), text, typo) == [("Vladimir Putin",)]


def test_words_that_are_no_typos() -> None:
    assert typo_of("started") is None  # a verb form itself
    assert typo_of("planted") is None  # no cue verb one letter away in the same class
    assert typo_of("noted") is None  # too short to tell


def test_a_perfect_addressed_to_the_other_leader_reports_this_call() -> None:
    text = "Xi and Biden spoke by phone. Chinese leader Xi Jinping has told Joe Biden that Taiwan is a red line."
    assert speakers_of(run(text, participants=(XI, BIDEN)), text, "has told") == [("Xi Jinping",)]
    background = "Xi and Biden spoke by phone. Biden has long said that Taiwan matters."
    assert not speakers_of(run(background, participants=(XI, BIDEN)), background, "long said")


def test_discussed_the_importance_is_a_stance_discussed_a_subject_is_narration() -> None:
    text = (
        "Putin and Xi held talks. They discussed the importance of the international community working together. "
        "They discussed the situation in Afghanistan."
    )
    ann = run(text, participants=(PUTIN, XI))
    assert speakers_of(ann, text, "importance") == list(BOTH_XP)
    assert not speakers_of(ann, text, "situation in Afghanistan")


def test_informing_of_ones_own_plan_is_a_position() -> None:
    text = (
        "Modi and Biden spoke. Prime Minister Modi informed President Biden about India's initiative at the WTO. "
        "President Biden briefed Prime Minister Modi on the situation."
    )
    ann = run(text, participants=(MODI, BIDEN))
    assert speakers_of(ann, text, "initiative at the WTO") == [("Narendra Modi",)]
    assert not speakers_of(ann, text, "briefed")


def test_quoted_narration_in_a_leaders_own_voice_is_no_position() -> None:
    text = (
        "Zelensky and Biden spoke. Zelensky wrote on Telegram: \u201cWe discussed the preparations for the summit. "
        "Thanked him for the visit. I invited the U.S. to join the grain initiative.\u201d"
    )
    ann = run(text, participants=(ZELENSKY, BIDEN))
    assert not speakers_of(ann, text, "We discussed")
    assert not speakers_of(ann, text, "Thanked him")
    assert speakers_of(ann, text, "I invited") == [("Volodymyr Zelensky",)]


# -- attribution -----------------------------------------------------------------------


def test_a_pledge_reported_by_the_other_leader_is_the_pledgers() -> None:
    text = (
        "Zelensky and Biden spoke. Zelensky thanked the U.S. leader for confirming his readiness to support "
        "Ukraine as long as necessary. Biden said Zelensky has assured him that he will keep talking."
    )
    ann = run(text, participants=(ZELENSKY, BIDEN))
    assert speakers_of(ann, text, "confirming his readiness") == [("Joe Biden",)]
    assert speakers_of(ann, text, "has assured him") == [("Volodymyr Zelensky",)]


def test_two_speakers_in_one_sentence_each_get_a_position() -> None:
    text = (
        "Modi and Meloni met in Delhi. Modi invited Meloni to visit India again, while Meloni also extended "
        "an invitation to Modi to come to Rome."
    )
    got = who(run(text, participants=(MODI, MELONI)), text)
    sentence = next(iter(k for k in got if k.startswith("Modi invited")))
    assert sorted(got[sentence]) == [("Giorgia Meloni",), ("Narendra Modi",)]


def test_a_leader_reporting_what_the_two_sides_agreed_is_joint() -> None:
    text = (
        "Kishida and Xi met in Bangkok. Kishida said the two sides agreed that nuclear weapons must not be used. "
        "He said he reaffirmed with Xi that they would reopen dialogue. \u201cI conveyed my concerns,\u201d he said."
    )
    ann = run(text, participants=(KISHIDA, XI))
    both = [("Fumio Kishida", "Xi Jinping")]
    assert speakers_of(ann, text, "two sides agreed") == both
    assert speakers_of(ann, text, "reaffirmed with Xi") == both
    assert speakers_of(ann, text, "I conveyed") == [("Fumio Kishida",)]  # "he" is still Kishida


def test_a_leaders_we_did_is_joint_we_will_is_his_own() -> None:
    text = (
        "Biden and Kishida met. \u201cWe committed to working together on the East China Sea,\u201d Biden said. "
        "\u201cWe will defend our allies,\u201d Biden said."
    )
    ann = run(text, participants=(BIDEN, KISHIDA))
    assert speakers_of(ann, text, "We committed") == [("Fumio Kishida", "Joe Biden")]
    assert speakers_of(ann, text, "We will defend") == [("Joe Biden",)]


def test_an_agreement_inside_a_leaders_quoted_sentence_is_joint_an_earlier_one_is_his() -> None:
    text = (
        "Biden and Kishida met on Monday.\n\n"
        "\u201cIf all goes well, the new shipping route will open in two years, which we agreed is the "
        "right pace,\u201d Biden said.\n\n"
        "\u201cI go home with the news that we have agreed on a plan for fairer trade,\u201d Kishida said.\n\n"
        "\u201cWe had decided long ago that our trade in chips should double,\u201d Biden added."
    )
    ann = run(text, participants=(BIDEN, KISHIDA))
    assert speakers_of(ann, text, "shipping route") == [("Fumio Kishida", "Joe Biden")]
    assert speakers_of(ann, text, "fairer trade") == [("Fumio Kishida", "Joe Biden")]
    # the pluperfect tells an earlier meeting's decision, in the speaker's own words now
    assert speakers_of(ann, text, "long ago") == [("Joe Biden",)]


@pytest.mark.parametrize(
    ("participant", "written"),
    [
        (KISHIDA, "Mr. KISHIDA Fumio"),
        (YOON, "President Yoon Suk Yeol"),
        (MBS, "MBS"),
        (MBS, "Crown Prince Mohammed bin Salman bin Abdulaziz Al Saud"),
        (TOKAYEV, "President of Kazakhstan Kassym-Jomart Tokayev"),
    ],
)
def test_names_as_readouts_write_them(participant: Participant, written: str) -> None:
    text = f"The two leaders held talks on Monday. {written} stressed that the partnership must grow."
    ann = run(text, participants=(participant, ABBAS))
    assert speakers_of(ann, text, "stressed") == [(participant.name,)]


def test_name_variants() -> None:
    assert "Kishida Fumio" in name_variants("Fumio Kishida")
    assert "Yoon Suk Yeol" in name_variants("Yoon Suk-yeol")
    assert "MBS" in name_variants("Mohammed bin Salman")


def test_the_unnamed_prime_minister_of_the_issuing_side() -> None:
    text = (
        "The Prime Minister spoke to the Prime Minister of Pakistan, Imran Khan, this afternoon.\n\n"
        "The Prime Minister reiterated that the UK would support Afghanistan."
    )
    ann = run(text, participants=(JOHNSON, KHAN))
    assert speakers_of(ann, text, "reiterated") == [("Boris Johnson",)]


@pytest.mark.parametrize(
    "opening", ["This evening the", "Earlier today, the", "This afternoon the", "On Tuesday the", "Today the"]
)
def test_the_unnamed_prime_minister_after_the_time_of_the_call(opening: str) -> None:
    # No 10's readouts often open with the time: the unnamed subject is still the issuing side's leader.
    text = (
        f"{opening} Prime Minister spoke to the Prime Minister of Pakistan, Imran Khan.\n\n"
        "The Prime Minister reiterated that the UK would support Afghanistan."
    )
    ann = run(text, participants=(JOHNSON, KHAN))
    assert speakers_of(ann, text, "reiterated") == [("Boris Johnson",)]


def test_sheikh_is_a_title_not_a_womans_name() -> None:
    assert guess_gender("Sheikh Tamim bin Hamad Al Thani") == "male"
    assert guess_gender("Sheikh Hasina") == "female"


# -- participants inferred --------------------------------------------------------------


def test_participants_from_the_title_and_lead() -> None:
    text = "During the call, Rouhani referred to the pandemic. Putin called for cooperation."
    known = [
        Participant("Hassan Rouhani", "President", "Iran", "male", ("Rouhani",)),
        Participant("Vladimir Putin", "President", "Russia", "male", ("Putin",)),
    ]
    got = infer_participants(text, split_sentences(text), known, title="Rouhani, Putin stress need for cooperation")
    assert {p.name for p in got} == {"Hassan Rouhani", "Vladimir Putin"}


def test_a_later_call_with_someone_else_adds_no_participant() -> None:
    text = (
        "German Chancellor Angela Merkel and Chinese President Xi Jinping discussed Afghanistan over the phone. "
        "Earlier on Friday, Xi spoke by phone with US President Joe Biden."
    )
    got = infer_participants(text, split_sentences(text))
    assert {p.name for p in got} == {"Angela Merkel", "Xi Jinping"}


def test_his_counterpart_and_the_honorable() -> None:
    text = (
        "On January 21, Mr. Kishida Fumio, Prime Minister of Japan, held a meeting with the Honorable Joseph R. "
        "Biden, Jr., President of the United States of America."
    )
    got = infer_participants(text, split_sentences(text))
    assert len(got) == 2 and {p.country for p in got} == {"Japan", "United States"}


# -- topics from context -----------------------------------------------------------------


def test_the_subject_of_the_readout_gives_its_context_cues() -> None:
    text = "Zelensky and Biden discussed Ukraine's defence. Zelensky stressed that the war must end with a just peace."
    ann = run(text, participants=(ZELENSKY, BIDEN))
    assert "ukraine" in topics_of(ann, text, "the war must end")
    other = "Putin and Xi discussed trade. Putin stressed that the war must end."
    assert "ukraine" not in topics_of(run(other, participants=(PUTIN, XI)), other, "the war must end")


def test_the_title_sets_the_subject() -> None:
    text = "Johnson stressed that the country needs an inclusive government."
    ann = annotate(text, topics=TOPICS, participants=[JOHNSON, KHAN], title="PM call with Imran Khan on Afghanistan")
    assert "afghanistan" in {t for p in ann.positions for t in p.topics}


def test_an_anaphor_inherits_the_previous_positions_topics() -> None:
    text = (
        "Xi and Biden spoke. Xi said the two sides should expand trade and investment. "
        "\u201cIt proved that dialogue is the only right choice,\u201d he said."
    )
    ann = run(text, participants=(XI, BIDEN))
    assert "trade" in topics_of(ann, text, "It proved")


def test_a_regarding_frame_carries_its_topic_through_the_paragraph() -> None:
    text = (
        "Putin and Xi spoke. Regarding Afghanistan, Putin said the situation was worrying. "
        "He called for an inclusive government."
    )
    ann = run(text, participants=(PUTIN, XI))
    assert "afghanistan" in topics_of(ann, text, "inclusive government")


def test_entities_imply_topics_and_circumstance_stays_out() -> None:
    text = (
        "Putin and Xi spoke. Xi said China supports talks between Moscow and Kyiv. "
        "Despite the pandemic, Putin said trade grew."
    )
    ann = run(text, participants=(PUTIN, XI))
    assert "ukraine" in topics_of(ann, text, "Kyiv")
    assert topics_of(ann, text, "trade grew") == {"trade"}


def test_the_other_leader_named_with_help_is_bilateral() -> None:
    text = "Zelensky and Biden spoke. Zelensky called on the U.S. to provide additional air defence systems."
    ann = run(text, participants=(ZELENSKY, BIDEN))
    assert "bilateral-relations" in topics_of(ann, text, "called on")
    own = "Lula and Modi met. Lula expressed support for India's G20 presidency."
    from tests.annotate.helpers import LULA

    assert "bilateral-relations" not in topics_of(run(own, participants=(LULA, MODI)), own, "presidency")


# -- stages alone --------------------------------------------------------------------------


def _frame(kind: str, who: frozenset[int], quoted: bool = False) -> Frame:
    return Frame(0, 0, 1, kind, who, "say", None, False, False, quoted)


def test_speaker_tracker_resolves_he_to_the_last_participant_subject() -> None:
    t = SpeakerTracker([PUTIN, XI])
    t.observe([Attribution(frozenset({1}), "say", 0.9, _frame("person", frozenset({1})))], None)
    he = Attribution(frozenset(), "say", 0.8, _frame("pronoun", frozenset()), pronoun_gender="male")
    resolved = t.resolve(he)
    assert resolved is not None and resolved.who == frozenset({1})
    t.observe([], _frame("other", frozenset()))  # a spokesman spoke: "he" may be him
    assert t.resolve(he) is None
    t.observe([], _frame("person", frozenset({0})))  # a participant subject unblocks
    unblocked = t.resolve(he)
    assert unblocked is not None and unblocked.who == frozenset({0})


def test_quotation_tracker_waits_for_the_reporting_clause() -> None:
    q = QuotationTracker()
    putin = Attribution(frozenset({0}), "say", 0.9, _frame("person", frozenset({0})))
    assert q.step(0, 0, 10, True, '"', []) == []  # opened, speaker unknown
    out = q.step(1, 11, 30, True, "", [putin])  # '...," Putin said.'
    assert [(s, e) for s, e, _ in out or []] == [(0, 10), (11, 30)]
    assert all(a.who == frozenset({0}) for _, _, a in out or [])
    joint = Attribution(frozenset({0, 1}), "agree", 0.8, _frame("group", frozenset({0, 1}), quoted=True))
    q2 = QuotationTracker()
    assert q2.step(0, 0, 10, True, '"', [joint]) == []  # a quoted subject waits too
    kremlin_closes = q2.step(1, 11, 30, True, "", [])
    assert [a.who for _, _, a in kremlin_closes or []] == [frozenset({0, 1})]
