"""What the report says, as plain data: figures from the stats library, changes from the diff.

Nothing here knows HTML; :mod:`followup_cli.report.page` lays it out.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from followup_cli.model import Comment, Measure
from followup_cli.stats import (
    StatsRow,
    compute_stats,
    fiscal_years,
    only_municipality,
    reused_comments,
    sort_rows,
)


@dataclass(frozen=True, slots=True)
class UnansweredMeasure:
    """One measure and the comments on it that got no reply."""

    measure: Measure
    comments: tuple[Comment, ...]


@dataclass(frozen=True, slots=True)
class DepartmentUnanswered:
    # (municipality, department), as the stats group them.
    department: tuple[str | None, str | None]
    measures: tuple[UnansweredMeasure, ...]

    @property
    def count(self) -> int:
        return sum(len(item.comments) for item in self.measures)


@dataclass(frozen=True, slots=True)
class DirectionRewrite:
    measure: Measure
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class Answered:
    """A comment made again this year that got a reply it lacked the year before."""

    measure: Measure
    comment: Comment


@dataclass(frozen=True, slots=True)
class Reuse:
    """A reply of this year that repeats one of the year before."""

    measure: Measure
    comment: Comment
    original_year: int | None
    original_code: str | None
    original_measure: str
    similarity: float
    exact: bool


@dataclass(frozen=True, slots=True)
class YearChanges:
    """What moved from one fiscal year read to the next."""

    old_year: int
    new_year: int
    added: tuple[Measure, ...]
    removed: tuple[Measure, ...]
    rewritten: tuple[DirectionRewrite, ...]
    answered: tuple[Answered, ...]
    reused: tuple[Reuse, ...]


@dataclass(frozen=True, slots=True)
class ReportContent:
    sources: tuple[str, ...]
    years: tuple[int, ...]
    # Measures whose fiscal year is unknown are counted apart in the summary.
    by_year: tuple[StatsRow, ...]
    total: StatsRow | None
    by_department: tuple[StatsRow, ...]
    # Department x fiscal year, grouped by department in by_department's order.
    by_department_year: tuple[StatsRow, ...]
    unanswered: tuple[DepartmentUnanswered, ...]
    changes: tuple[YearChanges, ...]


def build_content(measures: Sequence[Measure], sources: Sequence[str] = ()) -> ReportContent:
    """Every figure and list the report shows, for these measures."""
    reused = reused_comments(measures)
    total = compute_stats(measures, (), reused=reused)
    return ReportContent(
        sources=tuple(sources) or tuple(dict.fromkeys(m.source for m in measures)),
        years=tuple(fiscal_years(measures)),
        by_year=tuple(compute_stats(measures, ("fiscal_year",), reused=reused)),
        total=total[0] if total else None,
        by_department=tuple(
            sort_rows(compute_stats(measures, ("department",), reused=reused), "reply_rate")
        ),
        by_department_year=tuple(
            sort_rows(
                compute_stats(measures, ("department", "fiscal_year"), reused=reused),
                "reply_rate",
            )
        ),
        unanswered=_unanswered(measures),
        changes=_changes(measures),
    )


def _unanswered(measures: Sequence[Measure]) -> tuple[DepartmentUnanswered, ...]:
    groups: dict[tuple[str | None, str | None], list[UnansweredMeasure]] = {}
    only_city = only_municipality(measures)
    for measure in measures:
        missing = tuple(c for c in measure.comments if c.reply is None)
        if missing:
            key = (measure.municipality or only_city, measure.department)
            groups.setdefault(key, []).append(UnansweredMeasure(measure, missing))
    found = [DepartmentUnanswered(key, tuple(items)) for key, items in groups.items()]
    # Most unanswered first; departments without a name last.
    found.sort(key=lambda group: (group.department[1] is None, -group.count,
                                  group.department[1] or "", group.department[0] or ""))
    return tuple(found)


def _changes(measures: Sequence[Measure]) -> tuple[YearChanges, ...]:
    years = fiscal_years(measures)
    if len(years) < 2:
        return ()
    # rapidfuzz and the diff modules load only when two years are read.
    from followup_cli.diff import diff_measures  # noqa: PLC0415 - loaded on demand

    found: list[YearChanges] = []
    for old_year, new_year in itertools.pairwise(years):
        old = [m for m in measures if m.fiscal_year == old_year]
        new = [m for m in measures if m.fiscal_year == new_year]
        diff = diff_measures(
            old,
            new,
            old_year=old_year,
            new_year=new_year,
            old_sources=sorted({m.source for m in old}),
            new_sources=sorted({m.source for m in new}),
        )
        rewritten: list[DirectionRewrite] = []
        answered: list[Answered] = []
        reuses: list[Reuse] = []
        for measure_diff in diff.changed:
            rewritten.extend(
                DirectionRewrite(measure_diff.new, change.old, change.new)
                for change in measure_diff.changes
                if change.field == "direction" and not change.formatting_only
            )
            answered.extend(
                Answered(measure_diff.new, match.new)
                for match in measure_diff.comment_matches
                if match.reply.kind == "answered"
            )
        by_place = {(m.source, m.code, m.name): m for m in new}
        for flag in diff.reused_replies:
            ref = flag.comment
            measure = by_place.get((ref.source, ref.code, ref.measure))
            comment = None if measure is None else _comment_at(measure, ref.section, ref.number)
            if flag.kind != "across_years" or measure is None or comment is None:
                continue
            reuses.append(
                Reuse(
                    measure=measure,
                    comment=comment,
                    original_year=flag.original.fiscal_year,
                    original_code=flag.original.code,
                    original_measure=flag.original.measure,
                    similarity=flag.similarity,
                    exact=flag.exact,
                )
            )
        found.append(
            YearChanges(
                old_year=old_year,
                new_year=new_year,
                added=diff.added,
                removed=diff.removed,
                rewritten=tuple(rewritten),
                answered=tuple(answered),
                reused=tuple(reuses),
            )
        )
    return tuple(found)


def _comment_at(measure: Measure, section: str, number: int) -> Comment | None:
    for comment in measure.comments:
        if comment.section == section and comment.number == number:
            return comment
    return None
