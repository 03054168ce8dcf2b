"""Reporting shapes found missed on readouts no rule had seen (issue #11, the 18:00 pass): one
invented sentence per rule, asserting who the sentence is attributed to."""

from __future__ import annotations

import pytest

from app.annotate import Participant
from app.annotate.sentences import split_sentences
from tests.annotate.helpers import ERDOGAN, KISHIDA, LULA, MBS, PUTIN, run

KHAN = Participant("Imran Khan", "Prime Minister", "Pakistan", "male")
RUTTE = Participant("Mark Rutte", "Prime Minister", "Netherlands", "male")
ABBAS = Participant("Mahmoud Abbas", "President", "Palestine", "male")
NGUYEN = Participant("Nguyen Xuan Phuc", "President", "Vietnam", "male")


def said(text: str, parts: tuple[Participant, ...], needle: str) -> list[tuple[str, ...]]:
    return [p.speakers for p in run(text, parts).positions if needle in text[p.start : p.end]]


def test_a_closing_reporting_frame_owns_the_clause_before_it() -> None:
    # The clause's own subject (an army, a government) is what the leader said, not a speaker.
    text = "The Russian military is ready to ensure the safe exit of civilians, Putin said, adding that talks go on."
    assert said(text, (PUTIN, ERDOGAN), "military") == [("Vladimir Putin",)]


def test_a_date_inside_what_was_said_is_not_background() -> None:
    text = (
        "Prime Minister Kishida held talks with President Nguyen Xuan Phuc. "
        "Japan will also open its Consulate General in Da Nang in 2022, the Prime Minister added."
    )
    assert said(text, (KISHIDA, NGUYEN), "Consulate") == [("Fumio Kishida",)]
    # An opening time phrase still makes it background.
    bg = "Last year, the two sides signed a deal, Putin said."
    assert said(bg, (PUTIN, ERDOGAN), "deal") == []


def test_x_and_his_counterpart_y_names_the_issuing_side() -> None:
    text = (
        "Prime Minister Imran Khan and his Dutch counterpart Mark Rutte discussed the situation in Afghanistan. "
        "The prime minister underlined that an inclusive political settlement was the best way forward."
    )
    assert said(text, (KHAN, RUTTE), "underlined") == [("Imran Khan",)]


def test_the_occasion_between_subject_and_verb() -> None:
    text = (
        "Prime Minister Imran Khan and Crown Prince Mohammed bin Salman in a telephonic conversation on Sunday "
        "agreed that the world must step up its engagement with Afghanistan."
    )
    assert said(text, (KHAN, MBS), "agreed") == [("Imran Khan", "Mohammed bin Salman")]


def test_a_perfect_of_the_call_with_the_other_leader_then_content() -> None:
    text = (
        "President Erdogan has spoken with President Mahmoud Abbas on the phone to discuss the developments in Gaza, "
        "reiterating the need for an immediate ceasefire."
    )
    assert said(text, (ERDOGAN, ABBAS), "ceasefire") == [("Recep Tayyip Erdogan",)]
    # A standing view in the perfect stays background.
    assert said("Erdogan has long called for a ceasefire in Gaza.", (ERDOGAN, ABBAS), "ceasefire") == []


def test_a_headline_line_of_any_length_in_a_text_that_is_not_hard_wrapped() -> None:
    body = (
        "Orban called the contract very important, adding that Hungary aimed to negotiate an increase of the gas "
        "volume, and Putin said that Russia was ready to consider it."
    )
    text = (
        "Orban in Moscow: Hungary aims to negotiate increase in gas volume in Russia-Hungary contract\n"
        "Under the contract, Hungary can also purchase gas well below the market price, Putin added.\n" + body
    )
    got = [text[s:e] for s, e in split_sentences(text)]
    assert got[0] == "Orban in Moscow: Hungary aims to negotiate increase in gas volume in Russia-Hungary contract"
    assert got[1].startswith("Under the contract")
    # A hard-wrapped text (no line longer than a wrap width) still joins its lines.
    wrapped = "Xi said the two countries should deepen trade, investment and energy cooperation over the\nNext decade."
    assert len(split_sentences(wrapped)) == 1


ABDULLAH = Participant("Abdullah II", "King", "Jordan", "male")
MACRON = Participant("Emmanuel Macron", "President", "France", "male")
XI = Participant("Xi Jinping", "President", "China", "male")
BORIC = Participant("Gabriel Boric", "President", "Chile", "male")
JAPAROV = Participant("Sadyr Japarov", "President", "Kyrgyzstan", "male")


def test_a_form_of_address_standing_alone_is_the_monarch() -> None:
    text = (
        "His Majesty King Abdullah II, in a phone call on Sunday with President Emmanuel Macron, stressed the "
        "importance of a ceasefire in Gaza. His Majesty also warned of the danger of an attack on Rafah."
    )
    assert said(text, (ABDULLAH, MACRON), "Rafah") == [("Abdullah II",)]
    assert said(text, (ABDULLAH, MACRON), "ceasefire") == [("Abdullah II",)]


def test_according_to_him_is_the_leader_who_spoke_last() -> None:
    text = (
        "The head of the Kyrgyz Republic thanked President Erdogan for the opening of the monument. "
        "According to him, this event is of great symbolic significance for Kyrgyzstan."
    )
    assert said(text, (JAPAROV, ERDOGAN), "According") == [("Sadyr Japarov",)]


def test_reported_speech_goes_on_across_a_sentence_about_a_relationship() -> None:
    # A subject headed by a common noun ("the China-Chile relationship") is no other speaker: the
    # paragraph still carries Xi's speech to "The two sides need to ..." and "China is ready to ...".
    text = (
        "President Xi noted that Chile was the first Latin American country to establish relations with China. "
        "For more than half a century, the China-Chile relationship has been a pioneer in the region. "
        "The two sides need to render each other firm support. "
        "China is ready to work with Chile to promote the partnership."
    )
    assert said(text, (XI, BORIC), "two sides need") == [("Xi Jinping",)]
    assert said(text, (XI, BORIC), "China is ready") == [("Xi Jinping",)]
    # Someone else as subject ends it. (Not "China is ready to ...": a participant's country stating
    # its readiness is its leader's pledge on its own, test_detection_country_subject.py.)
    other = (
        "President Xi noted that Chile was the first Latin American country to establish relations with China. "
        "Foreign Minister Wang Yi attended the meeting. "
        "The two sides need to render each other firm support."
    )
    assert said(other, (XI, BORIC), "two sides need") == []


def test_a_stop_glued_to_the_next_sentence_ends_it() -> None:
    text = "Mirziyoyev is here to attend the Games.Xi pointed out that ties grew. The U.S.President met St.Petersburg."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Mirziyoyev is here to attend the Games.",
        "Xi pointed out that ties grew.",
        "The U.S.President met St.Petersburg.",
    ]


def test_a_body_line_of_a_sentences_length_without_its_stop() -> None:
    text = (
        "Talking points of the meeting\n"
        "President Xi met President Boric in Bangkok.\n"
        "The two sides reaffirmed their firm support to each other on issues related to their respective core "
        "interests and major concerns, particularly sovereignty\n"
        "Xi and Boric agree to deepen ties\n"
    )
    assert said(text, (XI, BORIC), "reaffirmed") == [("Gabriel Boric", "Xi Jinping")]
    assert said(text, (XI, BORIC), "agree to deepen") == []  # a short line is a subhead


def test_a_date_between_subject_and_verb() -> None:
    assert said("President Putin on May 11 urged President Erdogan to help.", (PUTIN, ERDOGAN), "urged") == [
        ("Vladimir Putin",)
    ]
    text = "President Putin on Thursday, October 14 urged President Erdogan to help."
    assert said(text, (PUTIN, ERDOGAN), "urged") == [("Vladimir Putin",)]


def test_content_after_narration_of_the_call() -> None:
    both = "President Putin held phone talks with President Erdogan, during which they agreed to step up cooperation."
    assert said(both, (PUTIN, ERDOGAN), "agreed") == [("Recep Tayyip Erdogan", "Vladimir Putin")]
    own = "President Putin met President Erdogan wherein he reaffirmed Russia's commitment to cooperation."
    assert said(own, (PUTIN, ERDOGAN), "reaffirmed") == [("Vladimir Putin",)]
    with_clause = (
        "President Putin and President Erdogan exchanged views on the situation in the region, with the Turkish "
        "president expressing deep concern at the violence."
    )
    assert said(with_clause, (PUTIN, ERDOGAN), "concern") == [("Recep Tayyip Erdogan",)]


def test_the_other_leader_given_content_in_a_relative_clause() -> None:
    text = (
        "President Putin spoke with President Recep Tayyip Erdogan, who initiated the phone call in order to "
        "express his concern at the escalation."
    )
    assert said(text, (PUTIN, ERDOGAN), "concern") == [("Recep Tayyip Erdogan",)]
    # A relative clause of narration gives nothing.
    plain = "President Putin spoke with President Recep Tayyip Erdogan, who initiated the phone call."
    assert said(plain, (PUTIN, ERDOGAN), "initiated") == []


def test_courtesies_rescued_by_another_courtesy_stay_courtesies() -> None:
    text = (
        "President Putin congratulated President Erdogan on his re-election, and expressed his gratitude for "
        "the warm welcome."
    )
    assert said(text, (PUTIN, ERDOGAN), "gratitude") == []
    # Appreciation of the relationship is a stance on it.
    stance = (
        "President Putin congratulated President Erdogan on the summit and expressed appreciation for the "
        "Russia-Turkey strategic partnership."
    )
    assert said(stance, (PUTIN, ERDOGAN), "partnership") == [("Vladimir Putin",)]


def test_a_month_opening_the_sentence_is_another_occasion() -> None:
    text = "In November 2022, Putin noted that the two peoples should not be divided. In June, Putin stated it again."
    assert said(text, (PUTIN, ERDOGAN), "Putin") == []


SUNAK = Participant("Rishi Sunak", "Prime Minister", "United Kingdom", "male")
NETANYAHU = Participant("Benjamin Netanyahu", "Prime Minister", "Israel", "male")


def test_the_lead_leader_who_told_the_other_is_the_issuing_side() -> None:
    text = (
        "Rishi Sunak has told Israeli Prime Minister Benjamin Netanyahu that it is a moment for calm heads. "
        "Downing Street added: \u201cThe prime minister said Iran had badly miscalculated.\u201d"
    )
    assert said(text, (SUNAK, NETANYAHU), "miscalculated") == [("Rishi Sunak",)]


def test_a_quotation_closed_by_an_inverted_non_leader_clause_speaks_of_the_leaders() -> None:
    text = (
        "President Putin spoke with President Erdogan. "
        "\u201cHe also recognized the effort of Turkey to host the talks\u201d, added the spokesman."
    )
    assert said(text, (PUTIN, ERDOGAN), "recognized") == [("Vladimir Putin",)]
    # The non-leader's own words stay no position.
    own = "President Putin spoke with President Erdogan. \u201cThe talks were long\u201d, added the spokesman."
    assert said(own, (PUTIN, ERDOGAN), "long") == []


def test_a_body_named_before_a_leader_is_no_part_of_his_name() -> None:
    from app.annotate.leaders import infer_participants

    text = (
        "President Recep Tayyip Erdogan spoke by phone with President of the European Council Charles Michel. "
        "Prime Minister Imran Khan and Crown Prince Mohammed bin Salman agreed, a statement from the Prime "
        "Minister Office said."
    )
    got = {p.name for p in infer_participants(text, split_sentences(text), ())}
    assert "Office" not in got and not any(n.startswith("Council") for n in got)


def test_a_lead_call_to_express_their_readiness_is_joint() -> None:
    text = "President Putin held a phone call with President Erdogan to express their readiness to deepen trade."
    assert said(text, (PUTIN, ERDOGAN), "readiness") == [("Recep Tayyip Erdogan", "Vladimir Putin")]
    own = "President Putin held a phone call with President Erdogan to express his readiness to deepen trade."
    assert said(own, (PUTIN, ERDOGAN), "readiness") == [("Vladimir Putin",)]


def test_a_pledge_made_to_the_author_of_a_leaders_own_post() -> None:
    modi = Participant("Narendra Modi", "Prime Minister", "India", "male")
    albanese = Participant("Anthony Albanese", "Prime Minister", "Australia", "male")
    text = (
        "I had a call with Anthony Albanese. "
        "Albanese has assured me that he will take strong action against those who attack temples."
    )
    assert said(text, (modi, albanese), "assured") == [("Anthony Albanese",)]


@pytest.mark.parametrize(
    "quote",
    [
        "As part of deepening relations, we agreed to set up a team to strengthen trade.",
        "We discussed the need to support growth on the African continent.",
        "We shared views on the conflict and agreed on the need for a ceasefire.",
    ],
)
def test_a_leaders_we_did_with_content_is_joint(quote: str) -> None:
    # A quotation opened before its reporting clause: "“<quote> It was a good call,” Putin wrote."
    text = f"President Putin spoke with President Erdogan. \u201c{quote} It was a good call,\u201d Putin wrote."
    assert said(text, (PUTIN, ERDOGAN), "We" if "We" in quote else "we") == [("Recep Tayyip Erdogan", "Vladimir Putin")]
    # Narration alone in his voice stays no position.
    plain = "President Putin spoke with Erdogan. \u201cWe discussed the situation. It was good,\u201d Putin wrote."
    assert said(plain, (PUTIN, ERDOGAN), "situation") == []


def test_a_leader_cited_or_quoted_as_saying() -> None:
    text = (
        "\u201cThe cooperation between the two countries in combating the pandemic reflects their ties,\u201d "
        "the statement cited Vladimir Putin as saying."
    )
    assert said(text, (PUTIN, ERDOGAN), "cooperation") == [("Vladimir Putin",)]
    brief = "The brief quotes President Erdogan as saying that both sides have shown mutual respect."
    assert said(brief, (PUTIN, ERDOGAN), "respect") == [("Recep Tayyip Erdogan",)]


def test_an_aside_before_a_verb_that_opens_a_quotation() -> None:
    text = 'Putin, in his first call with Erdogan, "stressed the need for a ceasefire," a statement said.'
    assert said(text, (PUTIN, ERDOGAN), "ceasefire") == [("Vladimir Putin",)]
    inverted = "\u201cTurkey is a true friend to us,\u201d said Putin, calling the visit very important."
    assert said(inverted, (PUTIN, ERDOGAN), "friend") == [("Vladimir Putin",)]


def test_what_the_participants_as_a_group_will_do() -> None:
    text = "The parties will pay special attention to regional security within the CSTO and the SCO."
    assert said(text, (PUTIN, ERDOGAN), "parties") == [("Recep Tayyip Erdogan", "Vladimir Putin")]
    # "They" may be anyone; a scheduled event is no plan of theirs.
    assert said("They will pay attention to it.", (PUTIN, ERDOGAN), "They") == []
    held = "The two leaders will be held in high regard."
    assert "group-will" not in {p.evidence for p in run(held, [PUTIN, ERDOGAN]).positions}


def test_according_to_a_source_quoting_the_leaders() -> None:
    text = 'According to the statement: "Both the leaders agreed on the importance of a political settlement."'
    assert said(text, (PUTIN, ERDOGAN), "agreed") == [("Recep Tayyip Erdogan", "Vladimir Putin")]
    own = 'According to the statement: "The talks lasted an hour and covered many issues."'
    assert said(own, (PUTIN, ERDOGAN), "talks") == []


def test_what_the_relationship_should_be_goes_on_in_reported_speech() -> None:
    text = (
        "President Xi noted that Chile was the first Latin American country to establish relations with China. "
        "This relationship should be all the more cherished."
    )
    assert said(text, (XI, BORIC), "cherished") == [("Xi Jinping",)]
    # Not without a leader's reported speech before it in the paragraph.
    assert said("The relationship should be cherished.", (XI, BORIC), "cherished") == []


def test_a_closing_frame_leaves_the_leaders_own_group_report() -> None:
    joint = "The two leaders agreed to uphold freedom of navigation, Putin said."
    assert said(joint, (PUTIN, ERDOGAN), "navigation") == [("Recep Tayyip Erdogan", "Vladimir Putin")]
    narration = 'During the call, the leaders discussed "the situation in the region," the Kremlin spokesman said.'
    assert said(narration, (PUTIN, ERDOGAN), "situation") == []


def test_a_quotation_opened_right_after_an_attributed_one_goes_on_with_its_speaker() -> None:
    text = (
        "\u201cTurkey is one of our most important partners,\u201d Putin said.\n\n"
        "\u201cI emphasised that our trade must keep growing.\n\n"
        "\u201cI also raised the security of the region, and the constructive role Turkey can play."
    )
    assert said(text, (PUTIN, ERDOGAN), "emphasised") == [("Vladimir Putin",)]
    assert said(text, (PUTIN, ERDOGAN), "raised") == [("Vladimir Putin",)]


def test_a_leader_as_subject_of_a_clause_after_narration_of_the_call() -> None:
    text = "The two presidents met on Monday and Xi noted that the partnership keeps growing."
    assert said(text, (XI, LULA), "noted") == [("Xi Jinping",)]
    text = "They spoke about the G20 summit, and President Lula reaffirmed Brazil's commitment to free trade."
    assert said(text, (XI, LULA), "reaffirmed") == [("Luiz Inácio Lula da Silva",)]
    # A courtesy in that clause stays one.
    courtesy = "Xi expressed his condolences over the floods, and President Lula offered condolences in turn."
    assert said(courtesy, (XI, LULA), "offered") == []


def test_a_quotation_opened_at_the_verb_after_an_adverb() -> None:
    text = 'Lula also "reaffirmed his commitment to the partnership with China."'
    assert said(text, (XI, LULA), "reaffirmed") == [("Luiz Inácio Lula da Silva",)]
    relayed = 'The spokesman said Lula and Xi also "reaffirmed their commitment to closer ties."'
    assert said(relayed, (XI, LULA), "reaffirmed") == [("Luiz Inácio Lula da Silva", "Xi Jinping")]


def test_own_voice_narration_closed_by_its_reporting_clause() -> None:
    # The call itself, or thanks, in the leader's own words are no position, also when the clause
    # that closes the quotation attributes them.
    narration = '"We had a very productive meeting," Lula wrote on social media.'
    assert said(narration, (XI, LULA), "meeting") == []
    thanks = 'Lula spoke to Xi. "It was good to speak. I thanked him for his kind words," Lula posted.'
    assert said(thanks, (XI, LULA), "thanked") == []
    # Content in the same shape stays a position.
    content = '"We must build a fairer trade order," Lula wrote on social media.'
    assert said(content, (XI, LULA), "fairer") == [("Luiz Inácio Lula da Silva",)]


def test_telling_or_asking_about_the_situation_itself_is_narration() -> None:
    assert said("Lula shared his assessment of the situation, the statement added.", (XI, LULA), "assessment") == []
    asked = "Xi asked President Lula about recent developments on the ground and the needs of the region."
    assert said(asked, (XI, LULA), "asked") == []
    # A stance after it keeps the position.
    content = "Lula told Xi about the situation and urged a ceasefire in the region."
    assert said(content, (XI, LULA), "ceasefire") == [("Luiz Inácio Lula da Silva",)]


def test_a_quoted_sentence_whose_own_leader_subject_only_narrates_is_no_ones_position() -> None:
    text = '"In our call, President Xi and I discussed the pandemic. We must keep supply chains open," Lula said.'
    assert said(text, (XI, LULA), "discussed") == []
    assert said(text, (XI, LULA), "supply chains") == [("Luiz Inácio Lula da Silva",)]


def test_the_communication_stressing_content_is_joint() -> None:
    text = "The phone call between President Xi and President Lula underscored the need for a ceasefire in Gaza."
    assert said(text, (XI, LULA), "underscored") == [("Luiz Inácio Lula da Silva", "Xi Jinping")]
    # What the talks were about is narration.
    narration = "The discussions focused on deepening cooperation between China and Brazil."
    assert said(narration, (XI, LULA), "focused") == []


def test_heads_of_state_is_a_subject_not_a_saying_verb() -> None:
    text = "Xi held talks with Lula.\n\nInside the hall, the two heads of state also enjoyed a concert by children."
    assert said(text, (XI, LULA), "concert") == []
    # A present-tense cue after the same subject still speaks for both.
    joint = "The two heads of state reaffirm their support for free trade."
    assert said(joint, (XI, LULA), "reaffirm") == [("Luiz Inácio Lula da Silva", "Xi Jinping")]


def test_a_stray_stop_is_no_position() -> None:
    text = "Lula said Brazil wants closer ties with China. . The two leaders met for an hour."
    ann = run(text, (XI, LULA))
    assert [text[p.start : p.end] for p in ann.positions] == ["Lula said Brazil wants closer ties with China."]


def test_an_office_relays_a_leader_past_where_it_said_it_and_a_quoted_participle() -> None:
    where = (
        "For its part, the Chinese foreign ministry said in a statement about the call that both leaders "
        "confirmed their interest in closer ties."
    )
    assert said(where, (XI, LULA), "confirmed") == [("Luiz Inácio Lula da Silva", "Xi Jinping")]
    quoted = "The presidency said Lula had also \u201cstated the right of Brazil to ensure its security\u201d."
    assert said(quoted, (XI, LULA), "stated") == [("Luiz Inácio Lula da Silva",)]
    # The office's own words stay no position.
    own = "The ministry said in a statement about the call that the talks lasted an hour."
    assert said(own, (XI, LULA), "lasted") == []


def test_thank_you_inside_a_quotation_is_a_courtesy() -> None:
    text = '"We must keep supply chains open," Lula said. "Thank you for your support, President Xi."'
    assert said(text, (XI, LULA), "Thank you") == []
    assert said(text, (XI, LULA), "supply chains") == [("Luiz Inácio Lula da Silva",)]


def test_calling_the_other_leader_is_phoning_him() -> None:
    assert said("President Lula on Tuesday called President Xi Jinping.", (XI, LULA), "called") == []
    phoned = "Lula has called his Chinese counterpart on the telephone to discuss the pandemic."
    assert said(phoned, (XI, LULA), "called") == []
    # Calling on him, calling him something, or phoning him to state a stance stay positions.
    assert said("Lula called on Xi to reopen trade.", (XI, LULA), "called") == [("Luiz Inácio Lula da Silva",)]
    named = "Lula called Xi \u201ca defender of the multilateral order\u201d."
    assert said(named, (XI, LULA), "called") == [("Luiz Inácio Lula da Silva",)]
    content = "Lula called Xi to express his support for the peace plan."
    assert said(content, (XI, LULA), "called") == [("Luiz Inácio Lula da Silva",)]
