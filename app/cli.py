"""The `summit` command line. Every command uses the same settings as the server (DATABASE_URL, …)."""
from __future__ import annotations

import sys

import typer
from sqlmodel import Session

from app.config import get_settings

cli = typer.Typer(help="Summit positions API: serve, migrate and seed the database.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)
db_cli = typer.Typer(help="Database schema (Alembic migrations).", no_args_is_help=True)
cli.add_typer(db_cli, name="db")


@cli.command()
def serve(
    host: str = typer.Option(None, help="Interface to bind (default: HOST, else 127.0.0.1)."),
    port: int = typer.Option(None, help="Port (default: PORT, else 8000)."),
    workers: int = typer.Option(1, min=1, help="Worker processes."),
    reload: bool = typer.Option(False, help="Restart on code changes (development)."),
) -> None:
    """Serve the API with uvicorn on the configured database."""
    import uvicorn

    settings = get_settings()
    uvicorn.run("app.main:create_app", factory=True, host=host or settings.host, port=port or settings.port,
                workers=workers, reload=reload, proxy_headers=True)


@db_cli.command("upgrade")
def db_upgrade(revision: str = typer.Argument("head", help="Target revision.")) -> None:
    """Create or migrate the schema to the newest revision."""
    from app.migrate import upgrade

    settings = get_settings()
    upgrade(settings, revision)
    typer.echo(f"database at {revision}: {settings.database_url}")


@db_cli.command("current")
def db_current() -> None:
    """Print the schema revision the database is at."""
    from app.db import make_engine
    from app.migrate import current_revision, head_revision

    settings = get_settings()
    engine = make_engine(settings)
    typer.echo(f"current: {current_revision(engine) or '(empty database)'}; newest: {head_revision(settings)}")


@cli.command()
def seed() -> None:
    """Load data/ (vocabulary, leaders, curated annotations) into the database; loading twice changes nothing."""
    from app.db import make_engine
    from app.services.seed import seed as run_seed
    from app.services.seed_files import SeedError

    settings = get_settings()
    try:
        with Session(make_engine(settings)) as session:
            report = run_seed(session, settings.data_dir)
    except SeedError as exc:
        typer.echo(f"seed failed, nothing written: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"seeded from {settings.data_dir}: {report.summary()}")


def main() -> None:
    """Entry point of the `summit` console script."""
    cli(prog_name="summit")


if __name__ == "__main__":
    sys.exit(main())
