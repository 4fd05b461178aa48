"""`followup list`, `show` and `filter` over samples/: records, formats, selectors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.core import TyperGroup

from cli_support import COMMANDS, FORMATS, REPO_ROOT, SEED, golden_measures, golden_reports, run
from followup_cli import __version__
from followup_cli.cli.app import app
from followup_cli.cli.status import ExitStatus

COMMENT_KEYS = [
    "fiscal_year",
    "source",
    "code",
    "name",
    "department",
    "section",
    "section_label",
    "number",
    "text",
    "reply",
    "reply_shared",
    "direction",
    "municipality",
]


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    # Sources are recorded as given: "samples/minatono/NAME.html", as in the golden files.
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)


def _key(record: dict[str, Any]) -> tuple[str, str]:
    return (str(record["source"]), str(record["name"]))


def _json(args: list[str]) -> list[dict[str, Any]]:
    result = run(args)
    assert result.exit_code == ExitStatus.OK, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    return data


def _args_for(command: str) -> list[str]:
    return [command, "S27", "samples/minatono/"] if command == "show" else [command, "samples/minatono/"]


# --- list ---------------------------------------------------------------------------


def test_list_json_is_every_golden_measure() -> None:
    records = _json(["list", "samples/minatono/", "--json"])
    expected = golden_measures()
    assert sorted(records, key=_key) == sorted(expected, key=_key)
    assert len(records) == len(expected)


def test_list_is_sorted_by_year_then_code() -> None:
    records = _json(["list", "samples/minatono/", "--format", "json"])
    years = [record["fiscal_year"] for record in records]
    assert years == sorted(years)
    codes_2019 = [record["code"] for record in records if record["fiscal_year"] == 2019]
    assert codes_2019 == ["A3", "B12", "C5", "E4", "S27"]
    # Measures without a code close their year.
    codes_2020 = [record["code"] for record in records if record["fiscal_year"] == 2020]
    assert codes_2020[-1] is None


def test_list_jsonl_is_one_record_a_line_in_input_order() -> None:
    result = run(["list", "samples/minatono/", "--format", "jsonl"])
    assert result.exit_code == ExitStatus.OK
    records = [json.loads(line) for line in result.stdout.splitlines()]
    # jsonl streams: pages in path order, measures as published.
    expected = [measure for report in golden_reports() for measure in report["measures"]]
    assert records == expected


def test_list_csv_has_a_header_and_the_counts() -> None:
    result = run(["list", "samples/minatono/", "--format", "csv"])
    assert result.exit_code == ExitStatus.OK
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == [
        "fiscal_year",
        "code",
        "name",
        "department",
        "comment_count",
        "replied_count",
        "direction",
        "source",
        "municipality",
        "notes",
    ]
    records = _json(["list", "samples/minatono/", "--json"])
    assert len(rows) == len(records)
    for row, record in zip(rows, records, strict=True):
        comments = record["comments"]
        assert isinstance(comments, list)
        assert row["code"] == (record["code"] or "")
        assert row["name"] == record["name"]
        assert row["comment_count"] == str(len(comments))
        replied = sum(1 for item in comments if item["reply"] is not None)
        assert row["replied_count"] == str(replied)
        assert row["direction"] == (record["direction"] or "")


def test_list_tsv_has_no_header_and_cut_f2_gives_the_codes() -> None:
    result = run(["list", "samples/minatono/", "--format", "tsv"])
    assert result.exit_code == ExitStatus.OK
    lines = result.stdout.splitlines()
    records = _json(["list", "samples/minatono/", "--json"])
    assert len(lines) == len(records)
    assert all(line.count("\t") == 9 for line in lines)
    assert [line.split("\t")[1] for line in lines] == [record["code"] or "" for record in records]


def test_default_is_tsv_when_stdout_is_not_a_terminal() -> None:
    piped = run(["list", "samples/minatono/"], tty=False)
    tsv = run(["list", "samples/minatono/", "--format", "tsv"], tty=False)
    assert piped.exit_code == ExitStatus.OK
    assert piped.stdout == tsv.stdout
    assert "\x1b" not in piped.stdout


def test_default_is_a_table_on_a_terminal() -> None:
    on_terminal = run(["list", "samples/minatono/"], tty=True)
    table = run(["list", "samples/minatono/", "--format", "table"], tty=True)
    assert on_terminal.exit_code == ExitStatus.OK
    assert on_terminal.stdout == table.stdout
    header = on_terminal.stdout.splitlines()[0].split()
    assert header == ["year", "code", "name", "department", "replied", "direction"]
    assert "──" in on_terminal.stdout


def test_list_year_accepts_every_spelling() -> None:
    outputs = {run(["list", "samples/minatono/", "--year", year]).stdout for year in ("2020", "R2", "令和2")}
    assert len(outputs) == 1
    records = _json(["list", "samples/minatono/", "--year", "R2", "--json"])
    assert records
    assert {record["fiscal_year"] for record in records} == {2020}
    heisei = _json(["list", "samples/minatono/", "--year", "H31", "--json"])
    assert {record["fiscal_year"] for record in heisei} == {2019}


def test_list_selectors_department_code_grep() -> None:
    by_department = _json(["list", "samples/minatono/", "-d", "情報", "--json"])
    assert {record["department"] for record in by_department} == {"情報課"}
    by_code = _json(["list", "samples/minatono/", "-c", "s27", "-c", "ａ３", "--json"])
    assert {record["code"] for record in by_code} == {"S27", "A3"}
    assert len(by_code) == 6
    # --grep looks into names, directions and comments, whatever the width.
    by_grep = _json(["list", "samples/minatono/", "-k", "ｔａｂｌｅｔ端末", "--json"])
    assert by_grep == []
    by_grep = _json(["list", "samples/minatono/", "-k", "タブレット端末", "--json"])
    assert [(record["fiscal_year"], record["code"]) for record in by_grep] == [(2019, "S27")]
    by_name = _json(["list", "samples/minatono/", "-k", "ict", "--json"])
    assert {record["code"] for record in by_name} == {"S27"}


# --- show ---------------------------------------------------------------------------


def test_show_prints_each_year_oldest_first() -> None:
    records = _json(["show", "S27", "samples/minatono/", "--json"])
    assert [record["fiscal_year"] for record in records] == [2019, 2020, 2021]
    expected = {_key(item): item for item in golden_measures() if item["code"] == "S27"}
    assert {_key(record): record for record in records} == expected


@pytest.mark.parametrize("spelling", ["s27", "Ｓ２７", " S27 "])
def test_show_code_ignores_case_and_width(spelling: str) -> None:
    records = _json(["show", spelling, "samples/minatono/", "--json"])
    assert [record["code"] for record in records] == ["S27"] * 3


def test_show_year_narrows_to_one_measure() -> None:
    records = _json(["show", "S27", "samples/minatono/", "--year", "令和2", "--json"])
    assert [record["source"] for record in records] == [SEED]


def test_show_table_reads_like_the_page() -> None:
    result = run(["show", "S27", "samples/minatono/"], tty=True, width=100)
    assert result.exit_code == ExitStatus.OK
    out = result.stdout
    positions = [
        out.index(year) for year in ("令和元年度 (2019)", "令和2年度 (2020)", "令和3年度 (2021)")
    ]
    assert positions == sorted(positions)
    assert "ICTの活用" in out
    assert "今後の市の方向性" not in out  # labels are the tool's, in plain words
    assert "direction" in out
    assert "全体に対する外部評価実施者意見（コメント） (overall)" in out
    # The seed's three unanswered comments in each section, plus one in 2021.
    assert out.count("（未回答）/ no reply") == 7


def test_show_table_prints_a_shared_reply_once() -> None:
    result = run(["show", "A3", "samples/minatono/", "--year", "2020"], tty=True, width=100)
    assert result.exit_code == ExitStatus.OK
    assert result.stdout.count("(the same reply as comment 1)") == 2


def test_show_csv_is_one_row_per_comment() -> None:
    result = run(["show", "S27", SEED, "--format", "csv"])
    assert result.exit_code == ExitStatus.OK
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == COMMENT_KEYS
    assert [(row["section"], row["number"]) for row in rows] == [
        ("overall", "1"),
        ("overall", "2"),
        ("overall", "3"),
        ("overall", "4"),
        ("issues", "1"),
        ("issues", "2"),
        ("issues", "3"),
        ("issues", "4"),
    ]


def test_show_unknown_code_is_an_error() -> None:
    result = run(["show", "Z99", "samples/minatono/"])
    assert result.exit_code == ExitStatus.FAILED
    assert result.stdout == ""
    assert result.stderr == "Error: no measure with the code or name 'Z99' in the pages read\n"


# --- filter -------------------------------------------------------------------------


def test_filter_unanswered_finds_the_seeds_unanswered_comments() -> None:
    records = _json(["filter", SEED, "--unanswered", "--json"])
    assert [(record["section"], record["number"]) for record in records] == [
        ("overall", 2),
        ("overall", 3),
        ("overall", 4),
        ("issues", 2),
        ("issues", 3),
        ("issues", 4),
    ]
    assert all(record["reply"] is None for record in records)
    assert {record["code"] for record in records} == {"S27"}
    assert {record["fiscal_year"] for record in records} == {2020}


def test_filter_unanswered_over_samples_matches_the_golden_files() -> None:
    records = _json(["filter", "samples/minatono/", "--unanswered", "--json"])
    expected = [
        (measure["source"], comment["section"], comment["number"])
        for measure in golden_measures()
        for comment in measure["comments"]
        if comment["reply"] is None
    ]
    assert sorted((r["source"], r["section"], r["number"]) for r in records) == sorted(expected)
    assert (SEED, "issues", 4) in expected


def test_filter_records_have_exactly_the_documented_keys() -> None:
    records = _json(["filter", "samples/minatono/", "--json"])
    assert records
    assert all(list(record) == COMMENT_KEYS for record in records)
    total = sum(len(measure["comments"]) for measure in golden_measures())
    assert len(records) == total


def test_filter_grep_ignores_width_and_case() -> None:
    records = _json(["filter", "samples/minatono/", "-k", "ｗｅｂ会議", "--json"])
    assert len(records) >= 2
    for record in records:
        text = f"{record['text']} {record['reply'] or ''}"
        assert "web会議" in unicodedata.normalize("NFKC", text).casefold()


def test_filter_section_department_and_codes() -> None:
    issues = _json(["filter", "samples/minatono/", "--section", "issues", "--json"])
    assert issues
    assert {record["section"] for record in issues} == {"issues"}
    other = _json(["filter", "samples/minatono/", "--section", "other", "--json"])
    assert other
    assert {record["section"] for record in other} == {"other"}
    department = _json(["filter", "samples/minatono/", "-d", "こども", "--json"])
    assert {record["department"] for record in department} == {"こども課"}
    codes = _json(["filter", "samples/minatono/", "-c", "A3", "-c", "e4", "--year", "2019", "--json"])
    assert {record["code"] for record in codes} == {"A3", "E4"}


def test_filter_streams_in_input_order() -> None:
    result = run(["filter", "samples/minatono/", "--format", "jsonl"])
    sources = [json.loads(line)["source"] for line in result.stdout.splitlines()]
    first_seen = list(dict.fromkeys(sources))
    assert first_seen == sorted(first_seen)


# --- every command, every format --------------------------------------------------


@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_prints_every_format(command: str, output_format: str) -> None:
    result = run([*_args_for(command), "--format", output_format])
    assert result.exit_code == ExitStatus.OK
    assert result.stderr == ""
    out = result.stdout
    assert "S27" in out
    if output_format == "json":
        assert isinstance(json.loads(out), list)
    elif output_format == "jsonl":
        assert all(isinstance(json.loads(line), dict) for line in out.splitlines())
    elif output_format == "csv":
        header = next(csv.reader(io.StringIO(out)))
        assert header[0] in {"fiscal_year", "year"}
    elif output_format == "tsv":
        assert not out.startswith(("fiscal_year", "year"))
        assert len({line.count("\t") for line in out.splitlines()}) == 1
    else:
        assert "─" in out
        assert "情報課" in out


@pytest.mark.parametrize("command", COMMANDS)
def test_json_flag_is_format_json(command: str) -> None:
    short = run([*_args_for(command), "--json"])
    long = run([*_args_for(command), "--format", "json"])
    assert short.exit_code == ExitStatus.OK
    assert short.stdout == long.stdout


def test_json_output_loads_with_the_standard_library() -> None:
    # The issue's check: `followup list samples/ --json | python -c 'json.load(...)'`.
    result = run(["list", "samples/minatono/", "--json"], width=40)
    assert json.loads(result.stdout)
    # Long values stay on one line: nothing wraps JSON at the terminal width.
    assert any(len(line) > 200 for line in result.stdout.splitlines())


def test_every_command_has_help_with_an_example() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    names = sorted(group.commands)
    assert {"list", "show", "filter"} <= set(names)
    for name in names:
        result = run([name, "--help"])
        assert result.exit_code == ExitStatus.OK, name
        assert "Example" in result.stdout, name
        assert "Usage: " in result.stdout, name


def test_top_level_help_and_version() -> None:
    result = run(["--help"])
    assert result.exit_code == ExitStatus.OK
    assert "Example" in result.stdout
    for name in COMMANDS:
        assert name in result.stdout
    version = run(["--version"])
    assert version.exit_code == ExitStatus.OK
    assert version.stdout == f"followup {__version__}\n"


def test_python_dash_m_runs_the_same_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "followup_cli", "list", "--format", "json", SEED],
        capture_output=True,
        cwd=REPO_ROOT,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == ExitStatus.OK, done.stderr
    assert json.loads(done.stdout) == json.loads(run(["list", "--format", "json", SEED]).stdout)


def test_filter_is_sorted_like_list() -> None:
    measures = [(record["source"], record["name"]) for record in _json(["list", "samples/minatono/", "--json"])]
    comments = _json(["filter", "samples/minatono/", "--json"])
    order = []
    for record in comments:
        key = (record["source"], record["name"])
        if not order or order[-1] != key:
            order.append(key)
    assert order == [key for key in measures if key in set(order)]
    assert [record["fiscal_year"] for record in comments] == sorted(
        record["fiscal_year"] for record in comments
    )
