"""``followup report``: the page's figures, lists and safety, read back from its HTML."""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from cli_support import SAMPLES, run
from followup_cli.report import content_security_policy
from followup_cli.report.svg import ticks


def _report(tmp_path: Path, *args: str) -> tuple[str, Any]:
    path = tmp_path / "report.html"
    result = run(["report", *args, "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    return text, lxml_html.fromstring(text)


def _json(args: list[str]) -> Any:
    result = run(args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Any]:
    return _report(tmp_path_factory.mktemp("report"), str(SAMPLES))


def _rows(document: Any, section: str) -> list[list[str]]:
    rows = document.xpath(f"//section[@id='{section}']//table/tbody/tr")
    return [[cell.text_content() for cell in row.xpath("th|td")] for row in rows]


def test_policy_allows_exactly_the_pages_own_style(page: tuple[str, Any]) -> None:
    _text, document = page
    (style,) = document.xpath("//style")
    digest = base64.b64encode(hashlib.sha256(style.text.encode("utf-8")).digest()).decode()
    policy = document.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert f"style-src 'sha256-{digest}'" in policy
    assert policy == content_security_policy()
    for directive in (
        "default-src 'none'",
        "script-src 'none'",
        "img-src 'none'",
        "connect-src 'none'",
    ):
        assert directive in policy


def test_nothing_outside_the_file_is_referenced(page: tuple[str, Any]) -> None:
    text, document = page
    assert document.xpath("//script | //img | //link | //iframe | //object | //embed") == []
    assert document.xpath("//*[@style]") == []
    hrefs = document.xpath("//@href | //@src")
    assert hrefs
    assert all(value.startswith("#") for value in hrefs)
    # The only URL is the SVG namespace, which is a name, never fetched.
    assert set(re.findall(r"https?://[^\s\"'<>)]+", text)) == {"http://www.w3.org/2000/svg"}


def test_summary_table_equals_stats_by_fiscal_year(page: tuple[str, Any]) -> None:
    _, document = page
    rows = _rows(document, "summary")
    stats = _json(["stats", str(SAMPLES), "--by", "fiscal_year", "--json"])
    by_year = {row["fiscal_year"]: row for row in stats}
    assert len(rows) == len(stats) + 1  # and the total row
    for cells in rows[:-1]:
        year = int(cells[0][:4])
        want = by_year[year]
        assert cells[1:5] == [
            str(want[key]) for key in ("measures", "comment_count", "replied_count", "unanswered")
        ]
        assert cells[5] == f"{want['reply_rate'] * 100:.1f}%"
    assert rows[-1][2] == str(sum(row["comment_count"] for row in stats))


def test_department_table_and_chart_equal_stats(page: tuple[str, Any]) -> None:
    _, document = page
    stats = _json(["stats", str(SAMPLES), "--json"])
    rows = _rows(document, "departments")
    names = ["（担当課不明）" if row["department"] is None else row["department"] for row in stats]
    assert [cells[0] for cells in rows] == names  # both highest reply rate first
    per_year = _json(["stats", str(SAMPLES), "--by", "department,fiscal_year", "--json"])
    years = sorted({row["fiscal_year"] for row in per_year})
    for cells, row in zip(rows, stats, strict=True):
        assert cells[1 + len(years)] == f"{row['reply_rate'] * 100:.1f}%"
        for offset, year in enumerate(years):
            match = [
                r
                for r in per_year
                if r["department"] == row["department"] and r["fiscal_year"] == year
            ]
            assert cells[1 + offset] == (f"{match[0]['reply_rate'] * 100:.1f}%" if match else "–")
        assert re.fullmatch(rf"[▁▂▃▄▅▆▇█·]{{{len(years)}}}( [+-]\d+ pt)?", cells[-1])
    labels = document.xpath("//section[@id='departments']//*[local-name()='text']/text()")
    assert set(names) <= set(labels)
    bars = document.xpath(
        "//section[@id='departments']//*[local-name()='rect']/*[local-name()='title']/text()"
    )
    assert "2020: 25.0%" in bars  # 情報課 answered 2 of its 8 comments in 2020


def test_every_unanswered_comment_is_listed_under_its_department_with_the_direction(
    page: tuple[str, Any],
) -> None:
    _, document = page
    (section,) = document.xpath("//section[@id='unanswered']")
    unanswered = _json(["filter", str(SAMPLES), "--unanswered", "--json"])
    measures = _json(["list", str(SAMPLES), "--json"])
    assert unanswered
    for row in unanswered:
        department = row["department"] or "（担当課不明）"
        heading = section.xpath(f".//h3[starts-with(., '{department}（')]")
        assert len(heading) == 1
        # The comment sits after its department's heading and before the next one.
        following = heading[0].xpath("following-sibling::*")
        block = []
        for element in following:
            if element.tag == "h3":
                break
            block.append(element.text_content())
        text = "\n".join(block)
        assert row["text"] in text
        (measure,) = [
            m for m in measures if m["source"] == row["source"] and m["name"] == row["name"]
        ]
        assert (measure["direction"] or "（記載なし / none）") in text
    table = {cells[0]: cells for cells in _rows(document, "unanswered")}
    for department, cells in table.items():
        count = sum(
            1 for row in unanswered if (row["department"] or "（担当課不明）") == department
        )
        assert cells[-2] == str(count)


def test_changes_equal_the_diff_of_each_pair_of_years(page: tuple[str, Any]) -> None:
    _, document = page
    rows = {cells[0].split(" (")[0]: cells[1:] for cells in _rows(document, "changes")}
    years = sorted({row["fiscal_year"] for row in _json(["list", str(SAMPLES), "--json"])})
    for index, (old, new) in enumerate(itertools.pairwise(years)):
        diff = _json(["diff", str(SAMPLES), "--from", str(old), "--to", str(new), "--json"])
        counts = diff["counts"]
        rewritten = sum(
            1
            for change in diff["changed"]
            for field in change["changes"]
            if field["field"] == "direction" and not field["formatting_only"]
        )
        assert rows["追加された施策"][index] == str(counts["added"])
        assert rows["なくなった施策"][index] == str(counts["removed"])
        assert rows["方向性の書き換え"][index] == str(rewritten)
        assert rows["今年度に回答された意見"][index] == str(counts["replies_answered"])
        assert rows["前年度の返答の再利用"][index] == str(counts["reused_across_years"])
    text = document.xpath("//section[@id='changes']")[0].text_content()
    assert "「Web会議運用ガイドライン」を策定し" in text  # answered in 2021 (see README's diff)


def test_one_year_has_no_changes_section(tmp_path: Path) -> None:
    text, document = _report(tmp_path, str(SAMPLES), "--year", "2020")
    assert [s.get("id") for s in document.xpath("//section")] == [
        "summary",
        "departments",
        "unanswered",
    ]
    assert "read two or more fiscal years" in text


def test_the_same_pages_give_the_same_bytes(tmp_path: Path, page: tuple[str, Any]) -> None:
    again, _ = _report(tmp_path, str(SAMPLES))
    assert again == page[0]


def test_html_needs_a_file_or_a_pipe(tmp_path: Path) -> None:
    result = run(["report", str(SAMPLES)], tty=True)
    assert result.exit_code == 2
    assert "--output" in result.stderr
    piped = run(["report", str(SAMPLES)])
    assert piped.exit_code == 0
    assert piped.stdout.startswith("<!DOCTYPE html>")


def test_nothing_to_report_leaves_the_old_file(tmp_path: Path) -> None:
    old = tmp_path / "report.html"
    old.write_text("previous report", encoding="utf-8")
    result = run(["report", str(tmp_path / "missing"), "-o", str(old)])
    assert result.exit_code == 1
    assert "Error: " in result.stderr
    assert "not written" in result.stderr
    assert old.read_text(encoding="utf-8") == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_failed_input_is_named_and_the_report_still_written(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text("<html><body>not a follow-up page</body></html>", encoding="utf-8")
    path = tmp_path / "report.html"
    result = run(["report", str(SAMPLES / "r2_s27_ict.html"), str(broken), "-o", str(path)])
    assert result.exit_code == 1
    assert f"Error: {broken}" in result.stderr
    assert "ICTの活用" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("maximum", "expected"), [(1.0, 0.2), (6.0, 2.0), (23.0, 5.0), (0.0, 1.0)])
def test_chart_scale_steps(maximum: float, expected: float) -> None:
    steps = ticks(maximum)
    assert steps[0] == 0.0
    assert steps[-1] >= maximum
    assert steps[1] - steps[0] == pytest.approx(expected)


def test_two_cities_departments_of_one_name_stay_apart(tmp_path: Path) -> None:
    cities = SAMPLES.parent / "cities"
    stats = _json(["stats", str(cities), "--json"])
    libraries = {
        row["municipality"]: row["comment_count"] for row in stats
        if row["department"] == "中央図書館"
    }
    assert (libraries["みどり市"], libraries["東山市"]) == (4, 3)
    _, document = _report(tmp_path, str(cities))
    names = [cells[0] for cells in _rows(document, "departments")]
    assert {"中央図書館（みどり市）", "中央図書館（東山市）"} <= set(names)
    assert len(names) == len(stats)
    headings = document.xpath("//section[@id='unanswered']//h3/text()")
    assert any(text.startswith("中央図書館（みどり市）（") for text in headings)
