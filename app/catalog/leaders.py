"""Reading the leader registry."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from app.core.errors import not_found
from app.core.pagination import PageResult, SortOrder, fetch_page
from app.models import Leader
from app.positions.query_plan import maintained_counts
from app.schemas import LeaderPublic

BY_SLUG = SortOrder("slug", [(Leader.slug, False, str)])


def position_counts(session: Session, slugs: list[str]) -> dict[str, int]:
    """Positions per speaker, for the given leaders (maintained counts: one lookup each, at any corpus size)."""
    counts = maintained_counts(session, tuple(("", slug) for slug in slugs))
    return {leader: n for (_, leader), n in counts.items() if n}


def count_leaders(session: Session, country: tuple[str, ...] = ()) -> int:
    """Leaders from any of `country` (stored spellings, see filters.resolve_countries), or all."""
    stmt = select(func.count()).select_from(Leader)
    if country:
        stmt = stmt.where(Leader.country.in_(country))
    return session.exec(stmt).one()


def list_leaders(session: Session, limit: int, cursor: str | None, country: tuple[str, ...] = ()) -> PageResult:
    stmt = select(Leader)
    if country:
        stmt = stmt.where(Leader.country.in_(country))
    return fetch_page(session, stmt, "leaders", BY_SLUG, limit, cursor, key_of=lambda le: (le.slug,))


def get_leader(session: Session, slug: str) -> Leader:
    leader = session.get(Leader, slug)
    if leader is None:
        raise not_found("leader", slug, "List leaders at /v1/leaders.")
    return leader


def to_public(leader: Leader, count: int) -> LeaderPublic:
    return LeaderPublic(
        slug=leader.slug,
        name=leader.name,
        office=leader.office,
        country=leader.country,
        gender=leader.gender,
        aliases=list(leader.aliases),
        position_count=count,
        links={"self": f"/v1/leaders/{leader.slug}", "positions": f"/v1/leaders/{leader.slug}/positions"},
    )
