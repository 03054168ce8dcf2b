"""Screenshots of every page at desktop and phone width, for the README: `make screenshots`.

Serves a freshly migrated and seeded database with uvicorn, opens each page in Debian's headless Chromium
and writes docs/img/<page>-<desktop|phone>.png (the first screen of each page, as a reader first sees it).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from sqlmodel import Session

from app.core.config import PROJECT_ROOT, Settings
from app.core.db import make_engine
from app.core.migrate import upgrade
from app.ingest.seed import seed
from tests.live_server import live_server
from tests.seed_facts import DOCUMENT, EVENT, PUTIN
from tests.web.browser import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE

PAGES = {
    "home": "/",
    "topic": "/topics/taiwan",
    "document": f"/documents/{DOCUMENT}",
    "position": "/positions/12",
    "leader": f"/leaders/{PUTIN}",
    "search": "/search?q=Afghan*",
    "event": f"/events/{EVENT}",
}
OUT = PROJECT_ROOT / "docs" / "img"


def main() -> int:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db_file = Path(tmp) / "summit.sqlite3"
        settings = Settings(database_url=f"sqlite:///{db_file}")
        upgrade(settings)
        engine = make_engine(settings)
        with Session(engine) as session:
            seed(session, settings.data_dir)
        engine.dispose()
        with live_server(db_file, workers=1) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for width_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
                context = browser.new_context(viewport=viewport, base_url=base)
                page = context.new_page()
                for name, path in PAGES.items():
                    page.goto(path, wait_until="networkidle")
                    if name == "document":  # show a position's details as hover or focus shows them
                        page.locator(".doc-text a[data-position-id]").nth(1).focus()
                        page.mouse.move(0, 0)
                        page.evaluate("window.scrollTo(0, 0)")
                    target = OUT / f"{name}-{width_name}.png"
                    page.screenshot(path=str(target))
                    print(f"{target.relative_to(PROJECT_ROOT)}: {target.stat().st_size // 1024} KB")
                context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
