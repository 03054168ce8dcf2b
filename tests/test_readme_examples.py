"""The README's shell examples are executable documentation: each ```sh block runs, as written, against a
live `summit serve` on the seed, and every command must exit 0 and every HTTP answer be a success, unless
the block says otherwise (issue 13: a curl that exits 3 on an unencoded space, a POST of the literal text
"…readout…", `summit` that is really `.venv/bin/summit`).

Markers, on the line just above a block:
- `<!-- readme-test: skip (why) -->`: not run (it builds or serves, or shows placeholders to fill in);
- `<!-- readme-test: expect 422 -->`: the statuses the block's requests may answer besides 2xx and 3xx.
A block that runs may not contain a placeholder ("…"): write a command that works, or mark the block.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from app.core.config import PROJECT_ROOT
from tests.live_server import summit_server

README = PROJECT_ROOT / "README.md"
FENCE = re.compile(r"^```(\w*)\s*$")
MARKER = re.compile(r"^<!--\s*readme-test:\s*(skip|expect)\b(.*?)-->\s*$")
SHELLS = {"sh", "bash", "shell", "console"}
STATUS = re.compile(r"^README-STATUS (\d{3})$", re.MULTILINE)


@dataclass
class Block:
    line: int  # of the opening fence, 1-based
    script: str
    skip: str | None = None
    expect: set[int] = field(default_factory=set)


def shell_blocks(text: str) -> list[Block]:
    """Every ```sh (bash, shell, console) block of a Markdown text, with the marker above it, if any."""
    lines = text.splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        fence = FENCE.match(lines[i])
        if not fence:
            i += 1
            continue
        end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
        if fence.group(1) in SHELLS:
            block = Block(line=i + 1, script="\n".join(lines[i + 1 : end]) + "\n")
            above = lines[i - 1] if i > 0 else ""
            marker = MARKER.match(above.strip())
            if marker and marker.group(1) == "skip":
                block.skip = marker.group(2).strip() or "marked skip"
            elif marker:
                block.expect = {int(code) for code in re.findall(r"\b\d{3}\b", marker.group(2))}
            blocks.append(block)
        i = end + 1
    return blocks


def test_the_parser_reads_markers_and_blocks() -> None:
    text = (
        "<!-- readme-test: skip (serves) -->\n```sh\nmake run\n```\n\n"
        "<!-- readme-test: expect 404 422 -->\n```sh\ncurl x\n```\n```json\n{}\n```\n```sh\necho ok\n```\n"
    )
    blocks = shell_blocks(text)
    assert [(b.line, b.skip, b.expect, b.script) for b in blocks] == [
        (2, "(serves)", set(), "make run\n"),
        (7, None, {404, 422}, "curl x\n"),
        (13, None, set(), "echo ok\n"),
    ]


def test_the_readme_has_runnable_examples_and_says_why_others_are_skipped() -> None:
    blocks = shell_blocks(README.read_text(encoding="utf-8"))
    runnable = [b for b in blocks if b.skip is None]
    assert len(runnable) >= 8
    for block in blocks:
        assert block.skip is None or len(block.skip) > 4, f"README.md:{block.line}: say why the block is skipped"
        if block.skip is None:
            assert "…" not in block.script, (
                f"README.md:{block.line}: a placeholder in a block that runs; write a command that works, "
                "or mark the block <!-- readme-test: skip (why) -->"
            )


def _curl_shim(folder: Path) -> Path:
    """A `curl` first on PATH that reports each transfer's status on stderr (curl -w %{stderr})."""
    real = next(
        (Path(d) / "curl" for d in os.environ.get("PATH", "").split(os.pathsep) if (Path(d) / "curl").is_file()), None
    )
    if real is None:
        pytest.skip("curl is not installed")
    shim = folder / "bin" / "curl"
    shim.parent.mkdir()
    shim.write_text(f"#!/bin/sh\nexec {real} --write-out '%{{stderr}}README-STATUS %{{http_code}}\\n' \"$@\"\n")
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    return shim.parent


def test_every_readme_example_runs_against_a_live_server(database_url: str, tmp_path: Path) -> None:
    blocks = [b for b in shell_blocks(README.read_text(encoding="utf-8")) if b.skip is None]
    work = tmp_path / "work"
    work.mkdir()
    (work / ".venv").symlink_to(PROJECT_ROOT / ".venv")
    (work / "data").symlink_to(PROJECT_ROOT / "data")
    shims = _curl_shim(tmp_path)
    env = {
        **os.environ,
        "PATH": f"{shims}{os.pathsep}{os.environ.get('PATH', '')}",
        "DATABASE_URL": database_url,
    }
    failures: list[str] = []
    statuses_seen = 0
    with summit_server(database_url) as base:
        port = base.rsplit(":", 1)[1]
        for block in blocks:
            script = block.script.replace("127.0.0.1:8000", f"127.0.0.1:{port}").replace(
                "localhost:8000", f"localhost:{port}"
            )
            result = subprocess.run(
                ["bash", "-e", "-c", script], cwd=work, env=env, capture_output=True, text=True, timeout=300
            )
            statuses = [int(code) for code in STATUS.findall(result.stderr)]
            statuses_seen += len(statuses)
            where = f"README.md:{block.line}"
            if result.returncode != 0:
                failures.append(f"{where}: exit {result.returncode}\n{result.stderr[-2000:]}")
            wrong = [s for s in statuses if not (200 <= s < 400 or s in block.expect)]
            if wrong:
                failures.append(f"{where}: HTTP {wrong}\n{result.stdout[-2000:]}")
            if block.expect and not set(statuses) & block.expect:
                failures.append(f"{where}: expected a {sorted(block.expect)} answer, got {statuses}")
            if "curl" in script and not statuses:
                failures.append(f"{where}: no HTTP answer recorded\n{result.stderr[-2000:]}")
    assert not failures, "\n\n".join(failures)
    assert statuses_seen >= 25
