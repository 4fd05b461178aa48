"""The measures an export writes, each with its place on its page."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from followup_cli.model import Measure, Report

Keep = Callable[[Measure], bool]


@dataclass(frozen=True, slots=True)
class PlacedMeasure:
    measure: Measure
    # 1, 2, 3… on its page, counted before any selection, so that the place
    # (and the id built from it) does not depend on what else was exported.
    position: int


@dataclass(frozen=True)
class ExportCounts:
    measures: int
    comments: int


def placed_measures(reports: Iterable[Report], keep: Keep | None = None) -> Iterator[PlacedMeasure]:
    """Every measure of every report, in input order, that ``keep`` keeps."""
    for report in reports:
        for position, measure in enumerate(report.measures, 1):
            if keep is None or keep(measure):
                yield PlacedMeasure(measure, position)
