"""Detection classes of the sixth pass on real readouts (issue #11): general shapes of reporting,
each checked on readouts no rule writer had read. One invented wording per case, with
counter-examples that must stay unattributed; the learned fallback is off here, so that each test
shows what the rules alone do."""

from __future__ import annotations

import pytest

from app.annotate import split_sentences
from tests.annotate.helpers import LULA, MODI, run, said

pytestmark = pytest.mark.usefixtures("rules_only")


# -- an inverted reporting clause whose speaker carries a relative clause or an apposition -----------


@pytest.mark.parametrize(
    "closing",
    [
        "said Lula, who received his second dose in January.",
        "said Lula, the Brazilian president.",
        "said Lula, his voice firm.",
        "added Lula, who spoke from Brasilia.",
    ],
)
def test_a_quotation_closed_by_an_inverted_clause_with_a_relative_clause_is_the_speakers(closing: str) -> None:
    text = (
        "Lula da Silva held a phone call with Narendra Modi.\n\n"
        f'"The vaccine works. It must reach every country quickly," {closing}'
    )
    assert said(text, (LULA, MODI), "The vaccine works") == [("Luiz Inácio Lula da Silva",)]
    assert said(text, (LULA, MODI), "must reach every country") == [("Luiz Inácio Lula da Silva",)]


def test_a_non_leader_closing_a_quotation_with_a_relative_clause_is_no_speaker() -> None:
    text = (
        "Lula da Silva held a phone call with Narendra Modi.\n\n"
        '"Vaccines must reach every country quickly," said Maria Souza, who heads the health agency.'
    )
    assert said(text, (LULA, MODI), "Vaccines must reach") == []


# -- a group subject without an article: joint statements' bare plural titles, "the interlocutors" -----


@pytest.mark.parametrize(
    "sentence",
    [
        "Prime Ministers acknowledged the deep bonds between their nations.",
        "Leaders welcomed progress on the trade agreement.",
        "Presidents noted the importance of the climate agenda.",
        "The interlocutors highlighted the need to strengthen strategic cooperation.",
        "Leaders of Brazil and India have underscored the importance of peace in the region.",
    ],
)
def test_a_bare_plural_title_or_the_interlocutors_are_both_leaders(sentence: str) -> None:
    text = f"Lula da Silva and Narendra Modi met in Brasilia.\n\n{sentence}"
    assert said(text, (LULA, MODI), sentence[:25]) == [("Luiz Inácio Lula da Silva", "Narendra Modi")]


def test_a_plural_title_before_the_names_is_one_mention_of_each() -> None:
    sentence = "Presidents Lula and Modi reaffirmed their commitment to the trade agreement."
    text = f"Lula da Silva and Narendra Modi met in Brasilia.\n\n{sentence}"
    assert said(text, (LULA, MODI), sentence[:25]) == [("Luiz Inácio Lula da Silva", "Narendra Modi")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Leaders' Summit participants discussed the agenda.",  # a summit's name is no subject
        "G7 Leaders agreed on the agenda.",  # another body's leaders
    ],
)
def test_a_plural_title_inside_a_name_is_no_group(sentence: str) -> None:
    text = f"Lula da Silva and Narendra Modi met in Brasilia.\n\n{sentence}"
    assert said(text, (LULA, MODI), sentence[:25]) == []


# -- a wire summary's talking points: a label line naming the speakers, then verbless items ----------


def _gist(label: str, items: list[str], bullet: str = "\u2014") -> str:
    lines = "\n".join(f"{bullet} {i}" for i in items)
    return (
        "TOKYO \u2013 The following is the gist of talks between President Lula and Prime Minister Modi held "
        f"Monday in Tokyo.\n{label}\n{lines}\n"
    )


@pytest.mark.parametrize("bullet", ["\u2014", "\u2022", "-"])
def test_items_under_a_label_line_are_the_labels_speakers(bullet: str) -> None:
    items = [
        "oppose unilateral attempts to change the status quo by force",
        "stress importance of peace across the region",
        "agree to cooperate on critical technologies.",
    ]
    text = _gist("The two leaders:", items, bullet) + _gist("Modi:", ["calls for a return to the trade pact"], bullet)
    both = ("Luiz Inácio Lula da Silva", "Narendra Modi")
    for item in items:
        assert said(text, (LULA, MODI), item[:20]) == [both], item
    assert said(text, (LULA, MODI), "calls for a return") == [("Narendra Modi",)]


def test_items_under_a_label_that_names_no_participant_stay_unattributed() -> None:
    text = _gist("Background:", ["trade grew by a fifth last year", "two new consulates opened"])
    assert said(text, (LULA, MODI), "trade grew") == []
    text = _gist("The ministers:", ["agree to cooperate on critical technologies"])
    assert said(text, (LULA, MODI), "agree to cooperate") == []


# -- datelines of other outlets stay outside the span (and out of the subject) -----------------------


@pytest.mark.parametrize(
    "dateline",
    [
        "NEW DELHI: ",
        "KATHMANDU: ",
        "SAMARKAND/MOSCOW    -   ",
        "CAIRO \u2013 22 February 2021: ",
        "New Delhi: ",
        "Beijing: 18 July 2021 (TDI):  ",
        "Metro Manila (CNN Philippines, June 12) \u2014 ",
        "March 29 (UPI) -- ",
        "(TibetanReview.net, Sep24\u201923) \u2013 ",
    ],
)
def test_an_outlets_dateline_is_outside_the_span(dateline: str) -> None:
    lead = (
        "Prime Minister Narendra Modi and his Brazilian counterpart, Lula da Silva, condemned terrorism "
        "and called on nations to reject it."
    )
    text = f"Modi and Lula condemn terrorism\n\n{dateline}{lead}"
    ann = run(text, (LULA, MODI))
    spans = [text[p.start : p.end] for p in ann.positions]
    assert spans == [lead]
    assert ann.positions[0].speakers == ("Luiz Inácio Lula da Silva", "Narendra Modi")


@pytest.mark.parametrize(
    "line",
    [
        "Source: Prime Minister Modi said India would host the summit.",  # a label, not a place
        "Photo: Prime Minister Modi said India would host the summit.",
        "President Lula: We agreed to host the summit together.",  # a speaker, not a place
    ],
)
def test_a_label_or_a_speaker_before_a_colon_is_no_dateline(line: str) -> None:
    text = f"Modi and Lula met\n\n{line}"
    assert any(text[s:e] == line for s, e in split_sentences(text))


# -- a country voicing its own words: "<Country> expressed its concern about ..." --------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "India expressed its concern about the flow of arms across its borders.",
        "India reiterated its view that the reform of the Security Council is overdue.",
        "India said its ties with Brazil are firm.",
    ],
)
def test_a_country_saying_its_own_words_is_its_leaders(sentence: str) -> None:
    text = f"Lula da Silva and Narendra Modi met in Brasilia.\n\n{sentence}"
    assert said(text, (LULA, MODI), sentence[:20]) == [("Narendra Modi",)]


@pytest.mark.parametrize(
    "sentence",
    [
        "India said the talks would take place in March.",  # no words of its own: news
        "India increased its defence budget by a tenth.",  # no saying verb: policy
    ],
)
def test_a_country_without_its_own_words_stays_news(sentence: str) -> None:
    text = f"Lula da Silva and Narendra Modi met in Brasilia.\n\n{sentence}"
    assert said(text, (LULA, MODI), sentence[:20]) == []


# -- a headline or standfirst in the present tense is the outlet's, even with a final stop -----------


@pytest.mark.parametrize(
    "standfirst",
    [
        "Lula says there are enough doses for every Brazilian.",
        "Brazilian President Lula urges Modi to help resume the trade talks during a historic summit.",
        "Modi expresses support for Brazil in phone call with Lula.",
    ],
)
def test_a_present_tense_standfirst_is_no_position(standfirst: str) -> None:
    text = (
        f"Lula and Modi speak by phone\n\n{standfirst}\n\n"
        "Lula da Silva said on Wednesday that Brazil will help India secure more doses of vaccines."
    )
    assert said(text, (LULA, MODI), standfirst[:25]) == []
    assert said(text, (LULA, MODI), "will help India") == [("Luiz Inácio Lula da Silva",)]


def test_the_present_tense_in_the_body_or_in_a_joint_statement_still_speaks() -> None:
    body = "Lula da Silva met Narendra Modi in Brasilia.\n\n" + "The two leaders talked at length. " * 12
    text = body + "\n\nModi says India will host the next summit."
    assert said(text, (LULA, MODI), "Modi says India") == [("Narendra Modi",)]
    joint = "The two sides reaffirm their commitment to the trade agreement."
    ann = run(joint, (LULA, MODI), kind="joint statement")
    assert [p.speakers for p in ann.positions] == [("Luiz Inácio Lula da Silva", "Narendra Modi")]


# -- the other side's country inside one leader's reported-speech paragraph is in his words ----------


def test_the_other_sides_country_in_a_reported_speech_paragraph_is_the_speakers() -> None:
    text = (
        "Lula da Silva had a telephone conversation with Narendra Modi.\n\n"
        "Lula pointed out that the epidemic broke out in many countries. "
        "After the outbreak, India expressed its support for Brazil's fight against the epidemic. "
        "Brazil is willing to share its experience with India."
    )
    lula = [("Luiz Inácio Lula da Silva",)]
    assert said(text, (LULA, MODI), "India expressed its support") == lula
    assert said(text, (LULA, MODI), "Brazil is willing") == lula


def test_the_other_sides_country_in_its_own_paragraph_is_its_leaders() -> None:
    text = (
        "Lula da Silva had a telephone conversation with Narendra Modi.\n\n"
        "Lula pointed out that the epidemic broke out in many countries.\n\n"
        "India expressed its support for Brazil's fight against the epidemic."
    )
    assert said(text, (LULA, MODI), "India expressed its support") == [("Narendra Modi",)]


# -- the present perfect of a saying verb is the news of this communication ---------------------------


@pytest.mark.parametrize(
    ("sentence", "needle", "who"),
    [
        ("Meeting Modi in Delhi, Lula has said Brazil will double its ethanol exports.", "ethanol", "Lula"),
        ("He has called this Brazil's firm and unshakable position.", "unshakable", "Lula"),
        ("Modi, in his turn, has noted that the two countries have made progress in trade.", "progress", "Modi"),
        ("Modi has welcomed the initiative of the African heads of state.", "initiative", "Modi"),
    ],
)
def test_a_present_perfect_of_saying_is_this_communication(sentence: str, needle: str, who: str) -> None:
    text = f"Lula da Silva met Narendra Modi in Delhi on Monday.\n\nLula stressed the need for fair trade. {sentence}"
    name = "Luiz Inácio Lula da Silva" if who == "Lula" else "Narendra Modi"
    assert said(text, (LULA, MODI), needle) == [(name,)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Lula has long called for a reform of the Security Council.",  # a standing view
        "Lula has repeatedly said that the reform is overdue.",
        "Modi has sought to rally the Global South behind the plan.",  # a course of action
        "Modi has pushed for a larger role in the Security Council.",
    ],
)
def test_a_standing_view_or_a_perfect_of_effort_stays_background(sentence: str) -> None:
    text = f"Lula da Silva met Narendra Modi in Delhi on Monday.\n\n{sentence}"
    assert said(text, (LULA, MODI), sentence[:20]) == []


# -- "previous" inside the opening is a circumstance, not another occasion -----------------------------


def test_previous_inside_the_opening_is_a_circumstance_of_what_is_said_now() -> None:
    text = (
        "Lula da Silva met Narendra Modi in Delhi.\n\n"
        "Building on the previous agreements, Lula stressed the need to double trade by 2030."
    )
    assert said(text, (LULA, MODI), "double trade") == [("Luiz Inácio Lula da Silva",)]
    earlier = "Lula da Silva met Narendra Modi in Delhi.\n\nPreviously, Lula said trade should double by 2030."
    assert said(earlier, (LULA, MODI), "trade should double") == []


# -- a body line of eight words or more is prose even without its stop (truncated copy, talking points) -


def test_a_truncated_last_line_is_still_a_position() -> None:
    text = (
        "Lula and Modi speak by phone\n\n"
        "Lula da Silva held a phone call with Narendra Modi on Monday.\n\n"
        "Modi replied that his country supports the den"
    )
    assert said(text, (LULA, MODI), "supports the den") == [("Narendra Modi",)]


def test_a_short_subhead_in_the_body_is_no_position() -> None:
    text = (
        "Lula and Modi speak by phone\n\n"
        "Lula da Silva held a phone call with Narendra Modi on Monday.\n\n"
        "Modi welcomes Brazil's offer\n\n"
        "The two leaders also agreed to meet in Brasilia."
    )
    assert said(text, (LULA, MODI), "welcomes Brazil") == []


# -- agentless reports of the talks' result --------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Agreement was achieved to keep regular contacts between the agencies of the two countries.",
        "Significant attention was paid to the need to accelerate priority investment projects.",
        "The talks were marked with consensus on issues of common concern.",
    ],
)
def test_an_agentless_report_of_the_result_is_joint(sentence: str) -> None:
    text = f"Lula da Silva held a phone call with Narendra Modi.\n\n{sentence}"
    assert said(text, (LULA, MODI), sentence[:25]) == [("Luiz Inácio Lula da Silva", "Narendra Modi")]


def test_attention_paid_by_others_or_talks_marked_by_an_anniversary_stay_narration() -> None:
    text = "Lula da Silva held a phone call with Narendra Modi.\n\nThe talks were marked by the anniversary of ties."
    assert said(text, (LULA, MODI), "anniversary") == []


# -- a coordinated verb that only closes the narrated exchange -------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The two leaders had a frank exchange of views on regional issues and reached a broad consensus.",
        "The leaders held talks on trade and reached an understanding.",
        "The two leaders had an exchange of views on global issues and shared their respective approaches to growth.",
    ],
)
def test_a_consensus_or_views_closing_a_narrated_exchange_is_no_position(sentence: str) -> None:
    text = f"Lula da Silva held a phone call with Narendra Modi.\n\n{sentence}"
    assert said(text, (LULA, MODI), sentence[:25]) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The two leaders held talks on trade and reached consensus on expanding direct flights.",
        "The two leaders held talks and shared their view that trade must grow.",
        "The two leaders had an exchange of views on the importance of trade and reached consensus.",
    ],
)
def test_a_consensus_on_something_or_views_with_content_stay_joint_positions(sentence: str) -> None:
    text = f"Lula da Silva held a phone call with Narendra Modi.\n\n{sentence}"
    assert said(text, (LULA, MODI), sentence[:25]) == [("Luiz Inácio Lula da Silva", "Narendra Modi")]


# -- words of a leader's office, spokesman or ministry are no position (GUIDELINES: spokespersons, aides) --


@pytest.mark.parametrize(
    "sentence",
    [
        "The spokesman for the Indian prime minister said that the meeting took place in Delhi.",
        "The office of the Indian prime minister said that the two leaders discussed trade.",
        "The Indian foreign ministry said that trade must grow.",
        "The spokesman for the Indian prime minister said trade must grow.",
    ],
)
def test_an_office_narrating_the_call_or_a_ministry_stays_no_position(sentence: str) -> None:
    text = f"Lula da Silva held a phone call with Narendra Modi.\n\n{sentence}"
    assert said(text, (LULA, MODI), sentence[:25]) == []


# -- a bare weekday or a numeric date between the subject and its verb ------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "President Lula Thursday met Prime Minister Modi wherein he reaffirmed Brazil's commitment to trade.",
        "President Lula on Saturday 12/06/2021 reiterated Brazil's firm stance on the dam.",
        "President Lula Monday held a phone call with Prime Minister Modi, whom he invited over to Brasilia for talks.",
    ],
)
def test_a_weekday_before_the_verb_keeps_the_frame(sentence: str) -> None:
    text = f"{sentence}\n\nThe call lasted an hour."
    assert said(text, (LULA, MODI), sentence[:25]) == [("Luiz Inácio Lula da Silva",)]


@pytest.mark.parametrize(
    "sentence",
    [
        "President Lula Thursday held a phone call with Prime Minister Modi.",
        "President Lula Monday held a phone call with Prime Minister Modi, whom he met last year.",
    ],
)
def test_a_weekday_before_a_narration_keeps_it_narration(sentence: str) -> None:
    text = f"{sentence}\n\nThe call lasted an hour."
    assert said(text, (LULA, MODI), sentence[:25]) == []
