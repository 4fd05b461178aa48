"""``followup list``: one row per measure, sorted by fiscal year then code."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import typer

from followup_cli.cli.environment import current_environment
from followup_cli.cli.fields import MEASURE_FIELDS
from followup_cli.cli.format_choice import FormatRequest, choose_output, with_format_options
from followup_cli.cli.inputs import ReadOptions, read_rendered
from followup_cli.cli.messages import Reporter
from followup_cli.cli.options import (
    CodeOption,
    ColorOption,
    DepartmentOption,
    GrepOption,
    JobsOption,
    NoColorOption,
    NoSortOption,
    PageYearOption,
    PathsArgument,
    YearOption,
)
from followup_cli.cli.output import (
    Column,
    Listing,
    PageRenderer,
    streams_in_input_order,
    write_listing,
    write_rendered,
)
from followup_cli.corpus.select import Selection, measure_order
from followup_cli.model import Measure, Report

EXAMPLE = """Examples:

  followup list samples/

  followup list samples/ --year R2 -d 情報 --json

  followup list samples/ | cut -f2"""


def _replied_of(measure: Measure) -> str:
    # Both counts in one narrow column: "3/4" is 3 of 4 comments replied to.
    return f"{measure.replied_count}/{len(measure.comments)}"


def _one(measure: Measure) -> Iterable[Measure]:
    return (measure,)


LISTING: Listing[Measure] = Listing(
    records=MEASURE_FIELDS,
    rows=_one,
    row_fields=MEASURE_FIELDS,
    # On a narrow terminal the counts go first, then the direction, then
    # the department: year, code and name always stay.
    columns=(
        Column("fiscal_year", "year", numeric=True),
        Column("code", "code"),
        Column("name", "name", ratio=2, min_width=18),
        Column("department", "department", priority=1),
        Column("replied_count", "replied", numeric=True, priority=3, cell=_replied_of),
        Column("direction", "direction", shorten=True, ratio=3, min_width=18, priority=2),
    ),
)


def page_measures(report: Report, selection: Selection) -> Iterator[Measure]:
    """One page's measures that the selection keeps (run where the page is parsed)."""
    for measure in report.measures:
        if selection.keeps_measure(measure) and selection.grep_keeps_measure(measure):
            yield measure


def selected_measures(reports: Iterable[Report], selection: Selection) -> Iterator[Measure]:
    for report in reports:
        yield from page_measures(report, selection)


@with_format_options()
def list_measures(
    ctx: typer.Context,
    *,
    paths: PathsArgument = None,
    year: YearOption = None,
    page_year: PageYearOption = None,
    department: DepartmentOption = None,
    code: CodeOption = None,
    grep: GrepOption = None,
    formats: FormatRequest,
    color: ColorOption = None,
    no_color: NoColorOption = False,
    jobs: JobsOption = None,
    no_sort: NoSortOption = False,
) -> None:
    """One row per measure: fiscal year, code, name (事業又は施策名), department
    (担当課), how many comments (外部評価実施者意見) and replies (担当課返答), and the
    direction (今後の市の方向性).

    Sorted by fiscal year, then code. --format jsonl streams records as pages
    are read, so it keeps input order (pages sorted by path) instead; so do
    json, csv and tsv with --no-sort.
    """
    env = current_environment(ctx)
    options = choose_output(env, LISTING, formats)
    selection = Selection.build(year=year, department=department, codes=code, grep=grep)
    reporter = Reporter(env.stderr)
    reading = ReadOptions(
        jobs=jobs,
        allow_progress=not options.streams_to_terminal(env),
        year=year,
        page_year=page_year,
        output=options.path,
    )
    if streams_in_input_order(options, sort=not no_sort):
        render = PageRenderer(__name__, page_measures, selection, options)
        pages = read_rendered(paths or [], env, reporter, render, reading)
        write_rendered(LISTING, pages, options, env)
    else:
        reports = reading.reports(paths or [], env, reporter)
        measures: Iterable[Measure] = selected_measures(reports, selection)
        if not no_sort:
            measures = sorted(measures, key=measure_order)
        write_listing(LISTING, measures, options, env)
    if reporter.exit_status:
        raise typer.Exit(reporter.exit_status)


def register(app: typer.Typer) -> None:
    app.command(
        "list",
        epilog=EXAMPLE,
        short_help="One row per measure (事業又は施策名), its department and direction.",
    )(list_measures)
