"""``followup stats`` on the samples, checked against counts made from ``filter --json``."""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections import Counter, defaultdict
from typing import Any

import pytest
from rich.cells import cell_len

from cli_support import SAMPLES, run
from followup_cli.cli.render_stats import sparkline


def _json(args: list[str]) -> Any:
    result = run(args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _year(row: dict[str, Any]) -> int | None:
    # filter's records name the year either way while its field names move to fiscal_year.
    value = row["fiscal_year"] if "fiscal_year" in row else row["year"]
    assert value is None or isinstance(value, int)
    return value


@pytest.fixture(scope="module")
def comments() -> list[dict[str, Any]]:
    found = _json(["filter", str(SAMPLES), "--json"])
    assert len(found) > 40
    return list(found)


@pytest.fixture(scope="module")
def measures() -> list[dict[str, Any]]:
    return list(_json(["list", str(SAMPLES), "--json"]))


def _expected(
    comments: list[dict[str, Any]], measures: list[dict[str, Any]], key: Any
) -> dict[Any, dict[str, Any]]:
    """The figures, counted from filter's comments and list's measures alone."""
    figures: dict[Any, dict[str, Any]] = defaultdict(
        lambda: {"comments": 0, "replied": 0, "shared_replies": 0, "measures": set()}
    )
    for row in comments:
        group = figures[key(row)]
        group["comments"] += 1
        group["replied"] += row["reply"] is not None
        group["shared_replies"] += bool(row["reply_shared"])
        group["measures"].add((row["source"], row["code"], row["name"]))
    for measure in measures:
        if not measure["comments"]:
            figures[key({**measure, "year": measure["fiscal_year"]})]["measures"].add(
                (measure["source"], measure["code"], measure["name"])
            )
    return figures


def _check(rows: list[dict[str, Any]], expected: dict[Any, dict[str, Any]], key: Any) -> None:
    assert len(rows) == len(expected)
    for row in rows:
        want = expected[key(row)]
        assert row["comment_count"] == want["comments"]
        assert row["replied_count"] == want["replied"]
        assert row["unanswered"] == want["comments"] - want["replied"]
        assert row["shared_replies"] == want["shared_replies"]
        assert row["measures"] == len(want["measures"])
        assert row["reply_rate"] == round(want["replied"] / want["comments"], 4)


def test_by_department_equals_counts_from_filter(
    comments: list[dict[str, Any]], measures: list[dict[str, Any]]
) -> None:
    rows = _json(["stats", str(SAMPLES), "--json"])
    assert list(rows[0]) == [
        "municipality",
        "department",
        "measures",
        "comment_count",
        "replied_count",
        "unanswered",
        "reply_rate",
        "shared_replies",
        "reused_replies",
    ]
    _check(
        rows, _expected(comments, measures, lambda r: r["department"]), lambda r: r["department"]
    )
    assert sum(row["comment_count"] for row in rows) == len(comments)


@pytest.mark.parametrize(
    ("by", "filter_key", "stats_key"),
    [
        ("fiscal_year", _year, lambda r: r["fiscal_year"]),
        ("year", _year, lambda r: r["fiscal_year"]),
        ("section", lambda r: r["section"], lambda r: r["section"]),
        ("measure", lambda r: (r["code"], r["name"]), lambda r: (r["code"], r["name"])),
        (
            "department,fiscal_year",
            lambda r: (r["department"], _year(r)),
            lambda r: (r["department"], r["fiscal_year"]),
        ),
        (
            "section,department",
            lambda r: (r["section"], r["department"]),
            lambda r: (r["section"], r["department"]),
        ),
    ],
)
def test_other_groupings_equal_counts_from_filter(
    comments: list[dict[str, Any]],
    measures: list[dict[str, Any]],
    by: str,
    filter_key: Any,
    stats_key: Any,
) -> None:
    rows = _json(["stats", str(SAMPLES), "--by", by, "--json"])
    assert all("year" not in row for row in rows)
    if by == "section":
        # A measure counts in every section it has comments in, nowhere else.
        expected = _expected(comments, [], filter_key)
    else:
        expected = _expected(comments, measures, filter_key)
    _check(rows, expected, stats_key)


def test_reused_replies_are_the_diffs_flags_across_consecutive_years() -> None:
    rows = _json(["stats", str(SAMPLES), "--by", "fiscal_year", "--json"])
    years = sorted(row["fiscal_year"] for row in rows if row["fiscal_year"] is not None)
    assert len(years) >= 3
    by_year = {row["fiscal_year"]: row["reused_replies"] for row in rows}
    assert by_year[years[0]] == 0  # nothing before the first year to reuse
    for old, new in itertools.pairwise(years):
        diff = _json(
            ["diff", str(SAMPLES), "--from", str(old), "--to", str(new), "--json", "--stat"]
        )
        assert by_year[new] == diff["counts"]["reused_across_years"]
    assert sum(by_year.values()) > 0


def test_one_year_has_no_reused_figure() -> None:
    rows = _json(["stats", str(SAMPLES), "--year", "2020", "--json"])
    assert rows
    assert all(row["reused_replies"] is None for row in rows)


def test_default_order_is_reply_rate_highest_first_and_sort_names_a_field() -> None:
    rows = _json(["stats", str(SAMPLES), "--json"])
    rates = [row["reply_rate"] for row in rows]
    assert rates == sorted(rates, reverse=True)
    assert rates[0] > rates[-1]

    rows = _json(["stats", str(SAMPLES), "--sort", "unanswered", "--json"])
    unanswered = [row["unanswered"] for row in rows]
    assert unanswered == sorted(unanswered, reverse=True)
    assert unanswered[0] > unanswered[-1]

    rows = _json(["stats", str(SAMPLES), "--sort", "comment_count", "--reverse", "--json"])
    counts = [row["comment_count"] for row in rows]
    assert counts == sorted(counts)
    assert counts[0] < counts[-1]

    rows = _json(["stats", str(SAMPLES), "--sort", "department", "--json"])
    names = [row["department"] for row in rows]
    assert names[-1] is None  # pages without a department come last
    assert names[:-1] == sorted(names[:-1])


def test_two_dimensions_stay_grouped_with_years_in_order() -> None:
    rows = _json(["stats", str(SAMPLES), "--by", "department,fiscal_year", "--json"])
    departments = [row["department"] for row in rows]
    # Each department's rows are together, in one run.
    runs = [
        name
        for index, name in enumerate(departments)
        if index == 0 or departments[index - 1] != name
    ]
    assert len(runs) == len(set(departments))
    for name in set(departments):
        years = [row["fiscal_year"] for row in rows if row["department"] == name]
        assert years == sorted(years)
    # Groups ordered by their overall reply rate, highest first.
    totals = {
        row["department"]: row["reply_rate"] for row in _json(["stats", str(SAMPLES), "--json"])
    }
    assert [totals[name] for name in runs] == sorted((totals[name] for name in runs), reverse=True)


def test_trend_shows_each_departments_rate_per_year(comments: list[dict[str, Any]]) -> None:
    result = run(["stats", str(SAMPLES), "--by", "department,year", "-f", "table"], width=200)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "fiscal_year" in out
    years = sorted({_year(row) for row in comments if _year(row) is not None})
    tally: dict[tuple[str, int], Counter[str]] = defaultdict(Counter)
    for row in comments:
        if row["department"] is not None and _year(row) is not None:
            tally[row["department"], _year(row)]["comments"] += 1
            tally[row["department"], _year(row)]["replied"] += row["reply"] is not None
    trend_part = out.split("reply rate per fiscal_year", 1)[1]
    for department in {name for name, _ in tally}:
        rates = [
            tally[department, year]["replied"] / tally[department, year]["comments"]
            if (department, year) in tally
            else None
            for year in years
        ]
        line = next(line for line in trend_part.splitlines() if line.startswith(department))
        assert sparkline(rates) in line
        for rate in rates:
            assert ("–" if rate is None else f"{rate * 100:.0f}%") in line
    assert "情報課" in trend_part
    assert "█▃·" in trend_part  # 情報課: 100 % in 2019, 25 % in 2020, absent in 2021


def test_sparkline_scale_is_absolute() -> None:
    assert sparkline([0.0, 0.5, 1.0, None]) == "▁▅█·"


@pytest.mark.parametrize("width", [60, 100, 200])
def test_table_fits_the_width_with_a_bar_per_row(width: int) -> None:
    for by in ("department", "department,fiscal_year", "measure", "section,department"):
        result = run(["stats", str(SAMPLES), "--by", by, "-f", "table"], width=width)
        assert result.exit_code == 0, result.stderr
        lines = result.stdout.splitlines()
        assert max(cell_len(line) for line in lines) <= width
        body = [line for line in lines if "%" in line and "█" in line]
        assert len(body) >= 5
        total = next(line for line in lines if line.startswith(("合計", "total")))
        assert "82%" in total  # 46 of the samples' 56 comments have a reply


def test_csv_and_tsv_carry_the_same_fields() -> None:
    result = run(["stats", str(SAMPLES), "--by", "fiscal_year,department", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(table[0]) == [
        "fiscal_year",
        "municipality",
        "department",
        "measures",
        "comment_count",
        "replied_count",
        "unanswered",
        "reply_rate",
        "shared_replies",
        "reused_replies",
    ]
    as_json = _json(["stats", str(SAMPLES), "--by", "fiscal_year,department", "--json"])
    assert [float(row["reply_rate"]) for row in table] == [row["reply_rate"] for row in as_json]
    tsv = run(["stats", str(SAMPLES), "-f", "tsv"]).stdout.splitlines()
    assert len(tsv) == len(_json(["stats", str(SAMPLES), "--json"]))
    lines = run(["stats", str(SAMPLES), "-f", "jsonl"]).stdout.splitlines()
    assert [json.loads(line) for line in lines] == _json(["stats", str(SAMPLES), "--json"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "colour"], "unknown 'colour'"),
        (["--by", "department,department"], "given twice"),
        (["--by", "department,fiscal_year,section"], "at most two"),
        (["--sort", "section"], "cannot sort by 'section'"),
    ],
)
def test_bad_grouping_or_sort_is_a_usage_error(args: list[str], message: str) -> None:
    result = run(["stats", str(SAMPLES), *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_readme_trend_example_is_what_stats_prints() -> None:
    readme = (SAMPLES.parent.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("```text\nreply rate per fiscal_year") + len("```text\n")
    example = readme[start : readme.index("```", start)]
    result = run(["stats", str(SAMPLES), "--by", "department,fiscal_year", "-f", "table"], width=80)
    assert result.exit_code == 0, result.stderr
    printed = result.stdout[result.stdout.index("reply rate per fiscal_year") :]
    assert [line.rstrip() for line in printed.splitlines()] == example.splitlines()


def test_the_table_names_the_city_only_when_the_rows_hold_several() -> None:
    one_city = run(["stats", str(SAMPLES), "-f", "table"], width=100)
    assert one_city.exit_code == 0, one_city.stderr
    assert "municipality" not in one_city.stdout
    several = run(["stats", str(SAMPLES.parent / "cities"), "-f", "table"], width=100)
    assert several.exit_code == 0, several.stderr
    header = several.stdout.splitlines()[0].split()
    assert header[:2] == ["municipality", "department"]
    assert any(line.split()[:2] == ["東山市", "中央図書館"] for line in several.stdout.splitlines())
    trend = run(["stats", str(SAMPLES.parent), "--by", "department,year", "-f", "table"], width=120)
    assert trend.exit_code == 0, trend.stderr
    assert "中央図書館（東山市）" in trend.stdout and "中央図書館（みどり市）" in trend.stdout
