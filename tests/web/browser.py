"""Headless Chromium for the browser tests: Playwright for Python driving Debian's chromium package.

Playwright's own browser downloads are never used (`make chromium` installs the system one); axe-core
comes from the npm packages `make assets` installs, and is injected into each page by the tests.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from app.core.config import PROJECT_ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NODE_MODULES = PROJECT_ROOT / "app" / "web" / "frontend" / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VENDOR = PROJECT_ROOT / "app" / "web" / "static" / "vendor"

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


def missing() -> str | None:
    """Why the browser tests cannot run here (None when they can)."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return f"no Chromium at {CHROMIUM}: run `make chromium` (make test does)"
    if not AXE.is_file() or not (VENDOR / ".installed").is_file():
        return "front-end packages not installed: run `make assets` (make test does)"
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed: run `make dev`"
    return None


def require_browser() -> None:
    """Skip when Chromium or the assets are missing — except in CI, where `make test` installs them and
    a skipped browser test would hide that it did not."""
    reason = missing()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def axe_violations(page: Any, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict[str, Any]]:
    """axe-core's violations of the given impacts on the page as it is now."""
    page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated, not a <script>: the pages' CSP allows no inline script
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in impacts]


def describe(violations: list[dict[str, Any]]) -> str:
    return "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}" for v in violations
    )
