"""--color and --no-color on every command; the diff readable when copied; no trailing spaces."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
import typer
from typer.core import TyperGroup

from cli_support import REPO_ROOT, run
from followup_cli import diff as diff_package
from followup_cli.cli.app import app
from followup_cli.cli.commands import diff as diff_command
from followup_cli.cli.status import ExitStatus

DIFF = ["diff", "samples/minatono/", "--from", "2020", "--to", "2021"]


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    return sorted(group.commands)


@pytest.mark.parametrize("name", _commands())
def test_every_command_takes_color_and_no_color(name: str) -> None:
    text = run([name, "--help"]).stdout
    assert "--color auto|always|never" in text
    assert "--no-color" in text


def test_color_always_colours_a_piped_table() -> None:
    piped = run(["list", "samples/minatono/", "--format", "table", "--color", "always"], no_color=False)
    assert piped.exit_code == ExitStatus.OK
    assert "\x1b[" in piped.stdout


@pytest.mark.parametrize("flags", [["--no-color"], ["--color", "never"]])
def test_no_color_on_a_terminal(flags: list[str]) -> None:
    result = run([*DIFF, *flags], tty=True, no_color=False)
    assert result.exit_code == ExitStatus.OK
    assert "\x1b[" not in result.stdout


def test_color_auto_follows_the_terminal() -> None:
    assert "\x1b[" in run(DIFF, tty=True, no_color=False).stdout
    assert "\x1b[" not in run(DIFF, tty=False, no_color=False).stdout


def test_the_diff_marks_changes_in_words_as_well_as_colour() -> None:
    coloured = run(DIFF, tty=True, no_color=False).stdout
    assert "\x1b[" in coloured
    assert "[-" in coloured and "{+" in coloured
    # Copied out of the terminal (colour gone), it is the plain diff.
    plain = run(DIFF, tty=True, no_color=True).stdout
    assert _strip_ansi(coloured) == plain


def _strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


@pytest.mark.parametrize(
    "args", [DIFF, ["list", "samples/minatono/", "-f", "table"], ["filter", "samples/minatono/", "-f", "table"], ["show", "S27", "samples/minatono/", "-f", "table"]]
)
def test_piped_tables_have_no_trailing_spaces(args: list[str]) -> None:
    result = run(args, tty=False)
    assert result.exit_code == ExitStatus.OK
    lines = result.stdout.splitlines()
    assert lines
    assert [line for line in lines if line != line.rstrip()] == []


def test_a_slow_pairing_says_so_on_a_terminal_and_clears_the_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = diff_package.diff_measures

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.3)
        return real(*args, **kwargs)

    monkeypatch.setattr(diff_package, "diff_measures", slow)
    monkeypatch.setattr(diff_command, "PAIRING_NOTICE_SECONDS", 0.01)
    result = run(DIFF, stderr_tty=True)
    assert result.exit_code == ExitStatus.OK
    assert re.fullmatch(r"pairing \d+ and \d+ measures…\r\x1b\[2K", result.stderr)


def test_a_quick_pairing_or_a_pipe_says_nothing() -> None:
    assert run(DIFF, stderr_tty=True).stderr == ""
    assert run(DIFF, stderr_tty=False).stderr == ""
