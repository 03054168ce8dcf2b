"""A participant and the topic: a participant's own country is a speaker, not a topic, except
where the sentence speaks of the question that country names (issue #11), where the country's
word comes back for a sentence carrying a context cue of its topic; and the other side met, or
bought from, is the relationship. Invented one-sentence fixtures."""

from __future__ import annotations

from app.annotate import Participant
from tests.annotate.helpers import ERDOGAN, PUTIN, run

RAISI = Participant("Ebrahim Raisi", "President", "Iran", "male")
HERZOG = Participant("Isaac Herzog", "President", "Israel", "male")


def topics_at(text: str, needle: str, participants: tuple[Participant, ...]) -> set[str]:
    ann = run(text, participants=participants)
    hits = [p for p in ann.positions if needle in text[p.start : p.end]]
    assert hits, f"no position holds {needle!r}"
    return {t for p in hits for t in p.topics}


def test_own_country_with_its_question_is_the_topic() -> None:
    text = "Raisi and Putin spoke by phone. Raisi condemned the sanctions against Iran."
    assert "middle-east" in topics_at(text, "sanctions", (RAISI, PUTIN))


def test_own_country_with_civilian_casualties_is_the_topic() -> None:
    text = "Herzog and Erdogan spoke by phone. Herzog said the attacks on Israel caused civilian casualties."
    assert "middle-east" in topics_at(text, "attacks", (HERZOG, ERDOGAN))


def test_own_country_as_a_party_to_cooperation_stays_masked() -> None:
    text = "Raisi and Erdogan spoke by phone. Raisi said Iran was ready to expand energy cooperation with Turkey."
    assert "middle-east" not in topics_at(text, "energy cooperation", (RAISI, ERDOGAN))


def test_another_topic_cue_does_not_bring_the_country_back() -> None:
    # "sanctions" is also a cue of the Korean Peninsula; here the sentence names North Korea,
    # and the cue goes to it, not to the speaker's own country.
    text = "Raisi and Putin spoke by phone. Putin said Iran opposed the sanctions against North Korea."
    assert topics_at(text, "North Korea", (RAISI, PUTIN)) & {"middle-east"} == set()


def test_meeting_or_buying_from_the_other_side_is_about_the_relationship() -> None:
    text = "Raisi and Putin spoke by phone. Raisi noted that he had met Putin five times this year."
    assert "bilateral-relations" in topics_at(text, "five times", (RAISI, PUTIN))
    text = "Raisi and Putin spoke by phone. Raisi said Iran would purchase wheat from Russia."
    assert "bilateral-relations" in topics_at(text, "purchase wheat", (RAISI, PUTIN))
    own = "Raisi and Putin spoke by phone. Raisi said Iran would purchase wheat on the world market."
    assert "bilateral-relations" not in topics_at(own, "purchase wheat", (RAISI, PUTIN))
