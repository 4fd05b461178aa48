"""Shared by the export tests: the samples exported once, and filter's view of them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from cli_support import run
from followup_cli.cli.status import ExitStatus

# Text that a spreadsheet, a browser or a terminal would act on if it were
# not kept as text: formulas, markup, escapes, XML-illegal and look-alike
# escapes that xlsx itself uses (_x0041_).
HOSTILE = (
    '=HYPERLINK("http://127.0.0.1/x","click")',
    "+1+1",
    "-2",
    "@SUM(A1:A9)",
    "<script>alert(1)</script>&amp;",
    "[red]markup[/red] *bold* `code`",
    "\x1b[31mred\x1b[0m and \x07 bell",
    # How xlsx writes "A" escaped: a literal one must be escaped in turn (_x005F_x0041_).
    "_x0041_ is an xlsx escape",
    "'quoted'",
    "001",
    "1e5",
    "TRUE",
)


def export(args: list[str]) -> None:
    result = run(["export", *args])
    assert result.exit_code == ExitStatus.OK, result.stderr


def filter_records(*args: str, order: str = "input") -> list[dict[str, Any]]:
    """`followup filter samples/ ARGS`, every comment in input order (``--jsonl``) or
    sorted like list (``--json``); the tests run from the repository root."""
    result = run(["filter", "samples/minatono/", *args, "--jsonl" if order == "input" else "--json"])
    assert result.exit_code == ExitStatus.OK, result.stderr
    if order == "input":
        return [json.loads(line) for line in result.stdout.splitlines()]
    records = json.loads(result.stdout)
    assert isinstance(records, list)
    return records


@contextmanager
def database(path: Path) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(path)) as connection:
        yield connection
