"""The ids and titles the ingest paths derive: one place for the single-document and the bulk path.

An event id is `<surnames of its participants, by slug>-<kind>-<date>`, a document id
`<surnames in the order given>-<date>[-<source>]`; a taken id gets `-2`, `-3`, …. An id is taken
while a row holds it or once a tombstone does: ids of deleted documents and events are never
handed out again, so an old citation never resolves to another readout.

Two readouts of one communication (same participants, kind and date) share its event whatever the
event's id: an event made by the seed or named by hand is found by what it is, not by its id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from sqlmodel import Session, col, select

from app.ingest.readout_metadata import family_name, slugify
from app.models import Event, EventParticipant, Leader


def unique_slug(base: str, taken: Callable[[str], bool]) -> str:
    """`base`, else `base-2`, `base-3`, … : the first that `taken` says is free."""
    candidate, n = base, 2
    while taken(candidate):
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def surname(leader: Leader) -> str:
    """The leader's family name as a slug: "xi" for Xi Jinping, "putin" for Vladimir Putin."""
    return slugify(family_name(leader.name, leader.aliases, leader.country))


Surname = Callable[[Leader], str]


def surnames(leaders: Iterable[Leader], name: Surname = surname) -> str:
    return "-".join(name(le) for le in leaders)


def event_base(leaders: Iterable[Leader], kind: str, date: dt.date, name: Surname = surname) -> str:
    """The event id before de-duplication: participants by slug, so any order gives the same id.
    `name` may be a cached `surname` (the bulk loader's)."""
    by_slug = sorted(leaders, key=lambda le: le.slug)
    return f"{surnames(by_slug, name) or 'unknown'}-{slugify(kind)}-{date.isoformat()}"


def document_base(leaders: Iterable[Leader], date: dt.date, source: str | None, name: Surname = surname) -> str:
    """The document id before de-duplication."""
    base = f"{surnames(leaders, name) or 'readout'}-{date.isoformat()}"
    return base + ("-" + slugify(source, 30) if source else "")


def event_title(kind: str, names: Iterable[str]) -> str:
    names = list(names)
    return f"{kind.capitalize()}: {' and '.join(names)}" if names else kind.capitalize()


def events_on(session: Session, kind: str, date: dt.date) -> dict[str, frozenset[str]]:
    """The stored events of this kind on this date, with their participants' slugs."""
    rows = session.exec(
        select(Event.id, EventParticipant.leader_slug)
        .join(EventParticipant, col(EventParticipant.event_id) == col(Event.id), isouter=True)
        .where(col(Event.kind) == kind, col(Event.date) == date)
    ).all()
    found: dict[str, set[str]] = {}
    for event_id, slug in rows:
        found.setdefault(event_id, set()).update([slug] if slug else [])
    return {event_id: frozenset(slugs) for event_id, slugs in found.items()}
