"""Route introspection: which methods a path allows, and which query parameters take one value.

Read from the app's documented routes (the ones in the OpenAPI document) once, when the app is
built (`install_route_table`), so a request pays one regex match and no schema work. The errors
module (405's Allow header) and the API's repeated-parameter check read it; neither needs the
OpenAPI document, which is costly to build (tests/core/test_routes.py checks that both agree).
"""

from __future__ import annotations

import collections.abc
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, params
from fastapi.dependencies.utils import get_flat_params
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.routing import BaseRoute

_SEQUENCES = (
    list,
    set,
    frozenset,
    tuple,
    collections.abc.Sequence,
    collections.abc.Set,
    collections.abc.MutableSequence,
    collections.abc.MutableSet,
)


def _is_sequence(annotation: Any) -> bool:
    """True for a parameter that collects repeated values (documented as an array): list[str], set[str] | None."""
    origin = typing.get_origin(annotation) or annotation
    if origin in (typing.Union, types.UnionType):
        return any(_is_sequence(arg) for arg in typing.get_args(annotation))
    return origin in _SEQUENCES


@dataclass
class _Path:
    regex: re.Pattern[str]
    methods: list[str] = field(default_factory=list)
    single_valued: dict[str, frozenset[str]] = field(default_factory=dict)  # method (upper case) → names


def path_regex(template: str) -> re.Pattern[str]:
    """`/v1/leaders/{slug}` → a regex matching one concrete path of that template."""
    return re.compile("^" + re.sub(r"\\{[^/]+?\\}", "[^/]+", re.escape(template)) + "$")


def _single_valued(route: Any) -> frozenset[str]:
    return frozenset(
        param.alias
        for param in get_flat_params(route.dependant)
        if isinstance(param.field_info, params.Query)
        and param.field_info.include_in_schema
        and not _is_sequence(param.field_info.annotation)
    )


class RouteTable:
    """The documented operations of an app, by path template, in the order the OpenAPI document lists them."""

    def __init__(self, routes: collections.abc.Sequence[BaseRoute]) -> None:
        paths: dict[str, _Path] = {}
        # Walked as `get_openapi` walks them: included routers resolved to their effective routes.
        for route in iter_route_contexts(routes):
            if not isinstance(route.original_route, APIRoute) or not route.include_in_schema:
                continue
            template, methods = route.path_format, route.methods or set()
            if template is None or not methods:
                continue
            entry = paths.setdefault(template, _Path(path_regex(template)))
            names = _single_valued(route)
            for method in methods:
                entry.single_valued[method] = names  # a later operation on the same method replaces it, as there
            entry.methods = sorted(set(entry.methods) | methods)
        self._paths = list(paths.values())

    def _match(self, path: str) -> _Path | None:
        return next((entry for entry in self._paths if entry.regex.match(path)), None)

    def allowed_methods(self, path: str) -> list[str] | None:
        """The methods of the operation path matching `path` (for a 405's Allow header); None if none matches."""
        entry = self._match(path)
        return entry.methods if entry else None

    def single_valued_query_parameters(self, method: str, path: str) -> frozenset[str]:
        """Query parameters of the operation that take one value (not documented as arrays)."""
        for entry in self._paths:
            if entry.regex.match(path) and method.upper() in entry.single_valued:
                return entry.single_valued[method.upper()]
        return frozenset()


def install_route_table(app: FastAPI) -> None:
    """Build the app's route table; call it once every router is included."""
    app.state.route_table = RouteTable(app.routes)


def route_table(app: FastAPI) -> RouteTable:
    """The table `install_route_table` built (an app built without it gets one now)."""
    table = getattr(app.state, "route_table", None)
    if not isinstance(table, RouteTable):
        install_route_table(app)
        table = app.state.route_table
    return table
