"""File-level helpers for the CLI: annotate files/folders, evaluate against gold files."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .evaluate import format_report, score
from .gold import annotation_to_doc, iter_json_files, load_docs, participants_from_doc, write_doc
from .models import Participant, TopicSpec
from .pipeline import annotate

__all__ = ["annotate_paths", "evaluate_paths", "format_report", "annotate_doc"]


def _inputs(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.iterdir() if q.suffix in (".txt", ".json") and not q.name.startswith("_")))
        else:
            out.append(p)
    return out


def annotate_doc(
    doc: dict[str, Any],
    *,
    topics: Sequence[TopicSpec],
    ignore_participants: bool = False,
    known_leaders: Sequence[Participant] = (),
) -> dict[str, Any]:
    """Annotate one gold-format document (its positions are ignored) into a new one."""
    text = doc.get("text") or ""
    parts = None if ignore_participants or not doc.get("participants") else participants_from_doc(doc)
    title = doc.get("title") if isinstance(doc.get("title"), str) else None
    date = doc.get("date") if isinstance(doc.get("date"), str) else None
    ann = annotate(
        text,
        topics=topics,
        participants=parts,
        kind=doc.get("kind"),
        known_leaders=known_leaders,
        title=title,
        date=date,
    )
    return annotation_to_doc(
        str(doc.get("id")), text, ann, title=doc.get("title"), date=doc.get("date"), kind=doc.get("kind")
    )


def annotate_paths(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    *,
    topics: Sequence[TopicSpec],
    ignore_participants: bool = False,
    known_leaders: Sequence[Participant] = (),
) -> list[Path]:
    """Annotate .txt files, gold-format .json files or folders of them into out_dir/<id>.json.

    A .txt's id is its file stem and its participants are inferred."""
    written = []
    for path in _inputs(paths):
        if path.suffix == ".txt":
            docs = [{"id": path.stem, "text": path.read_text(encoding="utf-8")}]
        else:
            docs = load_docs(path)
        for doc in docs:
            out = annotate_doc(doc, topics=topics, ignore_participants=ignore_participants, known_leaders=known_leaders)
            written.append(write_doc(out, out_dir))
    return written


def evaluate_paths(
    gold_paths: Iterable[str | Path],
    *,
    topics: Sequence[TopicSpec],
    ignore_participants: bool = False,
    known_leaders: Sequence[Participant] = (),
    misses: list[str] | None = None,
) -> dict[str, Any]:
    """Annotate gold documents and score the result as shared/annotation/score.py does."""
    gold: dict[str, dict[str, Any]] = {}
    for f in iter_json_files(gold_paths):
        if f.name.startswith("_"):
            continue
        for doc in load_docs(f):
            gold[doc["id"]] = doc
    pred = {
        i: annotate_doc(d, topics=topics, ignore_participants=ignore_participants, known_leaders=known_leaders)
        for i, d in gold.items()
    }
    return score(gold, pred, misses=misses)
