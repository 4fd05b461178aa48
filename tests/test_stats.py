"""The stats library on measures built here: every count, the sort and the trend."""

from __future__ import annotations

import pytest

from cli_support import comment, measure
from followup_cli.model import Measure
from followup_cli.stats import (
    compute_stats,
    key_label,
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
    assert rows[(None, "情報課")] == {
        "municipality": None,
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
    assert rows[(None, "環境課")]["measures"] == 2
    assert rows[(None, "環境課")]["reply_rate"] == 1.0
    assert rows[(None, None)]["reply_rate"] == 0.0
    assert [row.key for row in compute_stats(MEASURES)][-1] == (None, None)


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
    assert found[None, "情報課"].years == (2020, 2021)
    assert found[None, "情報課"].rates == (2 / 3, 0.0)
    assert found[None, "環境課"].rates == (None, 1.0)
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
    assert [row.key for row in rows] == [(None, "b課"), (None, "issues"), (None, "overall")]


def _city_measure(source: str, city: str | None, department: str, reply: str | None) -> Measure:
    return measure(source, department=department, municipality=city,
                   comments=[comment(1, "意見", reply)])


def test_two_cities_departments_of_one_name_are_two_groups() -> None:
    measures = [
        _city_measure("a.html", "みどり市", "こども課", "対応します。"),
        _city_measure("b.html", "さくら町", "こども課", None),
        _city_measure("c.html", None, "こども課", None),
    ]
    rows = {row.key: row for row in compute_stats(measures)}
    assert set(rows) == {("みどり市", "こども課"), ("さくら町", "こども課"), (None, "こども課")}
    assert rows["みどり市", "こども課"].reply_rate == 1.0
    assert rows["さくら町", "こども課"].reply_rate == 0.0
    by_city = {row.key: row.comments for row in compute_stats(measures, ("municipality",))}
    assert by_city == {("みどり市",): 1, ("さくら町",): 1, (None,): 1}
    assert [row.key for row in compute_stats(measures, ("municipality", "department"))] == [
        row.key for row in compute_stats(measures, ("department",))
    ]


def test_a_page_naming_no_city_joins_the_only_city_named() -> None:
    measures = [
        _city_measure("r2.html", None, "こども課", "対応します。"),
        _city_measure("r3.html", "みどり市", "こども課", None),
    ]
    (row,) = compute_stats(measures)
    assert row.to_dict()["municipality"] == "みどり市"
    assert (row.comments, row.replied) == (2, 1)


def test_measures_group_by_city_code_and_name() -> None:
    measures = [
        measure("a.html", code="C4", municipality="みどり市", comments=[comment(1, "一")]),
        measure("b.html", code="C4", municipality="さくら町", comments=[comment(1, "二")]),
    ]
    keys = [row.key for row in compute_stats(measures, ("measure",))]
    assert keys == [("さくら町", "C4", "施策"), ("みどり市", "C4", "施策")]


@pytest.mark.parametrize(
    ("value", "with_city", "label"),
    [
        (("みどり市", "こども課"), True, "こども課（みどり市）"),
        (("みどり市", "こども課"), False, "こども課"),
        ((None, "C4", "公園の管理"), True, "C4 公園の管理"),
        (("みどり市", None, "公園の管理"), True, "公園の管理（みどり市）"),
        (("みどり市", None), True, "みどり市"),
        ((None, None), True, None),
        (2021, True, "2021"),
    ],
)
def test_key_labels(value: object, with_city: bool, label: str | None) -> None:
    assert key_label(value, with_municipality=with_city) == label
