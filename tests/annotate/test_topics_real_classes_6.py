"""Topics on real readouts, round 6 (issue #11): general shapes of how readouts signal a topic,
validated on readouts no rule writer had read. Invented sentences, each a different wording of the
class, with counter-examples that must not fire. One class per test."""

from __future__ import annotations

import pytest

from app.annotate import Participant
from tests.annotate.helpers import BIDEN, ERDOGAN, MACRON, PUTIN, SCHOLZ, TOKAYEV, XI, ZELENSKY, position_topics

RS = "regional-security"
RAMAPHOSA = Participant("Cyril Ramaphosa", "President", "South Africa", "male")


@pytest.mark.parametrize(
    ("text", "needle", "participants"),
    [
        # a conflict named with an article or a possessive
        (
            "Scholz and Tokayev spoke. Scholz said it is important that the two neighbours settle their "
            "decades-old conflict.",
            "decades-old",
            (SCHOLZ, TOKAYEV),
        ),
        (
            "Putin and Tokayev spoke. Putin said Russia was ready to help overcome the consequences of the "
            "border conflict.",
            "border conflict",
            (PUTIN, TOKAYEV),
        ),
        # a coup
        ("Biden and Ramaphosa spoke. Biden voiced concern over the coup in Niger.", "coup", (BIDEN, RAMAPHOSA)),
        # a trouble in a named place
        (
            "Macron and Ramaphosa spoke. Macron said the violence in Sudan must stop at once.",
            "violence",
            (MACRON, RAMAPHOSA),
        ),
        (
            "Xi and Tokayev spoke. Xi expressed concern about the situation on the Kyrgyz-Tajik border.",
            "border",
            (XI, TOKAYEV),
        ),
        # a trouble named by the place's adjective
        (
            "Erdogan and Ramaphosa spoke. Erdogan stressed that the Haitian crisis needs a political solution.",
            "Haitian",
            (ERDOGAN, RAMAPHOSA),
        ),
    ],
)
def test_conflict_in_a_place_without_a_topic_is_regional_security(text, needle, participants) -> None:
    assert RS in position_topics(text, needle, participants)


@pytest.mark.parametrize(
    ("text", "needle", "participants", "topic"),
    [
        # the place has a topic of its own: that topic only
        (
            "Macron and Zelensky spoke. Macron said the conflict in Ukraine must end in a just peace.",
            "just peace",
            (MACRON, ZELENSKY),
            "ukraine",
        ),
        (
            "Erdogan and Scholz spoke. Erdogan said the violence in Gaza must stop at once.",
            "violence",
            (ERDOGAN, SCHOLZ),
            "middle-east",
        ),
        (
            "Xi and Biden spoke. Xi said the situation in Hong Kong is China's internal affair.",
            "internal affair",
            (XI, BIDEN),
            "hong-kong",
        ),
    ],
)
def test_conflict_of_a_topic_place_keeps_that_topic_only(text, needle, participants, topic) -> None:
    got = position_topics(text, needle, participants)
    assert topic in got and RS not in got


@pytest.mark.parametrize(
    ("text", "needle", "participants"),
    [
        # conflicts in general, a generic issue, a sentence-initial "An issue", a participant's own country
        (
            "Xi and Ramaphosa spoke. Xi said conflicts should be resolved through dialogue.",
            "dialogue",
            (XI, RAMAPHOSA),
        ),
        (
            "Scholz and Tokayev spoke. Scholz said the economic crisis had hit both economies hard.",
            "economic crisis",
            (SCHOLZ, TOKAYEV),
        ),
        (
            "Putin and Tokayev spoke. Putin said the situation in Kazakhstan was stabilizing.",
            "stabilizing",
            (PUTIN, TOKAYEV),
        ),
    ],
)
def test_no_regional_security_without_a_conflict_in_a_third_place(text, needle, participants) -> None:
    assert RS not in position_topics(text, needle, participants)


ML = "multilateralism"
BIL = "bilateral-relations"


@pytest.mark.parametrize(
    ("text", "needle", "participants"),
    [
        # every country acting together
        (
            "Putin and Erdogan spoke. Putin said all nations should join their efforts together against the virus.",
            "join their efforts",
            (PUTIN, ERDOGAN),
        ),
        (
            "Xi and Macron spoke. Xi hoped that all the countries would overcome the crisis in cooperation.",
            "overcome",
            (XI, MACRON),
        ),
        # cooperation with all partners
        (
            "Biden and Scholz spoke. Biden said the United States seeks cooperation with all partners who share "
            "its goals.",
            "seeks cooperation",
            (BIDEN, SCHOLZ),
        ),
        # a united effort of everyone
        (
            "Zelensky and Macron spoke. Zelensky said Ukraine needs unified efforts from all partners to win peace.",
            "unified efforts",
            (ZELENSKY, MACRON),
        ),
        (
            "Ramaphosa and Macron spoke. Ramaphosa said the crisis needs a collective approach by all the "
            "states of the region.",
            "collective approach",
            (RAMAPHOSA, MACRON),
        ),
        (
            "Biden and Macron spoke. Biden underlined the importance of an international consensus for free elections.",
            "consensus",
            (BIDEN, MACRON),
        ),
    ],
)
def test_everyone_acting_together_is_multilateralism_not_the_pair(text, needle, participants) -> None:
    got = position_topics(text, needle, participants)
    assert ML in got and BIL not in got


@pytest.mark.parametrize(
    ("text", "needle", "participants"),
    [
        # the pair acting together, or the pair's own common efforts
        (
            "Xi and Macron spoke. Xi said the two countries should work together on climate finance.",
            "work together",
            (XI, MACRON),
        ),
        (
            "Scholz and Biden spoke. Scholz praised the joint efforts of the two governments.",
            "joint efforts",
            (SCHOLZ, BIDEN),
        ),
    ],
)
def test_the_pair_acting_together_stays_bilateral(text, needle, participants) -> None:
    got = position_topics(text, needle, participants)
    assert BIL in got and ML not in got


COVID = "covid-19"


@pytest.mark.parametrize(
    ("text", "needle", "participants"),
    [
        # "the epidemic" in a readout whose title and lead never name COVID-19
        (
            "Xi and Macron spoke by phone on Monday. They exchanged views on bilateral ties. Xi said China is "
            "ready to share its experience in fighting the epidemic with France.",
            "experience",
            (XI, MACRON),
        ),
        (
            "Putin and Erdogan held talks. The talks covered energy. Putin said epidemic prevention must not "
            "stop trade between the two countries.",
            "prevention",
            (PUTIN, ERDOGAN),
        ),
        # health protocols
        (
            "Scholz and Ramaphosa met. Ramaphosa said South Africa keeps enforcing health protocols at its borders.",
            "protocols",
            (SCHOLZ, RAMAPHOSA),
        ),
    ],
)
def test_the_epidemic_is_covid_without_a_covid_subject(text, needle, participants) -> None:
    assert COVID in position_topics(text, needle, participants)


def test_a_health_crisis_alone_needs_a_covid_subject() -> None:
    text = "Scholz and Ramaphosa met. They discussed energy. Scholz said the health crisis in hospitals worries him."
    assert COVID not in position_topics(text, "hospitals", (SCHOLZ, RAMAPHOSA))


@pytest.mark.parametrize(
    ("text", "needle", "participants"),
    [
        # the pair's contacts and the meetings to come
        (
            'Putin and Tokayev spoke. The two leaders agreed to remain in "permanent" contact.',
            "permanent",
            (PUTIN, TOKAYEV),
        ),
        (
            "Macron and Tokayev spoke. Both confirmed their readiness to update the contacts at the government level.",
            "update",
            (MACRON, TOKAYEV),
        ),
        (
            "Xi and Ramaphosa spoke. Xi said the informal summits had been a brilliant idea.",
            "brilliant",
            (XI, RAMAPHOSA),
        ),
        (
            "Erdogan and Scholz spoke. They agreed to prepare the agenda of the scheduled high-level meetings.",
            "agenda",
            (ERDOGAN, SCHOLZ),
        ),
    ],
)
def test_contacts_and_meetings_to_come_are_the_relationship(text, needle, participants) -> None:
    assert BIL in position_topics(text, needle, participants)


def test_a_forum_meeting_to_come_is_no_relationship() -> None:
    text = "Macron and Ramaphosa spoke. Macron said France looks to the upcoming G20 summit with hope."
    got = position_topics(text, "hope", (MACRON, RAMAPHOSA))
    assert ML in got and BIL not in got


TRADE = "trade"


@pytest.mark.parametrize(
    ("text", "needle", "participants"),
    [
        (
            "Macron and Ramaphosa spoke. Macron said France would prevent any disruption in the commodities "
            "traded between the two countries.",
            "disruption",
            (MACRON, RAMAPHOSA),
        ),
        (
            "Scholz and Macron met. Scholz said our economies have become closely intertwined.",
            "intertwined",
            (SCHOLZ, MACRON),
        ),
        (
            "Xi and Scholz spoke. Xi stressed that economic globalization may meet headwinds.",
            "headwinds",
            (XI, SCHOLZ),
        ),
        (
            "Erdogan and Putin spoke. Erdogan said many Turkish firms are doing business in the region.",
            "firms",
            (ERDOGAN, PUTIN),
        ),
        (
            "Putin and Tokayev spoke. Putin said Kazakhstan can buy fuel below the market price.",
            "fuel",
            (PUTIN, TOKAYEV),
        ),
        (
            "Tokayev and Erdogan spoke. Tokayev said new transit routes across the Caspian would serve both sides.",
            "transit",
            (TOKAYEV, ERDOGAN),
        ),
    ],
)
def test_the_economy_between_countries_in_other_words_is_trade(text, needle, participants) -> None:
    assert TRADE in position_topics(text, needle, participants)


def test_economic_growth_at_home_is_no_trade() -> None:
    text = "Macron and Ramaphosa met. Macron said France aims at inclusive economic growth and a green recovery."
    assert TRADE not in position_topics(text, "inclusive", (MACRON, RAMAPHOSA))


def test_economies_as_countries_are_no_trade() -> None:
    text = "Xi and Biden met. Xi said the world's two largest economies should step up cooperation on climate."
    assert TRADE not in position_topics(text, "climate", (XI, BIDEN))


@pytest.mark.parametrize(
    ("text", "needle", "participants"),
    [
        # what the region is given or faces
        (
            "Erdogan and Scholz spoke. Erdogan said the deal would bring lasting peace to the region.",
            "lasting peace",
            (ERDOGAN, SCHOLZ),
        ),
        (
            "Putin and Tokayev spoke. Putin said both will coordinate on the threats facing the region.",
            "threats facing",
            (PUTIN, TOKAYEV),
        ),
        # a dispute, a security pact of third countries, arms flowing
        (
            "Erdogan and Tokayev spoke. Erdogan praised the leaders for ending the decades-long dispute.",
            "decades-long",
            (ERDOGAN, TOKAYEV),
        ),
        (
            "Biden and Scholz spoke. They voiced concern about the security pact between Beijing and Honiara.",
            "security pact",
            (BIDEN, SCHOLZ),
        ),
        (
            "Macron and Ramaphosa spoke. Ramaphosa deplored the flow of weapons across the border.",
            "weapons",
            (MACRON, RAMAPHOSA),
        ),
    ],
)
def test_the_region_and_third_party_security_matters_are_regional_security(text, needle, participants) -> None:
    assert RS in position_topics(text, needle, participants)


def test_a_trade_dispute_is_no_regional_security() -> None:
    text = "Xi and Biden spoke. Xi said the trade dispute should be settled through consultation."
    got = position_topics(text, "consultation", (XI, BIDEN))
    assert TRADE in got and RS not in got


@pytest.mark.parametrize(
    ("text", "needle", "participants"),
    [
        ("Xi and Macron spoke. The two leaders agreed to keep communicating closely.", "communicating", (XI, MACRON)),
        (
            "Biden and Scholz spoke. They affirmed a commitment to bolster consultations on the challenges ahead.",
            "bolster",
            (BIDEN, SCHOLZ),
        ),
        ("Putin and Erdogan met. Erdogan said he looks to fruitful deliberations.", "fruitful", (PUTIN, ERDOGAN)),
        (
            "Macron and Ramaphosa met. Macron said the two-way flow of students had doubled.",
            "students",
            (MACRON, RAMAPHOSA),
        ),
        (
            "Tokayev and Xi spoke. Tokayev said Kazakhstan has a common position with China on extremism.",
            "extremism",
            (TOKAYEV, XI),
        ),
    ],
)
def test_the_pair_talking_and_agreeing_in_other_words_is_the_relationship(text, needle, participants) -> None:
    assert BIL in position_topics(text, needle, participants)


def test_consultation_as_a_method_is_no_relationship() -> None:
    text = "Xi and Putin spoke. Xi and Putin agreed that dialogue and consultation remain the way to settle it."
    assert BIL not in position_topics(text, "remain the way", (XI, PUTIN))
