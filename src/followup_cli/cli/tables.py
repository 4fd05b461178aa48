"""Row tables (list, filter) that stay readable at any terminal width.

Each column has a priority and a minimum width. A column is never narrower
than its title, its declared minimum, or (for short values: years, codes,
counts) its widest word, so ``2021`` and ``Ｆ１`` never split. When the
terminal is too narrow for every column at its minimum, the least important
columns are dropped, and a footer line names them and how to see them.
What is left is shared out: short columns up to their content, then the
long text columns by ratio, each no wider than its longest line.

Long text is wrapped here by the kinsoku rules
(:mod:`followup_cli.cli.linebreak`), not by rich, which would fold a
Japanese sentence at any character.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from followup_cli.cli import linebreak
from followup_cli.cli.safe_text import one_line
from followup_cli.cli.terminal import MISSING_STYLE, cell_text

if TYPE_CHECKING:
    from followup_cli.cli.fields import Cell
    from followup_cli.cli.output import Column

# Columns without a ratio are as wide as their content, up to this.
FIXED_MAX_WIDTH = 24
# A text column narrower than this reads as a list of syllables.
TEXT_MIN_WIDTH = 10


@dataclass(frozen=True)
class Layout:
    """The columns shown, their widths, and the columns left out."""

    shown: tuple[int, ...]
    widths: tuple[int, ...]
    dropped: tuple[int, ...]


def print_table(
    console: Console,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    *,
    row_lines: bool = False,
    wide: bool = False,
) -> None:
    plain = [
        [_plain_cell(column, cell) for column, cell in zip(columns, row, strict=True)]
        for row in rows
    ]
    # Rows of several lines read best boxed; one-line rows as plain columns
    # under a rule, like gh and kubectl print them.
    boxed = row_lines
    layout = plan(columns, plain, console.width, edges=boxed, wide=wide)
    table = Table(
        box=box.SQUARE if boxed else box.SIMPLE_HEAD,
        show_edge=boxed,
        show_lines=row_lines,
        header_style="bold",
        pad_edge=False,
    )
    for index, width in zip(layout.shown, layout.widths, strict=True):
        column = columns[index]
        table.add_column(
            column.title,
            justify="right" if column.numeric else "left",
            width=width,
            no_wrap=True,
            overflow="fold",
        )
    previous: Sequence[Cell] | None = None
    for row, texts in zip(rows, plain, strict=True):
        cells: dict[int, Text] = {}
        for index, width in zip(layout.shown, layout.widths, strict=True):
            if _repeats(columns, index, row, previous):
                # The row above says it already: blank, as a grouped listing.
                cells[index] = Text("")
            elif not columns[index].shorten:
                cells[index] = _cell(columns[index], row[index], texts[index], width)
        # A shortened column may use the lines the row takes anyway.
        height = max((len(cell.plain.split("\n")) for cell in cells.values()), default=1)
        for index, width in zip(layout.shown, layout.widths, strict=True):
            if index not in cells:
                cells[index] = _shortened(columns[index], row[index], texts[index], width, height)
        table.add_row(*(cells[index] for index in layout.shown))
        previous = row
    if wide:
        # Wider than the terminal if need be: the terminal wraps the lines,
        # `less -S` scrolls them.
        needed = sum(layout.widths) + 3 * (len(layout.widths) - 1) + (2 if boxed else 0)
        console.width = max(console.width, needed)
    console.print(table)
    if layout.dropped:
        names = ", ".join(columns[index].title for index in layout.dropped)
        footer = f"hidden: {names} (--wide shows them, --csv or --json every field)"
        console.print(Text("\n".join(linebreak.wrap(footer, console.width)), style="dim"))


def _repeats(
    columns: Sequence[Column], index: int, row: Sequence[Cell], previous: Sequence[Cell] | None
) -> bool:
    """A grouping column whose value, and every value left of it, is the row above's."""
    if previous is None or not columns[index].group:
        return False
    return all(row[i] == previous[i] for i in range(index + 1))


def _plain_cell(column: Column, cell: Cell) -> str:
    if cell is None and column.missing:
        return column.missing
    return cell_text(cell).plain


def _cell(column: Column, cell: Cell, text: str, width: int) -> Text:
    style = MISSING_STYLE if cell is None and column.missing else ""
    return Text("\n".join(linebreak.wrap(text, width)), style=style)


def _shortened(column: Column, cell: Cell, text: str, width: int, lines: int) -> Text:
    """At most ``lines`` lines of ``text``, the last cut with "…" if more is left."""
    style = MISSING_STYLE if cell is None and column.missing else ""
    line = one_line(text)
    spans = linebreak.break_offsets(line, width)
    wrapped = [line[start:end] for start, end in spans]
    if len(wrapped) > lines:
        # The last line shown is the rest of the text, cut.
        rest = line[spans[lines - 1][0] :]
        wrapped = [*wrapped[: lines - 1], linebreak.shorten(rest, width)]
    return Text("\n".join(wrapped), style=style)


def plan(
    columns: Sequence[Column],
    body: Sequence[Sequence[str]],
    total: int,
    *,
    edges: bool,
    wide: bool = False,
) -> Layout:
    """Which columns fit in ``total`` cells, and how wide each is."""
    natural = [
        max([cell_len(column.title)] + [_longest_line(row[index]) for row in body])
        for index, column in enumerate(columns)
    ]
    minimum = [_minimum(column, index, body) for index, column in enumerate(columns)]
    shown = list(range(len(columns)))

    def overhead(count: int) -> int:
        # A divider between columns with a space each side; edges add one each side.
        return 3 * (count - 1) + (2 if edges else 0)

    dropped: list[int] = []
    if not wide:
        # Least important first; of equal priority, the rightmost.
        candidates = sorted(
            (index for index, column in enumerate(columns) if column.priority > 0),
            key=lambda index: (columns[index].priority, index),
            reverse=True,
        )
        for index in candidates:
            if sum(minimum[i] for i in shown) + overhead(len(shown)) <= total:
                break
            shown.remove(index)
            dropped.append(index)
    widths = {index: minimum[index] for index in shown}
    left = max(total - overhead(len(shown)) - sum(widths.values()), 0)
    # Short columns grow to their content first: a department on one line
    # costs little and reads far better than folded.
    for index in shown:
        column = columns[index]
        if column.ratio is None:
            grow = min(min(natural[index], FIXED_MAX_WIDTH) - widths[index], left)
            if grow > 0:
                widths[index] += grow
                left -= grow
    _share(columns, [i for i in shown if columns[i].ratio], natural, widths, left)
    return Layout(
        shown=tuple(shown),
        widths=tuple(widths[index] for index in shown),
        dropped=tuple(sorted(dropped)),
    )


def _share(
    columns: Sequence[Column],
    flexible: list[int],
    natural: Sequence[int],
    widths: dict[int, int],
    left: int,
) -> None:
    # Water-filling: a column whose content fits its share takes only that,
    # and the rest is shared again among the others.
    flexible = list(flexible)
    while flexible and left > 0:
        ratio_sum = sum(columns[index].ratio or 0 for index in flexible)
        settled = [
            index
            for index in flexible
            if natural[index] - widths[index] <= left * (columns[index].ratio or 0) / ratio_sum
        ]
        if not settled:
            for index in flexible:
                widths[index] += left * (columns[index].ratio or 0) // ratio_sum
            return
        for index in settled:
            grow = max(natural[index] - widths[index], 0)
            widths[index] += grow
            left -= grow
            flexible.remove(index)


def _minimum(column: Column, index: int, body: Sequence[Sequence[str]]) -> int:
    title = cell_len(column.title)
    if column.ratio is None:
        # Short values (years, codes, counts, sections) are never split.
        widest_word = max((linebreak.longest_unit(row[index]) for row in body), default=0)
        return max(title, column.min_width, min(widest_word, FIXED_MAX_WIDTH))
    return max(title, column.min_width or TEXT_MIN_WIDTH)


def _longest_line(text: str) -> int:
    return max((cell_len(line) for line in text.split("\n")), default=0)
