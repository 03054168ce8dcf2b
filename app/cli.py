"""The `summit` command line. Every command uses the same settings as the server (DATABASE_URL, …)."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from sqlmodel import Session

from app.core.config import get_settings

if TYPE_CHECKING:
    from app.annotate import Participant, TopicSpec

DATABASE_HELP = (
    "Acts on the database named by the DATABASE_URL environment variable "
    "(default sqlite:///<repo>/var/summit.sqlite3; PostgreSQL: postgresql+psycopg://user:pass@host/db), "
    "the same one `summit serve` serves."
)
NO_DATABASE_HELP = "Reads no database (DATABASE_URL is not used); the registry and topics come from DATA_DIR."


cli = typer.Typer(
    help="Summit positions API: serve, migrate and seed the database.",
    epilog=DATABASE_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_cli = typer.Typer(help="Database schema (Alembic migrations).", epilog=DATABASE_HELP, no_args_is_help=True)
cli.add_typer(db_cli, name="db")
keys_cli = typer.Typer(help="API keys for the write endpoints.", epilog=DATABASE_HELP, no_args_is_help=True)
cli.add_typer(keys_cli, name="keys")


def _session() -> Session:
    from app.core.db import make_engine

    return Session(make_engine(get_settings()))


@cli.command()
def serve(
    host: str = typer.Option(None, help="Interface to bind (default: HOST, else 127.0.0.1)."),
    port: int = typer.Option(None, help="Port (default: PORT, else 8000)."),
    workers: int = typer.Option(1, min=1, help="Worker processes."),
    reload: bool = typer.Option(False, help="Restart on code changes (development)."),
) -> None:
    """Serve the API with uvicorn on the configured database."""
    import uvicorn

    from app.core.server import uvicorn_options

    settings = get_settings()
    typer.echo(f"serving {database_label(settings.database_url)}", err=True)
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        reload=reload,
        **uvicorn_options(),
    )


@db_cli.command("upgrade")
def db_upgrade(revision: str = typer.Argument("head", help="Target revision.")) -> None:
    """Create or migrate the schema to the newest revision."""
    from app.core.migrate import upgrade

    settings = get_settings()
    upgrade(settings, revision)
    typer.echo(f"database at {revision}: {settings.database_url}")


@db_cli.command("current")
def db_current() -> None:
    """Print the schema revision the database is at."""
    from app.core.db import make_engine
    from app.core.migrate import current_revision, head_revision

    settings = get_settings()
    engine = make_engine(settings)
    typer.echo(f"current: {current_revision(engine) or '(empty database)'}; newest: {head_revision(settings)}")


@db_cli.command("backup")
def db_backup(path: Path = typer.Argument(..., help="New file to write the backup to.")) -> None:
    """Consistent online copy of the SQLite database, safe while the server serves and writes."""
    from app.dataset.backup import BackupError, backup

    try:
        size = backup(get_settings().database_url, path)
    except BackupError as exc:
        typer.echo(f"backup failed: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"backed up to {path} ({size} bytes, integrity ok)")


@db_cli.command("copy")
def db_copy(
    to: str = typer.Option(..., "--to", help="SQLAlchemy URL of a new, empty database (SQLite file or PostgreSQL)."),
) -> None:
    """Copy the whole database (DATABASE_URL) to another one, SQLite or PostgreSQL either way, and verify it:
    byte-identical exports, row counts per table, an integrity check. Safe while the source serves (it is
    read from one snapshot); atomic (one transaction: after a failure the target is empty, run it again)."""
    from app.dataset.copy import CopyError, copy_database

    source = get_settings().database_url
    typer.echo(f"copying {database_label(source)} -> {database_label(to)}", err=True)
    try:
        report = copy_database(source, to, progress=lambda message: typer.echo(message, err=True))
    except CopyError as exc:
        typer.echo(f"copy failed: {exc}", err=True)
        raise typer.Exit(1) from None
    for line in report.lines():
        typer.echo(line)
    typer.echo(f"copied and verified in {report.seconds:.1f} s")


@db_cli.command("restore")
def db_restore(
    path: Path = typer.Argument(..., help="A file made by `summit db backup`."),
    yes: bool = typer.Option(False, "--yes", help="Confirm replacing the current database."),
) -> None:
    """Replace the database with a backup (checked first). Stop writers first; then `summit db upgrade`."""
    from app.dataset.backup import BackupError, restore

    if not yes:
        typer.echo("restore replaces every row of the current database; run again with --yes", err=True)
        raise typer.Exit(2)
    try:
        restore(get_settings().database_url, path)
    except BackupError as exc:
        typer.echo(f"restore failed, database unchanged: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"restored from {path}; run `summit db upgrade` if the backup is from an older version")


@cli.command()
def seed(
    force: bool = typer.Option(
        False, "--force", help="Let the seed files overwrite curated changes (by default curation wins and is listed)."
    ),
) -> None:
    """Load data/ (vocabulary, leaders, curated annotations) into the database; loading twice changes nothing.

    Positions keep their ids (updated in place); a curated change the files disagree with is kept and listed."""
    from app.core.db import make_engine
    from app.ingest.seed import seed as run_seed
    from app.ingest.seed_files import SeedError

    settings = get_settings()
    try:
        with Session(make_engine(settings)) as session:
            report = run_seed(session, settings.data_dir, force=force)
    except SeedError as exc:
        typer.echo(f"seed failed, nothing written: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"seeded from {settings.data_dir}: {report.summary()}")


@keys_cli.command("create")
def keys_create(name: str = typer.Argument(..., help="Who or what the key is for.")) -> None:
    """Create a key; it is printed once, alone on the last line, and only its hash is stored."""
    from app.access.keys import KeyProblem, create_key

    with _session() as session:
        try:
            row, key = create_key(session, name)
        except KeyProblem as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        typer.echo(f"created key {row.name!r} ({row.prefix}…) in {database_label(get_settings().database_url)}")
        typer.echo("store it now, it cannot be shown again:")
    typer.echo(key)


@keys_cli.command("list")
def keys_list() -> None:
    """List keys: name, prefix, created, last used, revoked."""
    from app.access.keys import list_keys

    with _session() as session:
        rows = list_keys(session)
    if not rows:
        typer.echo("no keys; create one with `summit keys create NAME`")
    for row in rows:
        state = f"revoked {row.revoked_at:%Y-%m-%d %H:%M}" if row.revoked_at else "active"
        used = f"{row.last_used_at:%Y-%m-%d %H:%M}" if row.last_used_at else "never"
        typer.echo(f"{row.name}\t{row.prefix}…\tcreated {row.created_at:%Y-%m-%d %H:%M}\tlast used {used}\t{state}")


@keys_cli.command("revoke")
def keys_revoke(name: str = typer.Argument(..., help="The key's name or prefix.")) -> None:
    """Revoke a key; requests with it fail from now on."""
    from app.access.keys import KeyProblem, revoke_key

    with _session() as session:
        try:
            row = revoke_key(session, name)
        except KeyProblem as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        typer.echo(f"revoked {row.name!r} ({row.prefix}…)")


@cli.command()
def ingest(
    paths: list[Path] = typer.Argument(
        ..., exists=True, help=".txt, gold-format .json or .ndjson, export .ndjson, or folders."
    ),
    annotate: bool = typer.Option(False, "--annotate", help="Run the annotator even on .json files with positions."),
    batch_size: int = typer.Option(2000, "--batch-size", min=1, help="Pre-annotated documents per transaction."),
) -> None:
    """Store readouts in the database: .txt files are annotated one by one; gold-format .json files and
    .ndjson files of gold-format records keep their positions (as curated) unless --annotate and are
    bulk-loaded in batches; .ndjson exports (`summit export`) are reloaded whole, ids, curation, history
    and tombstones included."""
    from app.ingest.bulk import BulkReport
    from app.ingest.from_files import BulkLoadStopped, ingest_paths

    def skipped(label: str, reason: str) -> None:
        typer.echo(f"{label}: skipped: {reason}", err=True)

    def progress(report: BulkReport) -> None:
        typer.echo(
            f"stored {report.documents} pre-annotated documents ({report.documents_per_second:.0f} documents/s)",
            err=True,
        )

    def annotating(items: list[Any]) -> Iterator[Any]:
        if not items:
            return
        with typer.progressbar(items, label="annotating", file=sys.stderr) as bar:
            yield from bar

    with _session() as session:
        try:
            report = ingest_paths(
                session,
                list(paths),
                annotate=annotate,
                batch_size=batch_size,
                on_skip=skipped,
                on_progress=progress,
                annotating=annotating,
            )
        except BulkLoadStopped as exc:
            reason = database_problem(exc.__cause__, get_settings().database_url) if exc.__cause__ else None
            typer.echo(
                "bulk load stopped, the batch in progress was rolled back (earlier batches are stored): "
                f"{reason or exc}",
                err=True,
            )
            raise typer.Exit(1) from None
    for path, summary, seconds in report.exports:
        documents = summary.added["document"]
        typer.echo(f"{path}: {summary} ({seconds:.1f} s, {documents / seconds if seconds else 0:.0f} documents/s)")
    typer.echo(report.summary())
    if report.failed:
        raise typer.Exit(1)


@cli.command("export")
def export_data(path: Path = typer.Argument(..., help="File to write, or - for standard output.")) -> None:
    """Write the whole dataset as NDJSON (one record per line); `summit ingest FILE.ndjson` reloads it."""
    from contextlib import nullcontext

    from app.dataset.export import dump

    count = 0
    target = nullcontext(sys.stdout) if str(path) == "-" else path.open("w", encoding="utf-8")
    with _session() as session, target as out:
        progress = ExportProgress(_record_counts(session))
        for record in dump(session):
            out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
            count += 1
            progress.step(str(record.get("type", "")))
        progress.done()
    typer.echo(f"exported {count} records to {path} from {database_label(get_settings().database_url)}", err=True)


def _annotator_inputs() -> tuple[list[TopicSpec], list[Participant]]:
    from app.annotate import Participant, load_topic_specs
    from app.ingest.seed_files import read_leaders

    settings = get_settings()
    topics = load_topic_specs(settings.data_dir / "topics.yaml")
    leaders = [
        Participant(name=le.name, title=le.office, country=le.country, gender=le.gender, aliases=le.aliases)
        for le in read_leaders(settings.data_dir / "leaders.yaml")
    ]
    return topics, leaders


@cli.command("annotate")
def annotate_files(
    paths: list[Path] = typer.Argument(..., exists=True, help=".txt or gold-format .json files, or folders."),
    out: Path = typer.Option(..., "--out", help="Folder for DIR/<id>.json in the gold format."),
    ignore_participants: bool = typer.Option(False, "--ignore-participants", help="Infer participants from the text."),
) -> None:
    """Annotate files without a database; writes one gold-format file per input."""
    from app.annotate.batch import annotate_paths

    topics, leaders = _annotator_inputs()
    written = annotate_paths(
        list(paths), out, topics=topics, ignore_participants=ignore_participants, known_leaders=leaders
    )
    typer.echo(f"wrote {len(written)} files to {out}")


@cli.command()
def evaluate(
    gold: list[Path] = typer.Argument(..., exists=True, help="Gold-format .json files or folders."),
    ignore_participants: bool = typer.Option(False, "--ignore-participants", help="Infer participants from the text."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Annotate gold files and print detection, attribution, topics, headline and who-said-what P/R/F1."""
    from app.annotate.batch import evaluate_paths, format_report

    topics, leaders = _annotator_inputs()
    metrics = evaluate_paths(list(gold), topics=topics, ignore_participants=ignore_participants, known_leaders=leaders)
    typer.echo(json.dumps(metrics, indent=2) if as_json else format_report(metrics))


def _record_counts(session: Session) -> dict[str, int]:
    """Rows per exported record type, for the progress lines."""
    from sqlalchemy import func
    from sqlmodel import select

    from app.models import Document, Event, Leader, Position, Topic

    models = {"leader": Leader, "topic": Topic, "event": Event, "document": Document, "position": Position}
    return {kind: session.exec(select(func.count()).select_from(model)).one() for kind, model in models.items()}


class ExportProgress:
    """Progress of an export on standard error: a line per record type and every couple of seconds."""

    def __init__(self, totals: dict[str, int], every: float = 2.0) -> None:
        self.totals = totals
        self.every = every
        self.counts: dict[str, int] = {}
        self.started = self.last = time.monotonic()
        self.kind = ""

    def step(self, kind: str) -> None:
        if kind != self.kind and self.kind:
            self._line(self.kind)
        self.kind = kind
        self.counts[kind] = self.counts.get(kind, 0) + 1
        now = time.monotonic()
        if now - self.last >= self.every:
            self._line(kind)

    def done(self) -> None:
        if self.kind:
            self._line(self.kind)

    def _line(self, kind: str) -> None:
        self.last = time.monotonic()
        done, total = self.counts.get(kind, 0), self.totals.get(kind)
        rate = sum(self.counts.values()) / max(self.last - self.started, 1e-9)
        of = f" of {total}" if total is not None else ""
        typer.echo(f"export: {kind}s {done}{of} ({rate:,.0f} records/s)", err=True)


def database_label(url: str) -> str:
    """The database URL as it may be printed: without its password."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparseable URL is printed as given: it has no recognisable password
        return url


def database_problem(exc: BaseException, url: str) -> str | None:
    """One line saying what is wrong with the database and what to do, for the errors a user causes by
    setting (or not setting) DATABASE_URL; None for anything else (a bug: the traceback is wanted)."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, ProgrammingError

    where = f"DATABASE_URL={database_label(url)}"
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    lowered = text.lower()
    if isinstance(exc, (ArgumentError, NoSuchModuleError)):
        return (
            f"{where}: not a database URL SQLAlchemy can use ({text}). Use sqlite:///PATH/file.sqlite3 or "
            "postgresql+psycopg://user:password@host:5432/dbname."
        )
    if isinstance(exc, (OperationalError, ProgrammingError)):
        if "no such table" in lowered or ("relation" in lowered and "does not exist" in lowered):
            return f"{where}: the database has no schema (or an older one) ({text}). Run `summit db upgrade` first."
        if "unable to open database file" in lowered:
            return (
                f"{where}: cannot open the SQLite file ({text}). Check that the path is right, that its folder "
                "exists and is writable, and that it is not a directory."
            )
        if "database is locked" in lowered:
            return (
                f"{where}: the database is locked by another writer ({text}). Retry when the other write "
                "(a long import or a restore) has finished."
            )
        if "connection" in lowered or "could not translate host" in lowered or "timeout" in lowered:
            return (
                f"{where}: cannot connect to the database server ({text}). Check that PostgreSQL is running and "
                "reachable there, and the host, port, user, password and database name in DATABASE_URL."
            )
        if "does not exist" in lowered:
            return f"{where}: {text}. Create it (createdb …) or fix the name in DATABASE_URL, then `summit db upgrade`."
        return f"{where}: the database refused the operation ({text})."
    return None


def _document_database() -> None:
    """Every command's --help says which database it acts on (DATABASE_URL), or that it reads none."""
    for group in (cli, db_cli, keys_cli):
        for command in group.registered_commands:
            if command.epilog is None:
                name = command.name or (command.callback.__name__ if command.callback else "")
                command.epilog = (
                    NO_DATABASE_HELP if name in ("annotate", "annotate_files", "evaluate") else DATABASE_HELP
                )


def main() -> None:
    """Entry point of the `summit` console script: a database the user pointed at wrongly (no schema,
    unreachable, wrong path, malformed URL) is one line naming DATABASE_URL and the fix, not a traceback."""
    try:
        cli(prog_name="summit")
    except Exception as exc:
        problem = database_problem(exc, get_settings().database_url)
        if problem is None:
            raise
        typer.echo(f"summit: {problem}", err=True)
        sys.exit(1)


_document_database()  # after every command above is registered

if __name__ == "__main__":
    main()
