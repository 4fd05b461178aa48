"""Tables and documents for people, drawn with rich.

Imported only when a table is printed: rich's table and panel modules cost
import time that json, csv and tsv runs should not pay.

Page text is data. Every cell is a :class:`rich.text.Text`, which rich never
reads as markup, made of :func:`~followup_cli.cli.safe_text.terminal_text`, so
neither ``[red]`` nor an escape sequence in a page can style or move anything.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, TextIO, cast

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

from followup_cli.cli.safe_text import terminal_text

if TYPE_CHECKING:
    from followup_cli.cli.environment import Environment
    from followup_cli.cli.fields import Cell

# How a missing reply is marked: visible without colour too, by its words.
MISSING_STYLE = "bold red"


class _TrimmedLines(io.TextIOBase):
    """Writes through to ``out`` without the spaces rich pads lines with.

    Rich fills every cell of a table to its column's width; piped or copied,
    those trailing spaces are noise (and break ``diff`` of two outputs).
    """

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._pending = ""

    def write(self, text: str) -> int:
        lines = (self._pending + text).split("\n")
        self._pending = lines.pop()
        if lines:
            self._out.write("".join(_TRAILING.sub(r"\1", line) + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self._out.write(self._pending)
            self._pending = ""
        self._out.flush()

    def isatty(self) -> bool:
        return self._out.isatty()


# Spaces at the end of a line, before any closing colour codes.
_TRAILING = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$")


def make_console(out: TextIO, env: Environment, *, to_terminal: bool) -> Console:
    to_terminal = to_terminal or env.force_color
    colors = to_terminal and not env.no_color
    return Console(
        file=cast("TextIO", _TrimmedLines(out)),
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


def wrap_text(text: Text, width: int) -> Text:
    """``text`` broken into lines of ``width`` cells by the kinsoku rules, styles kept."""
    from followup_cli.cli import linebreak  # noqa: PLC0415 - only where text wraps

    lines = [text[start:end] for start, end in linebreak.break_offsets(text.plain, width)]
    wrapped = Text("\n").join(lines)
    wrapped.style = text.style
    return wrapped


class Wrapped:
    """A Text that rich lays out like any other, but wraps by the kinsoku rules.

    Rich asks how wide it could be (its longest line) and how narrow (its
    widest unbreakable unit), gives it a width, and gets lines broken between
    units: never inside an ASCII word or number, never before 。 or after 「.
    """

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield wrap_text(self.text, options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from followup_cli.cli import linebreak  # noqa: PLC0415 - only where text wraps

        plain = self.text.plain
        longest = max((cell_len(line) for line in plain.split("\n")), default=0)
        narrowest = min(linebreak.longest_unit(plain), longest)
        return Measurement(narrowest, longest).clamp(max_width=options.max_width)
