"""Fixtures of the web tests: the real server (uvicorn) on a seeded database, and headless Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import _WORKER, ON_POSTGRES, _numbers, _pg_admin, _pg_url
from tests.live_server import live_server
from tests.web.browser import CHROMIUM, CHROMIUM_ARGS, DESKTOP, require_browser


@pytest.fixture(scope="session")
def site(template_db: Path | str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the app served by uvicorn on a seeded database of its own (read only by these tests)."""
    require_browser()
    if ON_POSTGRES:
        name = f"summit_web_{_WORKER}_{next(_numbers)}"
        _pg_admin(
            f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name} TEMPLATE {template_db}"
        )  # sql-identifiers-only
        placeholder = tmp_path_factory.mktemp("web") / "unused.sqlite3"
        with live_server(placeholder, workers=1, DATABASE_URL=_pg_url(name)) as base:
            yield base
        _pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")  # sql-identifiers-only
        return
    db_file = tmp_path_factory.mktemp("web") / "summit.sqlite3"
    shutil.copyfile(template_db, db_file)
    with live_server(db_file, workers=1) as base:
        yield base


@pytest.fixture(scope="session")
def api(site: str) -> Iterator[httpx.Client]:
    """A JSON client on the same server: what the pages show is checked against /v1."""
    with httpx.Client(base_url=site, timeout=10) as client:
        yield client


@pytest.fixture(scope="session")
def browser(site: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Tab:
    """A page in a fresh browser context, with everything it logged as an error."""

    def __init__(self, browser: Any, base: str, viewport: dict[str, int]) -> None:
        self.base = base
        self.context = browser.new_context(viewport=viewport, base_url=base)
        self.context.set_default_timeout(60_000)  # generous: the suite shares two cores with the servers
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))

    def open(self, path: str) -> Any:
        response = self.page.goto(path, wait_until="networkidle")
        assert response is not None and response.ok, f"{path}: {response.status if response else 'no response'}"
        return self.page


@pytest.fixture
def tab(browser: Any, site: str) -> Iterator[Tab]:
    t = Tab(browser, site, DESKTOP)
    yield t
    t.context.close()


@pytest.fixture
def phone_tab(browser: Any, site: str) -> Iterator[Tab]:
    from tests.web.browser import PHONE

    t = Tab(browser, site, PHONE)
    yield t
    t.context.close()
