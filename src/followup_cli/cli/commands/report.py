"""``followup report``: reply rates, unanswered comments and changes as one HTML page.

The page is the library's (:mod:`followup_cli.report`); this module reads
the pages, picks the measures and writes the file, replacing it only once
the whole page is written.
"""

from __future__ import annotations

from typing import Annotated

import typer

from followup_cli.cli.environment import current_environment
from followup_cli.cli.inputs import read_reports
from followup_cli.cli.messages import Reporter
from followup_cli.cli.options import (
    CodeOption,
    ColorOption,
    DepartmentOption,
    GrepOption,
    JobsOption,
    NoColorOption,
    OutputOption,
    PathsArgument,
    YearOption,
)
from followup_cli.cli.sinks import atomic_text_file
from followup_cli.cli.status import CommandError
from followup_cli.corpus.select import Selection

EXAMPLE = """Examples:

  followup report samples/ -o report.html

  followup report r2/ r3/ --title "さくら市 外部評価 令和2・3年度" -o report.html

  followup report samples/ > report.html"""

TitleOption = Annotated[
    str | None,
    typer.Option(
        "--title",
        metavar="TEXT",
        help="The page's title (default: 外部評価実施後の対応状況 集計レポート).",
        show_default=False,
    ),
]


def write_report(
    ctx: typer.Context,
    *,
    paths: PathsArgument = None,
    output: OutputOption = None,
    title: TitleOption = None,
    year: YearOption = None,
    department: DepartmentOption = None,
    code: CodeOption = None,
    grep: GrepOption = None,
    color: ColorOption = None,
    no_color: NoColorOption = False,
    jobs: JobsOption = None,
) -> None:
    """One self-contained HTML page: reply rates, unanswered comments, changes between years.

    The page needs no network: charts are inline SVG, there is no script,
    and a Content-Security-Policy lets it load nothing. With two or more
    fiscal years it also shows what changed from each year to the next.
    Written to --output FILE (replaced only once complete), or to standard
    output when that is not a terminal.
    """
    env = current_environment(ctx)
    if output is not None and str(output) == "-":
        output = None
    if output is None and env.stdout_isatty:
        raise typer.BadParameter(
            "an HTML page is not for the terminal: give --output FILE (e.g. -o report.html) "
            "or redirect standard output",
            param_hint="--output",
        )
    if output is not None and output.is_dir():
        raise typer.BadParameter(f"{output} is a directory", param_hint="--output")
    selection = Selection.build(year=year, department=department, codes=code, grep=grep)
    reporter = Reporter(env.stderr)
    reports = list(read_reports(paths or [], env, reporter, jobs=jobs))
    measures = [
        measure
        for report in reports
        for measure in report.measures
        if selection.keeps_measure(measure) and selection.grep_keeps_measure(measure)
    ]
    if not measures:
        raise CommandError("no measures to report on; the report was not written")
    # The page's modules (and, with two years, the diff's) load only here.
    from followup_cli.report import render_report  # noqa: PLC0415 - startup time

    page = render_report(measures, sources=[report.source for report in reports], title=title)
    if output is None:
        env.stdout.write(page)
        env.stdout.flush()
    else:
        with atomic_text_file(output) as out:
            out.write(page)
    if reporter.exit_status:
        raise typer.Exit(reporter.exit_status)


def register(app: typer.Typer) -> None:
    app.command("report", epilog=EXAMPLE)(write_report)
