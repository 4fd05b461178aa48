"""Failures: one line on stderr naming the input, the rest still printed, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import SEED, fake_pages, measure, report, run
from followup_cli.cli.status import ExitStatus
from followup_cli.errors import DecodeError
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
    assert result.exit_code == ExitStatus.INPUT_FAILED
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
    assert result.exit_code == ExitStatus.INPUT_FAILED
    assert result.stderr.startswith(f"Error: {not_a_page}: ")
    assert [record["source"] for record in json.loads(result.stdout)] == [SEED]


def test_an_unreachable_url_is_one_error_line_and_files_still_print() -> None:
    # Port 9 (discard) on loopback: refused at once, and never leaves the machine.
    url = "http://127.0.0.1:9/taiou.html"
    result = run(["list", url, SEED, "--format", "tsv"])
    assert result.exit_code == ExitStatus.INPUT_FAILED
    assert result.stderr.startswith(f"Error: {url}: ")
    assert result.stderr.count("\n") == 1
    assert "\tS27\t" in result.stdout


def test_an_empty_directory_is_a_failed_input(tmp_path: Path) -> None:
    result = run(["list", str(tmp_path)])
    assert result.exit_code == ExitStatus.INPUT_FAILED
    assert result.stderr == f"Error: {tmp_path}: no .html or .htm files in this directory\n"
    assert result.stdout == ""


def test_parser_warnings_go_to_stderr_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (path,) = fake_pages(
        monkeypatch,
        tmp_path,
        {
            "r2_page.html": report(
                "r2_page.html", measure("r2_page.html"), warnings=["表の途中で終わっています"]
            )
        },
    )
    result = run(["list", path, "--json"])
    assert result.exit_code == ExitStatus.OK
    assert result.stderr == "warning: r2_page.html: 表の途中で終わっています\n"
    assert len(json.loads(result.stdout)) == 1


def test_library_errors_from_the_parser_are_input_failures(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    good, bad = fake_pages(
        monkeypatch,
        tmp_path,
        {
            "good.html": report("good.html", measure("good.html")),
            "bad.html": DecodeError("bad.html", "not text in any Japanese encoding"),
        },
    )
    result = run(["list", good, bad, "--format", "jsonl"])
    assert result.exit_code == ExitStatus.INPUT_FAILED
    assert result.stderr == "Error: bad.html: not text in any Japanese encoding\n"
    assert json.loads(result.stdout)["source"] == "good.html"


def _crashing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    def crash() -> Report:
        raise RuntimeError("boom")

    (path,) = fake_pages(monkeypatch, tmp_path, {"crash.html": crash})
    return path


def test_an_unexpected_exception_is_one_line_without_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = _crashing(monkeypatch, tmp_path)
    result = run(["list", path])
    assert result.exit_code == ExitStatus.ERROR
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert "unexpected RuntimeError: boom" in lines[0]
    assert "--debug" in lines[0]


def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = _crashing(monkeypatch, tmp_path)
    result = run(["--debug", "list", path])
    assert result.exit_code == ExitStatus.ERROR
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert "RuntimeError: boom" in result.stderr
    from_environment = run(["list", path], env={"FOLLOWUP_DEBUG": "1"})
    assert from_environment.stderr.startswith("Traceback")


@pytest.mark.parametrize(
    "args",
    [
        ["list", "samples/", "--year", "2020年"],
        ["list", "samples/", "--year", "R"],
        ["filter", "samples/", "--section", "summary"],
        ["list", "samples/", "--json", "--format", "csv"],
        ["list", "samples/", "--format", "xml"],
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
    assert result.exit_code == ExitStatus.ERROR
    assert result.stderr.startswith(f"Error: cannot write {target}: ")
    assert not target.exists()
