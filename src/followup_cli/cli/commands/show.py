"""``followup show CODE``: one measure in full, as a person reads it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from followup_cli.cli.environment import current_environment
from followup_cli.cli.fields import COMMENT_FIELDS, MEASURE_FIELDS, CommentRow, comment_rows
from followup_cli.cli.format_choice import FormatRequest, choose_output
from followup_cli.cli.inputs import read_reports
from followup_cli.cli.messages import Reporter
from followup_cli.cli.options import (
    BomOption,
    CsvOption,
    FieldsOption,
    FormatOption,
    HeaderOption,
    JobsOption,
    JsonlOption,
    JsonOption,
    OutputOption,
    PathsArgument,
    TsvOption,
    YearOption,
)
from followup_cli.cli.output import Listing, write_listing
from followup_cli.cli.records import NO_REPLY
from followup_cli.cli.status import CommandError
from followup_cli.corpus.select import Selection, code_matches, measure_order
from followup_cli.model import Comment, Measure
from followup_cli.years import era_label

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

EXAMPLE = """Examples:

  followup show S27 samples/

  followup show s27 samples/ --year 令和2 --json"""

CodeArgument = Annotated[
    str,
    typer.Argument(
        metavar="CODE",
        help="The measure's code, e.g. S27; width and case do not matter.",
        show_default=False,
    ),
]


def _rows(measure: Measure) -> Iterable[CommentRow]:
    # A measure without comments is still one row: its direction is news.
    return comment_rows(measure, keep_empty=True)


def render_measures(console: Console, measures: Sequence[Measure]) -> None:
    """Each measure as a header panel, then its sections of numbered comments."""
    for index, measure in enumerate(measures):
        if index:
            console.print()
        _render_measure(console, measure)


def _render_measure(console: Console, measure: Measure) -> None:
    # Only tables need rich's renderables: json and csv runs never import them.
    from rich.panel import Panel  # noqa: PLC0415 - startup time
    from rich.rule import Rule  # noqa: PLC0415 - startup time
    from rich.table import Table  # noqa: PLC0415 - startup time

    from followup_cli.cli.terminal import data_text  # noqa: PLC0415 - imports rich

    year = (
        f"{era_label(measure.fiscal_year)} ({measure.fiscal_year})"
        if measure.fiscal_year is not None
        else "year unknown"
    )
    title = data_text(f"{year}  {measure.code or ''}".rstrip(), style="bold")
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim", no_wrap=True)
    facts.add_column(overflow="fold")
    facts.add_row("measure", data_text(measure.name, style="bold"))
    facts.add_row("department", data_text(measure.department or "—"))
    facts.add_row("direction", data_text(measure.direction or "—"))
    facts.add_row("source", data_text(measure.source))
    console.print(Panel(facts, title=title, title_align="left"))

    section_label: str | None = None
    # The first comment of a run sharing one reply (a merged reply cell).
    shared_from: Comment | None = None
    for comment in measure.comments:
        if comment.section_label != section_label:
            section_label = comment.section_label
            shared_from = None
            label = data_text(f"{comment.section_label} ({comment.section})", style="bold")
            console.print(Rule(label, align="left"))
        same_as = _shares_reply_with(shared_from, comment)
        if same_as is None:
            shared_from = comment if comment.reply_shared else None
        console.print(_comment_block(comment, same_as))
    if not measure.comments:
        console.print(data_text("(no comments)", style="dim"))


def _shares_reply_with(first: Comment | None, comment: Comment) -> int | None:
    """The number of the comment whose reply this one shares, already printed."""
    if first is None or not comment.reply_shared or comment.reply != first.reply:
        return None
    return first.number


def _comment_block(comment: Comment, same_as: int | None) -> RenderableType:
    from rich.console import Group  # noqa: PLC0415 - startup time
    from rich.padding import Padding  # noqa: PLC0415 - startup time
    from rich.table import Table  # noqa: PLC0415 - startup time

    from followup_cli.cli.terminal import MISSING_STYLE, data_text  # noqa: PLC0415 - imports rich

    reply: Text
    if comment.reply is None:
        reply = data_text(NO_REPLY, style=MISSING_STYLE)
    elif same_as is not None:
        # One reply answering several comments is printed once.
        reply = data_text(f"(the same reply as comment {same_as})", style="dim")
    else:
        reply = data_text(comment.reply)
    # The reply hangs under its label, so wrapped lines stay in its column.
    answer = Table.grid(padding=(0, 1))
    answer.add_column(style="dim", no_wrap=True)
    answer.add_column(overflow="fold")
    answer.add_row("返答", reply)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True, min_width=3)
    grid.add_column(overflow="fold")
    grid.add_row(data_text(f"{comment.number}."), Group(data_text(comment.text), answer))
    return Padding(grid, (0, 0, 1, 0))


LISTING: Listing[Measure] = Listing(
    records=MEASURE_FIELDS,
    rows=_rows,
    row_fields=COMMENT_FIELDS,
    columns=(),
    render_table=render_measures,
)


def show_measure(
    ctx: typer.Context,
    *,
    code: CodeArgument,
    paths: PathsArgument = None,
    year: YearOption = None,
    output_format: FormatOption = None,
    json_fields: JsonOption = None,
    csv: CsvOption = False,
    tsv: TsvOption = False,
    jsonl: JsonlOption = False,
    fields: FieldsOption = None,
    header: HeaderOption = False,
    bom: BomOption = False,
    output: OutputOption = None,
    jobs: JobsOption = None,
) -> None:
    """One measure in full: direction, every comment and its reply.

    Comments without a reply are marked （未回答）/ no reply. A code found in
    several fiscal years shows each year, oldest first. json and jsonl print
    measure records; csv and tsv one row per comment, as filter does.
    """
    env = current_environment(ctx)
    request = FormatRequest(
        format=output_format,
        json=json_fields,
        csv=csv,
        tsv=tsv,
        jsonl=jsonl,
        fields=fields,
        header=header,
        bom=bom,
        output=output,
    )
    options = choose_output(env, LISTING, request)
    selection = Selection.build(year=year)
    reporter = Reporter(env.stderr)
    found = [
        measure
        for report in read_reports(
            paths or [],
            env,
            reporter,
            jobs=jobs,
            allow_progress=not options.streams_to_terminal(env),
        )
        for measure in report.measures
        if code_matches(code, measure) and selection.keeps_measure(measure)
    ]
    if not found:
        where = f" in fiscal year {year}" if year is not None else ""
        raise CommandError(f"no measure with code {code!r}{where} in the pages read")
    found.sort(key=measure_order)
    write_listing(LISTING, found, options, env)
    if reporter.exit_status:
        raise typer.Exit(reporter.exit_status)


def register(app: typer.Typer) -> None:
    app.command("show", epilog=EXAMPLE)(show_measure)
