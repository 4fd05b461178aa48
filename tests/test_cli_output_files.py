"""--output FILE: replaced only by a run that read something and wrote it all."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cli_support import SAMPLES, SEED, run
from followup_cli.cli.status import ExitStatus

OLD = "the previous report\n"


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)


@pytest.mark.parametrize(
    ("command", "name"), [("list", "report.json"), ("filter", "out.csv"), ("show", "s27.json")]
)
def test_every_input_failing_leaves_the_file_untouched(
    tmp_path: Path, command: str, name: str
) -> None:
    target = tmp_path / name
    target.write_text(OLD, encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    args = [command, *(["S27"] if command == "show" else []), str(tmp_path / "nosuch.html"), str(empty)]
    result = run([*args, "-o", str(target)])
    assert result.exit_code == ExitStatus.FAILED
    assert target.read_text(encoding="utf-8") == OLD
    assert sorted(path.name for path in tmp_path.iterdir()) == ["empty", name]
    assert result.stderr.splitlines()[:2] == [
        f"Error: {tmp_path / 'nosuch.html'}: no such file or directory",
        f"Error: {empty}: no .html or .htm files in this directory",
    ]
    if command != "show":
        assert result.stderr.splitlines()[2] == (
            f"Error: no page could be read, so {target} is left as it was"
        )


def test_one_page_read_is_enough_to_write_even_if_nothing_is_selected(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text(OLD, encoding="utf-8")
    result = run(["list", SEED, str(tmp_path / "nosuch.html"), "-c", "X99", "-o", str(target)])
    assert result.exit_code == ExitStatus.FAILED
    assert target.read_text(encoding="utf-8") == "[]\n"


@pytest.mark.parametrize("inside_a_folder", [False, True])
def test_output_naming_an_input_is_refused_before_reading(
    tmp_path: Path, inside_a_folder: bool
) -> None:
    page = tmp_path / "r2_s27_ict.html"
    shutil.copy(SAMPLES / "r2_s27_ict.html", page)
    before = page.read_bytes()
    given = str(tmp_path) if inside_a_folder else str(page)
    result = run(["list", given, "-o", str(page)], width=200)
    assert result.exit_code == ExitStatus.USAGE
    assert result.stdout == ""
    assert "is one of the pages to read" in result.stderr
    assert page.read_bytes() == before
    assert list(tmp_path.iterdir()) == [page]


def test_diff_output_naming_an_input_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "r2.txt"
    shutil.copy(SAMPLES / "r2_s27_ict.html", page)
    before = page.read_bytes()
    result = run(["diff", str(page), "samples/minatono/fy2021_s27_digital.html", "-o", str(page)], width=200)
    assert result.exit_code == ExitStatus.USAGE
    assert page.read_bytes() == before
