"""Output formats with hostile text: CSV injection, TSV escapes, BOM, --output files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli_support import SEED, comment, fake_pages, measure, report, run
from followup_cli.cli.app import app
from followup_cli.cli.environment import Environment
from followup_cli.cli.output import csv_cell, neutralise_formula, tsv_cell
from followup_cli.cli.status import ExitStatus
from followup_cli.model import Report

FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)", "\tx", "\rx"]


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)


def _formula_page(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    comments = [comment(number, text, reply=text) for number, text in enumerate(FORMULAS, 1)]
    (path,) = fake_pages(
        monkeypatch,
        tmp_path,
        {
            "page.html": report(
                "page.html",
                measure("page.html", name="=1+2", department="@dept", comments=comments),
            )
        },
    )
    return path


def test_neutralise_formula_rules() -> None:
    for text in FORMULAS:
        assert neutralise_formula(text) == "'" + text
    for text in ("施策", "1-2", " =1", "'quoted", ""):
        assert neutralise_formula(text) == text
    # Numbers are ours, never formulas: only text cells are neutralised.
    assert csv_cell(-1) == "-1"
    assert csv_cell(None) == ""
    assert csv_cell(True) == "true"


def test_csv_cells_cannot_start_a_formula(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = _formula_page(monkeypatch, tmp_path)
    result = run(["filter", path, "--format", "csv"])
    assert result.exit_code == ExitStatus.OK
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["text"] for row in rows] == ["'" + text for text in FORMULAS]
    assert [row["reply"] for row in rows] == ["'" + text for text in FORMULAS]
    assert {row["name"] for row in rows} == {"'=1+2"}
    assert {row["department"] for row in rows} == {"'@dept"}
    listed = list(csv.DictReader(io.StringIO(run(["list", path, "-f", "csv"]).stdout)))
    assert listed[0]["name"] == "'=1+2"


def test_tsv_cells_cannot_start_a_formula_and_stay_on_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = _formula_page(monkeypatch, tmp_path)
    result = run(["filter", path, "--format", "tsv"])
    lines = result.stdout.splitlines()
    assert len(lines) == len(FORMULAS)
    texts = [line.split("\t")[8] for line in lines]
    assert texts == ['\'=HYPERLINK("http://x")', "'+1+1", "'-2", "'@SUM(A1)", "'\\tx", "'\\rx"]


def test_json_keeps_the_exact_text(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = _formula_page(monkeypatch, tmp_path)
    records = json.loads(run(["filter", path, "--json"]).stdout)
    assert [record["text"] for record in records] == FORMULAS
    assert records[0]["name"] == "=1+2"


def test_tsv_escapes_tab_newline_and_backslash() -> None:
    assert tsv_cell("a\tb\nc\\d\r\ne") == "a\\tb\\nc\\\\d\\r\\ne"
    assert tsv_cell(None) == ""
    assert tsv_cell(2020) == "2020"


def test_multiline_text_keeps_csv_rows_and_tsv_lines(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    text = "一段落目。\n二段落目\tタブ"
    (path,) = fake_pages(
        monkeypatch,
        tmp_path,
        {"p.html": report("p.html", measure("p.html", comments=[comment(1, text)]))},
    )
    rows = list(csv.DictReader(io.StringIO(run(["filter", path, "-f", "csv"]).stdout)))
    assert [row["text"] for row in rows] == [text]
    tsv = run(["filter", path, "-f", "tsv"]).stdout
    assert tsv.count("\n") == 1
    assert "一段落目。\\n二段落目\\tタブ" in tsv


def test_bom_only_for_csv_and_tsv() -> None:
    with_bom = run(["list", SEED, "--format", "csv", "--bom"])
    assert with_bom.stdout.startswith("\ufefffiscal_year,code,")
    assert run(["list", SEED, "--format", "tsv", "--bom"]).stdout.startswith("\ufeff2020\t")
    assert not run(["list", SEED, "--format", "csv"]).stdout.startswith("\ufeff")
    json_text = run(["list", SEED, "--json", "--bom"]).stdout
    assert json_text.startswith("[")
    assert json.loads(json_text)


def test_empty_results_are_valid_in_every_format() -> None:
    assert json.loads(run(["list", SEED, "--year", "1999", "--json"]).stdout) == []
    assert run(["list", SEED, "--year", "1999", "-f", "jsonl"]).stdout == ""
    assert run(["list", SEED, "--year", "1999", "-f", "tsv"]).stdout == ""
    assert run(["list", SEED, "--year", "1999", "-f", "csv"]).stdout.startswith("fiscal_year,")


# --- --output --------------------------------------------------------------------


def test_output_writes_the_same_bytes_as_stdout(tmp_path: Path) -> None:
    target = tmp_path / "measures.out"
    result = run(["list", "samples/minatono/", "--format", "csv", "-o", str(target)])
    assert result.exit_code == ExitStatus.OK
    assert result.stdout == ""
    piped = run(["list", "samples/minatono/", "--format", "csv"]).stdout_bytes
    assert target.read_bytes() == piped
    assert sorted(path.name for path in tmp_path.iterdir()) == ["measures.out"]


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("out.json", lambda text: isinstance(json.loads(text), list)),
        ("out.jsonl", lambda text: all(json.loads(line) for line in text.splitlines())),
        ("out.csv", lambda text: text.startswith("fiscal_year,source,code,")),
        ("out.tsv", lambda text: text.startswith("2020\t")),
        ("out.txt", lambda text: "（未回答）" in text),
    ],
)
def test_output_format_follows_the_file_extension(tmp_path: Path, name: str, check: object) -> None:
    target = tmp_path / name
    result = run(["filter", SEED, "-o", str(target)], tty=True)
    assert result.exit_code == ExitStatus.OK
    assert callable(check)
    assert check(target.read_text(encoding="utf-8"))


def test_an_interrupted_run_leaves_the_old_file_and_no_partial_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()

    def crash() -> Report:
        raise RuntimeError("disk on fire")

    first, second = fake_pages(
        monkeypatch,
        pages,
        {
            "a.html": report("a.html", measure("a.html", comments=[comment(1, "意見")])),
            "b.html": crash,
        },
    )
    target = tmp_path / "comments.jsonl"
    target.write_text("previous run\n", encoding="utf-8")
    result = run(["filter", first, second, "--format", "jsonl", "-o", str(target)])
    assert result.exit_code == ExitStatus.FAILED
    assert target.read_text(encoding="utf-8") == "previous run\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["comments.jsonl", "pages"]


def test_output_keeps_the_replaced_files_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("[]", encoding="utf-8")
    target.chmod(0o640)
    assert run(["list", SEED, "-o", str(target)]).exit_code == ExitStatus.OK
    assert target.stat().st_mode & 0o777 == 0o640
    assert json.loads(target.read_text(encoding="utf-8"))


def test_jsonl_is_written_as_pages_are_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    stdout = io.StringIO()
    seen_before_second_page: list[str] = []

    def second_page() -> Report:
        # By the time the second page is parsed, the first page's record is out.
        seen_before_second_page.append(stdout.getvalue())
        return report("b.html", measure("b.html", code="S2"))

    first, second = fake_pages(
        monkeypatch,
        tmp_path,
        {"a.html": report("a.html", measure("a.html", code="S1")), "b.html": second_page},
    )
    environment = Environment(
        stdin=io.BytesIO(),
        stdout=stdout,
        stderr=io.StringIO(),
        stdout_isatty=False,
        stderr_isatty=False,
        no_color=True,
        width=80,
    )
    result = CliRunner().invoke(app, ["list", first, second, "-f", "jsonl"], obj=environment)
    assert result.exit_code == ExitStatus.OK
    assert [json.loads(line)["code"] for line in seen_before_second_page[0].splitlines()] == ["S1"]
    assert [json.loads(line)["code"] for line in stdout.getvalue().splitlines()] == ["S1", "S2"]
