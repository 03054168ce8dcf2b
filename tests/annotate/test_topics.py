"""Topic keywords: word boundaries, several topics, data-driven vocabulary."""

from __future__ import annotations

from app.annotate import TopicSpec, annotate
from app.annotate.topics import TopicMatcher
from tests.annotate.helpers import LULA, MODI, TOPICS, run


def topics_of(sentence: str) -> tuple[str, ...]:
    return TopicMatcher(TOPICS).match(sentence)


def test_word_boundaries():
    assert "xinjiang" in topics_of("He spoke about Xinjiang.")
    assert topics_of("The Xinjiangese festival.") == ()
    assert "trade" not in topics_of("They traded places.")
    assert "multilateralism" not in topics_of("He met Kim Jong Un.")
    assert "multilateralism" in topics_of("He backed reform of the UN.")


def test_every_topic_a_sentence_addresses():
    got = topics_of("Cooperation on COVID-19 vaccines and on fighting terrorism and drug trafficking in Afghanistan.")
    assert set(got) >= {"bilateral-relations", "covid-19", "vaccines", "terrorism", "drug-trafficking", "afghanistan"}


def test_all_vocabulary_topics_have_keywords():
    assert all(t.keywords for t in TOPICS)
    assert len({t.slug for t in TOPICS}) == 19


def test_new_topic_takes_effect_without_code_change():
    extra = list(TOPICS) + [TopicSpec("arctic", "Arctic", ("Arctic", r"polar\s+route"))]
    t = "Lula said Brazil wants to study the Arctic polar route."
    ann = annotate(t, topics=extra, participants=[LULA, MODI])
    assert "arctic" in ann.positions[0].topics


def test_implied_topic_needs_the_document_context():
    t1 = "The pandemic hit hard. Modi said India will ship more vaccine doses to Africa."
    t2 = "Measles is back. Modi said India will ship more vaccine doses to Africa."
    assert "covid-19" in run(t1).positions[-1].topics
    assert "covid-19" not in run(t2).positions[-1].topics


def test_participant_country_is_not_a_topic():
    from app.annotate import Participant

    iran = Participant("Masoud Pezeshkian", "President", "Iran", "male")
    t = "Lula said Brazil and Iran should expand cooperation in agriculture."
    ann = annotate(t, topics=TOPICS, participants=[LULA, iran])
    assert "middle-east" not in ann.positions[0].topics
    ann2 = run(t)  # Iran not a participant: a Middle East question
    assert "middle-east" in ann2.positions[0].topics


def test_odd_keywords_are_harmless():
    odd = [TopicSpec("x", "X", ("", "a*", "(unclosed", "ok\\b")), TopicSpec("y", "Y", ())]
    t = "Lula said Brazil wants an ok deal (unclosed bracket."
    ann = annotate(t, topics=list(TOPICS) + odd, participants=[LULA, MODI])
    assert "x" in ann.positions[0].topics and "y" not in ann.positions[0].topics
    t2 = "Lula said Brazil wants peace."
    assert "x" not in annotate(t2, topics=odd, participants=[LULA, MODI]).positions[0].topics


def test_circumstance_is_not_a_topic():
    ann = run("Despite the pandemic, Modi said trade between India and Brazil had grown.")
    assert "trade" in ann.positions[0].topics and "covid-19" not in ann.positions[0].topics


def _topics_of(sentence: str, *participants: tuple[str, str]) -> tuple[str, ...]:
    from app.annotate import Participant, annotate, load_topic_specs
    from app.core.config import PROJECT_ROOT

    specs = load_topic_specs(PROJECT_ROOT / "data" / "topics.yaml")
    parts = [Participant(name=n, country=c) for n, c in participants]
    (position,) = annotate(sentence, topics=specs, participants=parts).positions
    return position.topics


def test_a_participants_country_inside_a_longer_name_still_counts() -> None:
    xi, putin = ("Xi Jinping", "China"), ("Vladimir Putin", "Russia")
    assert "south-china-sea" in _topics_of(
        "Putin said Russia supports China's position on the South China Sea.", xi, putin
    )
    yoon, biden = ("Yoon Suk Yeol", "South Korea"), ("Joe Biden", "United States")
    assert "korean-peninsula" in _topics_of("Yoon said peace on the Korean Peninsula is the goal.", yoon, biden)


def test_a_country_that_is_a_topic_is_not_masked_for_its_own_leader() -> None:
    zelensky, biden = ("Volodymyr Zelensky", "Ukraine"), ("Joe Biden", "United States")
    assert "ukraine" in _topics_of("Zelensky said Ukraine will never give up its territory.", zelensky, biden)


def test_a_speakers_own_country_is_still_not_a_topic() -> None:
    erdogan, raisi = ("Recep Tayyip Erdogan", "Turkey"), ("Ebrahim Raisi", "Iran")
    assert "middle-east" not in _topics_of("Raisi said Iran will expand trade with Turkey.", erdogan, raisi)
