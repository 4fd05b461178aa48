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
from rich.console import Console
from rich.table import Table
from rich.text import Text

from followup_cli.cli.safe_text import one_line, terminal_text

if TYPE_CHECKING:
    from followup_cli.cli.environment import Environment
    from followup_cli.cli.output import Cell, Column

# What a shortened column may take at most, so that on a wide terminal the
# other columns are not starved by one long line.
SHORTENED_MAX_WIDTH = 40
# How a missing reply is marked: visible without colour too, by its words.
MISSING_STYLE = "bold red"


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
    table = Table(
        box=box.SIMPLE_HEAD if not row_lines else box.SQUARE,
        show_lines=row_lines,
        header_style="bold",
        pad_edge=False,
        expand=False,
    )
    for column in columns:
        if column.shorten:
            table.add_column(
                column.title,
                no_wrap=True,
                overflow="ellipsis",
                max_width=SHORTENED_MAX_WIDTH,
            )
        else:
            table.add_column(
                column.title,
                justify="right" if column.numeric else "left",
                overflow="fold",
            )
    for row in rows:
        cells = []
        for column, cell in zip(columns, row, strict=True):
            if cell is None and column.missing:
                cells.append(Text(column.missing, style=MISSING_STYLE))
                continue
            text = cell_text(cell)
            if column.shorten:
                text = Text(one_line(text.plain))
            cells.append(text)
        table.add_row(*cells)
    console.print(table)
