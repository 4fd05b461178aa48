"""``followup show`` for people: each measure as the page reads.

A panel with the fiscal year, code and municipality in its title and the
measure's facts (事業又は施策名, 担当課, 今後の市の方向性, notes, source), then each
section under a rule, its comments numbered, each reply (担当課返答) hanging
under its comment.

Imported only when a table is printed. Every width is worked out here and
text is wrapped by the kinsoku rules (:mod:`followup_cli.cli.linebreak`):
rich would fold Japanese at any character.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from followup_cli.cli import linebreak
from followup_cli.cli.records import NO_REPLY
from followup_cli.cli.terminal import MISSING_STYLE, data_text
from followup_cli.model import Comment, Measure
from followup_cli.years import era_label

FACT_LABELS = ("measure", "department", "direction", "notes", "source")
REPLY_LABEL = "返答"
# The number column: "12." and a space.
NUMBER_CELLS = 3


def render_measures(console: Console, measures: Sequence[Measure]) -> None:
    """Each measure as a header panel, then its sections of numbered comments."""
    for index, measure in enumerate(measures):
        if index:
            console.print()
        render_measure(console, measure)


def wrapped(value: str | None, width: int, *, style: str = "") -> Text:
    """Page text wrapped to ``width`` cells by the kinsoku rules."""
    text = data_text(value, style=style)
    return Text("\n".join(linebreak.wrap(text.plain, width)), style=style)


def render_measure(console: Console, measure: Measure) -> None:
    width = console.width
    year = (
        f"{era_label(measure.fiscal_year)} ({measure.fiscal_year})"
        if measure.fiscal_year is not None
        else "year unknown"
    )
    # The city that published the page, beside the year: 令和2年度 (2020)  S27 · みなと野市.
    place = f" · {measure.municipality}" if measure.municipality else ""
    title = data_text(f"{year}  {measure.code or ''}".rstrip() + place, style="bold")
    # The panel's border and padding take two cells each side.
    inner = max(width - 4, 10)
    label_cells = max(cell_len(label) for label in FACT_LABELS)
    value_cells = max(inner - label_cells - 2, 8)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim", no_wrap=True, width=label_cells)
    facts.add_column(no_wrap=True, width=value_cells)
    facts.add_row("measure", wrapped(measure.name, value_cells, style="bold"))
    facts.add_row("department", wrapped(measure.department or "—", value_cells))
    facts.add_row("direction", wrapped(measure.direction or "—", value_cells))
    for note in measure.notes:
        facts.add_row("notes", wrapped(note, value_cells))
    facts.add_row("source", wrapped(measure.source, value_cells))
    console.print(Panel(facts, title=title, title_align="left", width=min(width, inner + 4)))

    section_label: str | None = None
    # The first comment of a run sharing one reply (a merged reply cell).
    shared_from: Comment | None = None
    for comment in measure.comments:
        if comment.section_label != section_label:
            section_label = comment.section_label
            shared_from = None
            label = f"{comment.section_label} ({comment.section})"
            heading = data_text(linebreak.shorten(label, width - 4), style="bold")
            console.print(Rule(heading, align="left"))
        same_as = _shares_reply_with(shared_from, comment)
        if same_as is None:
            shared_from = comment if comment.reply_shared else None
        console.print(_comment_block(comment, same_as, width))
    if not measure.comments:
        console.print(data_text("(no comments)", style="dim"))


def _shares_reply_with(first: Comment | None, comment: Comment) -> int | None:
    """The number of the comment whose reply this one shares, already printed."""
    if first is None or not comment.reply_shared or comment.reply != first.reply:
        return None
    return first.number


def _comment_block(comment: Comment, same_as: int | None, width: int) -> RenderableType:
    text_cells = max(width - NUMBER_CELLS - 1, 8)
    reply_cells = max(text_cells - cell_len(REPLY_LABEL) - 1, 8)
    reply: Text
    if comment.reply is None:
        reply = wrapped(NO_REPLY, reply_cells, style=MISSING_STYLE)
    elif same_as is not None:
        # One reply answering several comments is printed once.
        reply = wrapped(f"(the same reply as comment {same_as})", reply_cells, style="dim")
    else:
        reply = wrapped(comment.reply, reply_cells)
    # The reply hangs under its label, so wrapped lines stay in its column.
    answer = Table.grid(padding=(0, 1))
    answer.add_column(style="dim", no_wrap=True, width=cell_len(REPLY_LABEL))
    answer.add_column(no_wrap=True, width=reply_cells)
    answer.add_row(REPLY_LABEL, reply)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True, width=NUMBER_CELLS)
    grid.add_column(no_wrap=True, width=text_cells)
    grid.add_row(
        data_text(f"{comment.number}."), Group(wrapped(comment.text, text_cells), answer)
    )
    return Padding(grid, (0, 0, 1, 0))
