"""The seed data in `data/`: read and validated completely before anything is written.

Files: `topics.yaml` (the vocabulary), `leaders.yaml` (the registry), and `annotations/*.json`
(curated annotations in the gold format of the annotation guidelines, with `event` and
`document` metadata and a `source_file` under `data/` holding the exact text).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from app.schemas import ACTS, EVENT_KINDS

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
GENDERS = ("male", "female")


class SeedError(ValueError):
    """Bad seed data: the message names the file, the item and what is wrong."""


@dataclass(frozen=True)
class TopicRow:
    slug: str
    name: str
    description: str
    headline: bool
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class LeaderRow:
    slug: str
    name: str
    office: str | None
    country: str | None
    gender: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class PositionRow:
    start: int
    end: int
    speakers: tuple[str, ...]  # leader slugs
    topics: tuple[str, ...]
    act: str | None


@dataclass(frozen=True)
class AnnotatedDocument:
    id: str
    title: str
    source: str | None
    url: str | None
    language: str
    text: str
    event_id: str
    event_kind: str
    event_date: dt.date
    event_title: str
    participants: tuple[str, ...]  # leader slugs
    positions: tuple[PositionRow, ...]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SeedData:
    topics: tuple[TopicRow, ...]
    leaders: tuple[LeaderRow, ...]
    documents: tuple[AnnotatedDocument, ...] = field(default=())


def _yaml_list(path: Path, key: str) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SeedError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise SeedError(f"{path}: not valid YAML: {exc}") from None
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise SeedError(f"{path}: expected a top-level '{key}:' list")
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise SeedError(f"{path}: {key}[{i}]: expected a mapping, got {type(item).__name__}")
    return items


def _slug(path: Path, where: str, value: Any, seen: set[str]) -> str:
    if not isinstance(value, str) or not SLUG.match(value):
        raise SeedError(f"{path}: {where}: slug {value!r} must be lowercase words joined by '-'")
    if value in seen:
        raise SeedError(f"{path}: {where}: duplicate slug {value!r}")
    seen.add(value)
    return value


def _text(path: Path, where: str, item: dict[str, Any], key: str, required: bool = True) -> str | None:
    value = item.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise SeedError(f"{path}: {where}: '{key}' must be a non-empty string")
    return value


def read_topics(path: Path) -> tuple[TopicRow, ...]:
    """The topic vocabulary in `path`, validated."""
    seen: set[str] = set()
    rows = []
    for i, item in enumerate(_yaml_list(path, "topics")):
        where = f"topics[{i}]"
        keywords = item.get("keywords") or []
        if not isinstance(keywords, list) or not all(isinstance(k, str) and k.strip() for k in keywords):
            raise SeedError(f"{path}: {where}: 'keywords' must be a list of non-empty strings")
        rows.append(
            TopicRow(
                slug=_slug(path, where, item.get("slug"), seen),
                name=str(_text(path, where, item, "name")),
                description=str(item.get("description") or ""),
                headline=bool(item.get("headline", False)),
                keywords=tuple(keywords),
            )
        )
    return tuple(rows)


def read_leaders(path: Path) -> tuple[LeaderRow, ...]:
    """The leader registry in `path`, validated."""
    seen: set[str] = set()
    rows = []
    for i, item in enumerate(_yaml_list(path, "leaders")):
        where = f"leaders[{i}]"
        gender = item.get("gender")
        if gender is not None and gender not in GENDERS:
            raise SeedError(f"{path}: {where}: gender {gender!r} must be one of {', '.join(GENDERS)} or absent")
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise SeedError(f"{path}: {where}: 'aliases' must be a list of non-empty strings")
        rows.append(
            LeaderRow(
                slug=_slug(path, where, item.get("slug"), seen),
                name=str(_text(path, where, item, "name")),
                office=_text(path, where, item, "office", required=False),
                country=_text(path, where, item, "country", required=False),
                gender=gender,
                aliases=tuple(aliases),
            )
        )
    return tuple(rows)


class _LeaderIndex:
    """Resolves a name, alias or slug to a leader slug."""

    def __init__(self, leaders: tuple[LeaderRow, ...]) -> None:
        self._by_key: dict[str, str] = {}
        for le in leaders:
            for key in (le.slug, le.name, *le.aliases):
                self._by_key.setdefault(key.casefold(), le.slug)

    def slug(self, name: str) -> str | None:
        return self._by_key.get(name.casefold()) if isinstance(name, str) else None


def _int(path: Path, where: str, value: Any, key: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise SeedError(f"{path}: {where}: '{key}' must be an integer, got {value!r}")
    return value


def _position(
    path: Path, i: int, item: Any, text: str, participants: tuple[str, ...], leaders: _LeaderIndex, topics: set[str]
) -> PositionRow:
    where = f"positions[{i}]"
    if not isinstance(item, dict):
        raise SeedError(f"{path}: {where}: expected an object")
    start, end = _int(path, where, item.get("start"), "start"), _int(path, where, item.get("end"), "end")
    if not 0 <= start < end <= len(text):
        raise SeedError(f"{path}: {where}: span [{start}, {end}) is not inside the text (length {len(text)})")
    span = text[start:end]
    if span != span.strip():
        raise SeedError(f"{path}: {where}: span [{start}, {end}) has leading or trailing whitespace: {span[:40]!r}…")
    names = item.get("speakers")
    if not isinstance(names, list) or not names:
        raise SeedError(f"{path}: {where}: 'speakers' must be a non-empty list of leader names")
    speakers = []
    for name in names:
        slug = leaders.slug(name)
        if slug is None:
            raise SeedError(f"{path}: {where}: speaker {name!r} is not in leaders.yaml (by name, alias or slug)")
        if slug not in participants:
            raise SeedError(f"{path}: {where}: speaker {name!r} is not a participant of the event")
        speakers.append(slug)
    topic_list = item.get("topics", [])
    if not isinstance(topic_list, list):
        raise SeedError(f"{path}: {where}: 'topics' must be a list of topic slugs")
    for t in topic_list:
        if t not in topics:
            raise SeedError(f"{path}: {where}: topic {t!r} is not in topics.yaml")
    act = item.get("act")
    if act is not None and act not in ACTS:
        raise SeedError(f"{path}: {where}: act {act!r} must be one of {', '.join(ACTS)}")
    return PositionRow(
        start=start, end=end, speakers=tuple(sorted(set(speakers))), topics=tuple(sorted(set(topic_list))), act=act
    )


def read_annotation(
    path: Path, data_dir: Path, leaders: tuple[LeaderRow, ...], topics: tuple[TopicRow, ...]
) -> AnnotatedDocument:
    """One curated annotation file, validated against the registry, the vocabulary and its source text."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise SeedError(f"{path}: not valid JSON: {exc}") from None
    if not isinstance(raw, dict):
        raise SeedError(f"{path}: expected a JSON object in the gold format")
    doc_id = _slug(path, "id", raw.get("id"), set())
    text = raw.get("text")
    if not isinstance(text, str) or not text:
        raise SeedError(f"{path}: 'text' must be the document text")
    source_file = raw.get("source_file")
    if source_file is not None:
        src = data_dir / source_file
        try:
            source_text = src.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SeedError(f"{path}: source_file {source_file!r}: cannot be read as UTF-8: {exc}") from None
        if source_text != text:
            raise SeedError(
                f"{path}: 'text' differs from source_file {source_file!r}; offsets must index the source exactly"
            )
    index = _LeaderIndex(leaders)
    event = raw.get("event") or {}
    document = raw.get("document") or {}
    if not isinstance(event, dict) or not isinstance(document, dict):
        raise SeedError(f"{path}: 'event' and 'document' must be objects")
    kind = event.get("kind", raw.get("kind"))
    if kind not in EVENT_KINDS:
        raise SeedError(f"{path}: event kind {kind!r} must be one of {', '.join(EVENT_KINDS)}")
    try:
        date = dt.date.fromisoformat(str(event.get("date", raw.get("date"))))
    except ValueError:
        raise SeedError(f"{path}: date {event.get('date', raw.get('date'))!r} must be YYYY-MM-DD") from None
    names = event.get("participants") or [p.get("name") for p in raw.get("participants", []) if isinstance(p, dict)]
    participants = []
    for name in names:
        slug = index.slug(name)
        if slug is None:
            raise SeedError(f"{path}: participant {name!r} is not in leaders.yaml (by name, alias or slug)")
        participants.append(slug)
    if not participants:
        raise SeedError(f"{path}: the event needs at least one participant")
    topic_slugs = {t.slug for t in topics}
    positions = raw.get("positions")
    if not isinstance(positions, list):
        raise SeedError(f"{path}: 'positions' must be a list")
    rows = tuple(_position(path, i, p, text, tuple(participants), index, topic_slugs) for i, p in enumerate(positions))
    seen: dict[tuple[int, int, tuple[str, ...]], int] = {}
    for i, row in enumerate(rows):
        key = (row.start, row.end, row.speakers)
        if key in seen:
            raise SeedError(f"{path}: positions[{i}]: same span and speakers as positions[{seen[key]}]")
        seen[key] = i
    title = raw.get("title") or document.get("title")
    if not isinstance(title, str) or not title.strip():
        raise SeedError(f"{path}: 'title' must be a non-empty string")
    event_id = _slug(path, "event.id", event.get("id", f"{doc_id}-event"), set())
    return AnnotatedDocument(
        id=doc_id,
        title=title,
        source=document.get("source"),
        url=document.get("url"),
        language=document.get("language", "en"),
        text=text,
        event_id=event_id,
        event_kind=kind,
        event_date=date,
        event_title=event.get("title") or title,
        participants=tuple(dict.fromkeys(participants)),
        positions=tuple(sorted(rows, key=lambda r: (r.start, r.speakers))),
    )


def read_seed(data_dir: Path) -> SeedData:
    """Everything under `data_dir`, validated; raises SeedError on the first problem found."""
    topics = read_topics(data_dir / "topics.yaml")
    leaders = read_leaders(data_dir / "leaders.yaml")
    documents = tuple(
        read_annotation(p, data_dir, leaders, topics) for p in sorted((data_dir / "annotations").glob("*.json"))
    )
    ids = [d.id for d in documents]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise SeedError(f"{data_dir / 'annotations'}: document ids used twice: {', '.join(sorted(dupes))}")
    return SeedData(topics=topics, leaders=leaders, documents=documents)
