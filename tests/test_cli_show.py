"""`followup show` by code or name: exact, folded, partial, suggestions; measures without comments."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from cli_support import REPO_ROOT, comment, fake_pages, measure, report, run
from followup_cli.cli.status import ExitStatus
from followup_cli.corpus.lookup import find_measures


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)


def _json(args: list[str]) -> list[dict[str, Any]]:
    result = run(args)
    assert result.exit_code == ExitStatus.OK, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    return data


def test_show_a_measure_without_a_code_by_its_name() -> None:
    records = _json(["show", "公共施設の適正配置", "samples/minatono/", "--json"])
    assert [(r["code"], r["fiscal_year"]) for r in records] == [(None, 2020), (None, 2021)]
    assert all(r["name"] == "公共施設の適正配置" for r in records)


@pytest.mark.parametrize("spelling", ["ＩＣＴの活用", "ictの活用", "ICT の 活用", "適正配置"])
def test_show_by_folded_part_of_the_name(spelling: str) -> None:
    records = _json(["show", spelling, "samples/minatono/", "--json"])
    assert records
    folded = spelling.replace(" ", "").upper().replace("ＩＣＴ", "ICT")
    assert all(folded in r["name"].upper() for r in records)


def test_a_code_wins_over_a_name() -> None:
    records = _json(["show", "s27", "samples/minatono/", "--json"])
    assert {r["code"] for r in records} == {"S27"}


def test_nothing_found_suggests_the_closest_names_with_their_years() -> None:
    result = run(["show", "公共施設の配置", "samples/minatono/"])
    assert result.exit_code == ExitStatus.FAILED
    assert "did you mean 公共施設の適正配置 (2020, 2021)?" in result.stderr
    assert result.stdout == ""


def test_a_mistyped_code_suggests_the_code() -> None:
    result = run(["show", "S72", "samples/minatono/"])
    assert result.exit_code == ExitStatus.FAILED
    assert "did you mean S27 ICTの活用" in result.stderr


def test_a_vague_part_lists_the_measures_it_matches() -> None:
    result = run(["show", "の", "samples/minatono/"])
    assert result.exit_code == ExitStatus.FAILED
    assert "is part of" in result.stderr and "give more of the name" in result.stderr


def test_lookup_order_code_then_name_then_part() -> None:
    pages = [
        measure("a.html", code="S1", name="S2"),
        measure("b.html", code="S2", name="防災"),
        measure("c.html", code=None, name="地域防災"),
    ]
    assert [m.source for m in find_measures("s2", pages).measures] == ["b.html"]
    assert find_measures("防災", pages).matched_by == "name"
    assert find_measures("地域", pages).matched_by == "part of the name"
    assert find_measures("", pages).measures == ()


def test_a_measure_without_comments_is_printed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bare = measure("p.html", code="K1", name="空の施策", direction="検討します。")
    paths = fake_pages(monkeypatch, tmp_path, {"p.html": report("p.html", bare)})
    table = run(["show", "K1", *paths], tty=True, width=60)
    assert table.exit_code == ExitStatus.OK, table.stderr
    assert "空の施策" in table.stdout and "(no comments)" in table.stdout
    rows = list(csv.DictReader(io.StringIO(run(["show", "K1", *paths, "--csv"]).stdout)))
    assert len(rows) == 1
    assert rows[0]["direction"] == "検討します。"
    assert rows[0]["text"] == "" and rows[0]["number"] == ""


def test_show_csv_and_tsv_carry_the_direction(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    one = measure("p.html", code="K1", direction="拡充します。", comments=[comment(1, "意見")])
    paths = fake_pages(monkeypatch, tmp_path, {"p.html": report("p.html", one)})
    rows = list(csv.DictReader(io.StringIO(run(["show", "K1", *paths, "--csv"]).stdout)))
    assert rows[0]["direction"] == "拡充します。"
    tsv = run(["show", "K1", *paths, "--tsv", "--header"]).stdout.splitlines()
    header = tsv[0].split("\t")
    assert tsv[1].split("\t")[header.index("direction")] == "拡充します。"
