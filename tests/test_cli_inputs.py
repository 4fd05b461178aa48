"""PATHS: directories, standard input, the current directory, order and progress."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_support import SAMPLES, SEED, distinct_pages, run, unreadable
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
    distinct_pages(tmp_path, PROGRESS_THRESHOLD + 1)
    return tmp_path


def test_progress_bar_on_a_terminal_stderr_for_many_files(tmp_path: Path) -> None:
    directory = _many_pages(tmp_path)
    total = PROGRESS_THRESHOLD + 1
    result = run(["list", str(directory), "--format", "jsonl"], stderr_tty=True)
    assert result.exit_code == ExitStatus.OK
    assert "Reading pages" in result.stderr
    # Folders are walked as they are read: the bar counts, it has no total.
    assert f"{total} read" in result.stderr
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


def test_a_fifo_and_a_link_to_dev_zero_in_a_folder_are_skipped_not_read(tmp_path: Path) -> None:
    # In a subprocess with a timeout: before the fix the FIFO blocked for ever.
    shutil.copy(SAMPLES / "r2_s27_ict.html", tmp_path / "r2_s27_ict.html")
    os.mkfifo(tmp_path / "x.html")
    (tmp_path / "zero.html").symlink_to("/dev/zero")
    result = subprocess.run(
        [sys.executable, "-m", "followup_cli", "list", str(tmp_path), "-f", "tsv"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == ExitStatus.OK, result.stderr
    assert result.stderr.splitlines() == [
        f"warning: {tmp_path / 'x.html'}: a FIFO (named pipe), not a regular file: skipped",
        f"warning: {tmp_path / 'zero.html'}: a symbolic link to a character device, "
        "not a regular file: skipped",
    ]
    assert "\tS27\t" in result.stdout


def test_a_page_named_on_the_command_line_may_be_a_pipe(tmp_path: Path) -> None:
    # As a shell's <(...) gives one; a pipe that never ends is cut off.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    command = [sys.executable, "-m", "followup_cli", "list", str(fifo), "-f", "tsv"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        with fifo.open("wb") as writer:
            writer.write((SAMPLES / "r2_s27_ict.html").read_bytes())
        out, err = process.communicate(timeout=60)
    assert process.returncode == ExitStatus.OK, err
    assert b"\tS27\t" in out


def test_a_link_to_dev_zero_named_on_the_command_line_is_cut_off(tmp_path: Path) -> None:
    (tmp_path / "zero.html").symlink_to("/dev/zero")
    result = run(["list", str(tmp_path / "zero.html"), SEED, "-f", "tsv"])
    assert result.exit_code == ExitStatus.FAILED
    assert result.stderr == (
        f"Error: {tmp_path / 'zero.html'}: larger than 64 MiB: not a page, not read\n"
    )
    assert "\tS27\t" in result.stdout


def test_an_unreadable_folder_and_file_are_one_error_each_and_the_rest_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    distinct_pages(tmp_path, 2)
    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copy(SAMPLES / "r2_s27_ict.html", locked / "r2.html")
    unreadable(monkeypatch, locked, tmp_path / "page002.html")
    result = run(["list", str(tmp_path), "-f", "tsv"])
    assert result.exit_code == ExitStatus.FAILED
    assert result.stderr.splitlines() == [
        f"Error: {locked}: cannot list directory: Permission denied",
        f"Error: {tmp_path / 'page002.html'}: permission denied: the file cannot be read",
    ]
    assert [line.split("\t")[1] for line in result.stdout.splitlines()] == ["S1"]


def test_a_folder_given_twice_prints_each_measure_once() -> None:
    once = run(["list", "samples/minatono/", "-f", "tsv"], env={})
    twice = run(["list", "samples/minatono/", "samples/minatono/", "-f", "tsv"])
    assert twice.exit_code == ExitStatus.OK
    assert twice.stdout == once.stdout
    assert twice.stderr == "warning: samples/minatono/: given twice: read once\n"


def test_a_page_saved_twice_is_read_once_and_named_both_ways(tmp_path: Path) -> None:
    for name in ("r2_s27_ict.html", "r2_s27_ict (1).html"):
        shutil.copy(SAMPLES / "r2_s27_ict.html", tmp_path / name)
    result = run(["list", str(tmp_path), "-f", "tsv"])
    assert result.exit_code == ExitStatus.OK
    assert len(result.stdout.splitlines()) == 1
    first, second = tmp_path / "r2_s27_ict (1).html", tmp_path / "r2_s27_ict.html"
    assert result.stderr == (
        f"warning: {second}: the same page as {first} (identical bytes): read once\n"
    )
    # diff sees one S27 of 2020, so none is "removed".
    diff = run(["diff", str(tmp_path), "samples/minatono/fy2021_s27_digital.html", "--json"])
    assert diff.exit_code == ExitStatus.OK, diff.stderr
    counts = json.loads(diff.stdout)["counts"]
    assert (counts["removed"], counts["changed"]) == (0, 1)


def test_a_measure_on_two_pages_of_one_year_is_kept_warned_and_paired_once(
    tmp_path: Path,
) -> None:
    page = (SAMPLES / "r2_s27_ict.html").read_bytes()
    (tmp_path / "r2_a.html").write_bytes(page)
    # Saved on another day: the same measure, one more comment mark.
    (tmp_path / "r2_b.html").write_bytes(page.replace(b"</body>", b"<!-- b --></body>"))
    listed = run(["list", str(tmp_path), "-f", "tsv"])
    assert listed.exit_code == ExitStatus.OK
    assert len(listed.stdout.splitlines()) == 2
    assert listed.stderr == (
        f"warning: {tmp_path / 'r2_b.html'}: S27 of fiscal year 2020 is also on "
        f"{tmp_path / 'r2_a.html'}: both are kept; diff pairs it once\n"
    )
    diff = run(["diff", str(tmp_path), "samples/minatono/fy2021_s27_digital.html", "--json"])
    assert diff.exit_code == ExitStatus.OK, diff.stderr
    counts = json.loads(diff.stdout)["counts"]
    assert (counts["removed"], counts["added"]) == (0, 0)
    assert counts["changed"] == 1


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
        ("book.html", b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40 + b"[Content_Types].xml"),
        ("old.htm", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504),
        ("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20),
        ("pages.html", b"\x1f\x8b\x08\x00" + b"\x00" * 30),
    ],
)
def test_a_file_that_is_not_a_page_is_one_error_line_and_the_rest_prints(
    tmp_path: Path, name: str, data: bytes
) -> None:
    # Which words name the kind is the parser's; here: one line, the run goes on.
    path = tmp_path / name
    path.write_bytes(data)
    result = run(["list", str(path), SEED, "-f", "tsv"])
    assert result.exit_code == ExitStatus.FAILED
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: {path}: ")
    assert "Traceback" not in result.stderr
    assert "\tS27\t" in result.stdout


def test_the_same_code_in_two_municipalities_is_two_measures(tmp_path: Path) -> None:
    from fetch_site import followup_page  # noqa: PLC0415 - this test alone

    for name, city in (("r2_yamabuki.html", "山吹市"), ("r2_wakaba.html", "若葉市")):
        site = f'<meta property="og:site_name" content="{city}">'
        (tmp_path / name).write_text(
            followup_page(2020).replace("<title>", site + "<title>"), encoding="utf-8"
        )
    result = run(["list", str(tmp_path), "--json"])
    assert result.exit_code == ExitStatus.OK
    assert result.stderr == ""
    records = json.loads(result.stdout)
    assert sorted((r["municipality"], r["code"]) for r in records) == [
        ("山吹市", "S27"),
        ("若葉市", "S27"),
    ]
