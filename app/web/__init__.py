"""The web explorer: server-rendered pages over the same services as /v1, its static assets, and the
self-hosted API docs (Swagger UI, ReDoc)."""

from fastapi import FastAPI


def install_web(app: FastAPI) -> None:
    """Add the pages, /static and the self-hosted /docs and /redoc to `app`."""
    from app.web import assets, pages

    assets.install_assets(app)
    app.include_router(pages.router)
