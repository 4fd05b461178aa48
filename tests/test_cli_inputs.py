"""PATHS: directories, standard input, the current directory, order and progress."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest

from cli_support import SAMPLES, SEED, run
from followup_cli.cli.inputs import (
    PROGRESS_THRESHOLD,
    Source,
    parse_sources,
    resolve_sources,
)
from followup_cli.cli.status import ExitStatus
from followup_cli.errors import FollowupError, InputReadError
from followup_cli.model import Report

REPO_ROOT = Path(__file__).resolve().parent.parent


def _names(items: tuple[Source | FollowupError, ...]) -> list[str]:
    return [item.name if isinstance(item, Source) else f"error:{item.source}" for item in items]


def test_directories_are_searched_recursively_in_name_order(tmp_path: Path) -> None:
    for name in (
        "b.html",
        "a.HTM",
        "z.txt",
        "sub/d.html",
        "sub/c.htm",
        ".hidden/x.html",
        "a2/e.html",
    ):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("", encoding="utf-8")
    resolution = resolve_sources([str(tmp_path)])
    relative = [str(Path(name).relative_to(tmp_path)) for name in _names(resolution.items)]
    assert relative == ["a.HTM", "a2/e.html", "b.html", "sub/c.htm", "sub/d.html"]
    assert resolution.notes == ()


def test_a_symlink_loop_is_noted_and_not_followed(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.html").write_text("", encoding="utf-8")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "again").symlink_to(tmp_path / "sub", target_is_directory=True)
    resolution = resolve_sources([str(tmp_path)])
    # The page is read once, though two links lead to it.
    # "again" sorts first and leads into sub/: its loop back to the root is
    # noted, and sub/ itself is not read a second time.
    assert _names(resolution.items) == [str(tmp_path / "again" / "page.html")]
    assert resolution.notes == (
        (str(tmp_path / "again" / "loop"), "symbolic link loop, not followed"),
    )


def test_symlink_loop_is_a_warning_in_a_run(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "r2_s27_ict.html", tmp_path / "r2_s27_ict.html")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    result = run(["list", str(tmp_path), "--format", "tsv"])
    assert result.exit_code == ExitStatus.OK
    assert result.stderr == f"warning: {tmp_path / 'loop'}: symbolic link loop, not followed\n"
    assert "\tS27\t" in result.stdout


def test_arguments_keep_their_order_and_failures_their_place(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("", encoding="utf-8")
    resolution = resolve_sources([str(page), "-", str(tmp_path / "missing.html"), "http://x.jp/a"])
    assert _names(resolution.items) == [
        str(page),
        "<stdin>",
        f"error:{tmp_path / 'missing.html'}",
        "http://x.jp/a",
    ]
    assert [item.kind for item in resolution.items if isinstance(item, Source)] == [
        "file",
        "stdin",
        "url",
    ]


def test_parse_sources_yields_in_input_order_with_errors_in_place() -> None:
    seed = REPO_ROOT / SEED
    items: list[Source | FollowupError] = [
        Source(str(seed), "file", seed),
        InputReadError("gone.html", "no such file or directory"),
        Source("<stdin>", "stdin"),
        Source("http://127.0.0.1:9/a.html", "url"),
    ]
    results = list(parse_sources(items, io.BytesIO(seed.read_bytes())))
    assert [name for name, _ in results] == [
        str(seed),
        "gone.html",
        "<stdin>",
        "http://127.0.0.1:9/a.html",
    ]
    outcomes = [outcome for _, outcome in results]
    assert isinstance(outcomes[0], Report)
    assert isinstance(outcomes[1], InputReadError)
    assert isinstance(outcomes[2], Report)
    assert isinstance(outcomes[3], InputReadError)


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
