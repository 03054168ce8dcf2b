#!/usr/bin/env python3
"""Export -> reload and `summit db copy` speeds, with peak memory.

    .venv/bin/python bench/bench_restore.py --positions 100000 [--pg-url postgresql+psycopg://…/postgres]

Generates a synthetic corpus (bench/generate.py) into a SQLite file, exports it with `summit export`,
reloads the export into a fresh database through the bulk path (`summit ingest FILE.ndjson`) on SQLite
and, with --pg-url, on PostgreSQL, and copies the database with `summit db copy` SQLite -> SQLite,
SQLite -> PostgreSQL and PostgreSQL -> SQLite. Each step runs as its own process, so its peak RSS is
its own. Prints one JSON line per step: seconds, documents/s, peak RSS MB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
SUMMIT = str(ROOT / ".venv" / "bin" / "summit")


def run(step: str, argv: list[str], url: str, documents: int) -> dict[str, object]:
    """Run one step as its own process; its own peak RSS from wait4."""
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, env={**os.environ, "DATABASE_URL": url}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"{step} failed:\n{out}\n{err}")
    result = {
        "step": step,
        "seconds": round(seconds, 1),
        "documents_per_second": round(documents / seconds) if documents else None,
        "peak_rss_mb": round(process.rusage.ru_maxrss / 1024) if hasattr(process, "rusage") else None,
        "output": out.strip().splitlines()[-1:],
    }
    print(json.dumps(result), flush=True)
    return result


class _Popen(subprocess.Popen):  # type: ignore[type-arg]
    """Popen that keeps the child's resource usage (wait4)."""

    def _try_wait(self, wait_flags: int) -> tuple[int, int]:
        try:
            pid, status, self.rusage = os.wait4(self.pid, wait_flags)
        except ChildProcessError:
            return (self.pid, 0)
        return (pid, status)


subprocess.Popen = _Popen  # type: ignore[misc]


def pg_database(admin_url: str, name: str) -> str:
    from sqlalchemy import create_engine, text

    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))  # sql-identifiers-only
        conn.execute(text(f"CREATE DATABASE {name}"))  # sql-identifiers-only
    engine.dispose()
    return f"{admin_url.rsplit('/', 1)[0]}/{name}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--positions", type=int, default=100_000)
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", ""))
    parser.add_argument("--workdir", default=None)
    args = parser.parse_args()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="summit-restore-"))
    work.mkdir(parents=True, exist_ok=True)
    source = f"sqlite:///{work / 'source.sqlite3'}"
    gen = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "generate.py"), "--positions", str(args.positions), "--url", source],
        capture_output=True,
        text=True,
        check=True,
    )
    generated = json.loads(gen.stdout.strip().splitlines()[-1])
    documents = int(generated["documents"])
    print(json.dumps({"step": "generate", **generated}), flush=True)
    export = work / "export.ndjson"
    run("export", [SUMMIT, "export", str(export)], source, documents)
    print(json.dumps({"step": "export size", "mb": round(export.stat().st_size / 1e6)}), flush=True)
    reload = f"sqlite:///{work / 'reload.sqlite3'}"
    subprocess.run(
        [SUMMIT, "db", "upgrade"], env={**os.environ, "DATABASE_URL": reload}, check=True, capture_output=True
    )
    run("export -> ingest, SQLite", [SUMMIT, "ingest", str(export)], reload, documents)
    run(
        "db copy SQLite -> SQLite",
        [SUMMIT, "db", "copy", "--to", f"sqlite:///{work / 'copy.sqlite3'}"],
        source,
        documents,
    )
    if args.pg_url:
        pg_reload = pg_database(args.pg_url, "bench_reload")
        subprocess.run(
            [SUMMIT, "db", "upgrade"], env={**os.environ, "DATABASE_URL": pg_reload}, check=True, capture_output=True
        )
        run("export -> ingest, PostgreSQL", [SUMMIT, "ingest", str(export)], pg_reload, documents)
        pg_copy = pg_database(args.pg_url, "bench_copy")
        run("db copy SQLite -> PostgreSQL", [SUMMIT, "db", "copy", "--to", pg_copy], source, documents)
        run(
            "db copy PostgreSQL -> SQLite",
            [SUMMIT, "db", "copy", "--to", f"sqlite:///{work / 'back.sqlite3'}"],
            pg_copy,
            documents,
        )


if __name__ == "__main__":
    sys.exit(main())
