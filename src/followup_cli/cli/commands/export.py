"""``followup export``: measures and comments as a SQLite database or a workbook.

The work is done by :mod:`followup_cli.export`, imported when the command
runs (sqlite3 and xlsxwriter cost start-up time every other command would
pay); this module reads the pages, applies the selectors and picks the
format from the options or the file's extension.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from followup_cli.cli.environment import current_environment
from followup_cli.cli.inputs import read_reports
from followup_cli.cli.messages import Reporter
from followup_cli.cli.options import (
    CodeOption,
    ColorOption,
    DepartmentOption,
    JobsOption,
    NoColorOption,
    PageYearOption,
    PathsArgument,
    YearOption,
)
from followup_cli.cli.safe_text import terminal_text
from followup_cli.cli.sinks import atomic_text_file
from followup_cli.corpus.select import Selection

if TYPE_CHECKING:
    from followup_cli.export import ExportFormat

EXAMPLE = """Examples:

  followup export samples/ -o samples.db && datasette samples.db

  followup export samples/ --year R3 -o 令和3年度.xlsx"""

FormatName = Literal["sqlite", "xlsx"]
HeaderLanguage = Literal["ja", "en"]


def export_command(
    ctx: typer.Context,
    *,
    paths: PathsArgument = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="The file to write: .db, .sqlite or .sqlite3 for SQLite, .xlsx for Excel. "
            "Replaced only once it is complete.",
            show_default=False,
        ),
    ],
    export_format: Annotated[
        FormatName | None,
        typer.Option(
            "--format",
            "-f",
            metavar="sqlite|xlsx",
            help="The format, when FILE's extension does not say.",
            show_default=False,
        ),
    ] = None,
    year: YearOption = None,
    page_year: PageYearOption = None,
    department: DepartmentOption = None,
    code: CodeOption = None,
    headers: Annotated[
        HeaderLanguage,
        typer.Option(
            "--headers",
            metavar="ja|en",
            help="Excel header row: Japanese (年度, 担当課…) or the JSON keys (fiscal_year…).",
        ),
    ] = "ja",
    metadata: Annotated[
        Path | None,
        typer.Option(
            "--metadata",
            metavar="JSON",
            help="SQLite: also write Datasette metadata (titles, column descriptions in "
            "Japanese and English) to this file, for datasette FILE --metadata JSON.",
            show_default=False,
        ),
    ] = None,
    color: ColorOption = None,
    no_color: NoColorOption = False,
    jobs: JobsOption = None,
) -> None:
    """Write measures and comments to a SQLite database or an Excel workbook.

    SQLite (.db): measures, comments, full-text search, reply-rate views; datasette FILE serves it.

    Excel (.xlsx): sheets 施策 and 意見・返答, text exactly as published, Japanese headers.
    """
    from followup_cli import export  # noqa: PLC0415 - start-up time

    for path, hint in ((output, "--output"), (metadata, "--metadata")):
        if path is not None and (str(path) == "-" or path.is_dir()):
            raise typer.BadParameter(
                f"{path} is {'standard output' if str(path) == '-' else 'a directory'}; "
                "name a file",
                param_hint=hint,
            )
    chosen = _format(output, export_format)
    if metadata is not None and chosen is not export.ExportFormat.SQLITE:
        raise typer.BadParameter("Datasette metadata goes with SQLite", param_hint="--metadata")
    env = current_environment(ctx)
    selection = Selection.build(year=year, department=department, codes=code)
    reporter = Reporter(env.stderr)
    reports = read_reports(
        paths or [], env, reporter, jobs=jobs, year=year, page_year=page_year, output=output
    )
    if chosen is export.ExportFormat.SQLITE:
        counts = export.write_sqlite(reports, output, keep=selection.keeps_measure)
    else:
        outcome = export.write_xlsx(reports, output, keep=selection.keeps_measure, headers=headers)
        for problem in outcome.left_out:
            reporter.failed(problem)
        counts = outcome.counts
    if metadata is not None:
        with atomic_text_file(metadata) as out:
            out.write(export.datasette_metadata_json(output))
    if env.stderr_isatty:
        # Nothing else shows that the run did something; scripts see no such line.
        env.stderr.write(
            terminal_text(
                f"wrote {counts.measures} measures, {counts.comments} comments to {output}"
            )
            + "\n"
        )
    if reporter.exit_status:
        raise typer.Exit(reporter.exit_status)


def _format(output: Path, export_format: FormatName | None) -> ExportFormat:
    from followup_cli import export  # noqa: PLC0415 - start-up time

    if export_format is not None:
        return export.ExportFormat(export_format)
    found = export.format_for_path(output)
    if found is None:
        raise typer.BadParameter(
            f"cannot tell the format from {output.name!r}: name the file .db, .sqlite, "
            ".sqlite3 or .xlsx, or give --format sqlite|xlsx",
            param_hint="--output",
        )
    return found


def register(app: typer.Typer) -> None:
    app.command("export", epilog=EXAMPLE)(export_command)
