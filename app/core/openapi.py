"""The OpenAPI document: FastAPI's, with every error response described as what it is — problem+json.

FastAPI documents only 422 (with its own body shape); our errors all leave through app.core.errors in
RFC 9457 form, so each operation gets the statuses it can really answer, with the Problem schema.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app.core.errors import PROBLEM_MEDIA_TYPE

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "type": "object",
    "description": "RFC 9457 problem details.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "description": "Problem type, e.g. /problems/invalid-parameters."},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string", "description": "What went wrong and what to do."},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "One entry per invalid parameter.",
            "items": {
                "type": "object",
                "required": ["name", "in", "reason"],
                "properties": {
                    "name": {"type": "string"},
                    "in": {"type": "string"},
                    "reason": {"type": "string"},
                    "value": {},
                },
            },
        },
        "existing": {"type": "string", "description": "On 409: the resource that exists already."},
    },
}

_REF = {"$ref": "#/components/schemas/Problem"}
_RETRY = {"Retry-After": {"schema": {"type": "string"}, "description": "Seconds to wait before retrying."}}

DESCRIPTIONS = {
    "400": "The body could not be read (not UTF-8 or not parseable)",
    "304": "Not modified since the ETag sent in If-None-Match",
    "401": "Missing, unknown or revoked API key",
    "403": "This deployment is read-only",
    "404": "No such resource",
    "405": "Method not allowed",
    "409": "Conflict with a stored resource (see `existing`)",
    "413": "Request body over the configured limit",
    "422": "Invalid parameters or body; `errors` names each one",
    "429": "Too many writes with this key",
    "500": "A bug: logged, never with internals in the body",
    "503": "Database unavailable or not migrated",
}


def _problem(status: str) -> dict[str, Any]:
    response: dict[str, Any] = {"description": DESCRIPTIONS[status], "content": {PROBLEM_MEDIA_TYPE: {"schema": _REF}}}
    if status in ("429", "503"):
        response["headers"] = _RETRY
    if status == "401":
        response["headers"] = {"WWW-Authenticate": {"schema": {"type": "string"}}}
    return response


def statuses_for(method: str, path: str, operation: dict[str, Any]) -> list[str]:
    """The error statuses an operation can answer."""
    codes = ["422", "500", "503"]
    if "{" in path:
        codes.append("404")
    if method == "get":
        codes.append("304")
    if method in ("post", "patch", "put", "delete"):
        codes += ["401", "403", "413", "429"]
    if "requestBody" in operation:
        codes.append("400")
    return codes


def _operations(app: FastAPI) -> list[tuple[re.Pattern[str], dict[str, Any]]]:
    """(path regex, path item) for every documented path, built once per app."""
    patterns = getattr(app.state, "path_patterns", None)
    if patterns is None:
        patterns = [
            (re.compile("^" + re.sub(r"\\{[^/]+?\\}", "[^/]+", re.escape(template)) + "$"), item)
            for template, item in build_openapi(app).get("paths", {}).items()
        ]
        app.state.path_patterns = patterns
    return patterns  # type: ignore[no-any-return]


def allowed_methods(app: FastAPI, path: str) -> list[str] | None:
    """The documented methods of the operation path matching `path` (for a 405's Allow header)."""
    for regex, item in _operations(app):
        if regex.match(path):
            return sorted(m.upper() for m in item)
    return None


def single_valued_query_parameters(app: FastAPI, method: str, path: str) -> set[str]:
    """Query parameters of the operation that take one value (not documented as arrays)."""
    for regex, item in _operations(app):
        if regex.match(path) and method.lower() in item:
            params = item[method.lower()].get("parameters", [])
            return {p["name"] for p in params if p.get("in") == "query" and not _is_array(p.get("schema", {}))}
    return set()


def _is_array(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "array" or any(_is_array(s) for s in schema.get("anyOf", []))


def build_openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema with problem+json error responses; cached on the app."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            responses = operation.setdefault("responses", {})
            for status in statuses_for(method, path, operation):
                if status == "304":
                    responses.setdefault(status, {"description": DESCRIPTIONS[status]})
                    continue
                existing = responses.get(status, {})
                responses[status] = {
                    **_problem(status),
                    "description": existing.get("description", DESCRIPTIONS[status]),
                }
            for status, response in responses.items():
                if status in DESCRIPTIONS and status != "304":
                    response["content"] = {PROBLEM_MEDIA_TYPE: {"schema": _REF}}
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = PROBLEM_SCHEMA
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    app.openapi_schema = schema
    return schema


def install_openapi(app: FastAPI) -> None:
    app.openapi = lambda: build_openapi(app)  # type: ignore[method-assign]
