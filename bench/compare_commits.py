#!/usr/bin/env python3
"""Two commits of the API side by side in one run: every case of bench/run.py, interleaved, as ratios.

    git worktree add --detach /tmp/base <commit> && ln -s "$PWD/.venv" /tmp/base/.venv
    .venv/bin/python bench/compare_commits.py --old /tmp/base [--new .] [--scale 100000] [--rounds 5]
                                              [--duration 5] [--unloaded 2] [--connections 16] [--workers 2]
                                              [--cases pair_hot search …] [--server-cpu 1] [--wrk-cpu 0]
                                              [--db-dir bench/results/tmp/compare] [--corpora-only]
    .venv/bin/python bench/compare_commits.py --old /tmp/base --in-process [--rounds 12] [--batch-seconds 0.5]
    .venv/bin/python bench/compare_commits.py --render bench/results/compare-<time>-<scale>.json

Sequential runs of the two commits' own `bench/run.py` on this shared box disagree by more than the
differences they measure: the other sessions' load moves between runs. Here both commits are served
at once and every measurement of one is next to the same measurement of the other, so a busy moment
falls on both and the per-round new/old ratio stays meaningful when the absolute rates do not.

Each tree builds its own corpus with its own `bench/generate.py` (the schema differs between commits;
the generator's seed and scale are the same), run from that tree with `PYTHONPATH` on it and this
project's virtualenv; nothing is installed into the worktree (an editable install there would re-point
the shared one). The files are cached in `--db-dir` under a hash of the tree's migrations and
generator, then VACUUMed so that both have a compact, ordered layout whichever load path made them (the
SQLite initial-load mode came between the commits). Both APIs run like bench/run.py's: uvicorn,
`--workers`, every server pinned to `--server-cpu` and wrk to `--wrk-cpu`. For each round, for each
case, old then new (new first in every other round): an unloaded wrk run (1 connection: p50) and a
loaded one (`--connections`: req/s, p50). Reported per case: the median req/s of each side, the
median of the per-round new/old ratios with their range, and the p50s; a case is called slower or
faster only when every round agrees, and each case's first answers are compared (same positions,
total and facets on both sides, or what differs). Servers are started and stopped by PID (their
process group). Results: bench/results/compare-<time>-<scale>.md and .json (the table is also printed).

`--in-process` measures the same cases without servers: each tree's app called as ASGI in a worker process of
its own (bench/profile_request.py's harness), both pinned to `--server-cpu`, alternated in batches of about
`--batch-seconds` of CPU; it reports the CPU time per request and the per-round new/old ratios
(`results/compare-inprocess-<time>-<scale>.*`). That is the request path's own cost, much less exposed to the
box's load than req/s, but without what the server and the network add.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import IO, Any

import run  # bench/run.py (the script's own directory): the same wrk, cases and processes as `make bench`

BENCH = Path(__file__).resolve().parent

CASES = [  # bench/run.py's API cases that both commits serve, slowest last as there
    "pair_hot",
    "pair_rare",
    "by_id",
    "deep_page",
    "country_act",
    "topics_any_dates",
    "search_rare",
    "facets",
    "search",
]


def commit_of(tree: Path) -> str:
    """The tree's commit, with `+dirty` when its app or migrations differ from it (shared working trees)."""
    git = ["git", "-C", str(tree)]
    commit = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True)
    dirty = subprocess.run([*git, "status", "--porcelain", "--", "app", "migrations"], capture_output=True, text=True)
    return commit.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def tree_env(tree: Path) -> dict[str, str]:
    """The environment that runs `tree`'s code with this project's virtualenv."""
    return {**os.environ, "PYTHONPATH": str(tree)}


def schema_key(tree: Path) -> str:
    """What a corpus depends on: the tree's migrations and generator (commits that change neither share it)."""
    digest = hashlib.sha256()
    for path in sorted((tree / "migrations" / "versions").glob("*.py")) + [tree / "bench" / "corpus.py"]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    digest.update((tree / "bench" / "generate.py").read_bytes())
    return digest.hexdigest()[:10]


def ensure_corpus(tree: Path, label: str, scale: int, db_dir: Path) -> Path:
    """A corpus of `scale` positions made by `tree`'s own generator, cached under its `schema_key`."""
    commit = commit_of(tree)
    path = db_dir / f"{label}-{schema_key(tree)}-{scale}.sqlite3"
    stamp = path.with_suffix(".json")
    if stamp.exists():
        return path
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    print(f"  generating {scale:,} positions with {label} ({commit}) …", flush=True)
    started = time.perf_counter()
    out = subprocess.run(
        [str(run.PY), "bench/generate.py", "--positions", str(scale), "--url", f"sqlite:///{path}"],
        cwd=tree,
        env=tree_env(tree),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    info = json.loads(out.strip().splitlines()[-1])
    vacuum_started = time.perf_counter()
    subprocess.run(
        [str(run.PY), "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('VACUUM'); c.close()"]
        + [str(path)],
        check=True,
    )
    info |= {
        "commit": commit,
        "generate_seconds": round(vacuum_started - started, 1),
        "vacuum_seconds": round(time.perf_counter() - vacuum_started, 1),
    }
    stamp.write_text(json.dumps(info))
    return path


class TreeServer(run.Server):
    """bench/run.py's server, started in another tree's directory with that tree's code."""

    def __init__(self, tree: Path, argv: list[str], env: dict[str, str], health: str, cpu: int) -> None:
        self.health = health
        with open(run.TMP / "server.log", "ab") as log:  # the child keeps its own descriptor
            self.proc = subprocess.Popen(
                run.pinned(argv, cpu),
                env={**tree_env(tree), **env},
                cwd=tree,
                stdout=subprocess.DEVNULL,
                stderr=log,
                start_new_session=True,
            )
        try:
            run.wait_http(health)
        except Exception:
            self.stop()
            raise


def start(tree: Path, label: str, db: Path, args: argparse.Namespace) -> tuple[run.Peer, dict[str, Any]]:
    """The API of `tree` on `db` and the path (and wrk script) of each case, read from its own corpus."""
    url = f"sqlite:///{db}"
    params = run.cases(url)
    port = run.free_port()
    base = f"http://127.0.0.1:{port}"
    argv = [str(run.UVICORN), "app.main:create_app", "--factory", "--host", "127.0.0.1", "--port", str(port)]
    argv += ["--app-dir", str(tree), "--workers", str(args.workers), "--no-access-log", "--log-level", "warning"]
    server = TreeServer(tree, argv, {"DATABASE_URL": url}, base + "/health", args.server_cpu)
    peer = run.Peer(label, server, base)
    try:
        (t, le, _), (rt, rl, _) = params["hot"], params["rare"]
        hot_path = f"/v1/positions?topic={t}&leader={le}"
        deep, page = run.deep_page(base, hot_path, 200)  # each commit's own cursor
        peer.cases = {
            "pair_hot": (hot_path, None),
            "pair_rare": (f"/v1/positions?topic={rt}&leader={rl}", None),
            "by_id": ("/v1/positions/", run.id_script("/v1/positions/", params["max_id"])),
            "deep_page": (deep, None),
            "country_act": ("/v1/positions?country=China&act=oppose", None),
            "topics_any_dates": (f"/v1/positions?topic={t}&topic={rt}&date_from=2020-01-01&sort=date", None),
            "search_rare": (f"/v1/positions?q={params['rare_word']}", None),
            "facets": (f"/v1/positions?topic={params['facet_topic'][0]}&facets=topic,leader,act&limit=1", None),
            "search": (f"/v1/positions?q={params['word']}", None),
        }
        params["deep_page"] = page
    except Exception:
        peer.stop()
        raise
    return peer, params


def answer(peer: run.Peer, case: str) -> dict[str, Any]:
    """What the case's first request answers: status, and for a list its ids, total and facets."""
    path, script = peer.cases[case]
    if script:
        path += "1"
    with urllib.request.urlopen(peer.base + path, timeout=120) as r:
        body = json.load(r)
        out: dict[str, Any] = {"status": r.status}
    if isinstance(body, dict) and "items" in body:
        out["ids"] = [item["id"] for item in body["items"]]
        out["total"] = body.get("total")
        if body.get("facets"):
            out["facets"] = body["facets"]
    elif isinstance(body, dict):
        out["id"] = body.get("id")
    return out


def compare_answers(old: run.Peer, new: run.Peer, cases: list[str]) -> dict[str, str]:
    """Whether both commits answer each case alike: the bench compares the same work, or says it does not."""
    out = {}
    for case in cases:
        a, b = answer(old, case), answer(new, case)
        if a["status"] != 200 or b["status"] != 200:
            out[case] = f"status {a['status']} / {b['status']}"
        elif a.get("ids") != b.get("ids") or a.get("id") != b.get("id"):
            out[case] = "different positions"
        elif a.get("total") != b.get("total"):
            out[case] = f"same page, total {a.get('total')} / {b.get('total')}"
        elif a.get("facets") != b.get("facets"):
            out[case] = "same page, different facets"
        else:
            out[case] = "same"
    return out


def measure(peer: run.Peer, case: str, args: argparse.Namespace) -> dict[str, Any]:
    path, script = peer.cases[case]
    url = peer.base + path
    quiet = run.wrk(url, 1, args.unloaded, script, args.wrk_cpu) if args.unloaded else {"p50_ms": None}
    loaded = run.wrk(url, args.connections, args.duration, script, args.wrk_cpu)
    peer.settle()
    return {"unloaded_p50_ms": quiet["p50_ms"], **loaded}


def loadavg() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def summary(rounds: list[dict[str, dict[str, Any]]]) -> dict[str, Any]:
    """Medians of each side, and the median and range of the per-round new/old ratios."""

    def med(side: str, key: str) -> float | None:
        values = [r[side][key] for r in rounds if r[side].get(key) is not None]
        return round(statistics.median(values), 2) if values else None

    ratios = [r["new"]["rps"] / r["old"]["rps"] for r in rounds if r["old"]["rps"] > 0]
    lo, hi = (min(ratios), max(ratios)) if ratios else (0.0, 0.0)
    return {
        "old_rps": med("old", "rps"),
        "new_rps": med("new", "rps"),
        "ratio": round(statistics.median(ratios), 3) if ratios else None,
        "ratio_range": [round(lo, 3), round(hi, 3)],
        "verdict": "slower" if ratios and hi < 1 else "faster" if ratios and lo > 1 else "no difference shown",
        "rounds_new_slower": sum(ratio < 1 for ratio in ratios),
        "old_p50_ms": med("old", "p50_ms"),
        "new_p50_ms": med("new", "p50_ms"),
        "old_unloaded_p50_ms": med("old", "unloaded_p50_ms"),
        "new_unloaded_p50_ms": med("new", "unloaded_p50_ms"),
        "non_2xx": sum(r[side]["non_2xx"] for r in rounds for side in ("old", "new")),
    }


def fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def markdown(results: dict[str, Any]) -> str:
    lines = [
        f"## {results['old']['commit']} (old) vs {results['new']['commit']} (new), "
        f"{int(results['scale']):,} positions, SQLite, {results['started']}",
        "",
        f"{results['rounds']} rounds; per round and case old then new (new first in every other round); "
        f"wrk {results['connections']} connections for {results['duration']:g} s (req/s, p50) after 1 connection "
        f"for {results['unloaded']:g} s (unloaded p50). {results['workers']} uvicorn workers per commit; "
        f"{results['pinning']} Load average {results['load'][0]}–{results['load'][1]} during the run.",
        "",
        "| case | old req/s | new req/s | new/old, median (range over rounds) | rounds new slower | verdict "
        "| p50 ms old → new (loaded) | unloaded p50 ms old → new | answers |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for case, s in results["cases"].items():
        lo, hi = s["ratio_range"]
        errors = f", {s['non_2xx']} non-2xx" if s["non_2xx"] else ""
        ratio = f"{s['ratio']:.2f}× ({lo:.2f}–{hi:.2f})" if s["ratio"] is not None else "– (old answered none)"
        lines.append(
            f"| {case} | {fmt(s['old_rps'])} | {fmt(s['new_rps'])} | {ratio} "
            f"| {s['rounds_new_slower']}/{results['rounds']} "
            f"| {s['verdict']} | {fmt(s['old_p50_ms'])} → {fmt(s['new_p50_ms'])} "
            f"| {fmt(s['old_unloaded_p50_ms'])} → {fmt(s['new_unloaded_p50_ms'])} "
            f"| {results['answers'].get(case, '')}{errors} |"
        )
    lines.append("")
    lines.append(f"Whole run: {results['total_seconds'] / 60:.1f} min.")
    return "\n".join(lines)


def worker(db: Path) -> None:
    """`--worker DB`, started with its cwd and PYTHONPATH on a tree: that tree's app called in process as ASGI
    (bench/profile_request.py's harness: no server, no socket). For each line `CASE<TAB>PATH<TAB>N` on stdin
    it answers N requests and writes back the CPU time per request. `{id}` in a path is a random position
    id (seeded); `deep:PATH` is the page reached by following `next` 199 times from PATH."""
    import profile_request  # before the tree goes first: it puts this project's root first on sys.path

    sys.path.insert(0, os.getcwd())
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    from app.main import create_app

    app = create_app()
    loop = asyncio.new_event_loop()
    rng = random.Random(7)
    with sqlite3.connect(db) as conn:
        max_id = conn.execute("SELECT max(id) FROM position").fetchone()[0]

    def get(path: str) -> bytes:
        status, body = loop.run_until_complete(profile_request.call(app, path))
        if status != 200:
            raise SystemExit(f"{path}: {status} {body[:300]!r}")
        return body

    resolved: dict[str, str] = {}
    print(json.dumps({"app": sys.modules["app.main"].__file__}), flush=True)
    for line in sys.stdin:
        case, path, count = line.rstrip("\n").split("\t")
        if case not in resolved:
            if path.startswith("deep:"):
                path = path.removeprefix("deep:")
                for _ in range(199):
                    nxt = json.loads(get(path))["next"]
                    if not nxt:
                        break
                    parts = urllib.parse.urlsplit(nxt)
                    path = f"{parts.path}?{parts.query}"
            resolved[case] = path
            for _ in range(3):  # warm: statements prepared, pages cached
                get(path.replace("{id}", str(rng.randint(1, max_id))))
        paths = [resolved[case].replace("{id}", str(rng.randint(1, max_id))) for _ in range(int(count))]
        cpu = time.process_time()
        for one in paths:
            get(one)
        print(json.dumps({"cpu_ms": (time.process_time() - cpu) / len(paths) * 1e3}), flush=True)


def pipes(proc: subprocess.Popen[str]) -> tuple[IO[str], IO[str]]:
    """The stdin and stdout of a worker started with both piped."""
    assert proc.stdin is not None and proc.stdout is not None
    return proc.stdin, proc.stdout


def in_process(trees: dict[str, Path], dbs: dict[str, Path], args: argparse.Namespace) -> dict[str, Any]:
    """Each case's CPU per request in process, old and new in two workers pinned to `--server-cpu`, alternated
    in batches of about `--batch-seconds` (new first in every other round): the request path's own cost
    without the servers, sockets and wrk, so far less exposed to the box's load than req/s."""
    procs: dict[str, subprocess.Popen[str]] = {}
    paths: dict[str, dict[str, str]] = {}
    try:
        for label, tree in trees.items():
            procs[label] = subprocess.Popen(
                run.pinned(
                    [str(run.PY), str(BENCH / "compare_commits.py"), "--worker", str(dbs[label])], args.server_cpu
                ),
                cwd=tree,
                env=tree_env(tree),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            print(f"  {label}: {json.loads(pipes(procs[label])[1].readline())['app']}", flush=True)
            params = run.cases(f"sqlite:///{dbs[label]}")
            (t, le, _), (rt, rl, _) = params["hot"], params["rare"]
            hot = f"/v1/positions?topic={t}&leader={le}"
            paths[label] = {
                "pair_hot": hot,
                "pair_rare": f"/v1/positions?topic={rt}&leader={rl}",
                "by_id": "/v1/positions/{id}",
                "deep_page": f"deep:{hot}",
                "country_act": "/v1/positions?country=China&act=oppose",
                "topics_any_dates": f"/v1/positions?topic={t}&topic={rt}&date_from=2020-01-01&sort=date",
                "search_rare": f"/v1/positions?q={params['rare_word']}",
                "facets": f"/v1/positions?topic={params['facet_topic'][0]}&facets=topic,leader,act&limit=1",
                "search": f"/v1/positions?q={params['word']}",
            }

        def batch(label: str, case: str, count: int) -> float:
            stdin, stdout = pipes(procs[label])
            stdin.write(f"{case}\t{paths[label][case]}\t{count}\n")
            stdin.flush()
            return float(json.loads(stdout.readline())["cpu_ms"])

        out: dict[str, Any] = {}
        for case in args.cases:
            cost = max(batch("old", case, 3), batch("new", case, 3), 0.01)
            count = max(1, round(args.batch_seconds * 1000 / cost))
            rounds = []
            for n in range(args.rounds):
                order = ["old", "new"] if n % 2 == 0 else ["new", "old"]
                rounds.append({label: batch(label, case, count) for label in order})
            ratios = [r["new"] / r["old"] for r in rounds]
            out[case] = {
                "requests_per_batch": count,
                "old_cpu_ms": round(statistics.median(r["old"] for r in rounds), 3),
                "new_cpu_ms": round(statistics.median(r["new"] for r in rounds), 3),
                "ratio": round(statistics.median(ratios), 3),
                "ratio_range": [round(min(ratios), 3), round(max(ratios), 3)],
                "rounds_new_slower": sum(ratio > 1 for ratio in ratios),
                "raw": rounds,
            }
            print(f"  {case}: new/old CPU {out[case]['ratio']:.2f}", flush=True)
        return out
    finally:
        for proc in procs.values():
            if proc.stdin:
                proc.stdin.close()
            proc.wait(60)


def in_process_markdown(results: dict[str, Any]) -> str:
    lines = [
        f"## In process: {results['old']['commit']} (old) vs {results['new']['commit']} (new), "
        f"{int(results['scale']):,} positions, SQLite, {results['started']}",
        "",
        f"CPU time per request of the app called as ASGI (no server), old and new workers pinned to one core, "
        f"{results['rounds']} alternated batches of ~{results['batch_seconds']:g} s per case. "
        f"Load average {results['load'][0]}–{results['load'][1]}.",
        "",
        "| case | old CPU ms | new CPU ms | new/old, median (range over rounds) | rounds new slower |",
        "|---|---|---|---|---|",
    ]
    for case, s in results["cases"].items():
        lo, hi = s["ratio_range"]
        lines.append(
            f"| {case} | {fmt(s['old_cpu_ms'])} | {fmt(s['new_cpu_ms'])} | {s['ratio']:.2f}× ({lo:.2f}–{hi:.2f}) "
            f"| {s['rounds_new_slower']}/{results['rounds']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--old", type=Path, help="worktree of the baseline commit (required to measure)")
    parser.add_argument("--new", type=Path, default=run.ROOT, help="tree of the new code (default: this one)")
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--db-dir", type=Path, default=run.TMP / "compare")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=float, default=5, help="seconds of each loaded wrk run")
    parser.add_argument("--unloaded", type=float, default=2, help="seconds of each 1-connection run (0: none)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cases", nargs="+", default=CASES, choices=CASES)
    parser.add_argument("--server-cpu", type=int, default=1, help="core both servers are pinned to (-1: none)")
    parser.add_argument("--wrk-cpu", type=int, default=0, help="core wrk is pinned to (-1: none)")
    parser.add_argument("--corpora-only", action="store_true", help="build (or find) both corpora and stop")
    parser.add_argument("--render", type=Path, help="rewrite the table of a saved compare-*.json and stop")
    parser.add_argument(
        "--in-process", action="store_true", help="CPU per request of the app as ASGI instead of served req/s"
    )
    parser.add_argument("--batch-seconds", type=float, default=0.5, help="--in-process: CPU seconds per batch")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    if args.render:
        saved = json.loads(args.render.read_text())
        saved["cases"] = {case: summary(r) for case, r in saved["raw"].items()}
        args.render.write_text(json.dumps(saved, indent=1))
        args.render.with_suffix(".md").write_text(markdown(saved) + "\n")
        print(markdown(saved))
        return
    if not args.old:
        parser.error("--old is required")
    args.db_dir.mkdir(parents=True, exist_ok=True)
    run.TMP.mkdir(parents=True, exist_ok=True)
    trees = {"old": args.old.resolve(), "new": args.new.resolve()}
    dbs = {label: ensure_corpus(tree, label, args.scale, args.db_dir) for label, tree in trees.items()}
    if args.corpora_only:
        return
    if args.in_process:
        started = dt.datetime.now(dt.UTC).replace(microsecond=0)
        load = [loadavg()]
        cases = in_process(trees, dbs, args)
        load.append(loadavg())
        results = {
            "started": started.isoformat(),
            "scale": args.scale,
            "rounds": args.rounds,
            "batch_seconds": args.batch_seconds,
            "load": [min(load), max(load)],
            "old": {"tree": str(trees["old"]), "commit": commit_of(trees["old"])},
            "new": {"tree": str(trees["new"]), "commit": commit_of(trees["new"])},
            "cases": cases,
        }
        name = f"compare-inprocess-{started.strftime('%Y%m%dT%H%M%SZ')}-{args.scale}"
        (BENCH / "results" / f"{name}.json").write_text(json.dumps(results, indent=1))
        table = in_process_markdown(results)
        (BENCH / "results" / f"{name}.md").write_text(table + "\n")
        print(table)
        return
    started = dt.datetime.now(dt.UTC).replace(microsecond=0)
    clock = time.perf_counter()
    peers: dict[str, run.Peer] = {}
    try:
        params = {}
        for label, tree in trees.items():
            peers[label], params[label] = start(tree, label, dbs[label], args)
        answers = compare_answers(peers["old"], peers["new"], args.cases)
        for case in args.cases:  # one short pass of each case warms both files' pages and both apps
            for peer in peers.values():
                run.wrk(peer.base + peer.cases[case][0], 4, 1, peer.cases[case][1], args.wrk_cpu)
                peer.settle()
        loads = [loadavg()]
        rounds: dict[str, list[dict[str, dict[str, Any]]]] = {case: [] for case in args.cases}
        for n in range(args.rounds):
            order = ["old", "new"] if n % 2 == 0 else ["new", "old"]
            for case in args.cases:
                rounds[case].append({label: measure(peers[label], case, args) for label in order})
                loads.append(loadavg())
            print(
                f"round {n + 1}: "
                + ", ".join(
                    f"{c} {r[-1]['new']['rps'] / max(r[-1]['old']['rps'], 0.1):.2f}" for c, r in rounds.items()
                ),
                flush=True,
            )
    finally:
        for peer in peers.values():
            peer.stop()
    results: dict[str, Any] = {
        "started": started.isoformat(),
        "scale": args.scale,
        "rounds": args.rounds,
        "duration": args.duration,
        "unloaded": args.unloaded,
        "connections": args.connections,
        "workers": args.workers,
        "pinning": f"Servers on core {args.server_cpu}, wrk on core {args.wrk_cpu}." if args.server_cpu >= 0 else "",
        "load": [min(loads), max(loads)],
        "old": {"tree": str(trees["old"]), "commit": commit_of(trees["old"]), "params": params["old"]},
        "new": {"tree": str(trees["new"]), "commit": commit_of(trees["new"]), "params": params["new"]},
        "corpora": {label: json.loads(db.with_suffix(".json").read_text()) for label, db in dbs.items()},
        "answers": answers,
        "cases": {case: summary(r) for case, r in rounds.items()},
        "raw": rounds,
        "total_seconds": round(time.perf_counter() - clock, 1),
    }
    name = f"compare-{started.strftime('%Y%m%dT%H%M%SZ')}-{args.scale}"
    out = BENCH / "results"
    (out / f"{name}.json").write_text(json.dumps(results, indent=1))
    table = markdown(results)
    (out / f"{name}.md").write_text(table + "\n")
    print(table)


if __name__ == "__main__":
    main()
