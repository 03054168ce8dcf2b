"""GET /v1/positions/{id} below the framework: the most frequent request, with the endpoint's bytes.

Through FastAPI a lookup by id pays routing, five dependencies, a `Session`, a pydantic model and ten
middleware layers for one primary-key read, ten times what the read costs. The app's ASGI
entry (`app.main.SummitAPI`) first offers every request to `PositionByIdFastPath`, which answers the
plain form of that request — GET, a decimal id, no query string, no body, no Origin, an Accept that
negotiates JSON — itself: one statement reads the row and the data version
(`service.read_position_and_version`, one snapshot), `service.public_dict` builds the body and
orjson writes it. Its status, headers and body are what the endpoint and the middleware stack would
send, byte for byte: the ETag, 304, Cache-Control, Vary and X-Dataset-Version as `app.api.caching`
makes them, gzip and its Vary as Starlette's GZipMiddleware (same threshold and level), CORS's
`Vary: Origin` for a request without an Origin, and the security headers of `app.core.middleware`.
tests/api/test_hot_paths.py asks every question of the app with and without this path and compares
the answers, so a middleware added to the stack that changes responses fails there until this path
does the same.

Anything else goes on to the app unchanged: another format or any query parameter, HEAD, a trailing
slash or a leading zero, an id that is not there (404s and tombstones are the endpoint's), a request
with an Origin (CORS) or a body, and any error (the full stack then answers, and reports, as usual).
FastAPI's native OpenTelemetry spans, when configured, do not see the requests this path answers.
"""

from __future__ import annotations

import re
import zlib
from typing import Any

import orjson
from starlette.datastructures import URL
from starlette.requests import Request
from starlette.types import Scope, Send

from app.api import caching
from app.api.deps import base_url
from app.api.formats import from_accept
from app.core.middleware import security_headers
from app.positions import service

_PATH = re.compile(r"/v1/positions/([1-9][0-9]{0,18})")
_MAX_ID = 2**63 - 1  # the endpoint's `le`
_MEMO_SIZE = 64  # distinct Accept headers / hosts remembered (cleared when full)
_NOT_OURS = (b"origin", b"content-length", b"transfer-encoding")  # CORS, or a body: the stack's business
GZIP_LEVEL = 9  # Starlette's default, which app.main passes to GZipMiddleware too


class PositionByIdFastPath:
    """Answers `GET /v1/positions/{id}` (JSON) without routing, dependencies, a session or pydantic."""

    def __init__(self, gzip_min_bytes: int, gzip_level: int = GZIP_LEVEL) -> None:
        self.gzip_min_bytes = gzip_min_bytes
        self.gzip_level = gzip_level
        self._json: dict[str, bool] = {}  # Accept header → it negotiates JSON
        self._origins: dict[tuple[Any, ...], tuple[str, str]] = {}  # → (URL before the path, base URL)

    async def answer(self, scope: Scope, send: Send) -> bool:
        """Answer the request if it is ours (True), else leave it untouched (False). `scope["app"]` is set."""
        if scope["type"] != "http" or scope["method"] != "GET" or scope.get("query_string"):
            return False
        match = _PATH.fullmatch(scope["path"])
        if match is None or int(match[1]) > _MAX_ID:
            return False
        try:
            response = self._respond(scope, int(match[1]))
        except Exception:  # whatever it is, the full stack meets it again, and answers and reports it its way
            return False
        if response is None:
            return False
        status, headers, body = response
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        return True

    def _negotiates_json(self, accept: str) -> bool:
        answer = self._json.get(accept)
        if answer is None:
            if len(self._json) >= _MEMO_SIZE:
                self._json.clear()
            answer = self._json[accept] = from_accept(accept) == "json"
        return answer

    def _origin(self, scope: Scope, host: bytes | None) -> tuple[str, str]:
        """What Starlette's `URL(scope)` puts before the path, and `deps.base_url` (memoised per host)."""
        server = scope.get("server")
        key = (
            scope.get("scheme"),
            host,
            None if server is None else tuple(server),  # a list under some servers (and the TestClient)
            scope.get("root_path"),
            scope.get("app_root_path"),
        )
        found = self._origins.get(key)
        if found is None:
            if len(self._origins) >= _MEMO_SIZE:
                self._origins.clear()
            found = self._origins[key] = (
                str(URL(scope={**scope, "path": "", "query_string": b""})),
                base_url(Request(scope)),
            )
        return found

    def _respond(self, scope: Scope, position_id: int) -> tuple[int, list[tuple[bytes, bytes]], bytes] | None:
        accept: str | None = None
        if_none_match: str | None = None
        encodings: str | None = None
        host: bytes | None = None
        for name, value in scope["headers"]:
            if name == b"accept":
                accept = value.decode("latin-1") if accept is None else accept
            elif name == b"if-none-match":
                if_none_match = value.decode("latin-1") if if_none_match is None else if_none_match
            elif name == b"accept-encoding":
                encodings = value.decode("latin-1") if encodings is None else encodings
            elif name == b"host":
                host = value if host is None else host
            elif name in _NOT_OURS:
                return None
        accept = accept or ""
        if not self._negotiates_json(accept):
            return None
        state = scope["app"].state
        found = service.read_position_and_version(state.reads, position_id)
        if found is None:
            return None
        version, position = found
        origin, base = self._origin(scope, host)
        tag = caching.etag(origin + scope["path"], accept, version) if version is not None else None
        cache = [(b"cache-control", state.settings.cache_control.encode("latin-1")), (b"vary", b"Accept")]
        if tag:
            cache.append((b"etag", tag.encode("latin-1")))
        if version is not None:
            cache.append((b"x-dataset-version", str(version).encode()))
        if tag and caching.matches(if_none_match, tag):
            status, headers, body = 304, cache, b""  # caching.send_not_modified's answer
        else:
            body = orjson.dumps(service.public_dict(position, base_url=base))
            status = 200
            headers = [(b"content-length", str(len(body)).encode()), (b"content-type", b"application/json"), *cache]
        return status, headers, self._as_the_stack_sends(scope["path"], headers, body, encodings)

    def _as_the_stack_sends(
        self, path: str, headers: list[tuple[bytes, bytes]], body: bytes, encodings: str | None
    ) -> bytes:
        """What the middleware stack does to a one-message answer of the endpoint, inner first (their order in
        app.main): gzip (Starlette's GZipMiddleware), CORS without an Origin (Starlette's CORSMiddleware:
        `Vary: Origin`), the security headers. `headers` is changed in place; returns the body."""
        if len(body) >= self.gzip_min_bytes:
            _merge_vary(headers, "Accept-Encoding")
            if encodings is not None and "gzip" in encodings:
                compressor = zlib.compressobj(self.gzip_level, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
                compressed = compressor.compress(body) + compressor.flush()
                if compressed != body:
                    _set(headers, b"content-encoding", b"gzip")
                    _set(headers, b"content-length", str(len(compressed)).encode("latin-1"))
                    body = compressed
        _merge_vary(headers, "Origin")
        present = {name for name, _ in headers}
        headers.extend(header for header in security_headers(path) if header[0] not in present)
        return body


def _set(headers: list[tuple[bytes, bytes]], name: bytes, value: bytes) -> None:
    """Starlette's `MutableHeaders[name] = value`: the first such header replaced, later ones dropped."""
    found = [i for i, (key, _) in enumerate(headers) if key == name]
    if not found:
        headers.append((name, value))
        return
    headers[found[0]] = (name, value)
    for i in reversed(found[1:]):
        del headers[i]


def _merge_vary(headers: list[tuple[bytes, bytes]], value: str) -> None:
    """Every Vary value joined with `value` into the first Vary header (Starlette's CORS and gzip do this)."""
    existing = [v.decode("latin-1") for key, v in headers if key == b"vary"]
    _set(headers, b"vary", ", ".join([*existing, value]).encode("latin-1"))
