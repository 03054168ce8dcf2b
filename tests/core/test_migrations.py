"""Migrations are the only way the schema is made: `upgrade head` on an empty database matches the models."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app import models
from app.core.db import make_engine
from app.core.migrate import alembic_config, current_revision, head_revision, include_name, upgrade
from tests.conftest import settings_for


def test_upgrade_head_on_an_empty_database_matches_the_models(tmp_path: Path) -> None:
    settings = settings_for(tmp_path / "empty.sqlite3")
    upgrade(settings)
    engine = make_engine(settings)
    with engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True, "include_name": include_name}),
            models.Position.metadata,  # SQLModel's one MetaData, holding every table of app.models
        )
    assert current_revision(engine) == head_revision(settings)
    engine.dispose()
    assert diff == []


def test_one_head_and_downgrade_to_base(tmp_path: Path) -> None:
    settings = settings_for(tmp_path / "down.sqlite3")
    assert len(ScriptDirectory.from_config(alembic_config(settings)).get_heads()) == 1
    upgrade(settings)
    from alembic import command

    command.downgrade(alembic_config(settings), "base")
    engine = make_engine(settings)
    assert current_revision(engine) is None
    engine.dispose()


def test_the_app_does_not_create_tables(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from app.main import create_app

    app = create_app(settings_for(tmp_path / "never-migrated.sqlite3"))
    with TestClient(app) as client:
        response = client.get("/health")
        assert response.status_code == 503
        assert "summit db upgrade" in response.json()["detail"]
        listing = client.get("/v1/positions")
        assert listing.status_code == 503 and listing.headers["retry-after"]
        assert listing.headers["content-type"] == "application/problem+json"
    app.state.engine.dispose()
