"""One error type and one error body for the whole API: RFC 9457 problem details.

Every error a client can see, including framework validation errors, unknown routes and
unexpected exceptions, leaves through `problem_response`, so a client parses one shape.
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.core.routes import route_table

log = logging.getLogger("app.core.errors")

PROBLEM_MEDIA_TYPE = "application/problem+json"

# Problem types: stable identifiers, documented in the README ("Errors").
NOT_FOUND = "/problems/not-found"
INVALID_PARAMETERS = "/problems/invalid-parameters"
SERVER_ERROR = "/problems/server-error"
UNAVAILABLE = "/problems/unavailable"
CONFLICT = "/problems/conflict"


class ApiError(Exception):
    """An error a client can act on: raised anywhere, rendered as problem+json."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        type: str = "about:blank",
        title: str | None = None,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.type = type
        self.title = title or HTTPStatus(status).phrase
        self.errors = errors
        self.headers = headers
        self.extra = extra or {}  # RFC 9457 extension members, e.g. a link to the existing resource


def not_found(what: str, ident: str | int, hint: str) -> ApiError:
    """A 404 for a resource `what` with id `ident`; `hint` says where to look instead."""
    return ApiError(404, f"No {what} with id {ident!r}. {hint}", type=NOT_FOUND, title="Resource not found")


def invalid_parameter(name: str, reason: str, *, value: Any = None, location: str = "query") -> ApiError:
    """A 422 naming the one parameter that is wrong and why."""
    entry: dict[str, Any] = {"name": name, "in": location, "reason": reason}
    if value is not None:
        entry["value"] = value
    return ApiError(
        422,
        f"Invalid value for parameter {name!r}: {reason}",
        type=INVALID_PARAMETERS,
        title="Invalid parameters",
        errors=[entry],
    )


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_MEDIA_TYPE

    def render(self, content: Any) -> bytes:
        # ASCII escapes keep the body valid even when it echoes a client's unpaired surrogate.
        return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def problem_response(request: Request | None, error: ApiError) -> JSONResponse:
    """Render `error` as an RFC 9457 problem+json response."""
    body: dict[str, Any] = {"type": error.type, "title": error.title, "status": error.status, "detail": error.detail}
    if request is not None:
        body["instance"] = request.url.path
    if error.errors is not None:
        body["errors"] = error.errors
    body.update(error.extra)
    return ProblemResponse(body, status_code=error.status, headers=error.headers)


def _location(loc: tuple[Any, ...]) -> tuple[str, str]:
    where = str(loc[0]) if loc else "query"
    if where in ("query", "path", "header", "cookie") and len(loc) > 1:
        return where, str(loc[1])  # "kind", not "kind.0": the parameter a client can change
    name = ".".join(str(part) for part in loc[1:]) or where
    return where, name


UNSUPPORTED_MEDIA_TYPE = "/problems/unsupported-media-type"


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def _not_json_body(request: Request, exc: RequestValidationError) -> ApiError | None:
    """A body sent without `Content-Type: application/json` is not read as JSON at all (curl's `-d` sends
    application/x-www-form-urlencoded), and pydantic's complaint about it ("Input should be a valid
    dictionary") names the symptom, not the cause: a 415 that says which header to send."""
    content_type = request.headers.get("content-type")
    if content_type is None or _is_json(content_type):
        return None
    if not any(tuple(err.get("loc", ()))[:1] == ("body",) for err in exc.errors()):
        return None
    detail = (
        f"The body was sent as {content_type.split(';', 1)[0].strip()!r}, not JSON. Send it as JSON with the header "
        "'Content-Type: application/json' (curl: -H 'Content-Type: application/json'; curl's -d alone sends "
        "application/x-www-form-urlencoded)."
    )
    return ApiError(
        415,
        detail,
        type=UNSUPPORTED_MEDIA_TYPE,
        title="Unsupported media type",
        errors=[{"name": "Content-Type", "in": "header", "reason": "must be application/json", "value": content_type}],
        headers={"Accept-Post": "application/json"},
    )


def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)  # registered for it
    not_json = _not_json_body(request, exc)
    if not_json is not None:
        return problem_response(request, not_json)
    errors = []
    for err in exc.errors():
        where, name = _location(tuple(err.get("loc", ())))
        entry: dict[str, Any] = {"name": name, "in": where, "reason": err.get("msg", "invalid")}
        if "input" in err and isinstance(err["input"], (str, int, float, bool)):
            entry["value"] = err["input"]
        errors.append(entry)
    names = ", ".join(sorted({e["name"] for e in errors}))
    error = ApiError(
        422,
        f"Invalid parameters: {names}. See 'errors' for each one.",
        type=INVALID_PARAMETERS,
        title="Invalid parameters",
        errors=errors,
    )
    return problem_response(request, error)


def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)  # registered for it (Starlette types handlers by Exception)
    if exc.status_code == 404:
        detail = f"Nothing at {request.url.path}. The API lives under /v1; see /docs for every endpoint."
        return problem_response(request, ApiError(404, detail, type=NOT_FOUND, title="Resource not found"))
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    headers = dict(exc.headers) if exc.headers else None
    if exc.status_code == 405:
        # Routers split one path's methods (reads, writes); Allow must list them all.
        methods = route_table(request.app).allowed_methods(request.url.path)
        if methods:
            headers = {**(headers or {}), "Allow": ", ".join(methods)}
            detail = f"{request.method} is not supported here; allowed: {', '.join(methods)}."
    return problem_response(request, ApiError(exc.status_code, detail, headers=headers))


def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    # Logged with its trace for operators; the client never sees internals.
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem_response(
        request, ApiError(500, "The server failed to answer this request. It has been logged.", type=SERVER_ERROR)
    )


BUSY_RETRY_SECONDS = 2


# PostgreSQL's lock_not_available: a statement waited past lock_timeout (POSTGRES_LOCK_TIMEOUT_MS).
_LOCK_NOT_AVAILABLE = "55P03"


def _busy(exc: OperationalError) -> bool:
    """Another transaction held a lock past the wait allowed: SQLite's busy timeout, PostgreSQL's lock_timeout."""
    if getattr(exc.orig, "sqlstate", None) == _LOCK_NOT_AVAILABLE:
        return True
    message = str(exc.orig).lower()
    return "database is locked" in message or "lock timeout" in message


def _database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, OperationalError)  # registered for it
    # A locked, missing or unmigrated database is the operator's to fix, not a bug in the request.
    if _busy(exc):
        # Another write held the lock past the busy timeout: nothing was written; the same request will work later.
        log.warning("database busy on %s %s: %s", request.method, request.url.path, exc.orig)
        detail = (
            "The database is busy with another write (one writer at a time) and this request waited past the "
            f"busy timeout; nothing was changed. Retry in {BUSY_RETRY_SECONDS} seconds."
        )
        return problem_response(
            request,
            ApiError(
                503,
                detail,
                type=UNAVAILABLE,
                title="Database busy",
                headers={"Retry-After": str(BUSY_RETRY_SECONDS)},
            ),
        )
    log.error("database unavailable on %s %s: %s", request.method, request.url.path, exc.orig)
    detail = "The database is unavailable or not migrated. Retry shortly; operators: run `summit db upgrade`."
    return problem_response(request, ApiError(503, detail, type=UNAVAILABLE, headers={"Retry-After": "5"}))


def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)  # registered for it
    return problem_response(request, exc)


def install_error_handlers(app: FastAPI) -> None:
    """Route every error the app can raise through `problem_response`."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(OperationalError, _database_unavailable)
    app.add_exception_handler(Exception, _unexpected_error)
