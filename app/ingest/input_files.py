"""Reading readouts from disk for `summit ingest`: .txt files, gold-format .json files, .ndjson files of
gold-format records (one per line), folders of them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from app.ingest.readout_metadata import find_date, slugify
from app.schemas import DocumentIn

if TYPE_CHECKING:
    from app.annotate import Annotation

SUFFIXES = (".txt", ".json")
_READ_ERRORS = (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError, ValidationError)


@dataclass
class InputFile:
    """One readout read from disk: the document, and its positions if the file carries them."""

    path: Path
    document: DocumentIn | None = None
    given: Annotation | None = None
    method: str = "curated"
    error: str | None = None
    line: int | None = None  # the record's line, for .ndjson files

    @property
    def label(self) -> str:
        """Where the readout came from, for messages: the path, and the line of an .ndjson record."""
        return f"{self.path}:{self.line}" if self.line is not None else str(self.path)


def expand(paths: list[Path], suffixes: tuple[str, ...] = SUFFIXES) -> list[Path]:
    """Files named, and the matching files inside folders named (sorted, recursive)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix in suffixes and not p.name.startswith((".", "_")))
        else:
            files.append(path)
    return files


def _from_text(path: Path) -> InputFile:
    text = path.read_bytes().decode("utf-8")
    doc = DocumentIn.model_validate({"text": text, "date": find_date(path.stem)})
    return InputFile(path=path, document=doc)


def _from_gold(path: Path, annotate: bool) -> InputFile:
    return _gold_record(json.loads(path.read_text(encoding="utf-8")), path, slugify(path.stem), annotate)


def _gold_record(raw: object, path: Path, default_id: str | None, annotate: bool, line: int | None = None) -> InputFile:
    """One gold-format object (a .json file, or a line of an .ndjson file) as an input."""
    if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
        return InputFile(path=path, line=line, error="not a gold-format object with a 'text'")
    participants = [p["name"] if isinstance(p, dict) else str(p) for p in raw.get("participants") or []]
    doc = DocumentIn.model_validate(
        {
            "text": raw["text"],
            "id": slugify(str(raw["id"])) if raw.get("id") else default_id,
            "title": raw.get("title"),
            "date": raw.get("date"),
            "kind": raw.get("kind"),
            "source": (raw.get("document") or {}).get("source") or raw.get("source"),
            "url": (raw.get("document") or {}).get("url") or raw.get("url"),
            "participants": participants or None,
        }
    )
    positions = raw.get("positions")
    if annotate or not isinstance(positions, list):
        return InputFile(path=path, line=line, document=doc)
    # Imported here, not with the module: `summit ingest` of an export reads only `is_export` and `expand`
    # from this file, and the annotator takes ~0.6 s to import.
    from app.annotate import Annotation, FoundPosition, Participant

    found = tuple(
        FoundPosition(
            start=int(p["start"]),
            end=int(p["end"]),
            speakers=tuple(p.get("speakers", [])),
            topics=tuple(p.get("topics", [])),
            act=p.get("act") or "assert",
            confidence=float((p.get("provenance") or {}).get("confidence", 1.0)),
        )
        for p in positions
    )
    parts = tuple(Participant(name=n) for n in participants)
    return InputFile(
        path=path,
        line=line,
        document=doc,
        given=Annotation(participants=parts, positions=found),
        method=str(raw.get("method") or "curated"),
    )


def read_inputs(paths: list[Path], annotate: bool = False) -> Iterator[InputFile]:
    """Each readout under `paths`; a file that cannot be read says why instead of stopping the rest."""
    for path in expand(paths):
        try:
            if path.suffix == ".json":
                yield _from_gold(path, annotate)
            elif path.suffix == ".txt":
                yield _from_text(path)
            else:
                yield InputFile(path=path, error=f"unsupported file type {path.suffix!r} (use .txt, .json or .ndjson)")
        except _READ_ERRORS as exc:
            yield InputFile(path=path, error=f"cannot read: {exc}".splitlines()[0])


def is_export(path: Path) -> bool:
    """True for an NDJSON file written by `summit export` (records with a `type`), False for one of
    gold-format readouts; decided by its first record."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                try:
                    first = json.loads(line)
                except json.JSONDecodeError:
                    return False
                return isinstance(first, dict) and "type" in first
    return False


def read_ndjson(path: Path, annotate: bool = False) -> Iterator[InputFile]:
    """Each gold-format record of an .ndjson file, read lazily; a bad line says why and the rest go on."""
    try:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    yield _gold_record(json.loads(line), path, None, annotate, line=number)
                except _READ_ERRORS as exc:
                    yield InputFile(path=path, line=number, error=f"cannot read: {exc}".splitlines()[0])
    except (OSError, UnicodeDecodeError) as exc:
        yield InputFile(path=path, error=f"cannot read: {exc}".splitlines()[0])
