"""Helpers for the CLI tests: run `followup` in-process with a chosen terminal.

The environment is injected through the Click context (``obj``), so a test
decides whether stdout and stderr are terminals, the width and NO_COLOR
without a real terminal; stdout and stderr stay apart in the result.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

import followup_cli
from followup_cli.cli.app import app
from followup_cli.cli.environment import Environment
from followup_cli.errors import FollowupError
from followup_cli.model import Comment, Measure, Report, Section

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLES = REPO_ROOT / "samples" / "minatono"
SEED = "samples/minatono/r2_s27_ict.html"
COMMANDS = ("list", "show", "filter")
FORMATS = ("table", "json", "jsonl", "csv", "tsv")


def run(
    args: Sequence[str],
    *,
    tty: bool = False,
    stderr_tty: bool = False,
    width: int = 100,
    no_color: bool | None = True,
    stdin: bytes | None = None,
    env: Mapping[str, str | None] | None = None,
) -> Result:
    """`followup ARGS` with stdout/stderr terminals or not, as asked."""

    def environment() -> Environment:
        return Environment.from_system(
            stdout_isatty=tty, stderr_isatty=stderr_tty, no_color=no_color, width=width
        )

    return CliRunner().invoke(
        app, list(args), input=stdin, env=env, obj=environment, catch_exceptions=False
    )


def distinct_pages(directory: Path, count: int, *, year: int = 2020) -> list[Path]:
    """``count`` small pages of fiscal ``year``, each a different measure (S1, S2...).

    No two share their bytes or a measure, so reading them gives no warning.
    """
    from fetch_site import followup_page  # noqa: PLC0415 - only these tests

    paths = []
    for number in range(1, count + 1):
        path = directory / f"page{number:03}.html"
        html = followup_page(year).replace("S27ICTの活用", f"S{number}施策その{number}")
        path.write_text(html, encoding="utf-8")
        paths.append(path)
    return paths


def unreadable(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    """Make ``paths`` behave as mode 000 does for a user who is not root.

    The tests run as root as often as not, and root reads everything: so the
    calls that a locked directory or file refuses (listing a directory,
    looking inside it, opening a file) raise PermissionError here for them.
    """
    import errno  # noqa: PLC0415
    import os  # noqa: PLC0415

    locked = [str(path) for path in paths]

    def refused(target: object) -> bool:
        text = os.fsdecode(target) if isinstance(target, str | bytes | os.PathLike) else ""
        return any(text == path or text.startswith(path + os.sep) for path in locked)

    def inside(target: object) -> bool:
        text = os.fsdecode(target) if isinstance(target, str | bytes | os.PathLike) else ""
        return any(text.startswith(path + os.sep) for path in locked)

    real_scandir, real_stat, real_open = os.scandir, os.stat, os.open

    def denied(target: object) -> PermissionError:
        return PermissionError(errno.EACCES, "Permission denied", os.fsdecode(str(target)))

    def scandir(target: Any = ".") -> Any:
        if refused(target):
            raise denied(target)
        return real_scandir(target)

    def stat(target: Any, *args: Any, **kwargs: Any) -> Any:
        if inside(target):
            raise denied(target)
        return real_stat(target, *args, **kwargs)

    def open_(target: Any, *args: Any, **kwargs: Any) -> Any:
        if refused(target):
            raise denied(target)
        return real_open(target, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "open", open_)


def golden_reports() -> list[dict[str, Any]]:
    paths = sorted(SAMPLES.glob("*.expected.json"))
    return [json.loads(path.read_text(encoding="utf-8")) for path in paths]


def golden_measures() -> list[dict[str, Any]]:
    measures: list[dict[str, Any]] = []
    for report in golden_reports():
        found = report["measures"]
        assert isinstance(found, list)
        measures.extend(found)
    return measures


def comment(
    number: int,
    text: str,
    reply: str | None = "対応します。",
    *,
    section: Section = "overall",
    reply_shared: bool = False,
) -> Comment:
    label = "全体に対する外部評価実施者意見（コメント）"
    if section == "issues":
        label = "課題に対する外部評価実施者意見（コメント）"
    return Comment(
        section=section,
        section_label=label,
        number=number,
        text=text,
        reply=reply,
        reply_shared=reply_shared,
    )


def measure(
    source: str,
    *,
    code: str | None = "S1",
    name: str = "施策",
    department: str | None = "情報課",
    direction: str | None = "継続します。",
    year: int | None = 2020,
    comments: Sequence[Comment] = (),
    municipality: str | None = None,
) -> Measure:
    return Measure(
        source=source,
        fiscal_year=year,
        code=code,
        name=name,
        department=department,
        direction=direction,
        comments=tuple(comments),
        notes=(),
        municipality=municipality,
    )


def report(source: str, *measures: Measure, warnings: Sequence[str] = ()) -> Report:
    return Report(
        source=source,
        fiscal_year=measures[0].fiscal_year if measures else None,
        title=None,
        measures=measures,
        warnings=tuple(warnings),
    )


Outcome = Report | FollowupError | Callable[[], Report]


def fake_pages(
    monkeypatch: pytest.MonkeyPatch, directory: Path, pages: Mapping[str, Outcome]
) -> list[str]:
    """Files named like ``pages``' keys, whose parsing returns (or raises) the value.

    The files exist (each holding its own name, so no two are the same page)
    and are read as any file is; the parser's entry point is replaced, so a
    test controls every character of the data, escape sequences included,
    which a real page would lose to the parser's cleaning.
    """
    paths = []
    outcomes: dict[str, Outcome] = {}
    for name, outcome in pages.items():
        path = directory / name
        path.write_text(name, encoding="utf-8")
        paths.append(str(path))
        outcomes[str(path)] = outcome

    def parse_html(data: bytes | str, *, source: str = "<string>", year: int | None = None) -> Report:
        outcome = outcomes[source]
        if isinstance(outcome, FollowupError):
            raise outcome
        if callable(outcome):
            return outcome()
        return outcome

    monkeypatch.setattr(followup_cli, "parse_html", parse_html)
    return paths
