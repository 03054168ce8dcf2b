"""The route table agrees with the OpenAPI document it stands in for, on every documented operation."""

from __future__ import annotations

from typing import Any

from app.core.openapi import build_openapi
from app.core.routes import RouteTable, path_regex, route_table
from app.main import create_app


def _is_array(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "array" or any(_is_array(s) for s in schema.get("anyOf", []))


def test_route_table_agrees_with_the_openapi_document(settings: Any) -> None:
    app = create_app(settings)
    table = route_table(app)
    paths = build_openapi(app)["paths"]
    assert paths
    for template, item in paths.items():
        concrete = template.replace("{", "x").replace("}", "x")
        assert path_regex(template).match(concrete)
        assert table.allowed_methods(concrete) == sorted(m.upper() for m in item)
        for method, operation in item.items():
            documented = {
                p["name"]
                for p in operation.get("parameters", [])
                if p["in"] == "query" and not _is_array(p.get("schema", {}))
            }
            assert table.single_valued_query_parameters(method, concrete) == documented, (method, template)


def test_route_table_is_built_with_the_app(settings: Any) -> None:
    app = create_app(settings)
    assert isinstance(app.state.route_table, RouteTable)
    assert app.state.route_table.allowed_methods("/nowhere") is None
    assert app.state.route_table.single_valued_query_parameters("GET", "/nowhere") == frozenset()
