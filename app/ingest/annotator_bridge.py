"""Bridge between the database and the pure annotator: registry rows in, annotator results out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, select

from app.annotate import ANNOTATOR_VERSION, Annotation, Participant, TopicSpec, annotate
from app.ingest.readout_metadata import slugify
from app.models import Leader, Topic


def as_participant(leader: Leader) -> Participant:
    return Participant(
        name=leader.name,
        title=leader.office,
        country=leader.country,
        gender=leader.gender,
        aliases=tuple(leader.aliases),
    )


def topic_specs(session: Session) -> list[TopicSpec]:
    """The vocabulary as the annotator needs it; topics added through the API count at once."""
    return [
        TopicSpec(slug=t.slug, name=t.name, keywords=tuple(t.keywords))
        for t in session.exec(select(Topic).order_by(Topic.slug)).all()
    ]


class LeaderIndex:
    """Finds registry leaders by slug, name or alias (case-insensitive)."""

    def __init__(self, leaders: Sequence[Leader]) -> None:
        self.leaders = list(leaders)
        self._by_key: dict[str, Leader] = {}
        for le in self.leaders:
            for key in (le.slug, le.name, *le.aliases):
                self._by_key.setdefault(key.casefold(), le)

    @classmethod
    def load(cls, session: Session) -> LeaderIndex:
        return cls(session.exec(select(Leader)).all())

    def find(self, name: str) -> Leader | None:
        return self._by_key.get(name.strip().casefold())


def new_leader(participant: Participant, taken: set[str]) -> Leader:
    """A registry row for a participant the registry does not know yet (not added to any session)."""
    base = slugify(participant.name)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return Leader(
        slug=slug,
        name=participant.name,
        office=participant.title,
        country=participant.country,
        gender=participant.gender,
        aliases=list(participant.aliases),
    )


@dataclass
class AnnotatorRun:
    """An annotation with its participants resolved to registry leaders (new ones not yet stored)."""

    annotation: Annotation
    participants: list[Leader]
    new_leaders: list[Leader]
    by_name: dict[str, Leader]
    method: str = ANNOTATOR_VERSION


def run_annotator(
    session: Session,
    text: str,
    participants: Sequence[Leader] | None,
    kind: str | None,
    index: LeaderIndex | None = None,
    *,
    title: str | None = None,
    date: dt.date | None = None,
) -> AnnotatorRun:
    """Annotate `text`; inferred participants are matched to the registry or made into new leaders.

    The document's `title` and `date` go to the annotator as `summit evaluate` gives them: the
    title sets the readout's subject, and the date picks, among leaders of one office and country,
    the one in office then (the registry's terms) when the text prints no date of its own."""
    index = index or LeaderIndex.load(session)
    given = [as_participant(le) for le in participants] if participants else None
    result = annotate(
        text,
        topics=topic_specs(session),
        participants=given,
        kind=kind,
        known_leaders=[as_participant(le) for le in index.leaders],
        title=title,
        date=date.isoformat() if date is not None else None,
    )
    taken = {le.slug for le in index.leaders}
    resolved: list[Leader] = []
    by_name: dict[str, Leader] = {}
    for p in result.participants:
        leader = next((le for le in participants or () if le.name == p.name), None) or index.find(p.name)
        leader = leader or new_leader(p, taken)
        resolved.append(leader)
        by_name[p.name] = leader
    new = [le for le in resolved if index.find(le.slug) is None]
    return AnnotatorRun(annotation=result, participants=resolved, new_leaders=new, by_name=by_name)
