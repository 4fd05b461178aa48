"""PATHS: directories, standard input, the current directory, order and progress."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from cli_support import SAMPLES, SEED, run
from followup_cli.cli.progress import PROGRESS_THRESHOLD
from followup_cli.cli.status import ExitStatus

REPO_ROOT = Path(__file__).resolve().parent.parent


def test_symlink_loop_is_a_warning_in_a_run(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "r2_s27_ict.html", tmp_path / "r2_s27_ict.html")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    result = run(["list", str(tmp_path), "--format", "tsv"])
    assert result.exit_code == ExitStatus.OK
    assert result.stderr == f"warning: {tmp_path / 'loop'}: symbolic link loop, not followed\n"
    assert "\tS27\t" in result.stdout


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)
    result = run(["list", "-", "--json"], stdin=(REPO_ROOT / SEED).read_bytes())
    assert result.exit_code == ExitStatus.OK
    records = json.loads(result.stdout)
    assert [(record["source"], record["code"]) for record in records] == [("<stdin>", "S27")]


def test_no_paths_means_the_current_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SAMPLES)
    result = run(["list", "--format", "jsonl"])
    assert result.exit_code == ExitStatus.OK
    sources = {json.loads(line)["source"] for line in result.stdout.splitlines()}
    assert sources == {path.name for path in SAMPLES.glob("*.html")}


def _many_pages(tmp_path: Path) -> Path:
    for number in range(PROGRESS_THRESHOLD + 1):
        shutil.copy(SAMPLES / "r2_s27_ict.html", tmp_path / f"r2_page{number:02}.html")
    return tmp_path


def test_progress_bar_on_a_terminal_stderr_for_many_files(tmp_path: Path) -> None:
    directory = _many_pages(tmp_path)
    total = PROGRESS_THRESHOLD + 1
    result = run(["list", str(directory), "--format", "jsonl"], stderr_tty=True)
    assert result.exit_code == ExitStatus.OK
    assert "Reading pages" in result.stderr
    assert f"{total}/{total}" in result.stderr
    # stdout carries the data alone.
    assert len(result.stdout.splitlines()) == total


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    result = run(["list", str(_many_pages(tmp_path)), "--json"], stderr_tty=False)
    assert result.exit_code == ExitStatus.OK
    assert result.stderr == ""


def test_no_progress_bar_while_records_stream_to_the_terminal(tmp_path: Path) -> None:
    result = run(["filter", str(_many_pages(tmp_path)), "-f", "jsonl"], tty=True, stderr_tty=True)
    assert result.exit_code == ExitStatus.OK
    assert result.stderr == ""


def test_no_progress_bar_for_a_few_files(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "r2_s27_ict.html", tmp_path / "r2.html")
    result = run(["list", str(tmp_path), "--json"], stderr_tty=True)
    assert result.stderr == ""


def test_a_file_name_that_is_not_utf8_does_not_stop_the_run(tmp_path: Path) -> None:
    name = os.fsdecode(b"r2_\xff.html")
    shutil.copy(SAMPLES / "r2_s27_ict.html", tmp_path / name)
    for output_format in ("tsv", "csv", "json", "table"):
        result = run(["list", str(tmp_path), "--format", output_format], tty=True)
        assert result.exit_code == ExitStatus.OK, output_format
        assert "S27" in result.stdout
    records = json.loads(run(["list", str(tmp_path), "--json"]).stdout)
    assert records[0]["source"].endswith("r2_\\xff.html")
