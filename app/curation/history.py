"""What happened to each position and document, and what is left of deleted ones.

History rows (`history`) record every change: created, annotated (by which annotator version),
reviewed, edited (which fields, old and new values, by which key), deleted. A tombstone
(`tombstone`) keeps a deleted position's, document's or event's id taken for good, so a citation of
it answers 410 Gone (saying when, and what replaced it) instead of another resource's content.
Rows are staged on the session and stamped with the write's dataset version when it commits
(`app.dataset.versions.commit`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from sqlmodel import Session, col, select

from app.core.errors import ApiError, not_found
from app.dataset.versions import stage
from app.models import Document, History, Position, Tombstone
from app.schemas import Deletion, HistoryEntry
from app.schemas import History as HistoryPublic

Resource = Literal["position", "document", "event"]
Action = Literal["created", "annotated", "reviewed", "edited", "deleted"]
GONE = "/problems/gone"


def position_state(p: Position) -> dict[str, Any]:
    """What a curator or the annotator may change about a position (history compares these)."""
    return {
        "speakers": sorted(s.slug for s in p.speakers),
        "topics": sorted(t.slug for t in p.topics),
        "act": p.act,
        "method": p.method,
        "confidence": p.confidence,
        "reviewed": p.reviewed,
    }


def diff(before: dict[str, Any], after: dict[str, Any], fields: tuple[str, ...] | None = None) -> dict[str, Any]:
    """{field: [old, new]} for each field (of `fields`, default all) that differs."""
    return {k: [before[k], after[k]] for k in fields or tuple(after) if before.get(k) != after[k]}


def record(
    session: Session,
    resource: Resource,
    resource_id: str | int,
    action: Action,
    *,
    actor: str | None,
    annotator: str | None = None,
    changes: dict[str, Any] | None = None,
) -> None:
    """Stage one history row for the write in progress."""
    stage(
        session,
        History(
            resource=resource,
            resource_id=str(resource_id),
            action=action,
            version=0,
            actor=actor,
            annotator=annotator,
            changes=changes or None,
        ),
    )


def bury(
    session: Session,
    resource: Resource,
    resource_id: str | int,
    *,
    actor: str | None,
    replaced_by: str | int | None = None,
    reason: str | None = None,
) -> None:
    """Stage a tombstone (the id stays taken) and a `deleted` history row."""
    stage(
        session,
        Tombstone(
            resource=resource,
            resource_id=str(resource_id),
            version=0,
            replaced_by=None if replaced_by is None else str(replaced_by),
            reason=reason,
        ),
    )
    changes = {"replaced_by": str(replaced_by)} if replaced_by is not None else None
    record(session, resource, resource_id, "deleted", actor=actor, changes=changes)


def tombstone(session: Session, resource: Resource, resource_id: str | int) -> Tombstone | None:
    return session.get(Tombstone, (resource, str(resource_id)))


def buried(session: Session, resource: Resource, ids: set[str]) -> set[str]:
    """Which of `ids` belonged to deleted resources (taken for good)."""
    if not ids:
        return set()
    rows = session.exec(
        select(Tombstone.resource_id).where(Tombstone.resource == resource, col(Tombstone.resource_id).in_(ids))
    ).all()
    return set(rows)


def _when(value: dt.datetime) -> str:
    return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()


def missing(session: Session, resource: Resource, resource_id: str | int, hint: str) -> ApiError:
    """The error for an id that resolves to nothing: 410 Gone for a deleted resource, else 404."""
    stone = tombstone(session, resource, resource_id)
    if stone is None:
        return not_found(resource, resource_id, hint)
    path = {"position": "positions", "document": "documents", "event": "events"}[resource]
    extra: dict[str, Any] = {
        "deleted_at": _when(stone.deleted_at),
        "deleted_in_version": stone.version,
        "history": f"/v1/{path}/{resource_id}/history" if resource != "event" else None,
        "replaced_by": f"/v1/{path}/{stone.replaced_by}" if stone.replaced_by else None,
    }
    replaced = f"; it was replaced by {extra['replaced_by']}" if stone.replaced_by else ""
    return ApiError(
        410,
        f"The {resource} {resource_id!r} was deleted at {extra['deleted_at']} (dataset version {stone.version})"
        f"{replaced}. Its id is never reused. {hint}",
        type=GONE,
        title="Gone",
        extra=extra,
    )


def history_of(session: Session, resource: Resource, resource_id: str | int) -> list[History]:
    """Every change to one resource, oldest first."""
    return list(
        session.exec(
            select(History)
            .where(History.resource == resource, History.resource_id == str(resource_id))
            .order_by(col(History.id))
        ).all()
    )


def last_actor(session: Session, resource: Resource, ids: list[int]) -> dict[int, str | None]:
    """The actor of the latest history row of each position in `ids` (absent: no history)."""
    if not ids:
        return {}
    rows = session.exec(
        select(History.resource_id, History.actor)
        .where(History.resource == resource, col(History.resource_id).in_([str(i) for i in ids]))
        .order_by(col(History.id))
    ).all()
    return {int(rid): actor for rid, actor in rows}


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def describe(session: Session, resource: Literal["position", "document"], resource_id: str | int) -> HistoryPublic:
    """The public history of one position or document; 404 when the id never existed."""
    if resource == "position":
        live = session.get(Position, int(resource_id)) is not None
    else:
        live = session.get(Document, str(resource_id)) is not None
    stone = tombstone(session, resource, resource_id)
    rows = history_of(session, resource, resource_id)
    if not live and stone is None and not rows:
        path = "positions" if resource == "position" else "documents"
        raise not_found(resource, resource_id, f"List {path} at /v1/{path}.")
    path = "positions" if resource == "position" else "documents"
    deleted = None
    if stone is not None:
        deleted = Deletion(
            deleted_at=_utc(stone.deleted_at),
            version=stone.version,
            replaced_by=f"/v1/{path}/{stone.replaced_by}" if stone.replaced_by else None,
            reason=stone.reason,
        )
    return HistoryPublic(
        resource=resource,
        id=str(resource_id),
        state="live" if live else "deleted",
        deleted=deleted,
        items=[
            HistoryEntry.model_validate(
                {
                    "action": r.action,
                    "at": _utc(r.at),
                    "version": r.version,
                    "actor": r.actor,
                    "annotator": r.annotator,
                    "changes": r.changes,
                }
            )
            for r in rows
        ],
        links={"self": f"/v1/{path}/{resource_id}/history", "resource": f"/v1/{path}/{resource_id}" if live else None},
    )
