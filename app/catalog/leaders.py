"""Reading the leader registry, and finding a leader by slug, name, alias or surname."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from anyascii import anyascii
from sqlalchemy import func
from sqlmodel import Session, col, select

from app.core.errors import INVALID_PARAMETERS, ApiError, not_found
from app.core.pagination import PageResult, SortOrder, fetch_page
from app.models import Leader
from app.positions.key_ranges import maintained_counts
from app.schemas import LeaderPublic

BY_SLUG = SortOrder("slug", [(Leader.slug, False, str)])


def position_counts(session: Session, slugs: list[str]) -> dict[str, int]:
    """Positions per speaker, for the given leaders (maintained counts: one lookup each, at any corpus size)."""
    counts = maintained_counts(session, tuple(("", slug) for slug in slugs))
    return {leader: n for (_, leader), n in counts.items() if n}


def count_leaders(session: Session, country: tuple[str, ...] = (), slugs: tuple[str, ...] | None = None) -> int:
    """Leaders from any of `country` (stored spellings, see filters.resolve_countries), or all; only `slugs`
    when given (the matches of a `q` search)."""
    stmt = select(func.count()).select_from(Leader)
    if country:
        stmt = stmt.where(col(Leader.country).in_(country))
    if slugs is not None:
        stmt = stmt.where(col(Leader.slug).in_(slugs))
    return session.exec(stmt).one()


def list_leaders(
    session: Session,
    limit: int,
    cursor: str | None,
    country: tuple[str, ...] = (),
    slugs: tuple[str, ...] | None = None,
) -> PageResult:
    stmt = select(Leader)
    if country:
        stmt = stmt.where(col(Leader.country).in_(country))
    if slugs is not None:
        stmt = stmt.where(col(Leader.slug).in_(slugs))
    return fetch_page(session, stmt, "leaders", BY_SLUG, limit, cursor, key_of=lambda le: (le.slug,))


def get_leader(session: Session, slug: str) -> Leader:
    """The leader with this slug, or the one leader this name, alias or surname names (404 if none)."""
    leader = session.get(Leader, slug)
    if leader is not None:
        return leader
    matches = _matches(_registry(session), slug)
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise _ambiguous("slug", slug, matches, location="path")
    hint = _suggestion(_registry(session), slug)
    raise not_found(
        "leader", slug, f"{hint.capitalize()}Search names and aliases at /v1/leaders?q=…, or list them at /v1/leaders."
    )


# --- finding leaders by what people call them --------------------------------------------------------------

# Slugs seen to exist, per database: leaders are never deleted, so the common request (a slug) costs no query.
_KNOWN_SLUGS: dict[str, set[str]] = {}


def fold(text: str) -> str:
    """A name as compared: transliterated to ASCII, case-folded, punctuation and spacing collapsed
    ("Erdoğan" = "erdogan", "Vladimir  Putin" = "vladimir putin", "vladimir-putin" = "vladimir putin")."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", anyascii(text).casefold()).split())


def _registry(session: Session) -> list[Leader]:
    return list(session.exec(select(Leader).order_by(Leader.slug)).all())


def _names(leader: Leader) -> set[str]:
    """The folded names of a leader, each also without spaces: a Han or Hangul name transliterates
    syllable by syllable ("习近平" → "xijinping"), which is "Xi Jinping" without its space."""
    names = {fold(leader.slug), fold(leader.name), *(fold(a) for a in leader.aliases)}
    return names | {name.replace(" ", "") for name in names}


def _matches(leaders: Iterable[Leader], value: str) -> list[Leader]:
    """Leaders whose slug, name or an alias is `value` (folded); failing that, whose name has `value` as a
    word (a surname: "putin"; "xi"; also a given name when it is the only match)."""
    key = fold(value)
    if not key:
        return []
    leaders = list(leaders)
    exact = [le for le in leaders if key in _names(le) or key.replace(" ", "") in _names(le)]
    if exact:
        return exact
    if " " in key:
        return []
    return [le for le in leaders if key in fold(le.name).split()]


def _ambiguous(param: str, value: str, matches: list[Leader], location: str = "query") -> ApiError:
    listed = ", ".join(f"{le.slug} ({le.name})" for le in matches)
    reason = f"{value!r} names {len(matches)} leaders: {listed}; use one of these slugs"
    return ApiError(
        422,
        f"Invalid value for parameter {param!r}: {reason}",
        type=INVALID_PARAMETERS,
        title="Invalid parameters",
        errors=[
            {
                "name": param,
                "in": location,
                "reason": reason,
                "value": value,
                "candidates": [le.slug for le in matches],
            }
        ],
    )


def _suggestion(leaders: list[Leader], value: str) -> str:
    by_key = {fold(name): le.slug for le in leaders for name in (le.slug, le.name, *le.aliases)}
    close = difflib.get_close_matches(fold(value), list(by_key), n=3, cutoff=0.6)
    slugs = list(dict.fromkeys(by_key[c] for c in close))
    return f"did you mean {' or '.join(slugs)}? " if slugs else ""


def resolve_slugs(session: Session, param: str, values: tuple[str, ...]) -> tuple[str, ...]:
    """Leader slugs for what a client wrote: a slug, a registered name or alias, or a surname, in any case
    and script ("putin", "Putin", "Vladimir Putin", "Путин"). An ambiguous value is a 422 listing the
    candidates; an unknown one a 422 suggesting the closest leaders."""
    if not values:
        return ()
    known = _KNOWN_SLUGS.setdefault(str(session.get_bind().engine.url), set())
    if known.issuperset(values):
        return values
    known.update(session.exec(select(Leader.slug).where(col(Leader.slug).in_(values))).all())
    if known.issuperset(values):
        return values
    leaders = _registry(session)
    resolved: list[str] = []
    unknown: list[str] = []
    for value in values:
        if value in known:
            resolved.append(value)
            continue
        matches = _matches(leaders, value)
        if len(matches) > 1:
            raise _ambiguous(param, value, matches)
        if matches:
            resolved.append(matches[0].slug)
        else:
            unknown.append(value)
    if unknown:
        hints = "".join(_suggestion(leaders, v) for v in unknown)
        reason = (
            f"unknown leader {', '.join(repr(v) for v in unknown)}; {hints}a leader is named by slug, name, "
            "alias or surname; search them at /v1/leaders?q=…"
        )
        raise ApiError(
            422,
            f"Invalid value for parameter {param!r}: {reason}",
            type=INVALID_PARAMETERS,
            title="Invalid parameters",
            errors=[{"name": param, "in": "query", "reason": reason, "value": unknown[0]}],
        )
    return tuple(dict.fromkeys(resolved))


def search(session: Session, q: str) -> tuple[str, ...]:
    """Slugs of the leaders whose slug, name or an alias contains `q` (folded: any case, script or accents)."""
    key = fold(q)
    return tuple(le.slug for le in _registry(session) if any(key in name for name in _names(le)))


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
