"""The stats library on measures built here: every count, the sort and the trend."""

from __future__ import annotations

import pytest

from cli_support import comment, measure
from followup_cli.stats import (
    compute_stats,
    parse_dimensions,
    reused_comments,
    sort_rows,
    trends,
)

MEASURES = [
    measure(
        "a.html",
        code="S1",
        department="情報課",
        year=2020,
        comments=[
            comment(1, "一", "対応します。", reply_shared=True),
            comment(2, "二", "対応します。", reply_shared=True),
            comment(1, "三", None, section="issues"),
        ],
    ),
    measure("b.html", code="S2", department="情報課", year=2021, comments=[comment(1, "四", None)]),
    measure("c.html", code="E1", department="環境課", year=2021, comments=[comment(1, "五")]),
    measure("d.html", code="E2", department="環境課", year=2021, comments=()),
    measure("e.html", code=None, department=None, year=None, comments=[comment(1, "六", None)]),
]


def test_counts_per_department() -> None:
    rows = {row.key: row.to_dict() for row in compute_stats(MEASURES)}
    assert rows[("情報課",)] == {
        "department": "情報課",
        "measures": 2,
        "comment_count": 4,
        "replied_count": 2,
        "unanswered": 2,
        "reply_rate": 0.5,
        "shared_replies": 2,
        "reused_replies": None,
    }
    # A measure without comments still counts as a measure; its rate stays 1.0 here.
    assert rows[("環境課",)]["measures"] == 2
    assert rows[("環境課",)]["reply_rate"] == 1.0
    assert rows[(None,)]["reply_rate"] == 0.0
    assert [row.key for row in compute_stats(MEASURES)][-1] == (None,)


def test_sections_count_only_measures_with_comments_there() -> None:
    rows = {row.key: row for row in compute_stats(MEASURES, ("section",))}
    assert rows[("overall",)].measures == 4
    assert rows[("issues",)].measures == 1
    assert rows[("issues",)].comments == 1
    assert list(rows) == [("overall",), ("issues",)]


def test_measure_dimension_keys_by_code_and_name() -> None:
    rows = compute_stats(MEASURES, ("measure",))
    assert [row.to_dict()["code"] for row in rows] == ["E1", "E2", "S1", "S2", None]
    assert "name" in rows[0].to_dict()


def test_no_dimension_is_one_total_row() -> None:
    (total,) = compute_stats(MEASURES, ())
    assert (total.measures, total.comments, total.replied) == (5, 6, 3)


def test_empty_group_has_no_rate() -> None:
    (row,) = compute_stats([MEASURES[3]])
    assert row.reply_rate is None
    assert row.to_dict()["reply_rate"] is None


def test_dimensions_parse_with_the_year_alias() -> None:
    assert parse_dimensions("department, year") == ("department", "fiscal_year")
    for bad in ("", "colour", "section,section", "department,fiscal_year,section"):
        with pytest.raises(ValueError, match=r"."):
            parse_dimensions(bad)


def test_sort_puts_empty_values_last_and_reverse_flips() -> None:
    rows = compute_stats([*MEASURES[:3], MEASURES[3]], ("measure",))
    ordered = sort_rows(rows, "reply_rate")
    assert [row.to_dict()["code"] for row in ordered] == ["E1", "S1", "S2", "E2"]
    flipped = sort_rows(rows, "reply_rate", reverse=True)
    assert [row.to_dict()["code"] for row in flipped] == ["S2", "S1", "E1", "E2"]
    with pytest.raises(ValueError, match="cannot sort by 'section'"):
        sort_rows(rows, "section")


def test_trend_per_department_across_years() -> None:
    rows = sort_rows(compute_stats(MEASURES, ("department", "fiscal_year")), "reply_rate")
    found = {trend.key: trend for trend in trends(rows)}
    assert found["情報課"].years == (2020, 2021)
    assert found["情報課"].rates == (2 / 3, 0.0)
    assert found["環境課"].rates == (None, 1.0)
    assert trends(compute_stats(MEASURES, ("department",))) == []


def test_reused_replies_need_two_years() -> None:
    assert reused_comments(MEASURES[:1]) is None
    reply = "令和3年度から窓口での案内を始め、利用者への周知を進めています。"
    old = measure(
        "r2.html", code="S1", year=2020, comments=[comment(1, "窓口の案内を充実すべき", reply)]
    )
    new = measure(
        "r3.html",
        code="S1",
        year=2021,
        comments=[
            comment(1, "周知はどうなっているか", reply),
            comment(2, "別の意見", "新しい返答です。"),
        ],
    )
    reused = reused_comments([old, new])
    assert reused == frozenset({(1, 0)})
    (row2020, row2021) = compute_stats([old, new], ("fiscal_year",), reused=reused)
    assert (row2020.reused_replies, row2021.reused_replies) == (0, 1)


def test_a_department_named_like_a_section_sorts_by_name() -> None:
    measures = [
        measure("a.html", department=name, comments=[comment(1, "意見")])
        for name in ("overall", "issues", "b課")
    ]
    rows = compute_stats(measures)
    assert [row.key for row in rows] == [("b課",), ("issues",), ("overall",)]
