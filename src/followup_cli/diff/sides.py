"""The two sides of a diff: which measures are OLD and which NEW.

Two ways to say it:

- ``OLD NEW``: two paths, each one fiscal year's pages; the years come from
  the pages (title, headings, file name). A side holding several years, or a
  page whose year cannot be told, is an error: the diff would otherwise mix
  years silently (:func:`one_year_side`).
- ``PATHS --from Y --to Y``: one corpus; measures are picked by fiscal year
  (:func:`year_sides`).

Errors are :class:`~followup_cli.errors.DiffSidesError`, naming the side.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from followup_cli.corpus.select import measure_key
from followup_cli.errors import DiffSidesError
from followup_cli.model import Measure, Report
from followup_cli.years import era_label


@dataclass(frozen=True)
class Side:
    """One fiscal year's measures, and the pages they came from."""

    year: int
    measures: tuple[Measure, ...]
    sources: tuple[str, ...]


def year_name(year: int) -> str:
    return f"{year} ({era_label(year)})"


def one_year_side(role: str, path: str, reports: Sequence[Report]) -> Side:
    """``diff OLD NEW``: the pages of one path must be of one known fiscal year."""
    if not reports:
        raise DiffSidesError(f"{role} {path}", "no page could be read")
    unknown = [report.source for report in reports if report.fiscal_year is None]
    if unknown:
        raise _unknown_year(
            unknown,
            "give the years with --from and --to (followup diff OLD NEW --from 2020 --to 2021)",
        )
    years = sorted({report.fiscal_year for report in reports if report.fiscal_year is not None})
    if len(years) > 1:
        listed = ", ".join(str(year) for year in years[:-1]) + f" and {years[-1]}"
        raise DiffSidesError(
            f"{role} {path}",
            f"holds pages of fiscal years {listed}; compare two of them with "
            f"--from and --to (followup diff {path} --from {years[0]} --to {years[1]})",
        )
    return Side(years[0], _measures(reports), tuple(report.source for report in reports))


def year_sides(reports: Sequence[Report], from_year: int, to_year: int) -> tuple[Side, Side]:
    """``diff PATHS --from Y --to Y``: both years picked out of the pages read."""
    reports = _once_each(reports)
    unknown = [report.source for report in reports if report.fiscal_year is None]
    if unknown:
        raise _unknown_year(
            unknown,
            "put the year in its file or folder name (r2_…, fy2020_…, 2020/), "
            "or give the pages as OLD NEW with --from and --to",
        )
    return (
        _year_side(reports, from_year, "--from"),
        _year_side(reports, to_year, "--to"),
    )


def _year_side(reports: Sequence[Report], year: int, option: str) -> Side:
    chosen = [report for report in reports if report.fiscal_year == year]
    measures = _measures(chosen)
    if not measures:
        found = sorted({report.fiscal_year for report in reports if report.fiscal_year is not None})
        found_text = ", ".join(str(found_year) for found_year in found) or "none"
        raise DiffSidesError(
            f"{option} {year}",
            f"no measures of fiscal year {year_name(year)} in the pages "
            f"read; fiscal years found: {found_text}",
        )
    return Side(year, measures, tuple(report.source for report in chosen))


def _measures(reports: Iterable[Report]) -> tuple[Measure, ...]:
    """The side's measures, each once.

    A measure published again on another page of the same year (reading
    warned about it) is the first page's: pairing both would report the
    second copy as removed or added, which it is not.
    """
    kept: list[Measure] = []
    first_page: dict[str, str] = {}
    for report in reports:
        for measure in report.measures:
            page = first_page.setdefault(measure_key(measure), report.source)
            if page == report.source:
                kept.append(measure)
    return tuple(kept)


def _once_each(reports: Sequence[Report]) -> list[Report]:
    # A page reached through two PATHS (a file and its folder) counts once in a
    # corpus; otherwise each of its measures would pair with itself twice.
    seen: set[str] = set()
    kept: list[Report] = []
    for report in reports:
        if report.source not in seen:
            seen.add(report.source)
            kept.append(report)
    return kept


def _unknown_year(sources: Sequence[str], remedy: str) -> DiffSidesError:
    more = f" (and {len(sources) - 1} more pages)" if len(sources) > 1 else ""
    return DiffSidesError(
        f"{sources[0]}{more}",
        "cannot tell the fiscal year (neither the page's title and headings nor its file "
        f"name give one); {remedy}",
    )
