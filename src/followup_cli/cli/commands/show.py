"""``followup show CODE``: one measure in full, as a person reads it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from followup_cli.cli.environment import current_environment
from followup_cli.cli.fields import COMMENT_FIELDS, MEASURE_FIELDS, CommentRow, comment_rows
from followup_cli.cli.format_choice import FormatRequest, choose_output, with_format_options
from followup_cli.cli.inputs import read_reports
from followup_cli.cli.messages import Reporter
from followup_cli.cli.options import (
    ColorOption,
    JobsOption,
    NoColorOption,
    PageYearOption,
    PathsArgument,
    YearOption,
)
from followup_cli.cli.output import Listing, write_listing
from followup_cli.cli.status import CommandError
from followup_cli.corpus.select import Selection, measure_order
from followup_cli.model import Measure

if TYPE_CHECKING:
    from rich.console import Console

    from followup_cli.corpus.lookup import Lookup

EXAMPLE = """Examples:

  followup show S27 samples/

  followup show 公共施設の適正配置 samples/ --year 令和2 --json"""

MeasureArgument = Annotated[
    str,
    typer.Argument(
        metavar="CODE|NAME",
        help=(
            "The measure's code (S27; width and case do not matter) or its name "
            "(事業又は施策名), whole or in part: 公共施設の適正配置, 適正配置."
        ),
        show_default=False,
    ),
]


def _rows(measure: Measure) -> Iterable[CommentRow]:
    # A measure without comments is still one row: its direction is news.
    return comment_rows(measure, keep_empty=True)


def render_measures(console: Console, measures: Sequence[Measure]) -> None:
    # Only tables need rich: json and csv runs never import the renderer.
    from followup_cli.cli import render_show  # noqa: PLC0415 - startup time

    render_show.render_measures(console, measures)


LISTING: Listing[Measure] = Listing(
    records=MEASURE_FIELDS,
    rows=_rows,
    row_fields=COMMENT_FIELDS,
    columns=(),
    render_table=render_measures,
)


@with_format_options(wide=False)
def show_measure(
    ctx: typer.Context,
    *,
    query: MeasureArgument,
    paths: PathsArgument = None,
    year: YearOption = None,
    page_year: PageYearOption = None,
    formats: FormatRequest,
    color: ColorOption = None,
    no_color: NoColorOption = False,
    jobs: JobsOption = None,
) -> None:
    """One measure in full: its name (事業又は施策名), department, direction
    (今後の市の方向性), every comment (外部評価実施者意見) and its reply (担当課返答).

    CODE|NAME is a code, else the whole name, else part of it (ignoring
    full/half width and case); nothing found suggests the closest names.
    Comments without a reply are marked （未回答）/ no reply. A measure found in
    several fiscal years shows each year, oldest first. json and jsonl print
    measure records; csv and tsv one row per comment, as filter does, with the
    direction (a measure without comments is one row).
    """
    env = current_environment(ctx)
    options = choose_output(env, LISTING, formats)
    selection = Selection.build(year=year)
    reporter = Reporter(env.stderr)
    measures = [
        measure
        for report in read_reports(
            paths or [],
            env,
            reporter,
            jobs=jobs,
            allow_progress=not options.streams_to_terminal(env),
            year=year,
            page_year=page_year,
            output=options.path,
        )
        for measure in report.measures
        if selection.keeps_measure(measure)
    ]
    from followup_cli.corpus.lookup import find_measures  # noqa: PLC0415 - startup time

    lookup = find_measures(query, measures)
    if not lookup.measures:
        raise CommandError(_not_found(query, year, lookup))
    found = list(lookup.measures)
    found.sort(key=measure_order)
    write_listing(LISTING, found, options, env)
    if reporter.exit_status:
        raise typer.Exit(reporter.exit_status)


def _not_found(query: str, year: int | None, lookup: Lookup) -> str:
    where = f" in fiscal year {year}" if year is not None else ""
    if lookup.too_many:
        names = "; ".join(str(group) for group in lookup.too_many[:8])
        more = " …" if len(lookup.too_many) > 8 else ""
        return (
            f"{query!r} is part of {len(lookup.too_many)} measures' names{where}: {names}{more}; "
            "give more of the name, or the code"
        )
    message = f"no measure with the code or name {query!r}{where} in the pages read"
    if lookup.suggestions:
        message += "; did you mean " + " or ".join(str(s) for s in lookup.suggestions) + "?"
    return message


def register(app: typer.Typer) -> None:
    app.command(
        "show",
        epilog=EXAMPLE,
        short_help="One measure in full, by code or name: direction, comments, replies.",
    )(show_measure)
