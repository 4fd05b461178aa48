"""The ``stats`` table: one row per group with a bar for its reply rate, and trends.

With ``--by X,fiscal_year`` (or ``fiscal_year,X``) over two or more years, a
second table gives each X's reply rate per year as a sparkline (▁ for 0 %,
█ for 100 %: the same scale for every row, so heights compare across rows)
with the figures beside it.

Narrow terminals get short column titles and a legend line instead of
wrapped headers; group names wrap, figures never do.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.bar import Bar
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from followup_cli.cli.terminal import data_text
from followup_cli.stats import (
    COUNT_FIELDS,
    Dimension,
    StatsRow,
    Trend,
    key_fields,
    key_label,
    several_municipalities,
    trends,
)

UNKNOWN = "（不明）/ unknown"
# The totals row says so in the widest of these its first column holds.
TOTAL_LABELS = ("合計 / total", "total", "合計")
SPARKS = "▁▂▃▄▅▆▇█"
NO_DATA = "·"
BAR_MAX = 30
BAR_MIN = 4
# Between two columns: one space of padding and the (blank) divider.
GAP = 2

_TITLES = {
    "municipality": "municipality",
    "department": "department",
    "fiscal_year": "fiscal_year",
    "code": "code",
    "name": "measure",
    "section": "section",
    "measures": "measures",
    "comment_count": "comments",
    "replied_count": "replied",
    "unanswered": "unanswered",
    "reply_rate": "reply rate",
    "shared_replies": "shared",
    "reused_replies": "reused",
}
_SHORT = {
    "fiscal_year": "FY",
    "measures": "msr",
    "comment_count": "cmt",
    "replied_count": "rep",
    "unanswered": "unans",
    "reply_rate": "rate",
    "shared_replies": "shr",
    "reused_replies": "reu",
}
_LEGEND = (
    "FY fiscal_year · msr measures · cmt comments · rep replied · unans unanswered · "
    "shr shared replies · reu replies reused from the year before"
)


def percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.0f}%"


def sparkline(rates: Sequence[float | None]) -> str:
    """One character per year: ▁ at 0 %, █ at 100 %, · for a year without comments."""
    marks = []
    for rate in rates:
        if rate is None:
            marks.append(NO_DATA)
        else:
            marks.append(SPARKS[min(len(SPARKS) - 1, int(rate * len(SPARKS)))])
    return "".join(marks)


def _key_text(value: object, name: str = "") -> Text:
    if value is None and name == "code":
        return Text("")
    if value is None:
        return Text(UNKNOWN, style="dim")
    if isinstance(value, int):
        return Text(str(value))
    return data_text(str(value))


def _count_fields(rows: Sequence[StatsRow]) -> tuple[str, ...]:
    # Reused replies mean nothing with one fiscal year: no column then.
    if rows and rows[0].reused_replies is None:
        return tuple(name for name in COUNT_FIELDS if name != "reused_replies")
    return COUNT_FIELDS


def _figure(row: StatsRow, name: str) -> str:
    if name == "reply_rate":
        return percent(row.reply_rate)
    value = row.value(name)
    return "" if value is None else str(value)


def render_stats(
    console: Console,
    dimensions: Sequence[Dimension],
    rows: Sequence[StatsRow],
    *,
    totals: StatsRow | None = None,
) -> None:
    several = several_municipalities(rows)
    # A column of one city (or of none named) says nothing row by row.
    keys = tuple(
        name for name in key_fields(dimensions)
        if name != "municipality" or several or "municipality" in dimensions
    )
    counts = _count_fields(rows)
    body = [
        (
            [_key_text(row.value(name), name) for name in keys],
            [_figure(row, name) for name in counts],
        )
        for row in rows
    ]
    total_cells: list[str] | None = None
    if totals is not None and len(rows) > 1:
        total_cells = [_figure(totals, name) for name in counts]

    def widths(titles: dict[str, str]) -> tuple[list[int], list[int]]:
        key_widths = [
            max([cell_len(titles[name])] + [cell_len(cells[0][i].plain) for cells in body])
            for i, name in enumerate(keys)
        ]
        figures = [*(cells[1] for cells in body), *([total_cells] if total_cells else [])]
        count_widths = [
            max([cell_len(titles[name])] + [len(cells[i]) for cells in figures])
            for i, name in enumerate(counts)
        ]
        return key_widths, count_widths

    titles = dict(_TITLES)
    key_widths, count_widths = widths(titles)
    columns = len(keys) + len(counts) + 1
    needed = sum(key_widths) + sum(count_widths) + BAR_MIN + GAP * (columns - 1)
    short = needed > console.width
    if short:
        titles.update(_SHORT)
        key_widths, count_widths = widths(titles)
    fixed = sum(count_widths) + GAP * (columns - 1)
    # Group names give way (and wrap) before the bar shrinks below its minimum.
    minimums = [
        min(width, max(cell_len(titles[name]), 4))
        for name, width in zip(keys, key_widths, strict=True)
    ]
    key_widths = _shrink(key_widths, minimums, console.width - fixed - BAR_MIN)
    bar_width = max(BAR_MIN, min(BAR_MAX, console.width - fixed - sum(key_widths)))

    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        header_style="bold",
        pad_edge=False,
        padding=(0, 1, 0, 0),
    )
    for name, width in zip(keys, key_widths, strict=True):
        table.add_column(titles[name], width=width, overflow="fold")
    rate_at = counts.index("reply_rate")
    for index, (name, width) in enumerate(zip(counts, count_widths, strict=True)):
        table.add_column(titles[name], justify="right", width=width, no_wrap=True)
        if index == rate_at:
            table.add_column("", width=bar_width, no_wrap=True)
    color = "green" if console.color_system else "default"
    for row, (key_cells, figures) in zip(rows, body, strict=True):
        bar = Bar(1.0, 0.0, row.reply_rate or 0.0, width=bar_width, color=color)
        table.add_row(*key_cells, *figures[: rate_at + 1], bar, *figures[rate_at + 1 :])
    if total_cells is not None:
        table.add_section()
        label_text = next(
            (label for label in TOTAL_LABELS if cell_len(label) <= key_widths[0]), "合計"
        )
        label = [Text(label_text, style="bold"), *(Text("") for _ in keys[1:])]
        table.add_row(*label, *total_cells[: rate_at + 1], Text(""), *total_cells[rate_at + 1 :])
    console.print(table)
    if short:
        console.print(Text(_LEGEND, style="dim"))
    found = trends(rows)
    if found:
        other = dimensions[0] if dimensions[1] == "fiscal_year" else dimensions[1]
        render_trends(console, other, found, with_municipality=several)


def _shrink(widths: list[int], minimums: list[int], room: int) -> list[int]:
    """Take width from the widest columns first until they fit ``room`` (or reach their minimum)."""
    widths = list(widths)
    while sum(widths) > room:
        shrinkable = [i for i, width in enumerate(widths) if width > minimums[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def render_trends(
    console: Console, dimension: Dimension, found: Sequence[Trend], *, with_municipality: bool
) -> None:
    """Each group's reply rate per fiscal year: a sparkline, then the figures."""
    years = found[0].years
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        header_style="bold",
        pad_edge=False,
        padding=(0, 1, 0, 0),
        title="reply rate per fiscal_year",
        title_justify="left",
        title_style="bold",
        caption="▁ 0% … █ 100%; · no comments",
        caption_justify="left",
        caption_style="dim",
    )
    title = "measure" if dimension == "measure" else _TITLES[dimension]
    year_width = 4
    fixed = len(years) + sum(max(year_width, 4) for _ in years) + GAP * (len(years) + 1)
    table.add_column(title, overflow="fold", max_width=max(console.width - fixed, 8))
    table.add_column("trend", no_wrap=True)
    for year in years:
        table.add_column(str(year), justify="right", no_wrap=True)
    for trend in found:
        table.add_row(
            _key_text(key_label(trend.key, with_municipality=with_municipality)),
            Text(sparkline(trend.rates), style="green" if console.color_system else ""),
            *(percent(rate) for rate in trend.rates),
        )
    console.print(table)
