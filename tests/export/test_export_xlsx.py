"""followup export to Excel, read back with openpyxl: text, types, headers, layout."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cli_support import REPO_ROOT, SAMPLES, run
from export_support import HOSTILE, export, filter_records
from followup_cli import parse_file
from followup_cli.cli.status import ExitStatus
from followup_cli.export import write_xlsx
from followup_cli.export.xlsx import (
    COLUMN_WIDTHS,
    LINE_POINTS,
    MAX_CELL_CHARACTERS,
    WRAPPED_KEYS,
    wrapped_lines,
)
from pages import measure_page


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)


def _sheet(path: Path, index: int) -> list[tuple[Any, ...]]:
    workbook = openpyxl.load_workbook(path)
    return list(workbook.worksheets[index].iter_rows(values_only=True))


def test_comments_sheet_holds_filters_records(tmp_path: Path) -> None:
    path = tmp_path / "samples.xlsx"
    export(["samples/minatono/", "-o", str(path)])
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["施策", "意見・返答"]
    header, *rows = _sheet(path, 1)
    assert header[:2] == ("年度", "和暦")
    assert {"事業又は施策名", "担当課", "外部評価実施者意見", "担当課返答"} <= set(header)
    column = {title: index for index, title in enumerate(header)}
    records = filter_records(order="sorted")
    assert len(rows) == len(records)
    for row, record in zip(rows, records, strict=True):
        assert row[column["年度"]] == record["fiscal_year"]
        assert row[column["外部評価実施者意見"]] == record["text"]
        assert row[column["担当課返答"]] == record["reply"]
        assert row[column["返答共有"]] is record["reply_shared"]
        assert row[column["意見番号"]] == record["number"]
        assert row[column["出典"]] == record["source"]
    eras = {row[column["年度"]]: row[column["和暦"]] for row in rows}
    assert eras == {2019: "令和元年度", 2020: "令和2年度", 2021: "令和3年度"}
    sections = {"overall": "全体", "issues": "課題", "other": "その他"}
    assert [row[column["区分"]] for row in rows] == [sections[r["section"]] for r in records]


def test_measures_sheet_counts_and_types(tmp_path: Path) -> None:
    path = tmp_path / "samples.xlsx"
    export(["samples/minatono/", "-o", str(path), "--headers", "en"])
    assert openpyxl.load_workbook(path).sheetnames == ["measures", "comments"]
    header, *rows = _sheet(path, 0)
    assert header == (
        "fiscal_year",
        "fiscal_year_era",
        "municipality",
        "code",
        "name",
        "department",
        "direction",
        "comment_count",
        "replied_count",
        "unanswered",
        "notes",
        "source",
    )
    listed = run(["list", "samples/minatono/", "--format", "jsonl"]).stdout.splitlines()
    assert len(rows) == len(listed) == 17
    by_key = {(row[-1], row[3]): dict(zip(header, row, strict=True)) for row in rows}
    s27 = by_key[("samples/minatono/r2_s27_ict.html", "S27")]
    assert (s27["comment_count"], s27["replied_count"], s27["unanswered"]) == (8, 2, 6)
    assert all(isinstance(row[0], int) and isinstance(row[7], int) for row in rows)
    # No code, or no municipality: empty cells, not "" or "None".
    assert any(row[3] is None for row in rows)
    assert any(row[2] is None for row in rows)
    assert {row[2] for row in rows} == {None, "みなと野市"}
    comment_header = _sheet(path, 1)[0]
    assert comment_header[:2] == ("fiscal_year", "fiscal_year_era")
    assert "reply_shared" in comment_header


def test_hostile_text_stays_text_without_apostrophes(tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    escaped = [text.replace("&", "&amp;").replace("<", "&lt;") for text in HOSTILE]
    page.write_text(
        measure_page(
            measure="=1+2【@dept】", direction=escaped[0], comments=[(t, t) for t in escaped]
        ),
        encoding="utf-8",
    )
    parsed = parse_file(page).measures[0]
    path = tmp_path / "hostile.xlsx"
    export([str(page), "-o", str(path)])
    workbook = openpyxl.load_workbook(path)
    measures, comments = workbook.worksheets
    assert measures["E2"].value == parsed.name == "=1+2"
    assert measures["F2"].value == parsed.department == "@dept"
    assert measures["G2"].value == parsed.direction
    texts = [(row[9].value, row[10].value) for row in comments.iter_rows(min_row=2)]
    assert texts == [(c.text, c.reply) for c in parsed.comments]
    for row in (*measures.iter_rows(min_row=2), *comments.iter_rows(min_row=2)):
        for cell in row:
            # "s": a string, never "f" (formula), "n" for a string that looks numeric.
            if isinstance(cell.value, str):
                assert cell.data_type == "s"
                assert not cell.quotePrefix
    assert {c.text for c in parsed.comments} >= {
        "001",
        "1e5",
        "TRUE",
        '=HYPERLINK("http://127.0.0.1/x","click")',
    }


def test_layout_frozen_header_autofilter_wrapped_text(tmp_path: Path) -> None:
    path = tmp_path / "samples.xlsx"
    export(["samples/minatono/", "-o", str(path)])
    workbook = openpyxl.load_workbook(path)
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert (
            sheet.auto_filter.ref
            == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
        )
        assert sheet.cell(1, 1).font.bold
    comments = workbook["意見・返答"]
    assert comments.cell(2, 10).alignment.wrap_text
    assert comments.column_dimensions["J"].width > 50


def test_a_text_too_long_for_a_cell_leaves_its_measure_out_with_an_error(tmp_path: Path) -> None:
    long_text = "長" * (MAX_CELL_CHARACTERS + 1)
    page = tmp_path / "long.html"
    page.write_text(measure_page(comments=[(long_text, "返答です。")]), encoding="utf-8")
    path = tmp_path / "out.xlsx"
    result = run(["export", "samples/minatono/r2_s27_ict.html", str(page), "-o", str(path)])
    assert result.exit_code == ExitStatus.FAILED
    assert f"Error: {page}: measure S27 left out of {path}" in result.stderr
    assert "32,767" in result.stderr
    _, *rows = _sheet(path, 0)
    assert [row[-1] for row in rows] == ["samples/minatono/r2_s27_ict.html"]


def test_a_failed_workbook_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "keep.xlsx"
    path.write_bytes(b"previous")
    report = parse_file(SAMPLES / "r2_s27_ict.html")

    def keep(measure: object) -> bool:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_xlsx([report], path, keep=keep)
    result = run(["export", "samples/minatono/", "-d", "存在しない課", "-o", str(path)])
    assert result.exit_code == ExitStatus.FAILED
    assert path.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.xlsx"]


def test_other_commands_never_load_the_export_libraries() -> None:
    code = (
        "import sys; from followup_cli.cli.app import app; "
        "print(sorted(m for m in ('xlsxwriter', 'sqlite3', 'followup_cli.export') if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"


def test_rows_are_tall_enough_for_their_wrapped_text(tmp_path: Path) -> None:
    assert wrapped_lines("短い", 60) == 1
    assert wrapped_lines("あ" * 30, 60) == 2  # 60 units of wide characters, 59 of room
    assert wrapped_lines("a" * 59, 60) == 1
    assert wrapped_lines("一行目\n二行目\n", 60) == 3
    path = tmp_path / "samples.xlsx"
    export(["samples/minatono/", "-o", str(path), "--headers", "en"])
    tall = 0
    for sheet in openpyxl.load_workbook(path).worksheets:
        keys = [cell.value for cell in sheet[1]]
        for row in sheet.iter_rows(min_row=2):
            needed = max(
                wrapped_lines(cell.value, COLUMN_WIDTHS[key])
                for key, cell in zip(keys, row, strict=True)
                if key in WRAPPED_KEYS and isinstance(cell.value, str)
            )
            height = sheet.row_dimensions[row[0].row].height
            assert (height or LINE_POINTS) == min(409, LINE_POINTS * needed)
            assert all(cell.alignment.vertical == "top" for cell in row if cell.value is not None)
            tall += needed > 1
    assert tall > 10


def test_readmes_python_example_runs_and_prints_what_it_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exporting: `followup export`", 1)[1].split("\n## ", 1)[0]
    (code,) = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)
    (tmp_path / "samples").symlink_to(SAMPLES)
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - README's own example
    printed = capsys.readouterr().out.strip()
    promised = code.rsplit("# ", 1)[1].strip()
    assert printed == promised
    assert (tmp_path / "samples.db").stat().st_size > 0
    assert openpyxl.load_workbook(tmp_path / "2020.xlsx").sheetnames == ["施策", "意見・返答"]
