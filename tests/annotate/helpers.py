"""Shared fixtures for the annotator tests (plain helpers: tests/conftest.py is not ours)."""

from __future__ import annotations

from pathlib import Path

from app.annotate import Annotation, Participant, annotate, load_topic_specs

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"
DEV = SHARED / "annotation" / "dev"
TOPICS = load_topic_specs(REPO / "data" / "topics.yaml")

LULA = Participant("Luiz Inácio Lula da Silva", "President", "Brazil", "male")
MODI = Participant("Narendra Modi", "Prime Minister", "India", "male")
MELONI = Participant("Giorgia Meloni", "Prime Minister", "Italy", "female")
ALBANESE = Participant("Anthony Albanese", "Prime Minister", "Australia", "male")
KISHIDA = Participant("Fumio Kishida", "Prime Minister", "Japan", "male")
SCHOLZ = Participant("Olaf Scholz", "Chancellor", "Germany", "male")
BIDEN = Participant("Joe Biden", "President", "United States", "male")
XI = Participant("Xi Jinping", "President", "China", "male")
MACRON = Participant("Emmanuel Macron", "President", "France", "male")
ZELENSKY = Participant("Volodymyr Zelensky", "President", "Ukraine", "male")
SUNAK = Participant("Rishi Sunak", "Prime Minister", "United Kingdom", "male")
PUTIN = Participant("Vladimir Putin", "President", "Russia", "male")
ERDOGAN = Participant("Recep Tayyip Erdogan", "President", "Turkey", "male")
MBS = Participant("Mohammed bin Salman", "Crown Prince", "Saudi Arabia", "male")
TOKAYEV = Participant("Kassym-Jomart Tokayev", "President", "Kazakhstan", "male")


def run(text: str, participants=(LULA, MODI), **kw) -> Annotation:
    return annotate(text, topics=TOPICS, participants=list(participants) if participants is not None else None, **kw)


def who(ann: Annotation, text: str) -> dict[str, list[tuple[str, ...]]]:
    """sentence text -> list of speaker tuples."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in ann.positions:
        out.setdefault(text[p.start : p.end], []).append(p.speakers)
    return out


def speakers_of(ann: Annotation, text: str, needle: str) -> list[tuple[str, ...]]:
    """Speaker tuples of the positions whose sentence contains needle."""
    return [p.speakers for p in ann.positions if needle in text[p.start : p.end]]


def said(text: str, participants: tuple[Participant, ...], needle: str) -> list[tuple[str, ...]]:
    """Speaker tuples of the positions whose sentence contains needle, annotating text with participants."""
    return speakers_of(run(text, participants), text, needle)


def position_topics(text: str, needle: str, participants: tuple[Participant, ...]) -> set[str]:
    """Topics of the positions whose sentence contains needle; fails when no position holds it."""
    ann = run(text, participants=participants)
    found = [p for p in ann.positions if needle in text[p.start : p.end]]
    assert found, f"no position holds {needle!r}"
    return {t for p in found for t in p.topics}
