"""diff.sides: picking the two fiscal years, with library errors naming the side."""

from __future__ import annotations

import pytest

from cli_support import measure, report
from followup_cli.diff.sides import one_year_side, year_sides
from followup_cli.errors import DiffSidesError, FollowupError


def test_a_side_of_several_years_names_them() -> None:
    reports = [report("a.html", measure("a.html", year=2019)), report("b.html", measure("b.html"))]
    with pytest.raises(DiffSidesError) as raised:
        one_year_side("OLD", "r/", reports)
    assert isinstance(raised.value, FollowupError)
    assert raised.value.source == "OLD r/"
    assert raised.value.reason.startswith("holds pages of fiscal years 2019 and 2020;")


def test_a_page_without_a_year_is_named() -> None:
    with pytest.raises(DiffSidesError, match=r"^x\.html: cannot tell the fiscal year"):
        one_year_side("NEW", "x.html", [report("x.html", measure("x.html", year=None))])


def test_a_year_with_no_measures_lists_the_years_found() -> None:
    reports = [report("a.html", measure("a.html", year=2020))]
    with pytest.raises(DiffSidesError, match="fiscal years found: 2020"):
        year_sides(reports, 2020, 2021)


def test_a_measure_on_two_pages_of_one_year_is_on_its_side_once() -> None:
    first = report("a.html", measure("a.html", code="S27"), measure("a.html", code=None, name="施策"))
    again = report("b.html", measure("b.html", code="Ｓ２７"), measure("b.html", code=None, name="施策"))
    other = report("c.html", measure("c.html", code="S3"))
    side = one_year_side("OLD", "r2/", [first, again, other])
    assert [(m.source, m.code) for m in side.measures] == [
        ("a.html", "S27"),
        ("a.html", None),
        ("c.html", "S3"),
    ]
    assert side.sources == ("a.html", "b.html", "c.html")
