"""Reading and writing documents in the gold format of shared/annotation/GUIDELINES.md."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .models import Annotation, Participant

__all__ = ["load_docs", "participants_from_doc", "annotation_to_doc", "write_doc"]


def load_docs(path: str | Path) -> list[dict[str, Any]]:
    """Documents in a gold-format .json file (one object or a list)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return list(data) if isinstance(data, list) else [data]


def participants_from_doc(doc: dict[str, Any]) -> tuple[Participant, ...]:
    """The document's participants as Participant values."""
    out = []
    for p in doc.get("participants") or []:
        if isinstance(p, str):
            out.append(Participant(name=p))
        elif isinstance(p, dict) and p.get("name"):
            out.append(
                Participant(
                    name=str(p["name"]),
                    title=p.get("title"),
                    country=p.get("country"),
                    gender=p.get("gender"),
                    aliases=tuple(p.get("aliases") or ()),
                )
            )
    return tuple(out)


def _participant_json(p: Participant) -> dict[str, Any]:
    d: dict[str, Any] = {"name": p.name}
    for k in ("title", "country", "gender"):
        if getattr(p, k):
            d[k] = getattr(p, k)
    if p.aliases:
        d["aliases"] = list(p.aliases)
    return d


def annotation_to_doc(
    doc_id: str,
    text: str,
    ann: Annotation,
    *,
    title: str | None = None,
    date: str | None = None,
    kind: str | None = None,
) -> dict[str, Any]:
    """A gold-format document holding the annotation's positions."""
    return {
        "id": doc_id,
        "title": title,
        "date": date,
        "kind": kind,
        "participants": [_participant_json(p) for p in ann.participants],
        "text": text,
        "positions": [
            {
                "start": p.start,
                "end": p.end,
                "speakers": list(p.speakers),
                "topics": list(p.topics),
                "act": p.act,
                "confidence": p.confidence,
                "evidence": p.evidence,
            }
            for p in ann.positions
        ],
    }


def write_doc(doc: dict[str, Any], out_dir: str | Path) -> Path:
    """Write DIR/<id>.json and return its path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{doc['id']}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def iter_json_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders into their *.json files (sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.glob("*.json")) if p.is_dir() else [p])
    return out
