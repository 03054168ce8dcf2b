"""Side-by-side views: what several leaders say (on a topic), and what each readout of one event reports."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.catalog import events
from app.core.errors import invalid_parameter
from app.models import Event, Leader, Position, PositionSpeaker, Topic
from app.positions import aggregates
from app.positions import service as position_service
from app.positions.filters import PositionFilters, within
from app.positions.query_plan import plan_list
from app.schemas import (
    ComparedLeader,
    Comparison,
    DocumentRef,
    EventComparison,
    LeaderRef,
    PositionPublic,
    ReadoutCoverage,
    TopicCoverage,
)


def _positions(session: Session, filters: PositionFilters, limit: int, base_url: str) -> list[PositionPublic]:
    page = position_service.list_positions(session, plan_list(session, filters, "date"), limit, None)
    return [position_service.hit_to_public(hit, base_url) for hit in page.rows]


def compare_leaders(session: Session, filters: PositionFilters, limit: int, base_url: str) -> Comparison:
    """The leaders of `filters.leader` side by side on the positions matching the other filters."""
    slugs = filters.leader
    if len(slugs) < 2:
        raise invalid_parameter(
            "leader", "give at least two leaders to compare (repeat the parameter)", value=slugs[0] if slugs else None
        )
    base = replace(filters, leader=())
    names = dict(session.exec(select(Leader.slug, Leader.name).where(col(Leader.slug).in_(slugs))).all())
    sides = []
    for slug in slugs:
        own = within(base, leader=slug)
        counts = aggregates.facets(session, own, ("topic", "act"))
        sides.append(
            ComparedLeader(
                leader=LeaderRef(slug=slug, name=names[slug]),
                count=position_service.count_positions(session, own),
                positions=_positions(session, own, limit, base_url),
                topics=counts["topic"],
                acts=counts["act"],
            )
        )
    shared = set.intersection(*({c.value for c in side.topics} for side in sides))
    # Joint: positions at least two of the compared leaders speak together.
    together = (
        select(PositionSpeaker.position_id)
        .where(col(PositionSpeaker.leader_slug).in_(slugs))
        .group_by(col(PositionSpeaker.position_id))
        .having(func.count() >= 2)
    )
    joint = replace(base, extra=(*base.extra, col(Position.id).in_(together)))
    return Comparison(
        topics=list(filters.topic),
        leaders=sides,
        shared_topics=sorted(shared),
        joint=_positions(session, joint, limit, base_url),
    )


def compare_readouts(session: Session, event: Event, base_url: str) -> EventComparison:
    """Per topic, which readouts of `event` report it and with which positions, and which leave it out."""
    documents = sorted(event.documents, key=lambda d: d.id)
    doc_ids = [d.id for d in documents]
    # An event has a handful of readouts of tens of sentences: one bounded fetch is enough.
    page = position_service.list_positions(
        session, plan_list(session, PositionFilters(event=(event.id,)), "date"), 10_000, None
    )
    by_topic: dict[str, dict[str, list[PositionPublic]]] = {}
    untagged: dict[str, list[PositionPublic]] = {}
    for hit in sorted(page.rows, key=lambda h: (h.position.document_id, h.position.start)):
        public = position_service.hit_to_public(hit, base_url)
        if not public.topics:
            untagged.setdefault(public.document_id, []).append(public)
        for topic in public.topics:
            by_topic.setdefault(topic, {}).setdefault(public.document_id, []).append(public)
    topic_names = dict(session.exec(select(Topic.slug, Topic.name).where(col(Topic.slug).in_(list(by_topic)))).all())
    coverage = [
        TopicCoverage(
            topic=slug,
            name=topic_names.get(slug, slug),
            documents=[ReadoutCoverage(document_id=d, positions=per_doc[d]) for d in doc_ids if d in per_doc],
            missing_from=[d for d in doc_ids if d not in per_doc],
        )
        for slug, per_doc in by_topic.items()
    ]
    # What all readouts agree on first, then what some left out; larger topics first within each.
    coverage.sort(key=lambda t: (len(t.missing_from), -sum(len(c.positions) for c in t.documents), t.topic))
    return EventComparison(
        event=events.event_summary(event),
        documents=[DocumentRef(id=d.id, title=d.title, source=d.source) for d in documents],
        topics=coverage,
        untagged=[ReadoutCoverage(document_id=d, positions=untagged[d]) for d in doc_ids if d in untagged],
    )
