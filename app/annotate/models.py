"""The annotator's value types (frozen dataclasses, no framework imports)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Participant", "TopicSpec", "FoundPosition", "Annotation", "ACTS"]

ACTS: tuple[str, ...] = ("assert", "commit", "call", "support", "oppose", "agree")


@dataclass(frozen=True)
class Participant:
    """A leader taking part in the communication."""

    name: str
    title: str | None = None
    country: str | None = None
    gender: str | None = None  # "male" | "female" | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class TopicSpec:
    """A topic of the vocabulary with the keyword patterns that signal it."""

    slug: str
    name: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class FoundPosition:
    """One attributed sentence: text[start:end] is the sentence (no outer whitespace)."""

    start: int
    end: int
    speakers: tuple[str, ...]
    topics: tuple[str, ...]
    act: str
    confidence: float
    evidence: str = ""  # what the attribution rests on (data/lexicon/confidence.yaml)


@dataclass(frozen=True)
class Annotation:
    """The participants used (given or inferred) and the positions found."""

    participants: tuple[Participant, ...]
    positions: tuple[FoundPosition, ...]
