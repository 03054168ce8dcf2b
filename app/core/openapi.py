"""The OpenAPI document: FastAPI's, with every error response described as what it is — problem+json.

FastAPI documents only 422 (with its own body shape); our errors all leave through app.core.errors in
RFC 9457 form, so each operation gets the statuses it can really answer, with the Problem schema.
"""

from __future__ import annotations

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
    "410": "Deleted: its id is never reused; `deleted_at`, `replaced_by` and `history` say what happened",
    "413": "Request body over the configured limit",
    "415": "The body was not sent as JSON (send Content-Type: application/json)",
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
    if any(f"{{{name}}}" in path for name in ("position_id", "document_id", "event_id")):
        codes.append("410")
    if method == "get":
        codes.append("304")
    if method in ("post", "patch", "put", "delete"):
        codes += ["401", "403", "413", "429"]
    if "requestBody" in operation:
        codes += ["400", "415"]
    return codes


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
