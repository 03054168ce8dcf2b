"""Storing annotated readouts: documents, their events and positions, in one transaction each."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import time
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.annotate import Annotation, Participant
from app.core.errors import BUSY_RETRY_SECONDS, CONFLICT, UNAVAILABLE, ApiError, invalid_parameter
from app.curation import history
from app.dataset import versions
from app.ingest import ids
from app.ingest.annotator_bridge import AnnotatorRun, LeaderIndex, new_leader, run_annotator
from app.ingest.position_rows import PositionRow, insert_positions, record_created
from app.ingest.readout_metadata import default_title, find_date, guess_kind
from app.ingest.span_matching import overlapping, pair_by_span
from app.models import Document, Event, Leader, Position, Topic
from app.schemas import DocumentIn


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class DuplicateDocument(ApiError):
    """The text is stored already (same SHA-256): a 409 linking the stored document."""

    def __init__(self, existing_id: str) -> None:
        super().__init__(
            409,
            f"This text is already stored as document {existing_id!r}; nothing was added.",
            type=CONFLICT,
            title="Duplicate document",
            extra={"existing": f"/v1/documents/{existing_id}"},
            headers={"Location": f"/v1/documents/{existing_id}"},
        )
        self.existing_id = existing_id


def duplicate_error(existing_id: str) -> DuplicateDocument:
    return DuplicateDocument(existing_id)


def check_text(text: str) -> None:
    """Refuse a text with nothing to annotate (DocumentIn already refuses unstorable characters)."""
    if not text.strip():
        raise invalid_parameter("text", "is empty or only whitespace", location="body")


def _participants(index: LeaderIndex, names: list[str] | None) -> list[Leader] | None:
    """Registry leaders for the names or slugs given; unknown names become new (unsaved) leaders."""
    if not names:
        return None
    taken = {le.slug for le in index.leaders}
    leaders: list[Leader] = []
    for name in names:
        if not name.strip():
            raise invalid_parameter("participants", "empty name", location="body")
        leader = index.find(name) or new_leader(Participant(name=name.strip()), taken)
        if leader not in leaders:
            leaders.append(leader)
    return leaders


def _event_for(session: Session, participants: list[Leader], kind: str, date: dt.date) -> Event:
    """The event of these participants, kind and date: the stored one (`base`, `base-2`, … whose
    participants are these), or a new one under the first id no event holds or held."""
    wanted = {le.slug for le in participants}

    def taken(event_id: str) -> bool:
        event = session.get(Event, event_id)
        if event is None:
            return _buried(session, "event", event_id)
        return {le.slug for le in event.participants} != wanted

    for stored, slugs in sorted(ids.events_on(session, kind, date).items()):
        if slugs == wanted:
            return session.get_one(Event, stored)
    event_id = ids.unique_slug(ids.event_base(participants, kind, date), taken)
    event = session.get(Event, event_id)
    if event is not None:
        return event
    title = ids.event_title(kind, (le.name for le in participants))
    return Event(id=event_id, kind=kind, date=date, title=title, participants=participants)


def _buried(session: Session, resource: history.Resource, ident: str) -> bool:
    return history.tombstone(session, resource, ident) is not None


def _document_id(session: Session, payload: DocumentIn, participants: list[Leader], date: dt.date) -> str:
    if payload.id:
        if session.get(Document, payload.id) is not None:
            raise ApiError(
                409,
                f"A document with id {payload.id!r} exists already; choose another id or omit it.",
                type=CONFLICT,
                title="Duplicate id",
                extra={"existing": f"/v1/documents/{payload.id}"},
            )
        if _buried(session, "document", payload.id):
            raise ApiError(
                409,
                f"The id {payload.id!r} belonged to a deleted document; ids are never reused. Choose another id "
                "or omit it.",
                type=CONFLICT,
                title="Duplicate id",
                extra={"existing": f"/v1/documents/{payload.id}"},
            )
        return payload.id
    base = ids.document_base(participants, date, payload.source)
    return ids.unique_slug(base, lambda i: session.get(Document, i) is not None or _buried(session, "document", i))


def topic_vocabulary(session: Session) -> dict[str, Topic]:
    """The stored topics by slug: positions keep only the topics of this vocabulary."""
    return {t.slug: t for t in session.exec(select(Topic)).all()}


def position_rows(run: AnnotatorRun, text: str, vocabulary: Collection[str]) -> list[PositionRow]:
    """What the annotator found, as rows to store: positions without a known speaker are dropped, speakers
    and topics deduplicated in their order, topics limited to `vocabulary`."""
    rows = []
    for found in run.annotation.positions:
        # Two names of one leader ("Xi", "Xi Jinping") or a topic given twice: one link row each.
        speakers = tuple(dict.fromkeys(leader.slug for name in found.speakers if (leader := run.by_name.get(name))))
        if not speakers:
            continue
        rows.append(
            PositionRow(
                start=found.start,
                end=found.end,
                text=text[found.start : found.end],
                act=found.act,
                method=run.method,
                confidence=round(found.confidence, 4),
                reviewed=run.method == "curated",
                speakers=speakers,
                topics=tuple(t for t in dict.fromkeys(found.topics) if t in vocabulary),
            )
        )
    return rows


def positions_from(run: AnnotatorRun, session: Session, text: str, document_id: str, event: Event) -> list[Position]:
    """Position objects for what the annotator found (topics limited to the stored vocabulary)."""
    topics = topic_vocabulary(session)
    leaders = {le.slug: le for le in run.by_name.values()}
    return [
        Position(
            document_id=document_id,
            event_id=event.id,
            date=event.date,
            start=row.start,
            end=row.end,
            text=row.text,
            act=row.act,
            method=row.method,
            confidence=row.confidence,
            reviewed=row.reviewed,
            speakers=[leaders[s] for s in row.speakers],
            topics=[topics[t] for t in row.topics],
        )
        for row in position_rows(run, text, topics)
    ]


def _given_run(payload: DocumentIn, participants: list[Leader], given: Annotation, method: str) -> AnnotatorRun:
    """An AnnotatorRun made of positions annotated elsewhere (a gold-format file), checked like curated ones."""
    by_name: dict[str, Leader] = {le.name: le for le in participants}
    words = {le.name: set(le.name.casefold().split()) for le in participants}
    for i, found in enumerate(given.positions):
        where = f"positions[{i}]"
        if not 0 <= found.start < found.end <= len(payload.text):
            raise invalid_parameter(where, f"span [{found.start}, {found.end}) is not inside the text", location="body")
        span = payload.text[found.start : found.end]
        if span != span.strip():
            raise invalid_parameter(where, "span has leading or trailing whitespace", location="body")
        for name in found.speakers:
            if name in by_name:
                continue
            w = set(name.casefold().split())
            hits = [n for n, pw in words.items() if w and (w <= pw or pw <= w)]
            if len(hits) != 1:
                raise invalid_parameter(where, f"speaker {name!r} is not one of the participants", location="body")
            by_name[name] = by_name[hits[0]]
    return AnnotatorRun(annotation=given, participants=participants, new_leaders=[], by_name=by_name, method=method)


def plan(
    session: Session, payload: DocumentIn, given: Annotation | None = None, method: str = "curated"
) -> tuple[AnnotatorRun, Event, dt.date]:
    """Resolve participants, kind and date, and run the annotator (or take `given` positions); writes nothing."""
    check_text(payload.text)
    index = LeaderIndex.load(session)
    event = None
    if payload.event:
        event = session.get(Event, payload.event)
        if event is None:
            raise invalid_parameter("event", f"no event {payload.event!r}; omit it to create one", location="body")
    participants = _participants(index, payload.participants) or (list(event.participants) if event else None)
    kind = payload.kind or (event.kind if event else guess_kind(payload.text))
    date = payload.date or (event.date if event else find_date(payload.title or "", payload.text))
    if date is None:
        raise invalid_parameter(
            "date", "required: the text names no full date (YYYY-MM-DD, 'August 25, 2021')", location="body"
        )
    if given is not None:
        if not participants:
            raise invalid_parameter("participants", "required with pre-annotated positions", location="body")
        run = _given_run(payload, participants, given, method)
        known = {le.slug for le in index.leaders}
        run.new_leaders = [le for le in participants if le.slug not in known]
    else:
        run = run_annotator(session, payload.text, participants, kind, index, title=payload.title, date=date)
    if event is None:
        event = _event_for(session, run.participants, kind, date)
    return run, event, date


# Concurrent writers of readouts of the same leaders on the same day race for the same new
# document id (and event, and a new leader): each round of the race has one winner, and the others
# plan again against what it committed. ATTEMPTS rounds serve that many writers racing at once;
# past that, the request is answered as a busy database (503, Retry-After), never a 500.
ATTEMPTS = 8


def _lost_races() -> ApiError:
    return ApiError(
        503,
        f"Other writers were storing readouts of the same leaders and day at the same moment, and this one lost "
        f"{ATTEMPTS} races for a new id; nothing was changed. Retry in {BUSY_RETRY_SECONDS} seconds.",
        type=UNAVAILABLE,
        title="Database busy",
        headers={"Retry-After": str(BUSY_RETRY_SECONDS)},
    )


def ingest(
    session: Session,
    payload: DocumentIn,
    given: Annotation | None = None,
    method: str = "curated",
    *,
    actor: str | None = None,
) -> Document:
    """Annotate (or take `given` positions) and store a readout in one transaction; 409 if its text is stored.

    `actor` (an API key's name, or the command) is recorded in the history of what was created."""
    for attempt in range(ATTEMPTS):
        existing = session.exec(select(Document.id).where(Document.sha256 == sha256_of(payload.text))).first()
        if existing is not None:
            raise duplicate_error(existing)
        try:
            return _ingest_once(session, payload, given, method, actor)
        except IntegrityError:
            session.rollback()
            versions.discard(session)
            existing = session.exec(select(Document.id).where(Document.sha256 == sha256_of(payload.text))).first()
            if existing is not None:
                raise duplicate_error(existing) from None
            # Writers that lost together would meet again at once: spread their next attempts.
            time.sleep(random.uniform(0, 0.01 * (attempt + 1)))
    raise _lost_races()


def _annotator(method: str) -> str | None:
    return None if method == CURATED else method


def _ingest_once(
    session: Session, payload: DocumentIn, given: Annotation | None, method: str, actor: str | None
) -> Document:
    # Everything that reads or computes comes first; nothing is written (no autoflush) until the
    # flush below. SQLite takes its write lock at the first INSERT, so other writers wait only for
    # the inserts and the commit, not for the annotator or the planning.
    with session.no_autoflush:
        run, event, date = plan(session, payload, given, method)
        doc_id = _document_id(session, payload, run.participants, date)
        rows = position_rows(run, payload.text, topic_vocabulary(session))
    document = Document(
        id=doc_id,
        event_id=event.id,
        title=payload.title or default_title(payload.text),
        source=payload.source,
        url=payload.url,
        language=payload.language,
        text=payload.text,
        sha256=sha256_of(payload.text),
    )
    for leader in run.new_leaders:
        session.add(leader)
    session.add(event)
    session.add(document)
    session.flush()  # the write begins: new leaders, the event if new, the document
    conn = session.connection()
    position_ids = insert_positions(conn, doc_id, event.id, event.date, rows)
    # The commit of app.dataset.versions, with the history rows written set-wise instead of staged.
    version = versions.bump(conn, f"added document {doc_id}")
    record_created(conn, version, doc_id, position_ids, actor=actor, annotator=_annotator(run.method))
    session.commit()
    session.refresh(document)
    return document


CURATED = "curated"


def _speaker_set(p: Position) -> frozenset[str]:
    return frozenset(s.slug for s in p.speakers)


def _span(p: Position) -> tuple[int, int]:
    return (p.start, p.end)


@dataclass
class ReannotateReport:
    kept_reviewed: int = 0
    updated: int = 0
    unchanged: int = 0
    added: int = 0
    removed: int = 0


def reannotate(session: Session, document: Document, *, actor: str | None = None) -> ReannotateReport:
    """Run the annotator again on a stored document, in place: a position whose span the annotator finds
    again keeps its id (speakers, topics and act updated); reviewed positions are never touched; the
    annotator's findings on a reviewed span are dropped; positions no longer found are deleted (their
    ids answer 410, naming the new position over the same words where there is one)."""
    event = document.event
    run = run_annotator(
        session, document.text, list(event.participants), event.kind, title=document.title, date=event.date
    )
    for leader in run.new_leaders:
        session.add(leader)
    session.flush()
    found = positions_from(run, session, document.text, document.id, event)
    stored = list(document.positions)
    report = ReannotateReport(kept_reviewed=sum(p.reviewed for p in stored))
    reviewed = pair_by_span([p for p in stored if p.reviewed], found, _span, _speaker_set)
    pairing = pair_by_span([p for p in stored if not p.reviewed], reviewed.found_only, _span, _speaker_set)
    annotator = _annotator(run.method)
    for old, new in pairing.pairs:
        before = history.position_state(old)
        old.speakers, old.topics, old.act = new.speakers, new.topics, new.act
        old.method, old.confidence = new.method, new.confidence
        diff = history.diff(before, history.position_state(old))
        if diff:
            report.updated += 1
            session.add(old)
            history.record(
                session, "position", old.id or 0, "annotated", actor=actor, annotator=annotator, changes=diff
            )
        else:
            report.unchanged += 1
    for new in pairing.found_only:
        session.add(new)
    session.flush()
    for new in pairing.found_only:
        report.added += 1
        history.record(session, "position", new.id or 0, "created", actor=actor, annotator=annotator)
    survivors = [(p.start, p.end, p.id or 0) for p in document.positions if p not in pairing.stored_only]
    survivors += [(p.start, p.end, p.id or 0) for p in pairing.found_only]
    for old in pairing.stored_only:
        report.removed += 1
        replaced_by = overlapping(old.start, old.end, survivors)
        history.bury(
            session,
            "position",
            old.id or 0,
            actor=actor,
            replaced_by=replaced_by,
            reason="no longer found by the annotator",
        )
        session.delete(old)
    history.record(
        session,
        "document",
        document.id,
        "annotated",
        actor=actor,
        annotator=annotator,
        changes={"positions": {"updated": report.updated, "added": report.added, "removed": report.removed}},
    )
    versions.commit(session, f"re-annotated document {document.id}")
    session.refresh(document)
    return report
