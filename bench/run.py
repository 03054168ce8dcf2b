#!/usr/bin/env python3
"""Load benchmark: the API against Datasette on the same database file, at several corpus sizes.

    .venv/bin/python bench/run.py [--scales 10000 100000 1000000] [--engines sqlite postgresql]
                                  [--duration 5] [--connections 16]

For each scale: generate the corpus once (bench/generate.py; cached in bench/results/tmp/), start
the API (uvicorn, 2 workers, the app `summit serve` runs) and measure each case with wrk on
127.0.0.1: unloaded (1 connection: p50 latency) and loaded (`--connections`: req/s, p50, p99).
Then the same file is served by Datasette (bench/.venv, pinned) with the equivalent SQL as canned
queries and as table filters. Servers are started and stopped by PID. Results: bench/results/
bench-<time>.json and latest.md (also printed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
TMP = BENCH / "results" / "tmp"
PY = ROOT / ".venv" / "bin" / "python"
DATASETTE = BENCH / ".venv" / "bin" / "datasette"
GENERATOR_VERSION = "3"  # bump when bench/corpus.py changes, so cached corpora are rebuilt


# --- processes ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status < 500:
                    return
        except Exception:
            time.sleep(0.2)
    raise RuntimeError(f"server did not answer {url}")


class Server:
    """A server process group started for one measurement and stopped by its PID."""

    def __init__(self, argv: list[str], env: dict[str, str], health: str) -> None:
        self.proc = subprocess.Popen(
            argv,
            env={**os.environ, **env},
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=open(TMP / "server.log", "ab"),
            start_new_session=True,
        )
        try:
            wait_http(health)
        except Exception:
            self.stop()
            raise

    def pids(self) -> list[int]:
        """The server and its worker processes."""
        out = [self.proc.pid]
        for child in Path("/proc").iterdir():
            if child.name.isdigit():
                try:
                    stat = (child / "stat").read_text().rsplit(")", 1)[1].split()
                    if int(stat[1]) == self.proc.pid:
                        out.append(int(child.name))
                except (OSError, IndexError, ValueError):
                    pass
        return out

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # the group we started: the server and its workers
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


# --- wrk ------------------------------------------------------------------------------------------


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(url: str, connections: int, seconds: float, script: Path | None = None) -> dict[str, Any]:
    threads = min(2, connections)
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency", "--timeout", "10s"]
    if script:
        argv += ["-s", str(script)]
    out = subprocess.run(argv + [url], capture_output=True, text=True, timeout=seconds + 60).stdout
    result: dict[str, Any] = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}  # type: ignore[union-attr]
    for pct in ("50", "99"):
        m = re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", out, re.M)
        result[f"p{pct}_ms"] = round(_ms(m.group(1)), 2) if m else None
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    result["non_2xx"] = int(bad.group(1)) if bad else 0
    if errors:
        result["socket_errors"] = errors.group(0)
    result["rps"] = round(result["rps"], 1)
    return result


def measure(base: str, path: str, args: argparse.Namespace, script: Path | None = None) -> dict[str, Any]:
    url = base + path
    quiet = wrk(url, 1, max(2.0, args.duration / 2), script)
    loaded = wrk(url, args.connections, args.duration, script)
    return {"path": path, "unloaded_p50_ms": quiet["p50_ms"], **loaded}


# --- corpus ---------------------------------------------------------------------------------------


def ensure_corpus(engine: str, scale: int, pg_url: str | None, fresh: bool) -> tuple[str, dict[str, Any]]:
    """The database URL of a generated corpus of `scale` positions (made once, then reused)."""
    stamp = TMP / f"{engine}-{scale}.json"
    if engine == "sqlite":
        path = TMP / f"{scale}.sqlite3"
        url = f"sqlite:///{path}"
    else:
        assert pg_url, "--pg-url (or BENCH_PG_URL) is needed for postgresql"
        url = f"{pg_url.rsplit('/', 1)[0]}/summit_bench_{scale}"
    if engine == "postgresql" and not _pg_has_database(pg_url, f"summit_bench_{scale}"):  # type: ignore[arg-type]
        stamp.unlink(missing_ok=True)  # `make bench` starts a new cluster each time: its corpora are gone
    if not fresh and stamp.exists() and json.loads(stamp.read_text()).get("version") == GENERATOR_VERSION:
        # A cached corpus still gets any newer migration (the server answers only a database at head).
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / "summit"), "db", "upgrade"],
            env={**os.environ, "DATABASE_URL": url},
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        return url, json.loads(stamp.read_text())
    if engine == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        admin = pg_url.rsplit("/", 1)[0] + "/postgres"
        _pg_admin(admin, f"DROP DATABASE IF EXISTS summit_bench_{scale}")
        _pg_admin(admin, f"CREATE DATABASE summit_bench_{scale}")
    print(f"  generating {scale} positions ({engine}) …", flush=True)
    started = time.perf_counter()
    out = subprocess.run(
        [str(PY), str(BENCH / "generate.py"), "--positions", str(scale), "--url", url],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    info = {
        **json.loads(out.strip().splitlines()[-1]),
        "version": GENERATOR_VERSION,
        "generate_seconds": round(time.perf_counter() - started, 1),
    }
    stamp.write_text(json.dumps(info))
    return url, info


def _pg_has_database(url: str, name: str) -> bool:
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None


def _pg_admin(url: str, statement: str) -> None:
    import psycopg  # only the PostgreSQL runs need it

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(statement)  # type: ignore[arg-type]


def _query(url: str, sql: str) -> list[tuple[Any, ...]]:
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            return conn.execute(sql).fetchall()
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        return conn.execute(sql).fetchall()  # type: ignore[arg-type]


def cases(url: str) -> dict[str, Any]:
    """Parameters of the cases, read from the corpus: the hottest and a rare (topic, leader) pair, …"""
    pairs = "FROM position_count WHERE topic_slug <> '' AND leader_slug <> ''"
    hot = _query(url, f"SELECT topic_slug, leader_slug, n {pairs} ORDER BY n DESC LIMIT 1")[0]
    rare = _query(url, f"SELECT topic_slug, leader_slug, n {pairs} AND n >= 3 ORDER BY n, topic_slug LIMIT 1")[0]
    mid_topic = _query(
        url,
        "SELECT topic_slug, n FROM position_count WHERE leader_slug = '' AND topic_slug <> '' "
        "ORDER BY n DESC LIMIT 1 OFFSET 8",
    )[0]
    max_id = _query(url, "SELECT max(id) FROM position")[0][0]
    return {
        "hot": hot,
        "rare": rare,
        "facet_topic": mid_topic,
        "max_id": max_id,
        "word": "connectivity",  # a filler word: in ~13% of positions
        "rare_word": "fisheries",
    }  # a rarer topic's word: in ~0.5%


# --- the runs -------------------------------------------------------------------------------------


def id_script(prefix: str, max_id: int) -> Path:
    script = TMP / f"ids-{abs(hash(prefix)) % 10**8}.lua"
    script.write_text(
        f"math.randomseed(7)\nrequest = function()\n"
        f'  return wrk.format(nil, "{prefix}" .. math.random(1, {max_id}) .. "{".json" if "/summit/" in prefix else ""}")\nend\n'
    )
    return script


def deep_page(base: str, path: str, page: int) -> tuple[str, int]:
    """The path of page `page` (or the last one) of a list, reached by following `next`."""
    url, n = base + path, 1
    while n < page:
        with urllib.request.urlopen(url) as r:
            nxt = json.load(r)["next"]
        if not nxt:
            break
        url, n = nxt, n + 1
    return url.removeprefix(base), n


def export(base: str, path: str, server: Server) -> dict[str, Any]:
    peak, done = 0.0, threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, max((rss_mb(p) for p in server.pids()[1:] or [server.proc.pid]), default=0.0))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started, lines, size = time.perf_counter(), 0, 0
    with urllib.request.urlopen(base + path, timeout=1800) as r:
        while chunk := r.read(1 << 20):
            size += len(chunk)
            lines += chunk.count(b"\n")
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return {
        "path": path,
        "rows": lines,
        "mb": round(size / 2**20, 1),
        "seconds": round(seconds, 1),
        "rows_per_second": round(lines / seconds),
        "peak_worker_rss_mb": round(peak, 1),
    }


def run_api(url: str, scale: int, params: dict[str, Any], args: argparse.Namespace, engine: str) -> dict[str, Any]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = Server(
        [
            str(ROOT / ".venv" / "bin" / "uvicorn"),
            "app.main:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        {"DATABASE_URL": url},
        base + "/health",
    )
    try:
        (t, le, _), (rt, rl, _) = params["hot"], params["rare"]
        hot_path = f"/v1/positions?topic={t}&leader={le}"
        deep, page = deep_page(base, hot_path, 200)
        ft = params["facet_topic"][0]
        out: dict[str, Any] = {
            "pair_hot": measure(base, hot_path, args),
            "pair_rare": measure(base, f"/v1/positions?topic={rt}&leader={rl}", args),
            "by_id": measure(base, "/v1/positions/", args, id_script(base + "/v1/positions/", params["max_id"])),
            f"deep_page_{page}": measure(base, deep, args),
            "country_act": measure(base, "/v1/positions?country=China&act=oppose", args),
            "topics_any_dates": measure(
                base, f"/v1/positions?topic={t}&topic={rt}&date_from=2020-01-01&sort=date", args
            ),
            # Slowest last: requests wrk abandons at its timeout keep a worker busy into the next case.
            "search_rare": measure(base, f"/v1/positions?q={params['rare_word']}", args),
            "facets": measure(base, f"/v1/positions?topic={ft}&facets=topic,leader,act&limit=1", args),
            "search": measure(base, f"/v1/positions?q={params['word']}", args),
        }
        if args.export and scale >= args.export_min and engine in args.export_engines:
            out["export"] = export(base, "/v1/positions?format=ndjson&limit=all", server)
        return out
    finally:
        server.stop()


DATASETTE_SQL = {
    "topic_leader": 'select p.id, p.document_id, p.event_id, p.date, p.start, p."end", p.text, p.act, p.method, '
    "p.confidence, p.reviewed, (select count(*) from position_topic t join position_speaker s "
    "on s.position_id = t.position_id where t.topic_slug = :topic and s.leader_slug = :leader) as total "
    "from position p where p.id in (select t.position_id from position_topic t join position_speaker s "
    "on s.position_id = t.position_id where t.topic_slug = :topic and s.leader_slug = :leader) "
    "order by p.date desc, p.id limit 50",
    "search": "select p.id, p.date, p.text from search_position join position p on p.id = search_position.rowid "
    "where search_position match :q order by rank limit 50",
    "facets": "select topic_slug, count(*) as n from position_topic where position_id in "
    "(select position_id from position_topic where topic_slug = :topic) group by topic_slug order by n desc",
}


def run_datasette(db_file: Path, params: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    if not DATASETTE.exists():
        return {"skipped": "bench/.venv has no datasette (make bench installs it)"}
    folder = Path(tempfile.mkdtemp(dir=TMP))
    link = folder / "summit.db"
    link.symlink_to(db_file)
    metadata = folder / "metadata.json"
    metadata.write_text(
        json.dumps({"databases": {"summit": {"queries": {name: {"sql": sql} for name, sql in DATASETTE_SQL.items()}}}})
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = Server(
        [
            str(DATASETTE),
            "serve",
            "-i",
            str(link),
            "-m",
            str(metadata),
            "-p",
            str(port),
            "-h",
            "127.0.0.1",
            "--setting",
            "sql_time_limit_ms",
            "30000",
            "--setting",
            "num_sql_threads",
            "3",
        ],
        {},
        base + "/-/versions.json",
    )
    try:
        (t, le, _), (rt, rl, _) = params["hot"], params["rare"]
        where = lambda topic, leader: urllib.parse.urlencode(
            [  # noqa: E731
                ("_where", f"id in (select position_id from position_topic where topic_slug = '{topic}')"),
                ("_where", f"id in (select position_id from position_speaker where leader_slug = '{leader}')"),
                ("_sort_desc", "date"),
                ("_size", "50"),
            ]
        )
        return {
            "pair_hot": measure(base, f"/summit/topic_leader.json?topic={t}&leader={le}&_shape=array", args),
            "pair_rare": measure(base, f"/summit/topic_leader.json?topic={rt}&leader={rl}&_shape=array", args),
            "pair_hot_table": measure(base, f"/summit/position.json?{where(t, le)}", args),
            "by_id": measure(base, "/summit/position/", args, id_script(base + "/summit/position/", params["max_id"])),
            "search": measure(base, f"/summit/search.json?q={params['word']}&_shape=array", args),
            "search_rare": measure(base, f"/summit/search.json?q={params['rare_word']}&_shape=array", args),
            "facets": measure(base, f"/summit/facets.json?topic={params['facet_topic'][0]}&_shape=array", args),
        }
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def annotate_ingest(docs: int) -> dict[str, Any]:
    """bench_ingest.py's figures (annotate, ingest, both; documents/s on one core)."""
    out = subprocess.run(
        [str(PY), str(BENCH / "bench_ingest.py"), "--docs", str(docs)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
    ).stdout
    figures: dict[str, Any] = {"docs": docs}
    for key, label in (("annotate", "annotate alone"), ("ingest", "ingest alone"), ("both", "annotate + ingest")):
        m = re.search(rf"^{re.escape(label)}:\s+(\d+) docs/s wall,\s+(\d+) docs/s CPU", out, re.M)
        if m:
            figures[key] = {"wall": int(m.group(1)), "cpu": int(m.group(2))}
    return figures


# --- report ---------------------------------------------------------------------------------------


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = int(Path("/proc/meminfo").read_text().split()[1]) // 2**20
    return f"{os.cpu_count()} cores ({cpu}), {mem} GB RAM, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def markdown(results: dict[str, Any]) -> str:
    lines = [
        f"Run {results['started']} on {results['machine']}; wrk {results['connections']} connections, "
        f"{results['duration']} s per case, API with {results['workers']} uvicorn workers, Datasette "
        f"{results.get('datasette_version', '?')} (1 process, 3 SQL threads), same database file.",
        "",
    ]
    for engine, scales in results["engines"].items():
        sizes = sorted(scales, key=int)
        lines += [
            f"### {engine}",
            "",
            "| scale | case | unloaded p50 ms | req/s | p50 ms | p99 ms | Datasette req/s | "
            "Datasette p50 ms | × Datasette |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for size in sizes:
            api, ds = scales[size]["api"], scales[size].get("datasette", {})
            for case, r in api.items():
                if case == "export":
                    continue
                d = ds.get(case, {}) if isinstance(ds, dict) else {}
                ratio = f"{r['rps'] / d['rps']:.1f}" if d.get("rps") else ""
                lines.append(
                    f"| {int(size):,} | {case} | {r['unloaded_p50_ms']} | {r['rps']:,.0f} | {r['p50_ms']} | "
                    f"{r['p99_ms']} | {d.get('rps', '')} | {d.get('p50_ms', '')} | {ratio} |"
                )
            if "pair_hot_table" in ds:
                d = ds["pair_hot_table"]
                lines.append(
                    f"| {int(size):,} | pair_hot (Datasette table filters) | | | | | {d['rps']} | {d['p50_ms']} | "
                    f"{api['pair_hot']['rps'] / d['rps']:.1f} |"
                    if d.get("rps")
                    else ""
                )
        big, small = (sizes[-1], sizes[-2]) if len(sizes) > 1 else (None, None)
        if big:
            lines += [
                "",
                f"Growth {int(small):,} → {int(big):,} positions (unloaded p50 ratio; ≤ 1.5 is the goal):",
                "",
            ]
            for case, r in scales[big]["api"].items():
                before = scales[small]["api"].get(case) or next(
                    (v for k, v in scales[small]["api"].items() if k.split("_")[0] == case.split("_")[0] == "deep"),
                    None,
                )
                if case != "export" and before and before.get("unloaded_p50_ms"):
                    lines.append(f"- {case}: {r['unloaded_p50_ms'] / before['unloaded_p50_ms']:.2f}×")
        for size in sizes:
            if "export" in scales[size]["api"]:
                e = scales[size]["api"]["export"]
                lines.append(
                    f"- export {int(size):,}: {e['rows']:,} NDJSON rows in {e['seconds']} s "
                    f"({e['rows_per_second']:,}/s), peak worker RSS {e['peak_worker_rss_mb']} MB"
                )
            gen = scales[size].get("corpus", {})
            if gen:
                lines.append(
                    f"- corpus {int(size):,}: bulk load {gen.get('documents_per_second')} documents/s "
                    f"({gen.get('documents')} documents, {gen.get('positions')} positions)"
                )
            timing = [
                f"{what} {scales[size][key]} s"
                for key, what in (("api_seconds", "API cases"), ("datasette_seconds", "Datasette cases"))
                if key in scales[size]
            ]
            if gen.get("ready_seconds") is not None:
                timing.insert(0, f"corpus ready in {gen['ready_seconds']} s")
            if timing:
                lines.append(f"- time at {int(size):,}: " + ", ".join(timing))
        lines.append("")
    ai = results.get("annotate_ingest")
    if ai and "both" in ai:
        lines.append(
            f"Annotate + ingest on one core ({ai['docs']} synthetic ~500-word readouts, bench_ingest.py): "
            f"{ai['both']['cpu']} documents/s (annotate alone {ai['annotate']['cpu']}/s, bulk ingest alone "
            f"{ai['ingest']['cpu']}/s; CPU time)."
        )
    if "total_seconds" in results:
        lines.append(f"\nWhole run: {results['total_seconds'] / 60:.1f} min.")
    return "\n".join(line for line in lines if line is not None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", nargs="+", type=int, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--engines", nargs="+", default=["sqlite"], choices=["sqlite", "postgresql"])
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL"))
    parser.add_argument("--duration", type=float, default=3, help="seconds per loaded case (unloaded: 2)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--fresh", action="store_true", help="regenerate cached corpora")
    parser.add_argument("--no-export", dest="export", action="store_false")
    parser.add_argument("--export-min", type=int, default=1_000_000, help="export only at scales >= this")
    parser.add_argument("--export-engines", nargs="+", default=["sqlite"], help="engines whose export is timed")
    parser.add_argument("--datasette-min", type=int, default=100_000, help="Datasette only at scales >= this")
    parser.add_argument(
        "--ingest-docs",
        type=int,
        default=400,
        help="readouts for the annotate + ingest figure (bench_ingest.py, one core); 0 skips it",
    )
    args = parser.parse_args()
    TMP.mkdir(parents=True, exist_ok=True)
    started = dt.datetime.now(dt.UTC).replace(microsecond=0)
    clock = time.perf_counter()
    results: dict[str, Any] = {
        "started": started.isoformat(),
        "machine": machine(),
        "duration": args.duration,
        "connections": args.connections,
        "workers": args.workers,
        "engines": {},
    }
    if DATASETTE.exists():
        results["datasette_version"] = subprocess.run(
            [str(DATASETTE), "--version"], capture_output=True, text=True
        ).stdout.split()[-1]
    out = BENCH / "results"
    name = f"bench-{started.strftime('%Y%m%dT%H%M%SZ')}"
    for engine in args.engines:
        for scale in sorted(args.scales):
            print(f"{engine} {scale:,}", flush=True)
            phase = time.perf_counter()
            url, corpus = ensure_corpus(engine, scale, args.pg_url, args.fresh)
            corpus["ready_seconds"] = round(time.perf_counter() - phase, 1)  # generation, or reuse of the cache
            params = cases(url)
            phase = time.perf_counter()
            entry: dict[str, Any] = {
                "corpus": corpus,
                "params": params,
                "api": run_api(url, scale, params, args, engine),
            }
            entry["api_seconds"] = round(time.perf_counter() - phase, 1)
            if engine == "sqlite" and scale >= args.datasette_min:
                phase = time.perf_counter()
                entry["datasette"] = run_datasette(Path(url.removeprefix("sqlite:///")), params, args)
                entry["datasette_seconds"] = round(time.perf_counter() - phase, 1)
            results["engines"].setdefault(engine, {})[str(scale)] = entry
            print(json.dumps(entry["api"].get("pair_hot")), flush=True)
            (out / f"{name}.json").write_text(json.dumps(results, indent=1))  # partial results survive a failure
    if args.ingest_docs:
        results["annotate_ingest"] = annotate_ingest(args.ingest_docs)
    results["total_seconds"] = round(time.perf_counter() - clock, 1)
    (out / f"{name}.json").write_text(json.dumps(results, indent=1))
    table = markdown(results)
    (out / f"{name}.md").write_text(table)
    (out / "latest.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
