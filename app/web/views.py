"""Presentation helpers of the pages: pure functions from service answers to what templates show.

No database access here: the routes in `app.web.pages` call the services /v1 calls, and these shape
their answers for reading (a document's text cut into highlighted and plain runs, positions grouped
per speaker, the /v1 URL that gives the same list).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape

# Speaker colours: six hues with dark text on a light tint (contrast ≥ 7:1, see static/site.css).
PALETTE_SIZE = 6


@dataclass(frozen=True)
class Run:
    """A stretch of a document's text: plain, or one position's evidence."""

    text: str
    position: Mapping[str, Any] | None = None


def text_runs(text: str, positions: Iterable[Mapping[str, Any]]) -> list[Run]:
    """`text` cut at the positions' offsets, in reading order: every character once, exactly as stored.

    A position that overlaps one already placed keeps its place in the list beside the text but is not
    highlighted twice (the annotator does not emit overlaps; curated additions could)."""
    runs: list[Run] = []
    at = 0
    for p in sorted(positions, key=lambda p: (p["start"], p["end"])):
        start, end = int(p["start"]), int(p["end"])
        if start < at or end > len(text) or start >= end:
            continue
        if start > at:
            runs.append(Run(text[at:start]))
        runs.append(Run(text[start:end], p))
        at = end
    if at < len(text):
        runs.append(Run(text[at:]))
    return runs


def paragraph_around(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The paragraph (between line breaks) holding [start, end): text before the span, the span, after."""
    begin = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", end)
    stop = len(text) if stop == -1 else stop
    return text[begin:start], text[start:end], text[end:stop]


_MARK = re.compile(r"&lt;(/?)mark&gt;")


def marked(highlight: str | None) -> Markup | None:
    """A search highlight as HTML: everything escaped except the <mark> tags the search put in."""
    if highlight is None:
        return None
    return Markup(_MARK.sub(r"<\1mark>", str(escape(highlight))))


def palette(slugs: Iterable[str]) -> dict[str, int]:
    """A colour index per speaker, in the order given (participants first keep their colours)."""
    out: dict[str, int] = {}
    for slug in slugs:
        if slug not in out:
            out[slug] = len(out) % PALETTE_SIZE
    return out


@dataclass
class Column:
    """One leader's positions in a side-by-side view."""

    slug: str
    name: str
    items: list[Mapping[str, Any]] = field(default_factory=list)


def columns_by_speaker(items: Sequence[Mapping[str, Any]], order: Sequence[str] = ()) -> list[Column]:
    """Positions grouped per speaker (a joint position in each of its speakers' columns), keeping the
    items' order within a column; columns follow `order`, then first appearance."""
    columns: dict[str, Column] = {}
    for item in items:
        for speaker in item["speakers"]:
            column = columns.setdefault(speaker["slug"], Column(speaker["slug"], speaker["name"]))
            column.items.append(item)
    rank = {slug: i for i, slug in enumerate(order)}
    return sorted(columns.values(), key=lambda c: rank.get(c.slug, len(rank)))


def query_string(params: Iterable[tuple[str, str]], **replace: str | None) -> str:
    """`params` as a query string (repeated names kept), with `replace`'s names set or (None) removed."""
    kept = [(k, v) for k, v in params if k not in replace]
    kept += [(k, v) for k, v in replace.items() if v is not None]
    return urlencode(kept)


def api_url(path: str, params: Iterable[tuple[str, str]], **extra: str | None) -> str:
    """The /v1 URL of `path` with the page's own query parameters: the same list as JSON (or `extra`)."""
    query = query_string(params, **extra)
    return f"{path}?{query}" if query else path


def speaker_names(item: Mapping[str, Any]) -> str:
    return " and ".join(s["name"] for s in item["speakers"]) or "Unattributed"


def speaker_slugs(item: Mapping[str, Any]) -> str:
    return " ".join(s["slug"] for s in item["speakers"])
