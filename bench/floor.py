"""The floor peer of `make bench`: the same questions answered by a raw ASGI app — stdlib sqlite3 and orjson,
no framework, no middleware, no ETag, no validation — on the same database file.

    FLOOR_DB=bench/results/tmp/100000.sqlite3 .venv/bin/uvicorn --app-dir bench floor:app --port 8001 --no-access-log

- `GET /position/{id}`: the project's by-id statement (app/positions/row_loader.py: the position, its
  document and event, speakers and topics aggregated in the row) and the same JSON shape the API
  gives (speakers sorted, topics sorted, citation, links), written by orjson.
- `GET /topic_leader?topic=&leader=`, `/search?q=`, `/facets?topic=`: Datasette's canned SQL of the
  bench (bench/run.py DATASETTE_SQL), rows as a JSON array of objects.

One connection per process with SQLite's defaults (as the API's: no memory map), used inline on the
event loop (the cheapest way to serve these reads).
"""

from __future__ import annotations

import json
import os
import sqlite3
import urllib.parse
from typing import Any

import orjson
from run import DATASETTE_SQL  # the bench's canned SQL (uvicorn --app-dir bench puts run.py on the path)

BY_ID = (
    'SELECT p.id, p.document_id, p.event_id, p.date, p.start, p."end", p.text, p.act, p.method, p.confidence, '
    "p.reviewed, d.title, d.source, d.url, e.title, e.kind, "
    "(SELECT json_group_array(json_array(l.slug, l.name)) FROM position_speaker s "
    "JOIN leader l ON l.slug = s.leader_slug WHERE s.position_id = p.id), "
    "(SELECT group_concat(t.topic_slug, char(31)) FROM position_topic t WHERE t.position_id = p.id) "
    "FROM position p JOIN document d ON d.id = p.document_id JOIN event e ON e.id = d.event_id WHERE p.id = ?"
)

_conn: sqlite3.Connection | None = None


def connection() -> sqlite3.Connection:
    global _conn
    if _conn is None:
        _conn = sqlite3.connect(os.environ["FLOOR_DB"], check_same_thread=False)
        _conn.execute("PRAGMA query_only=1")
    return _conn


def position(pid: int, host: str) -> bytes | None:
    row = connection().execute(BY_ID, (pid,)).fetchone()
    if row is None:
        return None
    (pid, document_id, event_id, date, start, end, text, act, method, confidence, reviewed) = row[:11]
    (title, source, url, event_title, kind, speakers, topics) = row[11:]
    people = sorted(json.loads(speakers))
    names = " and ".join(name for _, name in people) or "Unattributed"
    permalink = f"http://{host}/v1/positions/{pid}"
    where = ", ".join(part for part in (source, url) if part)
    return orjson.dumps(
        {
            "id": pid,
            "document_id": document_id,
            "event_id": event_id,
            "date": date,
            "start": start,
            "end": end,
            "text": text,
            "speakers": [{"slug": slug, "name": name} for slug, name in people],
            "topics": sorted(topics.split("\x1f")) if topics else [],
            "act": act,
            "provenance": {"method": method, "confidence": float(confidence), "reviewed": bool(reviewed)},
            "cite": f"{names}, {event_title} ({kind}, {date}): \u201c{text}\u201d In: {title}"
            f"{f' ({where})' if where else ''}. {permalink}",
            "rank": None,
            "highlight": None,
            "links": {
                "self": f"/v1/positions/{pid}",
                "permalink": permalink,
                "document": f"/v1/documents/{document_id}",
                "event": f"/v1/events/{event_id}",
            },
        }
    )


def canned(name: str, params: dict[str, str]) -> bytes:
    cursor = connection().execute(DATASETTE_SQL[name], params)
    columns = [c[0] for c in cursor.description]
    return orjson.dumps([dict(zip(columns, row, strict=True)) for row in cursor.fetchall()])


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    path: str = scope["path"]
    status, body = 200, b""
    if path.startswith("/position/") and path[10:].isdigit():
        host = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), "localhost")
        found = position(int(path[10:]), host)
        status, body = (200, found) if found is not None else (404, b'{"error":"not found"}')
    elif path.lstrip("/") in DATASETTE_SQL:
        query = dict(urllib.parse.parse_qsl(scope["query_string"].decode()))
        body = canned(path.lstrip("/"), query)
    elif path == "/health":
        body = b'{"status":"ok"}'
    else:
        status, body = 404, b'{"error":"not found"}'
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
