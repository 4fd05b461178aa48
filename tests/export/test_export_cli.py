"""followup export's command line: formats, refusals and their messages."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cli_support import REPO_ROOT, run
from followup_cli.cli.fields import FIELDS
from followup_cli.cli.status import ExitStatus
from followup_cli.export.columns import LABELS
from followup_cli.export.sqlite import table_columns
from followup_cli.export.xlsx import COMMENT_KEYS, MEASURE_KEYS


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "out.txt"], "cannot tell the format from 'out.txt'"),
        (["-o", "samples"], "samples is a directory; name a file"),
        (["-o", "-"], "- is standard output; name a file"),
        (["-o", "x.xlsx", "--metadata", "m.json"], "Datasette metadata goes with SQLite"),
        (["-o", "x.db", "--headers", "fr"], "--headers"),
        (["-o", "x.db", "--format", "csv"], "--format"),
        ([], "Missing option '--output'"),
    ],
)
def test_usage_errors_name_the_option(tmp_path: Path, args: list[str], message: str) -> None:
    result = run(["export", "samples/minatono/r2_s27_ict.html", *args])
    assert result.exit_code == ExitStatus.USAGE
    assert message in " ".join(result.stderr.replace("│", " ").split())
    assert not (REPO_ROOT / "out.txt").exists()
    assert not (REPO_ROOT / "x.xlsx").exists()
    assert not (REPO_ROOT / "x.db").exists()


def test_format_option_overrides_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    result = run(["export", "samples/minatono/r2_s27_ict.html", "-o", str(path), "--format", "sqlite"])
    assert result.exit_code == ExitStatus.OK, result.stderr
    assert result.stdout == ""
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT code FROM measures").fetchall() == [("S27",)]
    book = tmp_path / "data.DB.XLSX"
    assert run(["export", "samples/minatono/", "-c", "s27", "-o", str(book)]).exit_code == ExitStatus.OK
    assert book.read_bytes()[:2] == b"PK"


def test_a_missing_directory_is_one_error_line(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "out.db"
    result = run(["export", "samples/minatono/", "-o", str(path)])
    assert result.exit_code == ExitStatus.FAILED
    assert result.stderr == f"Error: {path}: cannot write: No such file or directory\n"


def test_exported_names_are_the_record_vocabulary() -> None:
    # A column that records also have carries the records' name; only what
    # exports alone hold (ids, places, search forms, the era year) is new.
    own = {"id", "measure_id", "position", "text_folded", "reply_folded", "fiscal_year_era"}
    names = set(MEASURE_KEYS) | set(COMMENT_KEYS)
    for table in ("measures", "comments", "measure_summary", "department_summary"):
        names |= set(table_columns(table))
    assert names - own <= set(FIELDS)
    assert names == set(LABELS)


@pytest.mark.parametrize("name", ["kept.db", "kept.xlsx"])
def test_a_replaced_file_keeps_its_permissions(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"old")
    path.chmod(0o640)
    assert run(["export", "samples/minatono/r2_s27_ict.html", "-o", str(path)]).exit_code == ExitStatus.OK
    assert path.stat().st_mode & 0o777 == 0o640
    assert path.read_bytes() != b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_terminal_is_told_what_was_written_and_a_script_is_not(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    told = run(["export", "samples/minatono/", "-o", str(path)], stderr_tty=True)
    assert told.stderr == f"wrote 17 measures, 56 comments to {path}\n"
    quiet = run(["export", "samples/minatono/", "-o", str(path)])
    assert (quiet.stdout, quiet.stderr) == ("", "")
