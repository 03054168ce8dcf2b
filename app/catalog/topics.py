"""Reading the topic vocabulary."""

from __future__ import annotations

from sqlalchemy import column, func, table
from sqlmodel import Session, select

from app.core.errors import not_found
from app.core.pagination import PageResult, SortOrder, fetch_page
from app.models import Leader, Topic
from app.positions.key_ranges import maintained_counts
from app.schemas import LeaderCount, TopicDetail, TopicPublic

BY_SLUG = SortOrder("slug", [(Topic.slug, False, str)])


def position_counts(session: Session, slugs: list[str]) -> dict[str, int]:
    """Positions per topic, for the given topics (maintained counts: one lookup each, at any corpus size)."""
    counts = maintained_counts(session, tuple((slug, "") for slug in slugs))
    return {topic: n for (topic, _), n in counts.items() if n}


def list_topics(session: Session, limit: int, cursor: str | None, headline: bool | None = None) -> PageResult:
    stmt = select(Topic)
    if headline is not None:
        stmt = stmt.where(Topic.headline == headline)
    return fetch_page(session, stmt, "topics", BY_SLUG, limit, cursor, key_of=lambda t: (t.slug,))


def count_topics(session: Session, headline: bool | None = None) -> int:
    stmt = select(func.count()).select_from(Topic)
    if headline is not None:
        stmt = stmt.where(Topic.headline == headline)
    return session.exec(stmt).one()


def get_topic(session: Session, slug: str) -> Topic:
    topic = session.get(Topic, slug)
    if topic is None:
        raise not_found("topic", slug, "List topics at /v1/topics.")
    return topic


def to_public(topic: Topic, count: int) -> TopicPublic:
    return TopicPublic(
        slug=topic.slug,
        name=topic.name,
        description=topic.description,
        headline=topic.headline,
        keywords=list(topic.keywords),
        position_count=count,
        links={"self": f"/v1/topics/{topic.slug}", "positions": f"/v1/topics/{topic.slug}/positions"},
    )


def detail(session: Session, topic: Topic) -> TopicDetail:
    """A topic with its position count per speaking leader, most first."""
    pairs = table("position_count", column("topic_slug"), column("leader_slug"), column("n"))
    rows = session.exec(
        select(Leader.slug, Leader.name, pairs.c.n)
        .join(pairs, pairs.c.leader_slug == Leader.slug)
        .where(pairs.c.topic_slug == topic.slug, pairs.c.n > 0)
        .order_by(pairs.c.n.desc(), Leader.slug)
    ).all()
    total = position_counts(session, [topic.slug]).get(topic.slug, 0)
    base = to_public(topic, total)
    return TopicDetail(**base.model_dump(), leaders=[LeaderCount(slug=s, name=n, count=c) for s, n, c in rows])
