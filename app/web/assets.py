"""Static assets of the pages and the API docs: served by the app, fingerprinted, cached for a year.

Our own files (static/site.css, static/site.js, static/favicon.svg) are committed. Third-party files
are not: `make assets` installs them from the npm registry at the versions pinned in
frontend/package-lock.json (`npm ci` checks each package's integrity hash) and copies the few files
served into static/vendor/ (git-ignored). URLs carry the file's content hash (`?v=`), so a changed
file is a new URL and every asset can be cached as immutable.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

STATIC_DIR = Path(__file__).resolve().parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
STATIC_PREFIX = "/static"
IMMUTABLE = "public, max-age=31536000, immutable"

# What `make assets` copies from frontend/node_modules into static/vendor/ (kept in step with the Makefile).
SWAGGER_JS = "vendor/swagger-ui/swagger-ui-bundle.js"
SWAGGER_CSS = "vendor/swagger-ui/swagger-ui.css"
REDOC_JS = "vendor/redoc/redoc.standalone.js"
UPLOT_JS = "vendor/uplot/uPlot.iife.min.js"
UPLOT_CSS = "vendor/uplot/uPlot.min.css"
FAVICON = "favicon.svg"


@lru_cache(maxsize=64)
def _fingerprint(name: str, mtime_ns: int) -> str:
    return hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:16]


def asset_url(name: str) -> str:
    """The URL of static file `name`, with its content hash as the cache key."""
    path = STATIC_DIR / name
    try:
        version = _fingerprint(name, path.stat().st_mtime_ns)
    except OSError:  # not installed (run `make assets`): the page still works, without this enhancement
        return f"{STATIC_PREFIX}/{name}"
    return f"{STATIC_PREFIX}/{name}?v={version}"


def vendor_installed() -> bool:
    return all((STATIC_DIR / name).is_file() for name in (SWAGGER_JS, SWAGGER_CSS, REDOC_JS, UPLOT_JS, UPLOT_CSS))


class CachedStaticFiles(StaticFiles):
    """Static files with a year-long, immutable Cache-Control: their URLs change when their content does."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code in (200, 304):
            response.headers["Cache-Control"] = IMMUTABLE
        return response


# The docs pages run Swagger UI's and ReDoc's scripts (inline start-up code, ReDoc's search worker from a
# blob), all from this origin: nothing is loaded from elsewhere, so the docs work offline.
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; frame-ancestors 'none'"
)

docs_router = APIRouter(include_in_schema=False)


def _docs(page: HTMLResponse) -> HTMLResponse:
    """FastAPI's docs page with our CSP, and the language its <html> element does not declare."""
    body = bytes(page.body).replace(b"<html>", b'<html lang="en">', 1)
    return HTMLResponse(body, status_code=page.status_code, headers={"Content-Security-Policy": DOCS_CSP})


@docs_router.get("/docs")
async def swagger_ui(request: Request) -> HTMLResponse:
    app: FastAPI = request.app
    return _docs(
        get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} – Swagger UI",
            oauth2_redirect_url="/docs/oauth2-redirect",
            swagger_js_url=asset_url(SWAGGER_JS),
            swagger_css_url=asset_url(SWAGGER_CSS),
            swagger_favicon_url=asset_url(FAVICON),
        )
    )


@docs_router.get("/docs/oauth2-redirect")
async def swagger_ui_redirect() -> HTMLResponse:
    return _docs(get_swagger_ui_oauth2_redirect_html())


@docs_router.get("/redoc")
async def redoc(request: Request) -> HTMLResponse:
    app: FastAPI = request.app
    return _docs(
        get_redoc_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} – ReDoc",
            redoc_js_url=asset_url(REDOC_JS),
            redoc_favicon_url=asset_url(FAVICON),
            with_google_fonts=False,
        )
    )


def install_assets(app: FastAPI) -> None:
    """Serve /static and the self-hosted /docs and /redoc (the app is built with docs_url=None, redoc_url=None)."""
    app.mount(STATIC_PREFIX, CachedStaticFiles(directory=STATIC_DIR, check_dir=False), name="static")
    app.include_router(docs_router)
