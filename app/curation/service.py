"""Curators' writes: correcting, adding and deleting positions, deleting documents, adding topics."""

from __future__ import annotations

from sqlmodel import Session, col, select

from app.core.errors import CONFLICT, ApiError, invalid_parameter
from app.curation import history
from app.dataset import versions
from app.models import Document, Leader, Position, Topic
from app.schemas import PositionIn, PositionPatch, TopicIn

CURATED = "curated"


def _leaders(session: Session, slugs: list[str], field: str) -> list[Leader]:
    found = {le.slug: le for le in session.exec(select(Leader).where(col(Leader.slug).in_(slugs))).all()}
    missing = [s for s in slugs if s not in found]
    if missing:
        raise invalid_parameter(
            field, f"unknown leader {', '.join(map(repr, missing))}; see /v1/leaders", value=missing[0], location="body"
        )
    return [found[s] for s in dict.fromkeys(slugs)]


def _topics(session: Session, slugs: list[str], field: str) -> list[Topic]:
    found = {t.slug: t for t in session.exec(select(Topic).where(col(Topic.slug).in_(slugs))).all()}
    missing = [s for s in slugs if s not in found]
    if missing:
        valid = ", ".join(session.exec(select(Topic.slug).order_by(Topic.slug)).all())
        raise invalid_parameter(
            field, f"unknown topic {', '.join(map(repr, missing))}; valid: {valid}", value=missing[0], location="body"
        )
    return [found[s] for s in dict.fromkeys(slugs)]


def patch_position(session: Session, position: Position, patch: PositionPatch, *, actor: str | None = None) -> Position:
    """Apply a curator's correction; the position becomes curated and reviewed. The history records
    which fields changed (old and new values) and by whom."""
    before = history.position_state(position)
    if patch.speakers is not None:
        position.speakers = _leaders(session, patch.speakers, "speakers")
    if patch.topics is not None:
        position.topics = _topics(session, patch.topics, "topics")
    if "act" in patch.model_fields_set:
        position.act = patch.act
    position.method, position.reviewed, position.confidence = CURATED, True, 1.0
    session.add(position)
    after = history.position_state(position)
    edited = history.diff(before, after, ("speakers", "topics", "act"))
    assert position.id is not None
    if edited:
        history.record(session, "position", position.id, "edited", actor=actor, changes=edited)
    if not before["reviewed"] or before["method"] != CURATED:
        history.record(
            session,
            "position",
            position.id,
            "reviewed",
            actor=actor,
            changes=history.diff(before, after, ("method", "confidence", "reviewed")),
        )
    versions.commit(session, f"curated position {position.id}")
    session.refresh(position)
    return position


def add_position(session: Session, data: PositionIn, *, actor: str | None = None) -> Position:
    """Add a position the annotator missed; its span must be a clean slice of the document."""
    document = session.get(Document, data.document_id)
    if document is None:
        raise invalid_parameter("document_id", f"no document {data.document_id!r}", location="body")
    if not data.start < data.end <= len(document.text):
        raise invalid_parameter(
            "end",
            f"span [{data.start}, {data.end}) must lie inside the text (length {len(document.text)}) with start < end",
            value=data.end,
            location="body",
        )
    span = document.text[data.start : data.end]
    if span != span.strip():
        raise invalid_parameter(
            "start", "the span starts or ends with whitespace; trim it", value=data.start, location="body"
        )
    speakers = _leaders(session, data.speakers, "speakers")
    duplicate = session.exec(
        select(Position).where(
            Position.document_id == document.id, Position.start == data.start, Position.end == data.end
        )
    ).all()
    for other in duplicate:
        if {s.slug for s in other.speakers} == {s.slug for s in speakers}:
            raise ApiError(
                409,
                f"Position {other.id} has this span and these speakers already; PATCH it instead.",
                type=CONFLICT,
                title="Duplicate position",
                extra={"existing": f"/v1/positions/{other.id}"},
            )
    position = Position(
        document_id=document.id,
        event_id=document.event_id,
        date=document.event.date,
        start=data.start,
        end=data.end,
        text=span,
        act=data.act,
        method=CURATED,
        confidence=1.0,
        reviewed=True,
        speakers=speakers,
        topics=_topics(session, data.topics, "topics"),
    )
    session.add(position)
    session.flush()
    assert position.id is not None
    history.record(session, "position", position.id, "created", actor=actor)
    versions.commit(session, f"added position {position.id}")
    session.refresh(position)
    return position


def delete_position(session: Session, position: Position, *, actor: str | None = None) -> None:
    """Delete a position; its id stays taken and answers 410 Gone."""
    assert position.id is not None
    history.bury(session, "position", position.id, actor=actor, reason="deleted by a curator")
    session.delete(position)
    versions.commit(session, f"deleted position {position.id}")


def delete_document(session: Session, document: Document, *, actor: str | None = None) -> None:
    """Delete a document with its positions, and its event if no other readout reports it. Every id
    deleted (document, positions, event) stays taken and answers 410 Gone."""
    event = document.event
    for position in document.positions:
        assert position.id is not None
        history.bury(session, "position", position.id, actor=actor, reason=f"its document {document.id!r} was deleted")
    history.bury(session, "document", document.id, actor=actor, reason="deleted by a curator")
    session.delete(document)
    session.flush()
    remaining = session.exec(select(Document.id).where(Document.event_id == event.id)).first()
    if remaining is None:
        # Positions reference the event too; none are left once its last document is gone.
        history.bury(session, "event", event.id, actor=actor, reason="its last document was deleted")
        session.delete(event)
    versions.commit(session, f"deleted document {document.id}")


def add_topic(session: Session, data: TopicIn) -> Topic:
    """Add a topic to the vocabulary; the annotator uses its keywords from the next run on."""
    if session.get(Topic, data.slug) is not None:
        raise ApiError(
            409,
            f"Topic {data.slug!r} exists already.",
            type=CONFLICT,
            title="Duplicate topic",
            extra={"existing": f"/v1/topics/{data.slug}"},
        )
    keywords = [k.strip() for k in data.keywords if k.strip()]
    topic = Topic(
        slug=data.slug, name=data.name, description=data.description, headline=data.headline, keywords=keywords
    )
    session.add(topic)
    versions.commit(session, f"added topic {data.slug}")
    session.refresh(topic)
    return topic
