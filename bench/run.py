#!/usr/bin/env python3
"""Load benchmark: the API against Datasette and a raw ASGI floor on the same database file, at several sizes.

    .venv/bin/python bench/run.py [--scales 10000 100000 1000000] [--engines sqlite postgresql]
                                  [--duration 3] [--connections 16] [--rounds 1] [--cases by_id pair_hot search]

For each scale: generate the corpus once (bench/generate.py; cached in bench/results/tmp/), start
the API (uvicorn, 2 workers, the app `summit serve` runs) and measure each case with wrk on
127.0.0.1: unloaded (1 connection: p50 latency) and loaded (`--connections`: req/s, p50, p99).
Then the same file is served by Datasette (bench/.venv, pinned) with the equivalent SQL as canned
queries and as table filters, and by the floor (bench/floor.py: a raw ASGI app, stdlib sqlite3 and
orjson, no framework). The three run at once, every server pinned to one core (`--server-cpu`) and
wrk to another (`--wrk-cpu`), so the peers get the same CPU whatever their process count; each case
is measured on every peer in turn, `--rounds` times, so a busy moment of a shared machine falls on
all of them, and the median round is reported with the range. Servers are started and stopped by
PID. Results: bench/results/bench-<time>.json and .md, and latest.md (also printed; not for a
partial run with `--cases`).
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
UVICORN = ROOT / ".venv" / "bin" / "uvicorn"
GENERATOR_VERSION = "3"  # bump when bench/corpus.py changes, so cached corpora are rebuilt


# --- processes ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def pinned(argv: list[str], cpu: int) -> list[str]:
    """`argv` run on core `cpu` (and its children: uvicorn's workers), or as is for -1."""
    return argv if cpu < 0 or not shutil.which("taskset") else ["taskset", "-c", str(cpu), *argv]


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

    def __init__(self, argv: list[str], env: dict[str, str], health: str, cpu: int = -1) -> None:
        self.health = health
        with open(TMP / "server.log", "ab") as log:  # the child keeps its own descriptor
            self.proc = subprocess.Popen(
                pinned(argv, cpu),
                env={**os.environ, **env},
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=log,
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
    m = re.match(r"([\d.]+)(\w+)", value)
    if m is None:
        raise ValueError(f"not a wrk latency: {value!r}")
    number, unit = m.groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(url: str, connections: int, seconds: float, script: Path | None = None, cpu: int = -1) -> dict[str, Any]:
    threads = min(2, connections)
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency", "--timeout", "10s"]
    if script:
        argv += ["-s", str(script)]
    out = subprocess.run(pinned(argv + [url], cpu), capture_output=True, text=True, timeout=seconds + 60).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if rps is None:
        raise RuntimeError(f"wrk printed no Requests/sec for {url}:\n{out}")
    result: dict[str, Any] = {"rps": float(rps.group(1))}
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
    quiet = wrk(url, 1, max(2.0, args.duration / 2), script, args.wrk_cpu)
    loaded = wrk(url, args.connections, args.duration, script, args.wrk_cpu)
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
        if not _pg_has_database(pg_url, f"summit_bench_{scale}"):
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
        admin = url.rsplit("/", 1)[0] + "/postgres"  # the server of --pg-url
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
        conn.execute(statement)


def _query(url: str, sql: str) -> list[tuple[Any, ...]]:
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            return conn.execute(sql).fetchall()
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        return conn.execute(sql).fetchall()


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
    document = _query(url, "SELECT document_id FROM position ORDER BY id DESC LIMIT 1")[0][0]
    return {
        "hot": hot,
        "document": document,  # the newest readout: the web explorer's document page
        "rare": rare,
        "facet_topic": mid_topic,
        "max_id": max_id,
        "word": "connectivity",  # a filler word: in ~13% of positions
        "rare_word": "fisheries",
    }  # a rarer topic's word: in ~0.5%


# --- the runs -------------------------------------------------------------------------------------


def id_script(prefix: str, max_id: int, suffix: str = "") -> Path:
    """A wrk script asking for `prefix<random id>suffix` (the same seeded ids for every peer). The path is
    relative (origin-form): Datasette routes on the raw request target, and answered an absolute one
    (`GET http://host/…`) with errors, which an earlier version of this bench counted as its req/s."""
    script = TMP / f"ids-{abs(hash(prefix + suffix)) % 10**8}.lua"
    script.write_text(
        f"math.randomseed(7)\nrequest = function()\n"
        f'  return wrk.format(nil, "{prefix}" .. math.random(1, {max_id}) .. "{suffix}")\nend\n'
    )
    return script


def wanted(case: str, args: argparse.Namespace) -> bool:
    """Whether `--cases` selects `case` (deep_page_<n> answers to deep_page)."""
    return not args.cases or case in args.cases or (case.startswith("deep_page") and "deep_page" in args.cases)


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


class Peer:
    """A server answering the bench's cases: its process, base URL and the path (and wrk script) of each case."""

    def __init__(self, name: str, server: Server, base: str, cleanup: Path | None = None) -> None:
        self.name, self.server, self.base, self.cleanup = name, server, base, cleanup
        self.cases: dict[str, tuple[str, Path | None]] = {}

    def settle(self, limit: float = 300) -> None:
        """Wait until the server answers its health URL at once: requests wrk gave up on (a slow case at
        its timeout) may still be queued there, and would be measured against the next case."""
        deadline = time.time() + limit
        while time.time() < deadline:
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(self.server.health, timeout=limit):
                    pass
            except Exception:
                time.sleep(0.5)
                continue
            if time.perf_counter() - started < 0.25:
                return

    def stop(self) -> None:
        self.server.stop()
        if self.cleanup:
            shutil.rmtree(self.cleanup, ignore_errors=True)


def start_api(url: str, params: dict[str, Any], args: argparse.Namespace) -> Peer:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    argv = [str(UVICORN), "app.main:create_app", "--factory", "--host", "127.0.0.1", "--port", str(port)]
    argv += ["--workers", str(args.workers), "--no-access-log", "--log-level", "warning"]
    peer = Peer("api", Server(argv, {"DATABASE_URL": url}, base + "/health", args.server_cpu), base)
    try:
        (t, le, _), (rt, rl, _) = params["hot"], params["rare"]
        hot_path = f"/v1/positions?topic={t}&leader={le}"
        ft = params["facet_topic"][0]
        peer.cases = {
            "pair_hot": (hot_path, None),
            "pair_rare": (f"/v1/positions?topic={rt}&leader={rl}", None),
            "by_id": ("/v1/positions/", id_script("/v1/positions/", params["max_id"])),
            # The same answer through FastAPI (a query parameter keeps the fast path out): what it saves.
            "by_id_fastapi": ("/v1/positions/", id_script("/v1/positions/", params["max_id"], "?format=json")),
        }
        if wanted("deep_page", args):
            deep, page = deep_page(base, hot_path, 200)
            peer.cases[f"deep_page_{page}"] = (deep, None)
        peer.cases |= {
            "country_act": ("/v1/positions?country=China&act=oppose", None),
            "topics_any_dates": (f"/v1/positions?topic={t}&topic={rt}&date_from=2020-01-01&sort=date", None),
            # Two pages of the web explorer (HTML, app/web): the commonest topic side by side, and a readout
            # with every position highlighted in its text.
            "page_topic": (f"/topics/{t}", None),
            "page_document": (f"/documents/{params['document']}", None),
            # Slowest last: requests wrk abandons at its timeout keep a worker busy into the next case.
            "search_rare": (f"/v1/positions?q={params['rare_word']}", None),
            "facets": (f"/v1/positions?topic={ft}&facets=topic,leader,act&limit=1", None),
            "search": (f"/v1/positions?q={params['word']}", None),
        }
    except Exception:
        peer.stop()
        raise
    return peer


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


def start_datasette(db_file: Path, params: dict[str, Any], args: argparse.Namespace) -> Peer | None:
    if not DATASETTE.exists():
        return None
    folder = Path(tempfile.mkdtemp(dir=TMP))
    link = folder / "summit.db"
    link.symlink_to(db_file)
    metadata = folder / "metadata.json"
    metadata.write_text(
        json.dumps({"databases": {"summit": {"queries": {name: {"sql": sql} for name, sql in DATASETTE_SQL.items()}}}})
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    argv = [str(DATASETTE), "serve", "-i", str(link), "-m", str(metadata), "-p", str(port), "-h", "127.0.0.1"]
    argv += ["--setting", "sql_time_limit_ms", "30000", "--setting", "num_sql_threads", "3"]
    try:
        peer = Peer("datasette", Server(argv, {}, base + "/-/versions.json", args.server_cpu), base, folder)
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    (t, le, _), (rt, rl, _) = params["hot"], params["rare"]

    def where(topic: str, leader: str) -> str:
        return urllib.parse.urlencode(
            [
                ("_where", f"id in (select position_id from position_topic where topic_slug = '{topic}')"),
                ("_where", f"id in (select position_id from position_speaker where leader_slug = '{leader}')"),
                ("_sort_desc", "date"),
                ("_size", "50"),
            ]
        )

    peer.cases = {
        "pair_hot": (f"/summit/topic_leader.json?topic={t}&leader={le}&_shape=array", None),
        "pair_rare": (f"/summit/topic_leader.json?topic={rt}&leader={rl}&_shape=array", None),
        "pair_hot_table": (f"/summit/position.json?{where(t, le)}", None),
        "by_id": ("/summit/position/", id_script("/summit/position/", params["max_id"], ".json")),
        "search": (f"/summit/search.json?q={params['word']}&_shape=array", None),
        "search_rare": (f"/summit/search.json?q={params['rare_word']}&_shape=array", None),
        "facets": (f"/summit/facets.json?topic={params['facet_topic'][0]}&_shape=array", None),
    }
    return peer


def start_floor(db_file: Path, params: dict[str, Any], args: argparse.Namespace) -> Peer:
    """The raw ASGI floor (bench/floor.py) on the same file: one uvicorn process, pinned like the others."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    argv = [str(UVICORN), "--app-dir", str(BENCH), "floor:app", "--host", "127.0.0.1", "--port", str(port)]
    argv += ["--no-access-log", "--log-level", "warning"]
    peer = Peer("floor", Server(argv, {"FLOOR_DB": str(db_file)}, base + "/health", args.server_cpu), base)
    (t, le, _), (rt, rl, _) = params["hot"], params["rare"]
    peer.cases = {
        "pair_hot": (f"/topic_leader?topic={t}&leader={le}", None),
        "pair_rare": (f"/topic_leader?topic={rt}&leader={rl}", None),
        "by_id": ("/position/", id_script("/position/", params["max_id"])),
        "search": (f"/search?q={params['word']}", None),
        "search_rare": (f"/search?q={params['rare_word']}", None),
        "facets": (f"/facets?topic={params['facet_topic'][0]}", None),
    }
    return peer


def measure_side_by_side(peers: list[Peer], args: argparse.Namespace) -> dict[str, dict[str, Any]]:
    """Every case, round after round, each round asking every peer that has the case in turn (so a busy
    moment of the machine falls on all of them); per peer and case the median round and the range."""
    names = list(dict.fromkeys(case for peer in peers for case in peer.cases))
    if args.cases:
        chosen = [*args.cases, *(["pair_hot_table"] if "pair_hot" in args.cases else [])]
        names = [n for n in names if n in chosen or (n.startswith("deep_page") and "deep_page" in chosen)]
    out: dict[str, dict[str, Any]] = {peer.name: {} for peer in peers}
    for case in names:
        runs: dict[str, list[dict[str, Any]]] = {}
        for _ in range(args.rounds):
            for peer in peers:
                if case in peer.cases:
                    path, script = peer.cases[case]
                    runs.setdefault(peer.name, []).append(measure(peer.base, path, args, script))
                    peer.settle()
        for name, results in runs.items():
            out[name][case] = median_round(results)
        print(f"  {case}: " + ", ".join(f"{n} {out[n][case]['rps']}" for n in runs), flush=True)
    return out


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
    system = f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    return f"{os.cpu_count()} cores ({cpu}), {mem} GB RAM, {system}"


def _rps(result: dict[str, Any] | None) -> str:
    """req/s, with the range over the rounds when there were several, and the errors if there were any."""
    if not result or not result.get("rps"):
        return "0 (timeouts)" if result and "rps" in result else ""
    spread = result.get("rps_range")
    text = f"{result['rps']:,.0f}"
    if spread and spread[0] != spread[1]:
        text += f" ({spread[0]:,.0f}–{spread[1]:,.0f})"
    if result.get("non_2xx"):
        text += f" ⚠ {result['non_2xx']:,} non-2xx"
    return text


def _ratio(api: dict[str, Any], peer: dict[str, Any] | None, fmt: str) -> str:
    """API ÷ peer on the median round, with the range of the per-round ratios."""
    if not peer or not peer.get("rps") or not api.get("rps"):
        return ""
    text = format(api["rps"] / peer["rps"], fmt)
    per_round = [a / b for a, b in zip(api.get("rounds", []), peer.get("rounds", []), strict=False) if b]
    if len(per_round) > 1:
        text += f" ({format(min(per_round), fmt)}–{format(max(per_round), fmt)})"
    return text


def markdown(results: dict[str, Any]) -> str:
    pin = results.get("pinning", "")
    lines = [
        f"Run {results['started']} on {results['machine']}; wrk {results['connections']} connections, "
        f"{results['duration']} s per case, API with {results['workers']} uvicorn workers, Datasette "
        f"{results.get('datasette_version', '?')} (1 process, 3 SQL threads), the floor (bench/floor.py, 1 "
        f"uvicorn process), same database file; each case on every peer in turn, {results.get('rounds', 1)} "
        f"round(s): the median round, and the range over rounds in brackets.{f' {pin}' if pin else ''}",
        "",
    ]
    for engine, scales in results["engines"].items():
        sizes = sorted(scales, key=int)
        lines += [
            f"### {engine}",
            "",
            "| scale | case | unloaded p50 ms | req/s | p50 ms | p99 ms | Datasette req/s | floor req/s | "
            "÷ floor | × Datasette |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for size in sizes:
            api, ds = scales[size]["api"], scales[size].get("datasette", {})
            floor = scales[size].get("floor", {})
            ds = ds if isinstance(ds, dict) else {}
            for case, r in api.items():
                if case == "export":
                    continue
                d, f = ds.get(case), floor.get(case)
                lines.append(
                    f"| {int(size):,} | {case} | {r['unloaded_p50_ms']} | {_rps(r)} | {r['p50_ms']} | "
                    f"{r['p99_ms']} | {_rps(d)} | {_rps(f)} | {_ratio(r, f, '.0%')} | {_ratio(r, d, '.1f')} |"
                )
            if "pair_hot_table" in ds and "pair_hot" in api:
                d = ds["pair_hot_table"]
                lines.append(
                    f"| {int(size):,} | pair_hot (Datasette table filters) | | | | | {_rps(d)} | | | "
                    f"{_ratio(api['pair_hot'], d, '.1f')} |"
                )
        big, small = (sizes[-1], sizes[-2]) if len(sizes) > 1 else (None, None)
        if big and small:
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
                for key, what in (
                    ("cases_seconds", "cases (every peer, every round)"),
                    ("api_seconds", "API cases"),
                    ("datasette_seconds", "Datasette cases"),
                )
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


def median_round(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run with the median req/s, with every run's req/s and their range."""
    ordered = sorted(runs, key=lambda run: run["rps"])
    rates = [run["rps"] for run in runs]
    return {**ordered[len(ordered) // 2], "rounds": rates, "rps_range": [min(rates), max(rates)]}


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
    parser.add_argument("--no-floor", dest="floor", action="store_false", help="skip the raw ASGI floor peer")
    parser.add_argument("--rounds", type=int, default=1, help="measure the peers side by side this many times")
    parser.add_argument("--cases", nargs="+", default=[], help="only these cases (by_id, pair_hot, search, …)")
    parser.add_argument("--server-cpu", type=int, default=1, help="core every server is pinned to (-1: none)")
    parser.add_argument("--wrk-cpu", type=int, default=0, help="core wrk is pinned to (-1: none)")
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
        "rounds": args.rounds,
        "pinning": (
            f"Servers pinned to core {args.server_cpu}, wrk to core {args.wrk_cpu}."
            if args.server_cpu >= 0 and shutil.which("taskset")
            else ""
        ),
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
            entry: dict[str, Any] = {"corpus": corpus, "params": params}
            db_file = Path(url.removeprefix("sqlite:///"))
            phase = time.perf_counter()
            peers = [start_api(url, params, args)]
            try:
                if engine == "sqlite" and scale >= args.datasette_min:
                    datasette = start_datasette(db_file, params, args)
                    if datasette:
                        peers.append(datasette)
                    else:
                        entry["datasette"] = {"skipped": "bench/.venv has no datasette (make bench installs it)"}
                if engine == "sqlite" and args.floor:
                    peers.append(start_floor(db_file, params, args))
                measured = measure_side_by_side(peers, args)
                entry["api"] = measured.pop("api")
                entry.update(measured)
                entry["cases_seconds"] = round(time.perf_counter() - phase, 1)
                if args.export and scale >= args.export_min and engine in args.export_engines:
                    api = peers[0]
                    entry["api"]["export"] = export(api.base, "/v1/positions?format=ndjson&limit=all", api.server)
            finally:
                for peer in peers:
                    peer.stop()
            results["engines"].setdefault(engine, {})[str(scale)] = entry
            print(json.dumps(entry["api"].get("pair_hot")), flush=True)
            (out / f"{name}.json").write_text(json.dumps(results, indent=1))  # partial results survive a failure
    if args.ingest_docs:
        results["annotate_ingest"] = annotate_ingest(args.ingest_docs)
    results["total_seconds"] = round(time.perf_counter() - clock, 1)
    (out / f"{name}.json").write_text(json.dumps(results, indent=1))
    table = markdown(results)
    (out / f"{name}.md").write_text(table)
    if not args.cases:  # a partial run (--cases) is kept under its own name only
        (out / "latest.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
