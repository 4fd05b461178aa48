"""Rows in the order asked for, and each group's reply rate across the years."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from followup_cli.stats.groups import (
    COUNT_FIELDS,
    DEFAULT_SORT,
    KEY_FIELDS,
    Dimension,
    StatsRow,
    natural_key,
    sort_fields,
)


def sort_rows(
    rows: Sequence[StatsRow], sort: str = DEFAULT_SORT, *, reverse: bool = False
) -> list[StatsRow]:
    """Rows ordered by one field: figures largest first, names and years A to Z.

    With two dimensions, rows stay grouped by the first: the groups are ordered
    by the field over each group's totals, and rows within a group by the field
    too, except years, which stay oldest first so that a trend reads left to
    right. Ties and empty values (no comments, no department) go last, in
    natural order. ``reverse`` flips the order.
    """
    if not rows:
        return []
    dimensions = rows[0].dimensions
    if sort not in sort_fields(dimensions):
        raise ValueError(
            f"cannot sort by {sort!r}; choose from " + ", ".join(sort_fields(dimensions))
        )
    if len(dimensions) < 2 or sort in KEY_FIELDS[dimensions[1]]:
        return _ordered(rows, sort, reverse)
    first = dimensions[0]
    groups: dict[object, list[StatsRow]] = {}
    for row in rows:
        groups.setdefault(row.key_value(first), []).append(row)
    totals = [_group_total(first, members) for members in groups.values()]
    order = _ordered(totals, sort, reverse)
    if dimensions[1] != "fiscal_year":
        groups = {key: _ordered(members, sort, reverse) for key, members in groups.items()}
    return [row for total in order for row in groups[total.key_value(first)]]


def _group_total(dimension: Dimension, members: Sequence[StatsRow]) -> StatsRow:
    head = members[0]
    reused = [row.reused_replies for row in members]
    return StatsRow(
        dimensions=(dimension,),
        key=tuple(head.value(name) for name in KEY_FIELDS[dimension]),
        # A measure spread over sections or years counts in each row; the
        # group's measure count is only used for ordering.
        measures=sum(row.measures for row in members),
        comments=sum(row.comments for row in members),
        replied=sum(row.replied for row in members),
        shared_replies=sum(row.shared_replies for row in members),
        reused_replies=None if None in reused else sum(r or 0 for r in reused),
    )


def _ordered(rows: Sequence[StatsRow], sort: str, reverse: bool) -> list[StatsRow]:
    natural = sorted(rows, key=natural_key)
    present = [row for row in natural if row.value(sort) is not None]
    missing = [row for row in natural if row.value(sort) is None]
    numeric = sort in COUNT_FIELDS or sort == "fiscal_year"
    descending = (sort in COUNT_FIELDS) != reverse
    if numeric:
        present.sort(key=lambda row: row.value(sort), reverse=descending)  # type: ignore[arg-type,return-value]
    else:
        present.sort(key=lambda row: str(row.value(sort)), reverse=descending)
    return present + missing


@dataclass(frozen=True, slots=True)
class Trend:
    """One group's reply rate in each fiscal year read (None: no comments that year)."""

    key: object
    years: tuple[int, ...]
    rates: tuple[float | None, ...]
    comments: tuple[int, ...]


def trends(rows: Sequence[StatsRow]) -> list[Trend]:
    """Per value of the other dimension, its reply rate across the fiscal years.

    Only for two dimensions of which one is fiscal_year and when two or more
    years are in the rows; otherwise empty. Groups come in the order of ``rows``.
    """
    if not rows:
        return []
    dimensions = rows[0].dimensions
    if len(dimensions) != 2 or "fiscal_year" not in dimensions:
        return []
    other = dimensions[0] if dimensions[1] == "fiscal_year" else dimensions[1]
    years = sorted({y for y in (row.value("fiscal_year") for row in rows) if isinstance(y, int)})
    if len(years) < 2:
        return []
    cells: dict[object, dict[int, StatsRow]] = {}
    for row in rows:
        year = row.value("fiscal_year")
        members = cells.setdefault(row.key_value(other), {})
        if isinstance(year, int):
            members[year] = row
    result: list[Trend] = []
    for key, members in cells.items():
        result.append(
            Trend(
                key=key,
                years=tuple(years),
                rates=tuple(
                    members[year].reply_rate if year in members else None for year in years
                ),
                comments=tuple(members[year].comments if year in members else 0 for year in years),
            )
        )
    return result
