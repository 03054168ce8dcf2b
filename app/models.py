"""Database tables. The schema itself is made only by the Alembic migrations in `migrations/`."""

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, CheckConstraint, Column, Identity, Index, Integer, Text
from sqlalchemy.orm import QueryableAttribute
from sqlmodel import Field, Relationship, SQLModel


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def related(attribute: object) -> QueryableAttribute[Any]:
    """A relationship as the ORM's loader options take it: `selectinload(related(Position.speakers))`.

    SQLModel types `Position.speakers` as the list it holds on an instance; on the class it is the
    instrumented attribute the loaders want, and this says so to the type checker."""
    assert isinstance(attribute, QueryableAttribute)
    return attribute


class EventParticipant(SQLModel, table=True):
    __tablename__ = "event_participant"

    event_id: str = Field(foreign_key="event.id", primary_key=True, ondelete="CASCADE")
    leader_slug: str = Field(foreign_key="leader.slug", primary_key=True, index=True)


class PositionSpeaker(SQLModel, table=True):
    __tablename__ = "position_speaker"

    position_id: int = Field(foreign_key="position.id", primary_key=True, ondelete="CASCADE")
    leader_slug: str = Field(foreign_key="leader.slug", primary_key=True)

    __table_args__ = (Index("ix_position_speaker_leader", "leader_slug", "position_id"),)


class PositionTopic(SQLModel, table=True):
    __tablename__ = "position_topic"

    position_id: int = Field(foreign_key="position.id", primary_key=True, ondelete="CASCADE")
    topic_slug: str = Field(foreign_key="topic.slug", primary_key=True)

    __table_args__ = (Index("ix_position_topic_topic", "topic_slug", "position_id"),)


class Leader(SQLModel, table=True):
    slug: str = Field(primary_key=True, max_length=120)
    name: str
    office: str | None = None
    country: str | None = Field(default=None, index=True)
    gender: str | None = None
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Topic(SQLModel, table=True):
    slug: str = Field(primary_key=True, max_length=120)
    name: str
    description: str = ""
    headline: bool = False
    keywords: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Event(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=200)
    kind: str
    date: dt.date = Field(index=True)
    title: str

    participants: list[Leader] = Relationship(link_model=EventParticipant)
    documents: list["Document"] = Relationship(back_populates="event")


class Document(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=200)
    event_id: str = Field(foreign_key="event.id", index=True)
    title: str
    source: str | None = None
    url: str | None = None
    language: str = "en"
    text: str = Field(sa_column=Column(Text, nullable=False))
    sha256: str = Field(unique=True, max_length=64)
    created_at: dt.datetime = Field(default_factory=utcnow)

    event: Event = Relationship(back_populates="documents")
    positions: list["Position"] = Relationship(
        back_populates="document",
        sa_relationship_kwargs={"cascade": "all, delete-orphan", "order_by": "Position.start"},
    )


class Position(SQLModel, table=True):
    """A stated position: one attributed sentence of a document, with its speakers and topics.

    Two leaders reported separately in one sentence give two positions with the same span.
    """

    __table_args__ = (
        CheckConstraint('start >= 0 AND start < "end"', name="ck_position_span"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="ck_position_confidence"),
        # Keyset pagination walks (date, id); these keep every page an index range scan.
        Index("ix_position_date_id", "date", "id"),
        Index("ix_position_document_start", "document_id", "start"),
        # Ids are citations: never handed out twice, even after the newest position is deleted
        # (SQLite AUTOINCREMENT, a PostgreSQL identity column; migration 0500).
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, sa_column=Column(Integer, Identity(), primary_key=True))
    document_id: str = Field(foreign_key="document.id", ondelete="CASCADE")
    # Copied from the document's event so that date filters and sorting need no join.
    event_id: str = Field(foreign_key="event.id", index=True)
    date: dt.date
    start: int
    end: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    act: str | None = Field(default=None, index=True)
    method: str = "curated"
    confidence: float = 1.0
    reviewed: bool = False
    created_at: dt.datetime = Field(default_factory=utcnow)

    document: Document = Relationship(back_populates="positions")
    speakers: list[Leader] = Relationship(link_model=PositionSpeaker)
    topics: list[Topic] = Relationship(link_model=PositionTopic)


class ApiKey(SQLModel, table=True):
    """A write key. Only its SHA-256 is stored; the key itself is shown once, at creation."""

    __tablename__ = "api_key"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=120)
    prefix: str = Field(max_length=16, description="The key's first characters, to recognise it in listings.")
    key_hash: str = Field(unique=True, max_length=64)
    created_at: dt.datetime = Field(default_factory=utcnow)
    last_used_at: dt.datetime | None = None
    revoked_at: dt.datetime | None = None


class Tombstone(SQLModel, table=True):
    """What is left of a deleted position, document or event: its id stays taken and answers 410 Gone."""

    resource: str = Field(primary_key=True, max_length=16, description="position, document or event")
    resource_id: str = Field(primary_key=True, max_length=200)
    deleted_at: dt.datetime = Field(default_factory=utcnow)
    version: int = Field(sa_column=Column(BigInteger, nullable=False))
    replaced_by: str | None = Field(default=None, max_length=200, description="The id of what replaced it.")
    reason: str | None = None


class History(SQLModel, table=True):
    """One change to a position or document: created, annotated, reviewed, edited, deleted."""

    __tablename__ = "history"
    __table_args__ = (Index("ix_history_resource", "resource", "resource_id", "id"), {"sqlite_autoincrement": True})

    id: int | None = Field(default=None, sa_column=Column(Integer, Identity(), primary_key=True))
    resource: str = Field(max_length=16)
    resource_id: str = Field(max_length=200)
    action: str = Field(max_length=16)
    at: dt.datetime = Field(default_factory=utcnow)
    version: int = Field(sa_column=Column(BigInteger, nullable=False))
    actor: str | None = Field(default=None, max_length=120, description="The API key's name, or seed/cli.")
    annotator: str | None = Field(default=None, max_length=60, description="The annotator version, if it ran.")
    changes: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True), nullable=True))


class DatasetVersion(SQLModel, table=True):
    """The dataset as of one write: the data version after it, when, and how large the dataset was."""

    __tablename__ = "dataset_version"

    version: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    at: dt.datetime = Field(default_factory=utcnow)
    documents: int
    positions: int
    change: str = Field(max_length=200)
