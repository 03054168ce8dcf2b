"""Classes of positions the rules missed on real readouts (issue #11, fifth pass): one invented
wording per case, with counter-examples that must stay unattributed. The learned fallback is
turned off here, so that each test shows what the rules alone do."""

from __future__ import annotations

import pytest

from app.annotate import Participant
from tests.annotate.helpers import BIDEN, TOKAYEV, XI, said

CASTRO = Participant("Xiomara Castro", "President", "Honduras", "female")
MIRZIYOYEV = Participant("Shavkat Mirziyoyev", "President", "Uzbekistan", "male")
VDL = Participant("Ursula von der Leyen", "President", "European Union", "female")
TRUDEAU = Participant("Justin Trudeau", "Prime Minister", "Canada", "male")


pytestmark = pytest.mark.usefixtures("rules_only")


# -- a paragraph's statement goes on in sentences with no reporting subject of their own ----------


@pytest.mark.parametrize(
    "follow",
    [
        "The establishment of diplomatic relations will benefit both peoples in the long run.",
        "It is believed that with joint efforts the relationship will go far.",
        "The one-China principle is the political basis of the relationship.",
        "There is no way out for decoupling, and cooperation is the only choice.",
        "China and Honduras share similar development goals.",
        "China's modernization will bring new opportunities to all countries.",
        # the speaker's own country by its capital, with a pledge
        "Beijing also pledged further aid for the energy grid.",
    ],
)
def test_a_statement_goes_on_in_its_paragraph(follow: str) -> None:
    text = (
        "Xi Jinping held talks with President Xiomara Castro in Beijing.\n\n"
        f"Xi Jinping pointed out that her visit opened a new chapter in the relationship. {follow}"
    )
    assert said(text, (XI, CASTRO), follow[:20]) == [("Xi Jinping",)]


def test_a_joint_statement_goes_on_too() -> None:
    text = (
        "The two presidents agreed to coordinate their aid to Kyrgyzstan. "
        "Both countries intend to provide humanitarian aid to the Kyrgyz people."
    )
    assert said(text, (TOKAYEV, MIRZIYOYEV), "Both countries") == [("Kassym-Jomart Tokayev", "Shavkat Mirziyoyev")]


@pytest.mark.parametrize(
    "follow",
    [
        # narration of the communication
        "The conversation also covered the delivery of vaccines.",
        "The consultations will be concluded with a dinner.",
        "The two presidents also discussed regional issues.",
        # the outlet's context
        "That comes as China's rise fuels the bloc's interest in the region.",
        # news of its own, with its date
        "On June 23-24, the European Council will continue to discuss this.",
        # another participant, or her country, is its subject
        "President Castro provided assurances on the export mechanism.",
        "Honduras will also help.",
        # the speaker's own country with no stance verb: left to the learned fallback
        "China regards Honduras as a reliable partner.",
    ],
)
def test_what_does_not_go_on_with_the_statement(follow: str) -> None:
    text = f"Xi Jinping pointed out that her visit opened a new chapter in the relationship. {follow}"
    assert said(text, (XI, CASTRO), follow[:20]) == []


def test_a_statement_does_not_cross_a_paragraph() -> None:
    text = (
        "Xi Jinping pointed out that her visit opened a new chapter in the relationship.\n\n"
        "The establishment of diplomatic relations will benefit both peoples in the long run."
    )
    assert said(text, (XI, CASTRO), "establishment") == []


def test_two_speakers_before_do_not_go_on() -> None:
    text = (
        "Xi said the relationship was sound, while Castro said she valued the friendship. "
        "The establishment of diplomatic relations will benefit both peoples in the long run."
    )
    assert said(text, (XI, CASTRO), "establishment") == []


# -- reporting verbs the lexicon lacked ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "speakers"),
    [
        ("Xi Jinping reported that relations have weathered fluctuations for 50 years.", [("Xi Jinping",)]),
        ("Castro clarified that the decision to open an embassy is final.", [("Xiomara Castro",)]),
        ("Castro renewed her invitation to President Xi to visit Honduras.", [("Xiomara Castro",)]),
        ("Xi and Castro also renewed their call for a ceasefire in the region.", [("Xi Jinping", "Xiomara Castro")]),
        ("Xi repeated that China stands ready to help.", [("Xi Jinping",)]),
        ("The presidents attached great importance to infrastructure projects.", [("Xi Jinping", "Xiomara Castro")]),
        ("Xi went on to call on the international community to support Honduras.", [("Xi Jinping",)]),
    ],
)
def test_reporting_verbs_of_real_readouts(sentence: str, speakers: list[tuple[str, ...]]) -> None:
    text = f"Xi Jinping held talks with President Xiomara Castro. {sentence}"
    assert said(text, (XI, CASTRO), sentence[:15]) == speakers


@pytest.mark.parametrize(
    "sentence",
    [
        "The head of state reported this on his social networks.",  # no content: not "reported that"
        "Xi renewed his condolences over the floods.",  # a courtesy renewed is a courtesy
        "Castro confirmed the phone call.",  # the call itself
    ],
)
def test_what_these_verbs_leave_alone(sentence: str) -> None:
    text = f"Xi Jinping held talks with President Xiomara Castro. {sentence}"
    assert said(text, (XI, CASTRO), sentence[:15]) == []


# -- "States" in a name is no verb -------------------------------------------------------------------

LEE = Participant("Lee Hsien Loong", "Prime Minister", "Singapore", "male")


def test_the_united_states_is_a_subject_not_a_verb() -> None:
    text = (
        "President Biden met Prime Minister Lee Hsien Loong. "
        '"The United States seeks cooperation with all partners in the region," the joint statement said.'
    )
    assert said(text, (BIDEN, LEE), "seeks") == [("Joe Biden",)]
    # the verb itself still counts: "Lee states that ..."
    text2 = "President Biden met Prime Minister Lee Hsien Loong. Lee states that Singapore supports free trade."
    assert said(text2, (BIDEN, LEE), "free trade") == [("Lee Hsien Loong",)]


# -- a group subject with its verb in the present --------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The two sides reiterate their firm support for each other's development paths.",
        "They also agree to work together on the energy transition.",
        "Both countries intend to provide humanitarian aid to the region.",
        '"The two sides reiterate the importance of peace in the region," said the statement.',
        "Through their programmes, both sides recognise that vaccine equity matters.",
    ],
)
def test_a_group_subject_in_the_present(sentence: str) -> None:
    text = f"Xi Jinping held talks with President Xiomara Castro.\n\n{sentence}"
    assert said(text, (XI, CASTRO), sentence[:12]) == [("Xi Jinping", "Xiomara Castro")]


@pytest.mark.parametrize(
    "sentence",
    [
        "We agree to work together on the energy transition.",  # unquoted "we": not the leaders as a group
        "The two sides' support for the talks is well known.",  # a noun, not the verb
        "The two leaders held talks in the Great Hall.",  # narration
    ],
)
def test_what_a_group_in_the_present_does_not_cover(sentence: str) -> None:
    text = f"Xi Jinping held talks with President Xiomara Castro.\n\n{sentence}"
    assert said(text, (XI, CASTRO), sentence[:12]) == []


# -- a saying verb that reports only that the leaders talked -----------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Xi told reporters that he talked to Castro for about half an hour.",
        "In turn, Castro mentioned on Telegram that during the conversation, the parties discussed regional issues.",
        "Castro said they discussed the situation in Central America.",
    ],
)
def test_saying_that_they_talked_is_narration(sentence: str) -> None:
    text = f"Xi Jinping held talks with President Xiomara Castro.\n\n{sentence}"
    assert said(text, (XI, CASTRO), sentence[:12]) == []


@pytest.mark.parametrize(
    ("sentence", "speakers"),
    [
        ("Castro said they discussed the need for a ceasefire.", [("Xiomara Castro",)]),
        (
            "Xi and Castro said they discussed their shared intention to expand trade.",
            [("Xi Jinping", "Xiomara Castro")],
        ),
        ("Xi told reporters that he talked to Castro and agreed to expand trade.", [("Xi Jinping",)]),
    ],
)
def test_saying_what_they_discussed_with_content_is_a_position(sentence: str, speakers: list[tuple[str, ...]]) -> None:
    text = f"Xi Jinping held talks with President Xiomara Castro.\n\n{sentence}"
    assert said(text, (XI, CASTRO), sentence[:12]) == speakers


# -- a document of the communication closes a clause in a country's or the signatories' name --------

MUIZZU = Participant("Mohamed Muizzu", "President", "Maldives", "male")


def test_what_the_statement_says_in_a_countrys_name() -> None:
    text = (
        "President Muizzu held talks with President Xi Jinping.\n\n"
        "The Maldives opposes external interference in China's internal affairs, the statement said."
    )
    assert said(text, (MUIZZU, XI), "opposes") == [("Mohamed Muizzu",)]


def test_what_a_joint_statement_says_with_no_subject_of_its_own() -> None:
    text = (
        "Xi and Castro issued a joint statement after their talks.\n\n"
        "A military presence in the region by a third state would alter the strategic balance, the statement said."
    )
    assert said(text, (XI, CASTRO), "military presence") == [("Xi Jinping", "Xiomara Castro")]


@pytest.mark.parametrize(
    "sentence",
    [
        # a spokesman is no document of the communication
        "Honduras opposes external interference in its affairs, the spokesman said.",
        # a single side's statement speaks for the participants only by their names or countries
        "A military presence in the region would alter the strategic balance, the statement said.",
        # narration stays narration
        "The summit was held in the Great Hall of the People, the joint statement said.",
    ],
)
def test_what_a_closing_document_does_not_make_a_position(sentence: str) -> None:
    text = f"Xi Jinping held talks with President Xiomara Castro.\n\n{sentence}"
    assert said(text, (XI, CASTRO), sentence[:12]) == []


# -- an invitation welcomed, accepted or received is its author's pledge too -------------------------


@pytest.mark.parametrize(
    ("sentence", "speakers"),
    [
        ("Xi likewise welcomed Castro's invitation for him to visit Honduras.", [("Xi Jinping",), ("Xiomara Castro",)]),
        (
            "Xi said he welcomed an invitation by Castro to host a regional summit.",
            [("Xi Jinping",), ("Xiomara Castro",)],
        ),
    ],
)
def test_the_author_of_an_invitation_welcomed(sentence: str, speakers: list[tuple[str, ...]]) -> None:
    text = f"Xi Jinping held talks with President Xiomara Castro.\n\n{sentence}"
    assert sorted(said(text, (XI, CASTRO), sentence[:12])) == speakers


def test_an_invitation_received_in_a_leaders_own_words() -> None:
    text = 'Castro wrote after the call: "I also received an invitation from Xi Jinping to visit China."'
    assert ("Xi Jinping",) in said(text, (XI, CASTRO), "invitation")


@pytest.mark.parametrize(
    "sentence",
    [
        "Xi thanked Castro for accepting the invitation.",  # thanks stay a courtesy
        "Castro reiterated her thanks for China's invitation.",  # a country's, and thanks
    ],
)
def test_thanks_for_an_invitation_stay_courtesies(sentence: str) -> None:
    text = f"Xi Jinping held talks with President Xiomara Castro.\n\n{sentence}"
    assert said(text, (XI, CASTRO), sentence[:12]) == []


# -- the other participant's own position in a relative clause --------------------------------------


@pytest.mark.parametrize(
    ("sentence", "other"),
    [
        ("Xi invited President Castro to China, who promised to travel soon.", ("Xiomara Castro",)),
        (
            "Castro expressed her intention to host a regional summit, to which President Xi expressed his support.",
            ("Xi Jinping",),
        ),
    ],
)
def test_the_other_participant_in_a_relative_clause(sentence: str, other: tuple[str, ...]) -> None:
    text = f"Xi Jinping held talks with President Xiomara Castro.\n\n{sentence}"
    assert other in said(text, (XI, CASTRO), sentence[:12])


def test_a_relative_clause_of_someone_else_adds_nobody() -> None:
    text = (
        "Xi Jinping held talks with President Xiomara Castro.\n\n"
        "Xi invited Castro to meet the Foreign Minister, who promised to prepare the visit."
    )
    assert said(text, (XI, CASTRO), "invited") == [("Xi Jinping",)]


# -- informing the other leader of one's own plans, results or talks ---------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Xi updated President Castro on plans for a second aid flight to the region.",
        "Xi updated President Castro on his recent announcement of new credit lines.",
        "Xi informed Castro of the results of the regional summit held last week in Bishkek.",
        "Xi informed Castro of the talks he had with the leaders of the region.",
        # the manner before what is reported, or no addressee at all
        "Xi informed Castro in detail of China's position on the border question.",
        "Xi informed that China had taken new measures against the outbreak.",
    ],
)
def test_informing_of_ones_own_plans_and_talks(sentence: str) -> None:
    text = f"Xi Jinping held talks with President Xiomara Castro.\n\n{sentence}"
    assert said(text, (XI, CASTRO), sentence[:12]) == [("Xi Jinping",)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Xi briefed Castro on the situation in the region.",  # no stance of his own
        "The two presidents updated each other about the state of infections.",
        "Xi informed Castro in detail about the situation in the region.",
        "Xi updated on his meetings with the leaders of the region.",  # no addressee, no "that"
    ],
)
def test_a_briefing_on_a_situation_stays_narration(sentence: str) -> None:
    text = f"Xi Jinping held talks with President Xiomara Castro.\n\n{sentence}"
    assert said(text, (XI, CASTRO), sentence[:12]) == []
