#!/usr/bin/env python3
"""Export -> reload and `summit db copy` speeds, with peak memory; optionally side by side with older code.

    .venv/bin/python bench/bench_restore.py --positions 100000 [--pg-url postgresql+psycopg://…/postgres]
        [--baseline /tmp/base] [--no-copy] [--export FILE.ndjson --workdir DIR] [--gold-only] [--repeat N]

Generates a synthetic corpus (bench/generate.py) into a SQLite file, exports it with `summit export`,
reloads the export into a fresh database through the bulk path (`summit ingest FILE.ndjson`) on SQLite
and, with --pg-url, on PostgreSQL, and copies the database with `summit db copy` SQLite -> SQLite,
SQLite -> PostgreSQL and PostgreSQL -> SQLite. Each step runs as its own process, so its peak RSS is
its own. Prints one JSON line per step: seconds, documents/s, peak RSS MB.

`--baseline DIR` names a checkout of older code (`git worktree add /tmp/base <commit>`): every timed
step then runs with that code first and with this tree right after, on the same input, and a line gives
the ratio new/old. On a shared machine the ratio is the meaningful figure, not the absolute rates.
`--gold-only` times just the gold-format bulk load (`bench/generate.py`, initial-load mode) with each
code, its loader's own clock beside the process's CPU and peak RSS; `--repeat N` runs the chosen
comparison N times, alternating old and new.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
# The `summit` command of whichever code PYTHONPATH puts first (this tree's by default).
SUMMIT = [PYTHON, "-c", "import sys; from app.cli import cli; sys.argv[0] = 'summit'; cli()"]


def run(step: str, argv: list[str], url: str, documents: int, code: Path = ROOT) -> dict[str, object]:
    """Run one step as its own process, with `code`'s app; its own peak RSS from wait4."""
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(code)}
    started = time.perf_counter()
    # cwd too: `python -c` puts the working directory first on sys.path, ahead of PYTHONPATH.
    process = _Popen(argv, env=env, cwd=code, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"{step} failed:\n{out}\n{err}")
    result = {
        "step": step,
        "code": "old" if code != ROOT else "new",
        "seconds": round(seconds, 1),
        "documents_per_second": round(documents / seconds) if documents else None,
        "peak_rss_mb": round(process.rusage.ru_maxrss / 1024) if process.rusage else None,
        # The process's own CPU (user + system): on a shared machine it moves far less with the other
        # jobs than the wall clock. SQLite's work is all in the process; PostgreSQL's server is not counted.
        "cpu_seconds": round(process.rusage.ru_utime + process.rusage.ru_stime, 1) if process.rusage else None,
        "load_average": round(os.getloadavg()[0], 1),
        "output": out.strip().splitlines()[-1:],
    }
    print(json.dumps(result), flush=True)
    return result


class _Popen(subprocess.Popen[str]):
    """Popen that keeps the child's resource usage (wait4) when it reaps the child."""

    rusage: Any = None

    def _try_wait(self, wait_flags: int) -> tuple[int, int]:
        try:
            pid, status, self.rusage = os.wait4(self.pid, wait_flags)
        except ChildProcessError:
            return (self.pid, 0)
        return (pid, status)


def pg_database(admin_url: str, name: str) -> str:
    from sqlalchemy import create_engine, text

    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))  # sql-identifiers-only
        conn.execute(text(f"CREATE DATABASE {name}"))  # sql-identifiers-only
    engine.dispose()
    return f"{admin_url.rsplit('/', 1)[0]}/{name}"


def settle(step: str, url: str) -> None:
    """VACUUM ANALYZE the database a PostgreSQL step loaded, timed on its own: what autovacuum would
    otherwise do during the next step (merging GIN pending lists above all), so no step pays for the
    one before it."""
    from sqlalchemy import create_engine

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    started = time.perf_counter()
    with engine.connect() as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")
    engine.dispose()
    print(json.dumps({"step": f"{step}: VACUUM ANALYZE after it", "seconds": round(time.perf_counter() - started, 1)}))


def migrated(url: str, code: Path) -> str:
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(code)}
    subprocess.run([*SUMMIT, "db", "upgrade"], env=env, cwd=code, check=True, capture_output=True)
    return url


def side_by_side(codes: list[Path], step: str, make: Callable[[Path, str], dict[str, object]]) -> None:
    """Run `make(code, tag)` -> result for each code (old first), then print the ratio new/old."""
    results = [make(code, "old" if code != ROOT else "new") for code in codes]
    if len(results) == 2:
        old, new = (float(str(r["seconds"])) for r in results)
        old_cpu, new_cpu = (float(str(r["cpu_seconds"])) for r in results)
        ratios = {"speed new/old": round(old / new, 2), "cpu old/new": round(old_cpu / new_cpu, 2)}
        print(json.dumps({"step": step, **ratios}), flush=True)


def exported_documents(export: Path) -> int:
    """How many document records an export holds (each record is one line, its type first)."""
    with export.open("rb") as lines:
        return sum(1 for line in lines if line.startswith(b'{"type":"document"'))


def gold_only(positions: int, work: Path, codes: list[Path]) -> None:
    """The gold-format bulk load of `positions` into a fresh SQLite file with each code, as its own process."""

    def generate(code: Path, tag: str) -> dict[str, object]:
        path = work / f"gold-{tag}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        argv = [
            PYTHON,
            str(code / "bench" / "generate.py"),
            "--positions",
            str(positions),
            "--url",
            f"sqlite:///{path}",
        ]
        result = run("gold-format bulk load, SQLite", argv, "", 0, code)
        output = result["output"]
        assert isinstance(output, list) and output, output
        loader = json.loads(output[-1])
        print(json.dumps({"step": "gold-format bulk load, by the loader's clock", "code": tag, **loader}), flush=True)
        return result

    side_by_side(codes, "gold-format bulk load, SQLite", generate)


def reload_only(export: Path, work: Path, codes: list[Path], pg_url: str = "") -> None:
    """Reload a given export into a fresh SQLite database with each code, and into a fresh PostgreSQL
    database with `pg_url` (no generation, no copies)."""
    documents = exported_documents(export)

    def reload_sqlite(code: Path, tag: str) -> dict[str, object]:
        path = work / f"reload-{tag}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
        return run("export -> ingest, SQLite", [*SUMMIT, "ingest", str(export)], migrated(url, code), documents, code)

    side_by_side(codes, "export -> ingest, SQLite", reload_sqlite)
    if pg_url:
        side_by_side(
            codes, "export -> ingest, PostgreSQL", lambda code, tag: reload_pg(pg_url, export, documents, code, tag)
        )


def reload_pg(pg_url: str, export: Path, documents: int, code: Path, tag: str) -> dict[str, object]:
    """`summit ingest` of the export into a fresh migrated PostgreSQL database, then VACUUM ANALYZE timed apart."""
    url = migrated(pg_database(pg_url, f"bench_reload_{tag}"), code)
    result = run("export -> ingest, PostgreSQL", [*SUMMIT, "ingest", str(export)], url, documents, code)
    settle(f"export -> ingest, PostgreSQL ({tag})", url)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--positions", type=int, default=100_000)
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", ""))
    parser.add_argument("--workdir", default=None)
    parser.add_argument("--baseline", type=Path, default=None, help="a checkout of older code to run side by side")
    parser.add_argument("--no-copy", action="store_true", help="skip the `summit db copy` steps")
    parser.add_argument("--gold-only", action="store_true", help="time only the gold-format bulk load")
    parser.add_argument("--repeat", type=int, default=1, help="run the comparison this many times")
    parser.add_argument(
        "--export",
        type=Path,
        default=None,
        help="reload this export (`summit export` NDJSON) instead of generating one; implies --no-copy",
    )
    args = parser.parse_args()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="summit-restore-"))
    work.mkdir(parents=True, exist_ok=True)
    codes = [args.baseline.resolve(), ROOT] if args.baseline else [ROOT]
    if args.gold_only:
        for _ in range(args.repeat):
            gold_only(args.positions, work, codes)
        return
    if args.export:
        for _ in range(args.repeat):
            reload_only(args.export.resolve(), work, codes, args.pg_url)
        return
    source = f"sqlite:///{work / 'source.sqlite3'}"
    generated: dict[str, object] = {}
    for code in codes:  # the gold-format bulk load, each code into its own file; the new one is the source
        url = source if code == ROOT else f"sqlite:///{work / 'source-old.sqlite3'}"
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
        gen = subprocess.run(
            [PYTHON, str(code / "bench" / "generate.py"), "--positions", str(args.positions), "--url", url],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(code)},
        )
        generated = json.loads(gen.stdout.strip().splitlines()[-1])
        tag = "old" if code != ROOT else "new"
        print(json.dumps({"step": "generate (bulk load)", "code": tag, **generated}), flush=True)
    documents = int(str(generated["documents"]))
    export = work / "export.ndjson"
    run("export", [*SUMMIT, "export", str(export)], source, documents)
    print(json.dumps({"step": "export size", "mb": round(export.stat().st_size / 1e6)}), flush=True)

    def reload_sqlite(code: Path, tag: str) -> dict[str, object]:
        url = f"sqlite:///{work / f'reload-{tag}.sqlite3'}"
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return run("export -> ingest, SQLite", [*SUMMIT, "ingest", str(export)], migrated(url, code), documents, code)

    side_by_side(codes, "export -> ingest, SQLite", reload_sqlite)
    if args.pg_url:
        pg_url = args.pg_url
        side_by_side(
            codes, "export -> ingest, PostgreSQL", lambda code, tag: reload_pg(pg_url, export, documents, code, tag)
        )
    if args.no_copy:
        return

    def copy_sqlite(code: Path, tag: str) -> dict[str, object]:
        target = work / f"copy-{tag}.sqlite3"
        target.unlink(missing_ok=True)
        return run(
            "db copy SQLite -> SQLite", [*SUMMIT, "db", "copy", "--to", f"sqlite:///{target}"], source, documents, code
        )

    side_by_side(codes, "db copy SQLite -> SQLite", copy_sqlite)
    if args.pg_url:

        def copy_to_pg(code: Path, tag: str) -> dict[str, object]:
            target = pg_database(args.pg_url, f"bench_copy_{tag}")
            result = run(
                "db copy SQLite -> PostgreSQL", [*SUMMIT, "db", "copy", "--to", target], source, documents, code
            )
            settle(f"db copy SQLite -> PostgreSQL ({tag})", target)
            return result

        side_by_side(codes, "db copy SQLite -> PostgreSQL", copy_to_pg)

        def copy_from_pg(code: Path, tag: str) -> dict[str, object]:
            target = work / f"back-{tag}.sqlite3"
            target.unlink(missing_ok=True)
            pg = f"{args.pg_url.rsplit('/', 1)[0]}/bench_copy_{tag}"
            return run(
                "db copy PostgreSQL -> SQLite",
                [*SUMMIT, "db", "copy", "--to", f"sqlite:///{target}"],
                pg,
                documents,
                code,
            )

        side_by_side(codes, "db copy PostgreSQL -> SQLite", copy_from_pg)


if __name__ == "__main__":
    main()
