"""Every SQL statement goes through bound parameters: no SQL is built from strings in the app.

Identifiers and PRAGMA values cannot be bound; a line that interpolates only those, from constants
or validated integers, carries the marker `# sql-identifiers-only` and is reviewed as such.
Migrations are DDL over constant identifiers and are not checked.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from app.core.config import PROJECT_ROOT

SQL_WORDS = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|WITH)\b|\bFROM\b.*\bWHERE\b", re.S)
MARKER = "# sql-identifiers-only"
EXECUTORS = {"execute", "exec", "text", "executescript", "exec_driver_sql"}


def _string_built(node: ast.expr) -> bool:
    """True for f-strings with placeholders, `%`/`+` concatenations and `.format` calls."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)):
        return True
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"


def offending_calls(source: str) -> list[int]:
    """Line numbers where a SQL-executing call receives a string built at run time."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args:
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in EXECUTORS and _string_built(node.args[0]):
                lines.append(node.lineno)
    return lines


def built_sql_literals(source: str) -> list[int]:
    """f-strings that contain SQL keywords anywhere (e.g. assigned first, executed later)."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.JoinedStr)
        and _string_built(node)
        and SQL_WORDS.search("".join(str(v.value) for v in node.values if isinstance(v, ast.Constant)))
    ]


def app_sources() -> list[Path]:
    return sorted((PROJECT_ROOT / "app").rglob("*.py"))


def test_the_checker_catches_string_built_sql() -> None:
    assert offending_calls('conn.execute(f"SELECT * FROM t WHERE a = {x}")') == [1]
    assert offending_calls('session.exec(text("SELECT " + col))') == [1]
    assert offending_calls('conn.execute("SELECT * FROM t WHERE a = ?", (x,))') == []
    assert built_sql_literals('q = f"DELETE FROM t WHERE id = {i}"') == [1]


def test_no_string_built_sql_in_the_app() -> None:
    problems = []
    for path in app_sources():
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        # A statement may span several lines once formatted: the marker may stand on any of them.
        ends: dict[int, int] = {}
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.expr | ast.stmt):
                ends[node.lineno] = max(ends.get(node.lineno, 0), node.end_lineno or node.lineno)
        for line in sorted(set(offending_calls(source) + built_sql_literals(source))):
            if not any(MARKER in text for text in lines[line - 1 : ends[line]]):
                problems.append(f"{path.relative_to(PROJECT_ROOT)}:{line}")
    assert problems == [], "SQL built from strings (use bound parameters): " + ", ".join(problems)
