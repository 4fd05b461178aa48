"""``followup filter``: one row per comment, for finding things."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import typer

from followup_cli.cli.environment import current_environment
from followup_cli.cli.inputs import read_reports
from followup_cli.cli.messages import Reporter
from followup_cli.cli.options import (
    BomOption,
    CodeOption,
    DepartmentOption,
    FormatOption,
    GrepOption,
    JobsOption,
    JsonOption,
    OutputOption,
    PathsArgument,
    SectionOption,
    UnansweredOption,
    YearOption,
)
from followup_cli.cli.output import Cell, Listing, resolve_output, write_listing
from followup_cli.cli.records import COMMENT_COLUMNS, CommentRow, comment_rows
from followup_cli.corpus.select import Selection
from followup_cli.model import Report

EXAMPLE = """Examples:

  followup filter samples/ --unanswered

  followup filter samples/ -k テレワーク --section issues --format csv -o comments.csv"""


def _rows(row: CommentRow) -> Iterable[Sequence[Cell]]:
    yield row.cells()


LISTING: Listing[CommentRow] = Listing(
    columns=COMMENT_COLUMNS,
    rows=_rows,
    record=CommentRow.to_dict,
    table_keys=("year", "code", "department", "section", "number", "text", "reply"),
    row_lines=True,
)


def selected_comments(reports: Iterable[Report], selection: Selection) -> Iterator[CommentRow]:
    for report in reports:
        for measure in report.measures:
            if not selection.keeps_measure(measure):
                continue
            for row in comment_rows(measure):
                if selection.keeps_comment(row.comment):
                    yield row


def filter_comments(
    ctx: typer.Context,
    *,
    paths: PathsArgument = None,
    year: YearOption = None,
    department: DepartmentOption = None,
    code: CodeOption = None,
    section: SectionOption = None,
    grep: GrepOption = None,
    unanswered: UnansweredOption = False,
    output_format: FormatOption = None,
    json_flag: JsonOption = False,
    bom: BomOption = False,
    output: OutputOption = None,
    jobs: JobsOption = None,
) -> None:
    """One row per comment: year, code, department, section, number, comment, reply.

    Rows come in input order (pages sorted by path, measures and comments as
    published) and stream as pages are read. --grep matches the comment or
    its reply, ignoring full/half width and case.
    """
    env = current_environment(ctx)
    options = resolve_output(
        env, output_format=output_format, json_flag=json_flag, bom=bom, path=output
    )
    selection = Selection.build(
        year=year,
        department=department,
        codes=code,
        section=section,
        grep=grep,
        unanswered=unanswered,
    )
    reporter = Reporter(env.stderr)
    reports = read_reports(
        paths or [], env, reporter, jobs=jobs, allow_progress=not options.streams_to_terminal(env)
    )
    write_listing(LISTING, selected_comments(reports, selection), options, env)
    if reporter.exit_status:
        raise typer.Exit(reporter.exit_status)


def register(app: typer.Typer) -> None:
    app.command("filter", epilog=EXAMPLE)(filter_comments)
