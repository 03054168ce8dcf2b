"""The layering of app/, checked from the source: who may import whom, and no import cycles.

Imports are read with `ast` (the way Polar's own linters check its layout), so an import inside a
function or under `if TYPE_CHECKING:` counts like any other: hiding an import in a function hides a
cycle, it does not remove it. The layers, lowest first:

- `app.annotate`: the annotator, pure; it imports nothing else of the app.
- `app.core`: config, database, errors, OpenAPI, routes, middleware; no domain, no HTTP routers.
- the domains (`app.positions`, `app.ingest`, `app.catalog`, `app.curation`, `app.dataset`,
  `app.access`) with `app.models` and `app.schemas`: never the HTTP layer.
- `app.api` and `app.web` (HTTP), which run no SQL of their own; then `app.main` and `app.cli`, which
  put it all together.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app"

DOMAINS = ("app.positions", "app.ingest", "app.catalog", "app.curation", "app.dataset", "app.access")
HTTP = ("app.api", "app.web")
TOP = ("app.main", "app.cli")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {module_name(p): p for p in sorted(APP.rglob("*.py"))}


def _resolve(module: str, node: ast.ImportFrom) -> str:
    """The absolute name of a `from … import` target, relative imports included."""
    if not node.level:
        return node.module or ""
    package = module.split(".")
    if MODULES[module].name != "__init__.py":
        package = package[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(module: str, source: str | None = None) -> Iterator[tuple[str, int]]:
    """(imported app module, line) for every import in `module`, at any depth of the tree."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8") if source is None else source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield from _known(alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, node)
            # `from app.x import y` imports the module app.x.y when there is one, else the name y of app.x.
            submodules = [f"{target}.{alias.name}" for alias in node.names if f"{target}.{alias.name}" in MODULES]
            if submodules:
                for sub in submodules:
                    yield sub, node.lineno
                if len(submodules) < len(node.names):
                    yield from _known(target, node.lineno)
            else:
                yield from _known(target, node.lineno)


def _known(name: str, line: int) -> Iterator[tuple[str, int]]:
    """The innermost app module that `name` names (importing a.b.c runs a.b.c; its packages are not edges)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    if name.startswith("app"):
        yield name, line


GRAPH: dict[str, dict[str, int]] = {
    module: {target: line for target, line in imports_of(module) if target != module} for module in MODULES
}


def _within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _violations(sources: tuple[str, ...], allowed: tuple[str, ...] = (), forbidden: tuple[str, ...] = ()) -> list[str]:
    found = []
    for module, targets in GRAPH.items():
        if not _within(module, sources):
            continue
        for target, line in sorted(targets.items()):
            if target == "app":  # the package itself: only __version__
                continue
            if (allowed and not _within(target, allowed)) or _within(target, forbidden):
                found.append(f"{MODULES[module].relative_to(ROOT)}:{line} imports {target}")
    return found


def test_the_annotator_imports_nothing_of_the_app() -> None:
    assert _violations(("app.annotate",), allowed=("app.annotate",)) == []


def test_core_imports_no_domain_and_no_http() -> None:
    assert _violations(("app.core",), allowed=("app.core",)) == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_domains_never_import_the_http_layer(domain: str) -> None:
    assert _violations((domain,), forbidden=HTTP + TOP) == []


def test_models_and_schemas_sit_below_the_domains() -> None:
    assert _violations(("app.models", "app.schemas"), forbidden=DOMAINS + HTTP + TOP) == []


def test_the_http_layer_never_imports_the_entry_points() -> None:
    assert _violations(HTTP, forbidden=TOP) == []


def test_the_http_layer_runs_no_sql() -> None:
    # Queries live in the domain services; a router may name the Session type it passes on, nothing more.
    found = []
    for module, path in MODULES.items():
        if not _within(module, HTTP):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [(alias.name, "") for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [(node.module or "", alias.name) for alias in node.names]
            else:
                continue
            for package, name in names:
                if package.split(".")[0] in ("sqlalchemy", "sqlmodel") and name != "Session":
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {package} {name}".strip())
    assert found == []


def _cycles() -> list[list[str]]:
    """Every strongly connected component of more than one module (Tarjan), as a sorted list."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in GRAPH[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for module in GRAPH:
        if module not in index:
            visit(module)
    return sorted(components)


def test_no_import_cycles() -> None:
    cycles = _cycles()
    details = [
        " → ".join(c) + ": " + "; ".join(f"{m} imports {t}" for m in c for t in GRAPH[m] if t in c) for c in cycles
    ]
    assert cycles == [], "\n".join(details)


def test_the_check_sees_imports_inside_functions_and_relative_imports() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from app.api import deps\n"
        "def f():\n    from app.core.errors import ApiError\n"
        "    from . import service\n"
    )
    found = {target for target, _ in imports_of("app.positions.filters", source)}
    assert found == {"app.api.deps", "app.core.errors", "app.positions.service"}
