"""The seed loader: validates everything before it writes; loading twice changes nothing."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from app.core.config import PROJECT_ROOT
from app.ingest.seed import seed
from app.ingest.seed_files import SeedError, read_seed
from app.models import Document, Leader, Position, Tombstone, Topic

ANNOTATION = Path("annotations") / "xi-putin-2021-08-25.json"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data", target)
    return target


def edit_annotation(data_dir: Path, change: Callable[[dict[str, Any]], None]) -> None:
    path = data_dir / ANNOTATION
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(json.dumps(doc), encoding="utf-8")


def counts(session: Session) -> tuple[int, ...]:
    return tuple(session.exec(select(func.count()).select_from(m)).one() for m in (Document, Position, Leader, Topic))


def test_the_shipped_data_is_valid() -> None:
    data = read_seed(PROJECT_ROOT / "data")
    (doc,) = data.documents
    assert len(doc.positions) == 15 and doc.event_date.isoformat() == "2021-08-25"
    for p in doc.positions:
        span = doc.text[p.start : p.end]
        assert span == span.strip() and span.endswith(".")


def test_seeding_twice_changes_nothing(session: Session) -> None:
    before = counts(session)
    ids = session.exec(select(Position.id).order_by(Position.id)).all()
    report = seed(session, PROJECT_ROOT / "data")
    assert report.documents_unchanged == 1 and report.positions_written == 0
    assert counts(session) == before
    assert session.exec(select(Position.id).order_by(Position.id)).all() == ids


def _ids(session: Session) -> list[int]:
    return list(session.exec(select(Position.id).order_by(Position.id)).all())


def test_a_position_dropped_from_the_files_is_removed_and_the_rest_keep_their_ids(
    session: Session, data_dir: Path
) -> None:
    ids = _ids(session)
    edit_annotation(data_dir, lambda d: d["positions"].pop())
    report = seed(session, data_dir)
    assert report.documents_updated == 1 and report.positions_removed == 1 and report.positions_written == 0
    assert report.positions_unchanged == 14
    remaining = _ids(session)
    assert len(remaining) == 14 and set(remaining) < set(ids)
    gone = (set(ids) - set(remaining)).pop()
    assert session.get(Tombstone, ("position", str(gone))) is not None


def test_a_changed_file_row_updates_its_position_in_place(session: Session, data_dir: Path) -> None:
    ids = _ids(session)
    edit_annotation(data_dir, lambda d: d["positions"][0].update(act="commit"))
    report = seed(session, data_dir)
    assert report.positions_written == 1 and report.positions_unchanged == 14 and report.kept == []
    assert _ids(session) == ids
    changed = [p for p in session.exec(select(Position)).all() if p.act == "commit"]
    assert len(changed) >= 1


def _curate(session: Session, position_id: int, act: str) -> None:
    from app.curation.service import patch_position
    from app.schemas import PositionPatch

    patch_position(session, session.get_one(Position, position_id), PositionPatch(act=act), actor="alice")


def test_curation_wins_over_the_files_and_is_reported(session: Session, data_dir: Path) -> None:
    ids = _ids(session)
    target = session.exec(select(Position).order_by(Position.start, Position.id)).first()
    assert target is not None and target.id is not None
    first_id, file_act = target.id, target.act
    curated_act = "oppose" if file_act != "oppose" else "support"
    _curate(session, first_id, curated_act)
    # The files change that same position too: the curator's value is kept, and the report says so.
    edit_annotation(data_dir, lambda d: d["positions"][0].update(act="call"))
    report = seed(session, data_dir)
    assert len(report.kept) == 1 and f"position {first_id} " in report.kept[0] and "act=call" in report.kept[0]
    assert "--force" in report.summary()
    session.expire_all()
    assert session.get_one(Position, first_id).act == curated_act and _ids(session) == ids
    forced = seed(session, data_dir, force=True)
    assert forced.kept == [] and forced.positions_written == 1
    session.expire_all()
    assert session.get_one(Position, first_id).act == "call" and _ids(session) == ids


def test_a_deleted_seed_document_is_not_brought_back(session: Session) -> None:
    from app.curation.service import delete_document

    delete_document(session, session.exec(select(Document)).one(), actor="alice")
    report = seed(session, PROJECT_ROOT / "data")
    assert report.documents_added == 0 and "not re-added" in report.kept[0]
    assert session.exec(select(func.count()).select_from(Position)).one() == 0


def _expect(data_dir: Path, *fragments: str) -> None:
    with pytest.raises(SeedError) as info:
        read_seed(data_dir)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, message


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        (lambda d: d["positions"][2].update(end=10_000), ["positions[2]", "not inside the text"]),
        (lambda d: d["positions"][2].update(start=d["positions"][2]["start"] - 1), ["positions[2]", "whitespace"]),
        (lambda d: d["positions"][0].update(start=50, end=40), ["positions[0]", "not inside"]),
        (lambda d: d["positions"][1].update(start="12"), ["positions[1]", "'start' must be an integer"]),
        (lambda d: d["positions"][4].update(speakers=["Napoleon"]), ["positions[4]", "'Napoleon'", "leaders.yaml"]),
        (lambda d: d["positions"][4].update(speakers=[]), ["positions[4]", "speakers"]),
        (lambda d: d["positions"][5].update(topics=["atlantis"]), ["positions[5]", "'atlantis'", "topics.yaml"]),
        (lambda d: d["positions"][5].update(act="sing"), ["positions[5]", "act 'sing'"]),
        (lambda d: d["positions"].append(dict(d["positions"][0])), ["same span and speakers"]),
        (lambda d: d.update(text=d["text"] + " "), ["differs from source_file"]),
        (lambda d: d["event"].update(kind="telegram"), ["event kind 'telegram'"]),
        (lambda d: d["event"].update(date="2021-02-30"), ["date '2021-02-30'"]),
        (lambda d: d["event"].update(participants=["nobody"]), ["participant 'nobody'"]),
        (lambda d: d.update(id="Not A Slug"), ["slug 'Not A Slug'"]),
    ],
)
def test_bad_annotation_is_named_precisely(
    data_dir: Path, change: Callable[[dict[str, Any]], None], fragments: list[str]
) -> None:
    edit_annotation(data_dir, change)
    _expect(data_dir, str(ANNOTATION.name), *fragments)


def test_speaker_must_be_a_participant(data_dir: Path) -> None:
    with (data_dir / "leaders.yaml").open("a", encoding="utf-8") as f:
        f.write("  - slug: ada-outsider\n    name: Ada Outsider\n")
    edit_annotation(data_dir, lambda d: d["positions"][0].update(speakers=["Ada Outsider"]))
    _expect(data_dir, "positions[0]", "not a participant")


def test_bad_vocabulary_files(data_dir: Path) -> None:
    (data_dir / "topics.yaml").write_text("topics:\n  - slug: Bad Slug\n    name: x\n", encoding="utf-8")
    _expect(data_dir, "topics.yaml", "topics[0]", "Bad Slug")
    (data_dir / "topics.yaml").write_text(
        "topics:\n  - slug: a\n    name: A\n  - slug: a\n    name: B\n", encoding="utf-8"
    )
    _expect(data_dir, "topics.yaml", "topics[1]", "duplicate")
    (data_dir / "topics.yaml").write_text("topics: [\n", encoding="utf-8")
    _expect(data_dir, "topics.yaml", "YAML")


def test_bad_data_writes_nothing(session: Session, data_dir: Path) -> None:
    before = counts(session)
    edit_annotation(data_dir, lambda d: d["positions"][-1].update(topics=["atlantis"]))
    with pytest.raises(SeedError):
        seed(session, data_dir)
    assert counts(session) == before


def test_a_changed_text_for_a_stored_document_is_refused(session: Session, data_dir: Path) -> None:
    source = data_dir / "sources" / "xi-putin-2021-08-25.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\nMore.", encoding="utf-8")
    edit_annotation(data_dir, lambda d: d.update(text=source.read_text(encoding="utf-8")))
    with pytest.raises(SeedError, match="different text"):
        seed(session, data_dir)
