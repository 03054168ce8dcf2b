"""Full-text search behind one interface; the implementation is chosen by the database dialect.

Query syntax (the same on every backend): words (all must match), "quoted phrases", `OR`,
`NOT`, parentheses and `prefix*`. Words with punctuation ("one-China", "China's") are searched
as phrases, so everyday text needs no escaping. SQLite uses FTS5 (BM25 ranks); PostgreSQL uses
tsvector GIN indexes and to_tsquery (ts_rank_cd ranks), both behind `backend()`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Float, TextClause, cast, column, func, literal_column, select, table, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import QueryableAttribute
from sqlmodel import Session, col

from app.core.db import run
from app.core.errors import invalid_parameter
from app.models import Document, Position, related

MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"
SYNTAX_HELP = (
    'search syntax: words (all must match), "quoted phrases", OR between alternatives, '
    'NOT before an excluded word, (parentheses), prefix* — e.g. "one-China policy" OR taiwan*'
)

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
    onclause: ColumnElement[bool] | TextClause
    match: ColumnElement[bool]
    rank: ColumnElement[float]  # ascending: best first
    highlight: ColumnElement[str]
    key: ColumnElement[int] | QueryableAttribute[Any] | None = (
        None  # a position's id as the index sees it (range bounds on it are cheap)
    )
    standalone: bool = False  # the index alone answers `match` (no join needed without other filters)


class SearchBackend(Protocol):
    def check(self, session: Session, q: str) -> None: ...
    def position_ids(self, q: str) -> ColumnElement[bool]: ...
    def position_hits(self, q: str) -> Hits: ...
    def rank_floor(self, session: Session, q: str, window: int) -> int | None: ...
    def highlights(self, session: Session, q: str, ids: list[int]) -> dict[int, str]: ...
    def document_ids(self, q: str) -> ColumnElement[bool]: ...
    def document_hits(self, q: str) -> Hits: ...


class SqliteFts5:
    """FTS5 tables `search_position` and `search_document` (made and kept in sync by migration 0100)."""

    _positions = table("search_position", column("rowid"))
    _documents = table("search_document", column("document_id"))
    # The id of the window-th newest match: reading a doclist in rowid order stops there, while ranking
    # needs every match scored (BM25 over all matches of a common word grows with the corpus).
    _FLOOR = text(
        "SELECT rowid FROM search_position WHERE search_position MATCH :q ORDER BY rowid DESC LIMIT 1 OFFSET :skip"
    )
    # Highlights of a page: one scan of the id range (FTS5 runs an IN list as one query per value),
    # filtered before highlight() runs; the unary + keeps the list out of the index. (bm25() here would
    # recount every match of each word for its IDF. Ranks come from the page query.)
    _HIGHLIGHTS = text(
        f"SELECT rowid, highlight(search_position, 0, '{MARK_OPEN}', '{MARK_CLOSE}') "  # sql-identifiers-only
        "FROM search_position WHERE search_position MATCH :q AND rowid BETWEEN :lo AND :hi "
        "AND +rowid IN (SELECT value FROM json_each(:ids))"
    )

    @staticmethod
    def _match(name: str, q: str) -> ColumnElement[bool]:
        return literal_column(name).op("MATCH")(q)

    def check(self, session: Session, q: str) -> None:
        # FTS5 parses the query only when it runs: run it once on one row to turn syntax errors into a 422.
        try:
            run(
                session, text("SELECT 1 FROM search_position WHERE search_position MATCH :q LIMIT 1").bindparams(q=q)
            ).first()
        except OperationalError as exc:
            session.rollback()
            reason = str(exc.orig).removeprefix("fts5: ")
            raise invalid_parameter("q", f"{reason}; {SYNTAX_HELP}", value=q) from None

    def position_ids(self, q: str) -> ColumnElement[bool]:
        ids = select(self._positions.c.rowid).where(self._match("search_position", q))
        return col(Position.id).in_(ids)

    def position_hits(self, q: str) -> Hits:
        return Hits(
            join=self._positions,
            onclause=self._positions.c.rowid == Position.id,
            key=self._positions.c.rowid,
            standalone=True,
            match=self._match("search_position", q),
            rank=func.bm25(literal_column("search_position")),
            highlight=func.highlight(literal_column("search_position"), 0, MARK_OPEN, MARK_CLOSE),
        )

    def rank_floor(self, session: Session, q: str, window: int) -> int | None:
        """The id of the `window`-th newest match, or None when fewer match (then every match is ranked)."""
        return session.connection().execute(self._FLOOR, {"q": q, "skip": window - 1}).scalar_one_or_none()

    def highlights(self, session: Session, q: str, ids: list[int]) -> dict[int, str]:
        """The text of these matching ids with the matched words marked."""
        if not ids:
            return {}
        rows = session.connection().execute(
            self._HIGHLIGHTS, {"q": q, "lo": min(ids), "hi": max(ids), "ids": json.dumps(ids)}
        )
        return {pid: highlight for pid, highlight in rows}

    def document_ids(self, q: str) -> ColumnElement[bool]:
        ids = select(self._documents.c.document_id).where(self._match("search_document", q))
        return col(Document.id).in_(ids)

    def document_hits(self, q: str) -> Hits:
        # Title weighs more than body text; the highlight is a snippet, documents being long.
        return Hits(
            join=self._documents,
            onclause=self._documents.c.document_id == Document.id,
            match=self._match("search_document", q),
            rank=func.bm25(literal_column("search_document"), 0.0, 4.0, 1.0),
            highlight=func.snippet(literal_column("search_document"), -1, MARK_OPEN, MARK_CLOSE, "…", 24),
        )


# The query's tokens, as normalize() leaves them: quoted phrases, parentheses, operators, words (with *).
_PG_TOKEN = re.compile(r'"[^"]*"|[()]|\S+')
_WORD = re.compile(r"\w+")


def to_tsquery_text(q: str) -> str:
    """A normalized query in PostgreSQL `to_tsquery` syntax: words and phrases (`a <-> b`) joined by `&`,
    `OR` as `|`, `NOT x` as `& !x`, `prefix*` as `prefix:*`. Only word characters reach the output."""
    out: list[str] = []
    expect_operand = True  # between two operands without an operator, FTS5 means AND
    for token in _PG_TOKEN.findall(q):
        if token in ("OR", "AND", "NOT"):
            if token == "NOT":
                out.append("& !" if not expect_operand else "!")
            else:
                out.append("|" if token == "OR" else "&")
            expect_operand = True
            continue
        if token == ")":
            out.append(")")
            expect_operand = False
            continue
        if not expect_operand:
            out.append("&")
        if token == "(":
            out.append("(")
            expect_operand = True
            continue
        words = _WORD.findall(token)
        if not words:
            continue
        if token.startswith('"'):
            prefix = ":*" if token.endswith('"*') else ""
            out.append("(" + " <-> ".join(words) + prefix + ")" if len(words) > 1 else words[0] + prefix)
        else:
            out.append(
                words[0] + (":*" if token.endswith("*") else "") if len(words) == 1 else "(" + " <-> ".join(words) + ")"
            )
        expect_operand = False
    return " ".join(out)


class PostgresTsvector:
    """tsvector expression indexes of migration 0300; the query is parsed once per statement by to_tsquery.

    Ranks are cast to double precision: a `real` reaches Python rounded to its shortest decimal, which
    no longer equals the stored value, and keyset cursors compare ranks for equality.
    """

    CONFIG: ColumnElement[Any] = literal_column("'english'::regconfig")

    def _query(self, q: str) -> Any:
        # A one-row subquery holding the parsed query, joined to the searched table.
        return select(func.to_tsquery(self.CONFIG, to_tsquery_text(q)).label("query")).subquery("tsq")

    @classmethod
    def _position_vector(cls) -> ColumnElement[Any]:
        # Stored (migration 0400): ranking reads it instead of parsing every matched text again.
        return literal_column('"position".search_vector')

    @classmethod
    def _document_vector(cls) -> ColumnElement[Any]:
        return func.setweight(func.to_tsvector(cls.CONFIG, Document.title), literal_column("'A'")).op("||")(
            func.setweight(func.to_tsvector(cls.CONFIG, Document.text), literal_column("'B'"))
        )

    def check(self, session: Session, q: str) -> None:
        from sqlalchemy.exc import DBAPIError

        expression = to_tsquery_text(q)
        try:
            with session.begin_nested():
                run(session, select(func.to_tsquery(self.CONFIG, expression)))
        except DBAPIError as exc:
            diag = getattr(exc.orig, "diag", None)  # psycopg's diagnostics: the server's message without context
            reason = str(diag and diag.message_primary or exc.orig)
            raise invalid_parameter("q", f"{reason}; {SYNTAX_HELP}", value=q) from None

    def _matching_ids(self, q: str) -> Any:
        tsq = self._query(q)
        return (
            select(col(Position.id))
            .select_from(Position)
            .join(tsq, text("true"))
            .where(self._position_vector().op("@@")(tsq.c.query))
        )

    def position_ids(self, q: str) -> ColumnElement[bool]:
        return col(Position.id).in_(self._matching_ids(q))

    def position_hits(self, q: str) -> Hits:
        tsq = self._query(q)
        return Hits(
            join=tsq,
            onclause=text("true"),
            key=related(Position.id),
            match=self._position_vector().op("@@")(tsq.c.query),
            rank=-cast(func.ts_rank_cd(self._position_vector(), tsq.c.query), Float(53)),
            highlight=func.ts_headline(
                self.CONFIG,
                Position.text,
                tsq.c.query,
                literal_column(f"'StartSel={MARK_OPEN}, StopSel={MARK_CLOSE}, HighlightAll=true'"),
            ),
        )  # sql-identifiers-only

    def rank_floor(self, session: Session, q: str, window: int) -> int | None:
        """The id of the `window`-th newest match, or None when fewer match (then every match is ranked)."""
        stmt = self._matching_ids(q).order_by(col(Position.id).desc()).offset(window - 1).limit(1)
        return session.connection().execute(stmt).scalar_one_or_none()

    def highlights(self, session: Session, q: str, ids: list[int]) -> dict[int, str]:
        """The text of these matching ids with the matched words marked."""
        if not ids:
            return {}
        hits = self.position_hits(q)
        stmt = (
            select(col(Position.id), hits.highlight)
            .select_from(Position)
            .join(hits.join, hits.onclause)
            .where(col(Position.id).in_(ids))
        )
        return {pid: highlight for pid, highlight in run(session, stmt).all() if pid is not None}

    def document_ids(self, q: str) -> ColumnElement[bool]:
        tsq = self._query(q)
        return col(Document.id).in_(
            select(col(Document.id))
            .select_from(Document)
            .join(tsq, text("true"))
            .where(self._document_vector().op("@@")(tsq.c.query))
        )

    def document_hits(self, q: str) -> Hits:
        tsq = self._query(q)
        return Hits(
            join=tsq,
            onclause=text("true"),
            match=self._document_vector().op("@@")(tsq.c.query),
            rank=-cast(func.ts_rank_cd(self._document_vector(), tsq.c.query), Float(53)),
            highlight=func.ts_headline(
                self.CONFIG,
                Document.text,
                tsq.c.query,
                literal_column(
                    f"'StartSel={MARK_OPEN}, StopSel={MARK_CLOSE}, MaxWords=24, MinWords=8, MaxFragments=2, "
                    "FragmentDelimiter=…'"  # sql-identifiers-only
                ),
            ),
        )


_BACKENDS: dict[str, SearchBackend] = {"sqlite": SqliteFts5(), "postgresql": PostgresTsvector()}


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
