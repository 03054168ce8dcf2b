"""Keyset (cursor) pagination: every page is an index range scan, so deep pages cost the same as the first."""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, or_
from sqlmodel import Session

from app.core.errors import invalid_parameter


@dataclass(frozen=True)
class SortOrder:
    """An ordering over unique keys: (column, descending, parse-from-cursor) per key column."""

    name: str
    keys: Sequence[tuple[Any, bool, Callable[[Any], Any]]]

    def order_by(self) -> list[Any]:
        return [col.desc() if desc else col.asc() for col, desc, _ in self.keys]

    def after(self, values: Sequence[Any]) -> ColumnElement[bool]:
        """Rows strictly after `values` in this order (lexicographic over the key columns)."""
        clauses = []
        for i, (col, desc, _) in enumerate(self.keys):
            equal_prefix = [c == v for (c, _, _), v in zip(self.keys[:i], values[:i], strict=True)]
            step = col < values[i] if desc else col > values[i]
            clauses.append(and_(*equal_prefix, step))
        # The redundant bound on the first key lets the database seek the index to the cursor; behind an
        # OR alone it would scan from the first row, and page N would cost N pages.
        first, desc, _ = self.keys[0]
        return and_(first <= values[0] if desc else first >= values[0], or_(*clauses))


@dataclass(frozen=True)
class PageResult:
    rows: list[Any]
    next_cursor: str | None


def encode_cursor(scope: str, sort: str, values: Sequence[Any]) -> str:
    payload = json.dumps(
        [scope, sort, [v.isoformat() if hasattr(v, "isoformat") else v for v in values]], separators=(",", ":")
    )
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def _in_range(value: Any) -> Any:
    """A decoded key value that every database can compare: integers within 64 bits (SQLite and PostgreSQL
    overflow past them), finite floats, text without NUL or unpaired surrogates. A forged cursor fails here,
    as a 422, instead of in the driver."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and not INT64_MIN <= value <= INT64_MAX:
        raise ValueError("integer key outside 64 bits")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("non-finite float key")
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("NUL in a text key")
        value.encode("utf-8")  # UnicodeEncodeError on an unpaired surrogate
    return value


def decode_cursor(cursor: str, scope: str, order: SortOrder) -> list[Any]:
    """The key values a cursor points after; a 422 naming `cursor` if it is not one of ours for this list."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        got_scope, got_sort, values = json.loads(raw)
        if got_scope != scope or not isinstance(values, list) or len(values) != len(order.keys):
            raise ValueError
        if got_sort != order.name:
            raise invalid_parameter(
                "cursor",
                f"this cursor belongs to sort={got_sort}, not sort={order.name}; "
                "keep the other parameters of the request that gave it",
            )
        return [_in_range(parse(v)) for (_, _, parse), v in zip(order.keys, values, strict=True)]
    except (ValueError, TypeError, OverflowError, binascii.Error, UnicodeError):
        raise invalid_parameter(
            "cursor",
            "not a cursor from this list; use the 'next' URL of a previous page "
            "as it is, or omit cursor to start from the first page",
        ) from None


def fetch_page(
    session: Session,
    stmt: Any,
    scope: str,
    order: SortOrder,
    limit: int,
    cursor: str | None,
    key_of: Callable[[Any], Sequence[Any]],
) -> PageResult:
    """Run `stmt` for one page of `limit` rows after `cursor`; `key_of(row)` gives a row's key values."""
    if cursor:
        stmt = stmt.where(order.after(decode_cursor(cursor, scope, order)))
    rows = list(session.exec(stmt.order_by(*order.order_by()).limit(limit + 1)).all())
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(scope, order.name, key_of(rows[-1]))
    return PageResult(rows=rows, next_cursor=next_cursor)
