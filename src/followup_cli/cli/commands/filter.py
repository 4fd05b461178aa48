"""``followup filter``: one row per comment, for finding things."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import typer

from followup_cli.cli.environment import current_environment
from followup_cli.cli.fields import COMMENT_FIELDS, CommentRow
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
    SectionOption,
    UnansweredOption,
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
from followup_cli.cli.records import NO_REPLY
from followup_cli.corpus.select import Selection, measure_order
from followup_cli.model import Report

EXAMPLE = """Examples:

  followup filter samples/ --unanswered

  followup filter samples/ -k テレワーク --section issues --format csv -o comments.csv"""


# The columns a person reads comments by; the rest is in the record formats.
# The section's first character (全体に対する…, 課題に対する…) before the
# number, so that overall #1 and issues #1 differ when the section column
# is left out of a narrow table.
_SECTION_MARKS = {"overall": "全", "issues": "課", "other": "他"}


def _numbered(row: CommentRow) -> str:
    if row.comment is None:
        return ""
    return f"{_SECTION_MARKS.get(row.comment.section, '')}{row.comment.number}"


# On a narrow terminal the department goes first, then the section, then
# the measure's name.
COMMENT_TABLE_COLUMNS = (
    Column("fiscal_year", "year", numeric=True),
    Column("code", "code"),
    Column("name", "measure", ratio=1, min_width=8, priority=1, group=True),
    Column("department", "department", priority=3),
    Column("section", "section", priority=2),
    Column("number", "no.", numeric=True, cell=_numbered),
    Column("text", "comment", ratio=2),
    Column("reply", "reply", missing=NO_REPLY, ratio=2),
)


def _one(row: CommentRow) -> Iterable[CommentRow]:
    return (row,)


LISTING: Listing[CommentRow] = Listing(
    records=COMMENT_FIELDS,
    rows=_one,
    row_fields=COMMENT_FIELDS,
    columns=COMMENT_TABLE_COLUMNS,
    row_lines=True,
)


def page_comments(report: Report, selection: Selection) -> Iterator[CommentRow]:
    """One page's comments that the selection keeps (run where the page is parsed)."""
    for measure in report.measures:
        if not selection.keeps_measure(measure):
            continue
        for comment in measure.comments:
            if selection.keeps_comment(comment):
                yield CommentRow(measure, comment)


def selected_comments(reports: Iterable[Report], selection: Selection) -> Iterator[CommentRow]:
    for report in reports:
        yield from page_comments(report, selection)


@with_format_options()
def filter_comments(
    ctx: typer.Context,
    *,
    paths: PathsArgument = None,
    year: YearOption = None,
    page_year: PageYearOption = None,
    department: DepartmentOption = None,
    code: CodeOption = None,
    section: SectionOption = None,
    grep: GrepOption = None,
    unanswered: UnansweredOption = False,
    formats: FormatRequest,
    color: ColorOption = None,
    no_color: NoColorOption = False,
    jobs: JobsOption = None,
    no_sort: NoSortOption = False,
) -> None:
    """One row per comment (外部評価実施者意見) with its reply (担当課返答) and its
    measure's fiscal year, code, name (事業又は施策名) and department.

    Rows are sorted like list (fiscal year, then code; comments as
    published); --format jsonl streams them in input order as pages are
    read, and so do json, csv and tsv with --no-sort. --grep matches the
    comment or its reply, ignoring full/half width and case.
    """
    env = current_environment(ctx)
    options = choose_output(env, LISTING, formats)
    selection = Selection.build(
        year=year,
        department=department,
        codes=code,
        section=section,
        grep=grep,
        unanswered=unanswered,
    )
    reporter = Reporter(env.stderr)
    reading = ReadOptions(
        jobs=jobs,
        allow_progress=not options.streams_to_terminal(env),
        year=year,
        page_year=page_year,
        output=options.path,
    )
    if streams_in_input_order(options, sort=not no_sort):
        render = PageRenderer(__name__, page_comments, selection, options)
        pages = read_rendered(paths or [], env, reporter, render, reading)
        write_rendered(LISTING, pages, options, env)
    else:
        reports = reading.reports(paths or [], env, reporter)
        rows: Iterable[CommentRow] = selected_comments(reports, selection)
        if not no_sort:
            # Sorted like list; the sort is stable, so comments stay as published.
            rows = sorted(rows, key=lambda row: measure_order(row.measure))
        write_listing(LISTING, rows, options, env)
    if reporter.exit_status:
        raise typer.Exit(reporter.exit_status)


def register(app: typer.Typer) -> None:
    app.command(
        "filter",
        epilog=EXAMPLE,
        short_help="One row per comment (外部評価実施者意見) with its reply (担当課返答).",
    )(filter_comments)
