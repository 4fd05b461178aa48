"""The two sides of ``followup diff``: which measures are OLD and which NEW.

Two ways to say it on the command line:

- ``OLD NEW``: two paths, each one fiscal year's pages; the years come from
  the pages (title, headings, file name). A side holding several years, or a
  page whose year cannot be told, is an error: the diff would otherwise mix
  years silently.
- ``PATHS --from Y --to Y``: one corpus; measures are picked by fiscal year.
  With exactly two paths, pages that do not tell their year take ``--from``
  (first path) or ``--to`` (second path): that is how a year is given to a
  page that has none. Any other page without a year is an error naming it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from followup_cli.cli.inputs import read_reports
from followup_cli.cli.status import CommandError
from followup_cli.model import Measure, Report
from followup_cli.years import era_label

if TYPE_CHECKING:
    from followup_cli.cli.environment import Environment
    from followup_cli.cli.messages import Reporter


@dataclass(frozen=True)
class Side:
    """One fiscal year's measures, and the pages they came from."""

    year: int
    measures: tuple[Measure, ...]
    sources: tuple[str, ...]


def year_name(year: int) -> str:
    return f"{year} ({era_label(year)})"


def sides_from_paths(
    old: str, new: str, env: Environment, reporter: Reporter, *, jobs: int | None = None
) -> tuple[Side, Side]:
    """``diff OLD NEW``: each path must hold pages of one known fiscal year."""
    old_reports = list(read_reports([old], env, reporter, jobs=jobs))
    new_reports = list(read_reports([new], env, reporter, jobs=jobs))
    return _one_year("OLD", old, old_reports), _one_year("NEW", new, new_reports)


def sides_from_corpus(
    paths: Sequence[str],
    from_year: int,
    to_year: int,
    env: Environment,
    reporter: Reporter,
    *,
    jobs: int | None = None,
) -> tuple[Side, Side]:
    """``diff PATHS --from Y --to Y``: both years picked out of the pages read."""
    if len(paths) == 2:
        reports = [
            *(
                _given_year(report, from_year)
                for report in read_reports([paths[0]], env, reporter, jobs=jobs)
            ),
            *(
                _given_year(report, to_year)
                for report in read_reports([paths[1]], env, reporter, jobs=jobs)
            ),
        ]
    else:
        reports = list(read_reports(paths, env, reporter, jobs=jobs))
    reports = _once_each(reports)
    unknown = [report.source for report in reports if report.fiscal_year is None]
    if unknown:
        raise CommandError(
            _unknown_year(
                unknown,
                "put the year in its file or folder name (r2_…, fy2020_…, 2020/), "
                "or give the pages as OLD NEW with --from and --to",
            )
        )
    return (
        _year_side(reports, from_year, "--from"),
        _year_side(reports, to_year, "--to"),
    )


def _one_year(role: str, path: str, reports: list[Report]) -> Side:
    if not reports:
        raise CommandError(f"{role} {path}: no page could be read")
    unknown = [report.source for report in reports if report.fiscal_year is None]
    if unknown:
        raise CommandError(
            _unknown_year(
                unknown,
                "give the years with --from and --to (followup diff OLD NEW --from 2020 --to 2021)",
            )
        )
    years = sorted({report.fiscal_year for report in reports if report.fiscal_year is not None})
    if len(years) > 1:
        listed = ", ".join(str(year) for year in years[:-1]) + f" and {years[-1]}"
        raise CommandError(
            f"{role} {path} holds pages of fiscal years {listed}; compare two of them with "
            f"--from and --to (followup diff {path} --from {years[0]} --to {years[1]})"
        )
    return Side(years[0], _measures(reports), tuple(report.source for report in reports))


def _year_side(reports: list[Report], year: int, option: str) -> Side:
    chosen = [report for report in reports if report.fiscal_year == year]
    measures = _measures(chosen)
    if not measures:
        found = sorted({report.fiscal_year for report in reports if report.fiscal_year is not None})
        found_text = ", ".join(str(found_year) for found_year in found) or "none"
        raise CommandError(
            f"{option} {year}: no measures of fiscal year {year_name(year)} in the pages "
            f"read; fiscal years found: {found_text}"
        )
    return Side(year, measures, tuple(report.source for report in chosen))


def _measures(reports: Iterable[Report]) -> tuple[Measure, ...]:
    return tuple(measure for report in reports for measure in report.measures)


def _given_year(report: Report, year: int) -> Report:
    """A page that does not tell its year takes the one given for its side."""
    if report.fiscal_year is not None:
        return report
    return dataclasses.replace(
        report,
        fiscal_year=year,
        measures=tuple(
            dataclasses.replace(measure, fiscal_year=year) for measure in report.measures
        ),
    )


def _once_each(reports: list[Report]) -> list[Report]:
    # A page reached through two PATHS (a file and its folder) counts once in a
    # corpus; otherwise each of its measures would pair with itself twice.
    seen: set[str] = set()
    kept: list[Report] = []
    for report in reports:
        if report.source not in seen:
            seen.add(report.source)
            kept.append(report)
    return kept


def _unknown_year(sources: Sequence[str], remedy: str) -> str:
    more = f" (and {len(sources) - 1} more pages)" if len(sources) > 1 else ""
    return (
        f"{sources[0]}{more}: cannot tell the fiscal year (neither the page's title and "
        f"headings nor its file name give one); {remedy}"
    )
