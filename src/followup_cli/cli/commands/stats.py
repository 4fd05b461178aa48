"""``followup stats``: comments, replies and reply rates per department, year, measure or section.

The counting is the library's (:mod:`followup_cli.stats`); the terminal table
with its bars and trends is :mod:`followup_cli.cli.render_stats`, imported
only when a table is drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from followup_cli import stats
from followup_cli.cli.environment import current_environment
from followup_cli.cli.fields import Fields
from followup_cli.cli.format_choice import FormatRequest, choose_output, with_format_options
from followup_cli.cli.inputs import read_reports
from followup_cli.cli.messages import Reporter
from followup_cli.cli.options import (
    CodeOption,
    ColorOption,
    DepartmentOption,
    GrepOption,
    JobsOption,
    NoColorOption,
    PageYearOption,
    PathsArgument,
    YearOption,
)
from followup_cli.cli.output import Column, Listing, write_listing
from followup_cli.corpus.select import Selection
from followup_cli.model import Measure

if TYPE_CHECKING:
    from rich.console import Console

EXAMPLE = """Examples:

  followup stats samples/

  followup stats samples/ --by department,fiscal_year

  followup stats samples/ --by measure --sort unanswered --json"""

_GROUPS = "Grouping"


def _dimensions(value: str) -> tuple[stats.Dimension, ...]:
    try:
        return stats.parse_dimensions(value)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--by") from error


ByOption = Annotated[
    str,
    typer.Option(
        "--by",
        metavar="DIMENSION[,DIMENSION]",
        help=(
            "Group by one or two of department, fiscal_year (or year), measure, section, "
            "municipality: "
            "--by department,fiscal_year shows each department's trend across years."
        ),
        rich_help_panel=_GROUPS,
    ),
]

SortOption = Annotated[
    str,
    typer.Option(
        "--sort",
        metavar="FIELD",
        help=(
            "Order rows by a field: reply_rate, comment_count, replied_count, unanswered, "
            "measures, "
            "shared_replies, reused_replies (largest first), or a grouping field such as "
            "department or fiscal_year (A to Z, oldest first)."
        ),
        rich_help_panel=_GROUPS,
    ),
]

ReverseOption = Annotated[
    bool,
    typer.Option("--reverse", "-r", help="Reverse the order.", rich_help_panel=_GROUPS),
]

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
    "reply_rate": "reply_rate",
    "shared_replies": "shared_replies",
    "reused_replies": "reused_replies",
}
_NUMERIC = {"fiscal_year", *stats.COUNT_FIELDS}


def _getter(name: str) -> Callable[[stats.StatsRow], object]:
    return lambda row: row.to_dict()[name]


def _one(row: stats.StatsRow) -> Iterable[stats.StatsRow]:
    return (row,)


def _listing(
    dimensions: tuple[stats.Dimension, ...],
    *,
    totals: stats.StatsRow | None = None,
) -> Listing[stats.StatsRow]:
    names = (*stats.key_fields(dimensions), *stats.COUNT_FIELDS)
    # Every format prints the same record: exactly StatsRow.to_dict().
    fields: Fields[stats.StatsRow] = Fields(
        getters={name: _getter(name) for name in names}, record_default=names, row_default=names
    )

    def render_table(console: Console, items: Sequence[stats.StatsRow]) -> None:
        from followup_cli.cli import render_stats  # noqa: PLC0415 - rich costs startup time

        render_stats.render_stats(console, dimensions, items, totals=totals)

    return Listing(
        records=fields,
        rows=_one,
        row_fields=fields,
        columns=tuple(Column(name, _TITLES[name], numeric=name in _NUMERIC) for name in names),
        render_table=render_table,
    )


@with_format_options(wide=False)
def show_stats(
    ctx: typer.Context,
    *,
    paths: PathsArgument = None,
    by: ByOption = "department",
    sort: SortOption = stats.DEFAULT_SORT,
    reverse: ReverseOption = False,
    year: YearOption = None,
    page_year: PageYearOption = None,
    department: DepartmentOption = None,
    code: CodeOption = None,
    grep: GrepOption = None,
    formats: FormatRequest,
    color: ColorOption = None,
    no_color: NoColorOption = False,
    jobs: JobsOption = None,
) -> None:
    """Measures, comments, replied, unanswered and reply rate per group.

    Groups are departments unless --by says otherwise. Shared replies are
    comments answered by one reply cell together with others; reused replies
    (with two or more fiscal years read) are replies the diff finds pasted from
    the year before. Rows are ordered by reply rate, highest first, unless
    --sort names another field.
    """
    env = current_environment(ctx)
    dimensions = _dimensions(by)
    if sort not in stats.sort_fields(dimensions):
        raise typer.BadParameter(
            f"cannot sort by {sort!r} with --by {','.join(dimensions)}; choose from "
            + ", ".join(stats.sort_fields(dimensions)),
            param_hint="--sort",
        )
    listing = _listing(dimensions)
    options = choose_output(env, listing, formats)
    selection = Selection.build(year=year, department=department, codes=code, grep=grep)
    reporter = Reporter(env.stderr)
    reports = read_reports(
        paths or [], env, reporter, jobs=jobs, year=year, page_year=page_year, output=options.path
    )
    measures: list[Measure] = [
        measure
        for report in reports
        for measure in report.measures
        if selection.keeps_measure(measure) and selection.grep_keeps_measure(measure)
    ]
    reused = stats.reused_comments(measures)
    rows = stats.sort_rows(
        stats.compute_stats(measures, dimensions, reused=reused), sort, reverse=reverse
    )
    totals = stats.compute_stats(measures, (), reused=reused)
    listing = _listing(dimensions, totals=totals[0] if totals else None)
    write_listing(listing, rows, options, env)
    if reporter.exit_status:
        raise typer.Exit(reporter.exit_status)


def register(app: typer.Typer) -> None:
    app.command(
        "stats",
        epilog=EXAMPLE,
        short_help="Comments, replies and reply rates per department, year or measure.",
    )(show_stats)
