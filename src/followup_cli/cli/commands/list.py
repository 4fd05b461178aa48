"""``followup list``: one row per measure, sorted by fiscal year then code."""

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
    OutputFormat,
    OutputOption,
    PathsArgument,
    YearOption,
)
from followup_cli.cli.output import Cell, Column, Listing, resolve_output, write_listing
from followup_cli.corpus.select import Selection, measure_order
from followup_cli.model import Measure, Report

EXAMPLE = """Examples:

  followup list samples/

  followup list samples/ --year R2 -d 情報 --json

  followup list samples/ | cut -f2"""


def _rows(measure: Measure) -> Iterable[Sequence[Cell]]:
    yield (
        measure.fiscal_year,
        measure.code,
        measure.name,
        measure.department,
        len(measure.comments),
        measure.replied_count,
        measure.direction,
        measure.source,
    )


LISTING: Listing[Measure] = Listing(
    columns=(
        Column("fiscal_year", "year", numeric=True),
        Column("code", "code"),
        Column("name", "name", ratio=2),
        Column("department", "department"),
        Column("comments", "comments", numeric=True),
        Column("replied", "replied", numeric=True),
        Column("direction", "direction", shorten=True, ratio=3),
        Column("source", "source"),
    ),
    rows=_rows,
    record=Measure.to_dict,
    table_keys=("fiscal_year", "code", "name", "department", "comments", "replied", "direction"),
)


def selected_measures(reports: Iterable[Report], selection: Selection) -> Iterator[Measure]:
    for report in reports:
        for measure in report.measures:
            if selection.keeps_measure(measure) and selection.grep_keeps_measure(measure):
                yield measure


def list_measures(
    ctx: typer.Context,
    *,
    paths: PathsArgument = None,
    year: YearOption = None,
    department: DepartmentOption = None,
    code: CodeOption = None,
    grep: GrepOption = None,
    output_format: FormatOption = None,
    json_flag: JsonOption = False,
    bom: BomOption = False,
    output: OutputOption = None,
    jobs: JobsOption = None,
) -> None:
    """One row per measure: year, code, name, department, comments, replied, direction.

    Sorted by fiscal year, then code. --format jsonl streams records as pages
    are read, so it keeps input order (pages sorted by path) instead.
    """
    env = current_environment(ctx)
    options = resolve_output(
        env, output_format=output_format, json_flag=json_flag, bom=bom, path=output
    )
    selection = Selection.build(year=year, department=department, codes=code, grep=grep)
    reporter = Reporter(env.stderr)
    reports = read_reports(
        paths or [], env, reporter, jobs=jobs, allow_progress=not options.streams_to_terminal(env)
    )
    measures: Iterable[Measure] = selected_measures(reports, selection)
    if options.format is not OutputFormat.JSONL:
        measures = sorted(measures, key=measure_order)
    write_listing(LISTING, measures, options, env)
    if reporter.exit_status:
        raise typer.Exit(reporter.exit_status)


def register(app: typer.Typer) -> None:
    app.command("list", epilog=EXAMPLE)(list_measures)
