"""The application factory."""

from __future__ import annotations

from typing import Any

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from starlette.types import Receive, Scope, Send

from app import __version__
from app.api import (
    compare,
    curation,
    documents,
    events,
    export,
    health,
    history,
    ingest,
    leaders,
    positions,
    timeline,
    topics,
)
from app.api.caching import HttpCacheMiddleware
from app.api.deps import check_request
from app.api.hot_paths import GZIP_LEVEL, PositionByIdFastPath
from app.core.config import Settings, get_settings
from app.core.db import make_engine
from app.core.errors import install_error_handlers
from app.core.middleware import BodyLimitMiddleware, SecurityHeadersMiddleware, TrailingSlashMiddleware
from app.core.openapi import build_openapi
from app.core.reads import RequestReads
from app.core.routes import install_route_table
from app.web import install_web

DESCRIPTION = """Stated positions of world leaders from summit readouts: who said what about which topic,
each with its evidence sentence as exact code-point offsets into the stored document text.
Errors are RFC 9457 `application/problem+json`."""


class SummitAPI(FastAPI):
    """FastAPI whose ASGI entry first offers each request to the by-id fast path (app/api/hot_paths.py),
    which answers it as the whole stack would, below every layer's cost, or leaves it to FastAPI."""

    fast_path: PositionByIdFastPath | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        fast_path = self.fast_path
        if fast_path is not None and not self.root_path:
            scope["app"] = self  # as Starlette sets it
            if await fast_path.answer(scope, send):
                return
        await super().__call__(scope, receive, send)

    def openapi(self) -> dict[str, Any]:
        """FastAPI's document with every error response as problem+json (app/core/openapi.py)."""
        return build_openapi(self)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app on `settings` (default: from the environment). The schema must already be migrated."""
    settings = settings or get_settings()
    app = SummitAPI(
        title="Summit positions API",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # /docs and /redoc are served by app.web.assets with self-hosted assets
        redoc_url=None,
        dependencies=[
            Depends(check_request),  # NUL characters, unknown and repeated parameters (app/api/deps.py)
        ],
    )
    app.state.settings = settings
    app.state.engine = make_engine(settings)
    app.state.reads = RequestReads(app.state.engine)  # the data version and by-id reads, outside sessions
    install_error_handlers(app)
    # Innermost first: ETag/304 on the endpoint's answer, gzip on what leaves, CORS on everything.
    app.add_middleware(HttpCacheMiddleware)
    app.add_middleware(GZipMiddleware, minimum_size=settings.gzip_min_bytes, compresslevel=GZIP_LEVEL)
    allow_any = "*" in settings.cors_origins
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"] if allow_any else settings.cors_origins,
        allow_credentials=False,
        allow_methods=["GET", "HEAD", "OPTIONS", "POST", "PATCH", "DELETE"],
        allow_headers=["Authorization", "Content-Type", "If-None-Match"],
        expose_headers=[
            "Link",
            "ETag",
            "Location",
            "X-Total-Count",
            "X-Total-Kind",
            "Retry-After",
            "X-Dataset-Version",
        ],
    )
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(TrailingSlashMiddleware)
    app.fast_path = PositionByIdFastPath(settings.gzip_min_bytes, GZIP_LEVEL)
    for module in (
        positions,
        history,
        documents,
        events,
        leaders,
        topics,
        timeline,
        compare,
        export,
        ingest,
        curation,
        health,
    ):
        app.include_router(module.router)
    install_web(app)
    install_route_table(app)  # after the last router: it reads them all
    return app
