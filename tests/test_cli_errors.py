"""Failures: one line on stderr naming the input, the rest still printed, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import followup_cli
from cli_support import SEED, run
from followup_cli.cli.status import ExitStatus
from followup_cli.model import Report


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)


def _bad_inputs(tmp_path: Path) -> tuple[str, str, str]:
    not_a_page = tmp_path / "menu.html"
    not_a_page.write_text("<html><body><p>お知らせ</p></body></html>", encoding="utf-8")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.html"
    return str(not_a_page), str(empty), str(missing)


@pytest.mark.parametrize("command", ["list", "filter"])
def test_a_failing_input_among_good_ones(command: str, tmp_path: Path) -> None:
    not_a_page, empty, missing = _bad_inputs(tmp_path)
    result = run([command, not_a_page, SEED, empty, missing, "--json"])
    assert result.exit_code == ExitStatus.FAILED
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    for line, name in zip(lines, (not_a_page, empty, missing), strict=True):
        assert line.startswith(f"Error: {name}: ")
    assert "Traceback" not in result.stderr
    records = json.loads(result.stdout)
    assert records
    assert {record["source"] for record in records} == {SEED}


def test_show_still_prints_what_it_found_when_an_input_fails(tmp_path: Path) -> None:
    not_a_page, _, _ = _bad_inputs(tmp_path)
    result = run(["show", "S27", not_a_page, SEED, "--json"])
    assert result.exit_code == ExitStatus.FAILED
    assert result.stderr.startswith(f"Error: {not_a_page}: ")
    assert [record["source"] for record in json.loads(result.stdout)] == [SEED]


def test_an_empty_directory_is_a_failed_input(tmp_path: Path) -> None:
    result = run(["list", str(tmp_path)])
    assert result.exit_code == ExitStatus.FAILED
    assert result.stderr == f"Error: {tmp_path}: no .html or .htm files in this directory\n"
    assert result.stdout == ""


def test_parser_warnings_go_to_stderr_only(tmp_path: Path) -> None:
    page = Path(SEED).read_bytes()
    cut = tmp_path / "r2_cut.html"
    cut.write_bytes(page[: page.rindex(b"</tr>")])
    result = run(["list", str(cut), "--json"])
    assert result.exit_code == ExitStatus.OK
    assert result.stderr == f"warning: {cut}: the page ends inside a table: it looks truncated, and its last row may be incomplete\n"
    assert len(json.loads(result.stdout)) == 1


def test_library_errors_from_the_parser_are_input_failures(tmp_path: Path) -> None:
    news = tmp_path / "news.html"
    news.write_text("<html><body><p>お知らせ</p></body></html>", encoding="utf-8")
    result = run(["list", SEED, str(news), "-f", "jsonl"])
    assert result.exit_code == ExitStatus.FAILED
    assert result.stderr.startswith(f"Error: {news}: ")
    assert result.stderr.count("\n") == 1
    assert {json.loads(line)["source"] for line in result.stdout.splitlines()} == {SEED}


def _crashing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    # A bug anywhere under the parser's entry point, as the CLI would meet it.
    def crash(data: bytes | str, *, source: str = "", year: int | None = None) -> Report:
        raise RuntimeError("boom")

    monkeypatch.setattr(followup_cli, "parse_html", crash)
    path = tmp_path / "crash.html"
    path.write_text("<p>x</p>", encoding="utf-8")
    return str(path)


def test_an_unexpected_exception_is_one_line_without_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = _crashing(monkeypatch, tmp_path)
    result = run(["list", path])
    assert result.exit_code == ExitStatus.FAILED
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert "unexpected RuntimeError: boom" in lines[0]
    assert "--debug" in lines[0]


def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = _crashing(monkeypatch, tmp_path)
    result = run(["--debug", "list", path])
    assert result.exit_code == ExitStatus.FAILED
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert "RuntimeError: boom" in result.stderr
    from_environment = run(["list", path], env={"FOLLOWUP_DEBUG": "1"})
    assert from_environment.stderr.startswith("Traceback")


@pytest.mark.parametrize(
    "args",
    [
        ["list", "samples/minatono/", "--year", "2020年"],
        ["list", "samples/minatono/", "--year", "R"],
        ["filter", "samples/minatono/", "--section", "summary"],
        ["list", "samples/minatono/", "--json", "--format", "csv"],
        ["list", "samples/minatono/", "--format", "xml"],
        ["show"],
        ["nonsense"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run(args)
    assert result.exit_code == ExitStatus.USAGE
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_output_into_a_missing_directory_is_an_error(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "out.json"
    result = run(["list", SEED, "-o", str(target)])
    assert result.exit_code == ExitStatus.FAILED
    assert result.stderr.startswith(f"Error: cannot write {target}: ")
    assert not target.exists()
