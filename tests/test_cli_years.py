"""--year and --page-year: no page dropped in silence, no year that cannot be."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import SEED, run
from fetch_site import followup_page
from followup_cli.cli.status import ExitStatus
from followup_cli.years import parse_year_argument

# A page that does not tell its year: no year in its title or headings.
YEARLESS = followup_page(2020).replace("令和2年度 ", "").encode()


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)


def test_year_names_a_page_of_unknown_year_instead_of_dropping_it_silently() -> None:
    result = run(["list", "-", "--year", "R2", "--json"], stdin=YEARLESS)
    assert result.exit_code == ExitStatus.OK
    assert json.loads(result.stdout) == []
    assert result.stderr.splitlines()[0] == (
        "warning: <stdin>: cannot tell the fiscal year, so --year 2020 leaves it out; "
        "give it one with --page-year (--page-year 2020)"
    )


def test_page_year_gives_a_year_to_standard_input() -> None:
    result = run(["list", "-", "--page-year", "R2", "--year", "2020", "--json"], stdin=YEARLESS)
    assert result.exit_code == ExitStatus.OK
    assert result.stderr == ""
    (measure,) = json.loads(result.stdout)
    assert (measure["source"], measure["fiscal_year"]) == ("<stdin>", 2020)


def test_a_pages_own_year_wins_over_page_year() -> None:
    result = run(["filter", SEED, "-", "--page-year", "2023", "--json"], stdin=YEARLESS)
    assert result.exit_code == ExitStatus.OK, result.stderr
    years = {(record["source"], record["fiscal_year"]) for record in json.loads(result.stdout)}
    assert years == {(SEED, 2020), ("<stdin>", 2023)}


def test_a_year_that_matches_nothing_says_which_years_were_found() -> None:
    result = run(["list", "samples/minatono/", "--year", "2030", "--json"])
    assert result.exit_code == ExitStatus.OK
    assert json.loads(result.stdout) == []
    assert result.stderr == (
        "warning: --year 2030: no measures of fiscal year 2030 (令和12年度) in the pages read; "
        "fiscal years found: 2019, 2020, 2021\n"
    )


@pytest.mark.parametrize("value", ["R0", "R99", "令和82", "H32", "平成32年度", "S65", "2999"])
def test_era_years_that_never_were_are_usage_errors(value: str) -> None:
    result = run(["list", "samples/minatono/", "--year", value], width=200)
    assert result.exit_code == ExitStatus.USAGE
    assert result.stdout == ""
    for option in ("--page-year", "--year"):
        assert run(["filter", "samples/minatono/", option, value]).exit_code == ExitStatus.USAGE


def test_the_last_years_of_each_era_are_years() -> None:
    assert parse_year_argument("H31") == 2019
    assert parse_year_argument("平成元年度") == 1989
    assert parse_year_argument("S64") == 1989
    assert parse_year_argument("令和元") == 2019
    assert parse_year_argument("R81") == 2099
    with pytest.raises(ValueError, match="after 2099"):
        parse_year_argument("R82")
