"""The front-end kit: TypeScript types generated from this app's OpenAPI document by openapi-typescript,
and a typed client example compiled with `tsc --strict` (app/web/frontend/example/client.ts).

The example uses the schema's promises (act and event kind enums, typed links, required-nullable rank and
highlight, a numeric limit, an optional DocumentIn.language) and, with `@ts-expect-error`, what must not
compile; so the build fails when the document loosens."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from app.core.config import Settings
from app.main import create_app
from tests.web.browser import NODE_MODULES

FRONTEND = NODE_MODULES.parent


def openapi() -> dict[str, Any]:
    app = create_app(Settings(database_url="sqlite:///:memory:"))
    schema = app.openapi()
    app.state.engine.dispose()
    return schema


def test_schema_states_what_clients_receive() -> None:
    schemas = openapi()["components"]["schemas"]
    position = schemas["PositionPublic"]
    assert {"rank", "highlight", "links", "act"} <= set(position["required"])
    assert position["properties"]["act"]["anyOf"][0]["enum"] == [
        "assert",
        "commit",
        "call",
        "support",
        "oppose",
        "agree",
    ]
    assert set(schemas["PositionLinks"]["required"]) == {"self", "permalink", "document", "event"}
    assert schemas["EventSummary"]["properties"]["kind"]["enum"] == [
        "phone call",
        "video call",
        "meeting",
        "joint statement",
    ]
    assert "pattern" in schemas["Provenance"]["properties"]["method"]
    assert "language" not in schemas["DocumentIn"].get("required", [])
    assert "default" not in schemas["DocumentIn"]["properties"]["language"]


def test_generated_types_compile_the_typed_client_with_tsc_strict(tmp_path: Path) -> None:
    if not (NODE_MODULES / ".bin" / "tsc").exists():
        if os.environ.get("CI"):
            pytest.fail("front-end packages not installed: make test runs `make assets` first")
        pytest.skip("front-end packages not installed: run `make assets` (make test does)")
    generated = FRONTEND / "generated"
    generated.mkdir(exist_ok=True)
    (generated / "openapi.json").write_text(json.dumps(openapi()), encoding="utf-8")
    subprocess.run(
        [str(NODE_MODULES / ".bin" / "openapi-typescript"), "generated/openapi.json", "-o", "generated/api.ts"],
        cwd=FRONTEND,
        check=True,
        capture_output=True,
        timeout=120,
    )
    result = subprocess.run(
        [str(NODE_MODULES / ".bin" / "tsc"), "-p", "tsconfig.json", "--strict"],
        cwd=FRONTEND,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
