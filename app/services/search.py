"""Full-text search behind one interface; the implementation is chosen by the database dialect.

Query syntax (the same on every backend): words (all must match), "quoted phrases", `OR`,
`NOT`, parentheses and `prefix*`. Words with punctuation ("one-China", "China's") are searched
as phrases, so everyday text needs no escaping. Only SQLite (FTS5) is implemented so far; a
PostgreSQL backend (tsvector + websearch_to_tsquery) plugs in through `backend()`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import ColumnElement, column, func, literal_column, select, table, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from app.errors import invalid_parameter
from app.models import Document, Position

MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"
SYNTAX_HELP = ('search syntax: words (all must match), "quoted phrases", OR between alternatives, '
               'NOT before an excluded word, (parentheses), prefix* — e.g. "one-China policy" OR taiwan*')

_TOKEN = re.compile(r'"[^"]*"?|[()]|[^\s()"]+')
_BARE = re.compile(r"^\w+\*?$")
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}


def normalize(q: str) -> str:
    """`q` with punctuated words quoted as phrases and unclosed quotes closed; a 422 if nothing is left."""
    parts: list[str] = []
    for token in _TOKEN.findall(q):
        if token.startswith('"'):
            inner = token.strip('"')
            if inner.strip():
                parts.append(f'"{inner}"')
        elif token in ("(", ")") or token in _OPERATORS or _BARE.match(token):
            parts.append(token)
        else:
            core, star = (token[:-1], "*") if token.endswith("*") else (token, "")
            if re.search(r"\w", core):
                parts.append(f'"{core}"{star}')
    normalized = " ".join(parts)
    if not normalized:
        raise invalid_parameter("q", f"no word to search for; {SYNTAX_HELP}", value=q)
    return normalized


@dataclass(frozen=True)
class Hits:
    """What a backend adds to a query for ranked, highlighted results."""

    join: Any  # the selectable to join
    onclause: ColumnElement[bool]
    match: ColumnElement[bool]
    rank: ColumnElement[float]  # ascending: best first
    highlight: ColumnElement[str]


class SearchBackend(Protocol):
    def check(self, session: Session, q: str) -> None: ...
    def position_ids(self, q: str) -> ColumnElement[bool]: ...
    def position_hits(self, q: str) -> Hits: ...
    def document_ids(self, q: str) -> ColumnElement[bool]: ...
    def document_hits(self, q: str) -> Hits: ...


class SqliteFts5:
    """FTS5 tables `search_position` and `search_document` (made and kept in sync by migration 0100)."""

    _positions = table("search_position", column("rowid"))
    _documents = table("search_document", column("document_id"))

    @staticmethod
    def _match(name: str, q: str) -> ColumnElement[bool]:
        return literal_column(name).op("MATCH")(q)

    def check(self, session: Session, q: str) -> None:
        # FTS5 parses the query only when it runs: run it once on one row to turn syntax errors into a 422.
        try:
            session.exec(text("SELECT 1 FROM search_position WHERE search_position MATCH :q LIMIT 1")
                         .bindparams(q=q)).first()  # type: ignore[call-overload]
        except OperationalError as exc:
            session.rollback()
            reason = str(exc.orig).removeprefix("fts5: ")
            raise invalid_parameter("q", f"{reason}; {SYNTAX_HELP}", value=q) from None

    def position_ids(self, q: str) -> ColumnElement[bool]:
        ids = select(self._positions.c.rowid).where(self._match("search_position", q))
        return Position.id.in_(ids)  # type: ignore[union-attr]

    def position_hits(self, q: str) -> Hits:
        return Hits(join=self._positions, onclause=self._positions.c.rowid == Position.id,
                    match=self._match("search_position", q),
                    rank=func.bm25(literal_column("search_position")),
                    highlight=func.highlight(literal_column("search_position"), 0, MARK_OPEN, MARK_CLOSE))

    def document_ids(self, q: str) -> ColumnElement[bool]:
        ids = select(self._documents.c.document_id).where(self._match("search_document", q))
        return Document.id.in_(ids)  # type: ignore[attr-defined]

    def document_hits(self, q: str) -> Hits:
        # Title weighs more than body text; the highlight is a snippet, documents being long.
        return Hits(join=self._documents, onclause=self._documents.c.document_id == Document.id,
                    match=self._match("search_document", q),
                    rank=func.bm25(literal_column("search_document"), 0.0, 4.0, 1.0),
                    highlight=func.snippet(literal_column("search_document"), -1, MARK_OPEN, MARK_CLOSE, "…", 24))


_BACKENDS: dict[str, SearchBackend] = {"sqlite": SqliteFts5()}


def backend(session: Session) -> SearchBackend:
    """The search implementation for the session's database."""
    dialect = session.get_bind().dialect.name
    try:
        return _BACKENDS[dialect]
    except KeyError:
        raise invalid_parameter("q", f"full-text search is not available on {dialect} yet") from None


def prepare(session: Session, q: str) -> str:
    """`q` normalized and checked against the backend's parser (a 422 naming `q` when it is not valid)."""
    normalized = normalize(q)
    backend(session).check(session, normalized)
    return normalized


def relevance(bm25: float | None) -> float | None:
    """The public relevance score: higher is better (BM25 is lower-is-better in FTS5)."""
    return None if bm25 is None else round(-bm25, 6)
