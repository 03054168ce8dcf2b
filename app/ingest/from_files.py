"""`summit ingest`: readouts and exports from files into the database, as one report.

- `.ndjson` exports (`summit export`) load whole through the bulk path (`app.dataset.restore`): all or
  nothing per file.
- Pre-annotated readouts (gold-format `.json` files, `.ndjson` files of gold-format records) stream
  into the bulk loader in batches; a bad record is skipped and named, the rest go in.
- `.txt` files (and any readout with `annotate=True`) are annotated and stored one by one.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from sqlmodel import Session

from app.dataset import restore
from app.dataset.export import ExportError
from app.ingest.bulk import BulkReport, bulk_ingest
from app.ingest.input_files import InputFile, expand, is_export, read_inputs, read_ndjson

if TYPE_CHECKING:
    from app.annotate import Annotation
    from app.schemas import DocumentIn


@dataclass
class IngestReport:
    """What `ingest_paths` did: documents added, duplicates skipped, failures (label: reason)."""

    added: int = 0
    duplicates: int = 0
    positions: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    exports: list[tuple[Path, restore.LoadSummary, float]] = field(default_factory=list)  # path, summary, seconds
    bulk: BulkReport = field(default_factory=BulkReport)

    def summary(self) -> str:
        rate = f"; {self.bulk.documents_per_second:.0f} documents/s bulk-loaded" if self.bulk.documents else ""
        restored = ""
        if self.exports:
            documents = sum(loaded.added.get("document", 0) for _, loaded, _ in self.exports)
            positions = sum(loaded.added.get("position", 0) for _, loaded, _ in self.exports)
            restored = (
                f"restored from {len(self.exports)} export(s): documents {documents}, positions {positions}; "
                "other inputs: "
            )
        return (
            f"{restored}documents added {self.added}, skipped as duplicates {self.duplicates}, "
            f"failed {len(self.failed)}; positions {self.positions}{rate}"
        )


class BulkLoadStopped(RuntimeError):
    """A database error stopped the bulk load; the batch in progress was rolled back, earlier ones stay."""


def _records(path: Path) -> Iterator[Any]:
    with path.open("rb") as lines:
        for line in lines:
            if not line.isspace():  # blank lines are skipped (isspace: no copy of a long line, as strip makes)
                yield orjson.loads(line)


def load_export(session: Session, path: Path, *, exact_version: bool = False) -> tuple[restore.LoadSummary, float]:
    """One export file through the bulk path; ExportError (nothing loaded) when a record is bad."""
    started = time.perf_counter()
    try:
        summary = restore.load(session, _records(path), exact_version=exact_version)
    except (orjson.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ExportError(f"{path}: not NDJSON: {exc}") from None
    return summary, time.perf_counter() - started


def ingest_paths(
    session: Session,
    paths: list[Path],
    *,
    annotate: bool = False,
    batch_size: int = 2000,
    actor: str = "cli",
    on_skip: Callable[[str, str], None] = lambda label, reason: None,
    on_progress: Callable[[BulkReport], None] = lambda report: None,
    annotating: Callable[[list[InputFile]], Any] = lambda items: items,
) -> IngestReport:
    """Store everything under `paths`; `on_skip(label, reason)` hears of each skipped input as it happens,
    `on_progress` of each committed bulk batch; `annotating` may wrap the list of files to annotate
    (a progress bar). Raises BulkLoadStopped on a database error during the bulk load."""
    report = IngestReport()

    def skip(label: str, reason: str) -> None:
        report.failed.append((label, reason))
        on_skip(label, reason)

    ndjson = [p for p in expand(list(paths), (".ndjson",)) if p.suffix == ".ndjson"]
    others = [p for p in paths if p.suffix != ".ndjson"]
    gold_lines: list[Path] = []
    for path in ndjson:
        try:
            if not is_export(path):
                gold_lines.append(path)
                continue
            summary, seconds = load_export(session, path)
        except (ExportError, UnicodeDecodeError, OSError) as exc:
            session.rollback()
            skip(str(path), f"nothing loaded from it: {exc}")
            continue
        report.exports.append((path, summary, seconds))

    to_annotate: list[InputFile] = []
    labels: list[str] = []  # bulk item index -> where it came from

    def pre_annotated() -> Iterator[tuple[DocumentIn, Annotation, str]]:
        sources = [read_inputs(others, annotate)] if others else []
        sources += [read_ndjson(p, annotate) for p in gold_lines]
        for source in sources:
            for item in source:
                if item.error or item.document is None:
                    skip(item.label, str(item.error))
                elif item.given is None:
                    to_annotate.append(item)
                else:
                    labels.append(item.label)
                    yield item.document, item.given, item.method

    reported = 0

    def errors(bulk: BulkReport) -> None:
        nonlocal reported
        for index, reason in bulk.errors[reported:]:
            skip(labels[index], reason)
        reported = len(bulk.errors)

    def progress(bulk: BulkReport) -> None:
        errors(bulk)
        on_progress(bulk)

    if not (others or gold_lines):  # exports only: the bulk loader (and the annotator it imports) is not needed
        return report
    try:
        report.bulk = bulk_ingest(session, pre_annotated(), batch_size=batch_size, progress=progress, actor=actor)
    except Exception as exc:
        session.rollback()
        raise BulkLoadStopped(str(exc).splitlines()[0]) from exc
    errors(report.bulk)
    report.added, report.duplicates, report.positions = (
        report.bulk.documents,
        report.bulk.duplicates,
        report.bulk.positions,
    )
    if not to_annotate:
        return report
    # Imported only when something is annotated: the annotator and the web layer's errors take ~0.7 s to
    # import, which an export reload or a bulk load of pre-annotated readouts never needs.
    from app.core.errors import ApiError
    from app.ingest import service

    for item in annotating(to_annotate):
        assert item.document is not None
        try:
            doc = service.ingest(session, item.document, item.given, item.method, actor=actor)
        except service.DuplicateDocument:
            session.rollback()
            report.duplicates += 1
            continue
        except ApiError as exc:
            session.rollback()
            skip(item.label, exc.detail)
            continue
        report.added += 1
        report.positions += len(doc.positions)
    return report
