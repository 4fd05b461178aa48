"""Replies reused from the fiscal year before, counted for the comments they answer."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from followup_cli.model import Measure
from followup_cli.stats.groups import fiscal_years


def reused_comments(measures: Sequence[Measure]) -> frozenset[tuple[int, int]] | None:
    """(measure index, comment index) of every reply reused from the fiscal year before.

    Each known fiscal year is compared with the one read before it (2019 with
    2020, 2020 with 2021) by :func:`followup_cli.diff.diff_measures`; a reply it
    flags as reused across years counts for the comment it answers. None when
    fewer than two fiscal years are read.
    """
    years = fiscal_years(measures)
    if len(years) < 2:
        return None
    # rapidfuzz and the diff modules load only when two years are read.
    from followup_cli.diff import diff_measures  # noqa: PLC0415 - startup time

    by_year: dict[int, list[int]] = {}
    for index, measure in enumerate(measures):
        if measure.fiscal_year is not None:
            by_year.setdefault(measure.fiscal_year, []).append(index)
    position = {
        (measure.fiscal_year, measure.source, measure.code, measure.name, c.section, c.number): (
            index,
            comment_index,
        )
        for index, measure in enumerate(measures)
        for comment_index, c in enumerate(measure.comments)
    }
    found: set[tuple[int, int]] = set()
    for old_year, new_year in itertools.pairwise(years):
        old = [measures[index] for index in by_year[old_year]]
        new = [measures[index] for index in by_year[new_year]]
        diff = diff_measures(
            old,
            new,
            old_year=old_year,
            new_year=new_year,
            old_sources=sorted({m.source for m in old}),
            new_sources=sorted({m.source for m in new}),
        )
        for flag in diff.reused_replies:
            if flag.kind != "across_years":
                continue
            ref = flag.comment
            where = position.get(
                (ref.fiscal_year, ref.source, ref.code, ref.measure, ref.section, ref.number)
            )
            if where is not None:
                found.add(where)
    return frozenset(found)
