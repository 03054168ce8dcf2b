"""Positions as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), serialised as JSON-LD.

Each position is an `Annotation` whose target is its sentence in the stored document, selected
twice (equivalent selectors): by code-point offsets (`TextPositionSelector`) and by quote with
context (`TextQuoteSelector`). The target's `state` pins the exact text by its sha256.
Bodies tag the speakers (`identifying`), topics (`tagging`) and act (`classifying`).
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from app import __version__
from app.models import Document, Leader, Position, Topic
from app.positions.row_loader import LeaderView, PositionView, TopicView

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MEDIA_TYPE = f'application/ld+json; profile="{CONTEXT}"'
CONTEXT_CHARS = 32  # prefix/suffix length: enough to disambiguate repeated sentences
CURATED = "curated"


def document_texts(session: Session, document_ids: set[str]) -> dict[str, tuple[str, str]]:
    """(text, sha256) of each document, fetched once per batch of positions."""
    rows = session.exec(
        select(Document.id, Document.text, Document.sha256).where(col(Document.id).in_(sorted(document_ids)))
    ).all()
    return {doc_id: (text, sha) for doc_id, text, sha in rows}


def generator(base_url: str) -> dict[str, Any]:
    return {
        "id": f"{base_url}/",
        "type": "Software",
        "name": "Summit positions API",
        "schema:softwareVersion": __version__,
    }


def creator(method: str) -> dict[str, Any]:
    """A Person for curated positions, else the annotator (Software) with its version when it names one."""
    if method == CURATED:
        return {"type": "Person", "name": "Summit positions curators"}
    name, _, version = method.replace("@", "/").partition("/")
    agent: dict[str, Any] = {"type": "Software", "name": name.strip() or method}
    if version:
        agent["schema:softwareVersion"] = version.strip()
    return agent


def annotation(p: Position | PositionView, text: str, sha256: str, base_url: str) -> dict[str, Any]:
    """One position as a Web Annotation (without @context, which the enclosing page or caller adds)."""
    speakers: list[Leader | LeaderView] = sorted(p.speakers, key=lambda s: s.slug)
    topics: list[Topic | TopicView] = sorted(p.topics, key=lambda t: t.slug)
    bodies: list[dict[str, Any]] = [
        {
            "type": "SpecificResource",
            "source": f"{base_url}/v1/leaders/{s.slug}",
            "purpose": "identifying",
            "schema:name": s.name,
        }
        for s in speakers
    ]
    bodies += [{"type": "TextualBody", "value": t.slug, "purpose": "tagging", "format": "text/plain"} for t in topics]
    if p.act:
        bodies.append({"type": "TextualBody", "value": p.act, "purpose": "classifying", "format": "text/plain"})
    return {
        "id": f"{base_url}/v1/positions/{p.id}",
        "type": "Annotation",
        "motivation": "classifying",
        "created": p.created_at.isoformat(),
        "creator": creator(p.method),
        "generator": generator(base_url),
        "body": bodies,
        "target": {
            "type": "SpecificResource",
            "source": f"{base_url}/v1/documents/{p.document_id}",
            # The document's exact text is identified by its hash: offsets are only valid against it.
            "state": {
                "type": "TimeState",
                "id": f"urn:sha256:{sha256}",
                "sourceDate": p.document.created_at.isoformat() if p.document is not None else p.created_at.isoformat(),
            },
            "selector": [
                {"type": "TextPositionSelector", "start": p.start, "end": p.end},
                {
                    "type": "TextQuoteSelector",
                    "exact": text[p.start : p.end],
                    "prefix": text[max(0, p.start - CONTEXT_CHARS) : p.start],
                    "suffix": text[p.end : p.end + CONTEXT_CHARS],
                },
            ],
        },
    }


def annotate_positions(
    session: Session, positions: list[Position] | list[PositionView], base_url: str
) -> list[dict[str, Any]]:
    """Annotations for a batch of positions, reading each document's text once."""
    texts = document_texts(session, {p.document_id for p in positions})
    return [annotation(p, *texts[p.document_id], base_url) for p in positions]


def page(items: list[dict[str, Any]], page_url: str, next_url: str | None, total: int) -> dict[str, Any]:
    """An `AnnotationPage` of a list, part of the `AnnotationCollection` of all matching positions."""
    body: dict[str, Any] = {
        "@context": CONTEXT,
        "id": page_url,
        "type": "AnnotationPage",
        "partOf": {"type": "AnnotationCollection", "total": total},
        "items": items,
    }
    if next_url:
        body["next"] = next_url
    return body
