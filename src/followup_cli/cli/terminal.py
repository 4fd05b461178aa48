"""Tables and documents for people, drawn with rich.

Imported only when a table is printed: rich's table and panel modules cost
import time that json, csv and tsv runs should not pay.

Page text is data. Every cell is a :class:`rich.text.Text`, which rich never
reads as markup, made of :func:`~followup_cli.cli.safe_text.terminal_text`, so
neither ``[red]`` nor an escape sequence in a page can style or move anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from followup_cli.cli.safe_text import one_line, terminal_text

if TYPE_CHECKING:
    from followup_cli.cli.environment import Environment
    from followup_cli.cli.fields import Cell
    from followup_cli.cli.output import Column

# How a missing reply is marked: visible without colour too, by its words.
MISSING_STYLE = "bold red"
# Columns without a ratio are as wide as their content, up to this.
FIXED_MAX_WIDTH = 24


def make_console(out: TextIO, env: Environment, *, to_terminal: bool) -> Console:
    colors = to_terminal and not env.no_color
    return Console(
        file=out,
        force_terminal=to_terminal,
        color_system="auto" if colors else None,
        no_color=not colors,
        width=env.width,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
        legacy_windows=False,
    )


def data_text(value: str | None, *, style: str = "") -> Text:
    """Page text as a rich Text: never markup, never control characters."""
    return Text(terminal_text(value or ""), style=style)


def cell_text(cell: Cell) -> Text:
    if cell is None:
        return Text("")
    if isinstance(cell, bool):
        return Text("yes" if cell else "no")
    if isinstance(cell, int):
        return Text(str(cell))
    return data_text(cell)


def print_table(
    console: Console,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    *,
    row_lines: bool = False,
) -> None:
    body = [
        [_table_cell(column, cell) for column, cell in zip(columns, row, strict=True)]
        for row in rows
    ]
    # Rows of several lines read best boxed; one-line rows as plain columns
    # under a rule, like gh and kubectl print them.
    boxed = row_lines
    widths = column_widths(columns, body, console.width, edges=boxed)
    table = Table(
        box=box.SQUARE if boxed else box.SIMPLE_HEAD,
        show_edge=boxed,
        show_lines=row_lines,
        header_style="bold",
        pad_edge=False,
    )
    for column, width in zip(columns, widths, strict=True):
        table.add_column(
            column.title,
            justify="right" if column.numeric else "left",
            width=width,
            no_wrap=column.shorten,
            overflow="ellipsis" if column.shorten else "fold",
        )
    for cells in body:
        table.add_row(*cells)
    console.print(table)


def _table_cell(column: Column, cell: Cell) -> Text:
    if cell is None and column.missing:
        return Text(column.missing, style=MISSING_STYLE)
    text = cell_text(cell)
    if column.shorten:
        return Text(one_line(text.plain))
    return text


def column_widths(
    columns: Sequence[Column], body: Sequence[Sequence[Text]], total: int, *, edges: bool
) -> list[int]:
    """Widths that fit ``total`` cells: plain columns as wide as their content
    (up to FIXED_MAX_WIDTH), ratio columns sharing what is left, none wider
    than its longest line. Rich's own sharing lets one long unbreakable
    Japanese sentence starve every other column.
    """
    natural = [
        max([cell_len(column.title)] + [_longest_line(row[index]) for row in body])
        for index, column in enumerate(columns)
    ]
    minimum = [max(cell_len(column.title), 2) for column in columns]
    widths = [
        0 if column.ratio else min(max(natural[index], minimum[index]), FIXED_MAX_WIDTH)
        for index, column in enumerate(columns)
    ]
    # One divider between columns with a space of padding each side, and,
    # with edges, an edge character each side (pad_edge=False: no padding).
    overhead = 3 * (len(columns) - 1) + (2 if edges else 0)
    left = total - overhead - sum(widths)
    flexible = [index for index, column in enumerate(columns) if column.ratio]
    # Water-filling: a column whose content fits its share takes only that,
    # and the rest is shared again among the others.
    while flexible:
        ratio_sum = sum(columns[index].ratio or 0 for index in flexible)
        settled = [
            index
            for index in flexible
            if natural[index] <= left * (columns[index].ratio or 0) / ratio_sum
        ]
        if not settled:
            break
        for index in settled:
            widths[index] = max(natural[index], minimum[index])
            left -= widths[index]
            flexible.remove(index)
    if flexible:
        ratio_sum = sum(columns[index].ratio or 0 for index in flexible)
        for index in flexible:
            share = max(left, 0) * (columns[index].ratio or 0) // ratio_sum
            widths[index] = max(share, minimum[index])
    return widths


def _longest_line(text: Text) -> int:
    return max((cell_len(line) for line in text.plain.split("\n")), default=0)
