"""``followup diff``: what changed between two fiscal years.

The comparing is the library's (:mod:`followup_cli.diff`); this module picks
the two sides (:mod:`followup_cli.diff.sides`), chooses the output and
the exit status. Tables are drawn by :mod:`followup_cli.cli.diff_render`,
imported only when one is printed.

Output: ``table`` by default, also when piped (a diff is for reading, as
``git diff`` is; scripts ask for ``--json``). ``--output FILE.json`` means
json. tsv, csv and jsonl are refused: a diff is nested, not rows.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from followup_cli.cli.environment import current_environment
from followup_cli.cli.inputs import read_reports
from followup_cli.cli.messages import Reporter
from followup_cli.cli.options import (
    ColorOption,
    JobsOption,
    JsonOption,
    NoColorOption,
    OutputFormat,
    OutputOption,
)
from followup_cli.cli.output import OutputOptions, resolve_output
from followup_cli.cli.sinks import text_sink
from followup_cli.cli.status import DiffExitStatus
from followup_cli.years import parse_year_argument

if TYPE_CHECKING:
    from followup_cli.cli.environment import Environment
    from followup_cli.diff import ReportDiff
    from followup_cli.diff.sides import Side

EXAMPLE = """Examples:

  followup diff samples/ --from 2020 --to 2021

  followup diff r2/ r3/ --stat

  followup diff samples/ --from R1 --to R2 --json > diff.json"""

DIFF_FORMATS = (OutputFormat.TABLE, OutputFormat.JSON)
# Pairing that takes longer than this says so on a terminal.
PAIRING_NOTICE_SECONDS = 1.0
# --output names: .json, .txt (a table), or no extension at all (a table).
DIFF_SUFFIXES = ("", ".json", ".txt")

_SIDES = "Years"
_OUTPUT = "Output"


def _year(value: str) -> int:
    try:
        return parse_year_argument(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error


DiffPathsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="OLD NEW | PATHS",
        help=(
            "OLD and NEW: a page or a folder of one fiscal year's pages each. With --from "
            "and --to: any pages and folders (default: the current directory)."
        ),
        show_default=False,
    ),
]

FromOption = Annotated[
    int | None,
    typer.Option(
        "--from",
        parser=_year,
        metavar="YEAR",
        help="The older fiscal year (2020, R2, 令和2 or H30); give --to with it.",
        rich_help_panel=_SIDES,
        show_default=False,
    ),
]

ToOption = Annotated[
    int | None,
    typer.Option(
        "--to",
        parser=_year,
        metavar="YEAR",
        help="The newer fiscal year; give --from with it.",
        rich_help_panel=_SIDES,
        show_default=False,
    ),
]

DiffFormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        metavar="table|json",
        help="Output format. Default: table (plain when piped), or json for an --output *.json.",
        rich_help_panel=_OUTPUT,
        show_default=False,
    ),
]

StatOption = Annotated[
    bool,
    typer.Option("--stat", help="Print only the counts.", rich_help_panel=_OUTPUT),
]

ExactOption = Annotated[
    bool,
    typer.Option(
        "--exact",
        help=(
            "Show formatting-only changes (（予定） vs (予定), spaces) in full, "
            "and count them for --exit-code."
        ),
        rich_help_panel=_OUTPUT,
    ),
]

ExitCodeOption = Annotated[
    bool,
    typer.Option(
        "--exit-code",
        help="Exit with 1 when the years differ, 0 when they do not (as git diff does).",
        rich_help_panel=_OUTPUT,
    ),
]


def diff_years(
    ctx: typer.Context,
    *,
    paths: DiffPathsArgument = None,
    from_year: FromOption = None,
    to_year: ToOption = None,
    output_format: DiffFormatOption = None,
    json_fields: JsonOption = None,
    stat: StatOption = False,
    exact: ExactOption = False,
    exit_code: ExitCodeOption = False,
    output: OutputOption = None,
    color: ColorOption = None,
    no_color: NoColorOption = False,
    jobs: JobsOption = None,
) -> None:
    """What changed between two fiscal years: measures (事業又は施策名), directions
    (今後の市の方向性), comments (外部評価実施者意見) and replies (担当課返答).

    Give OLD and NEW (each a page or a folder of one year's pages), or any
    PATHS with --from and --to to pick both years out of them. Measures pair
    by code, then name, then a close name; comments pair by their text.
    Replies pasted from last year or given twice are flagged. The output is
    a table, also when piped; --json gives the whole diff to scripts.
    """
    env = current_environment(ctx)
    if json_fields:
        raise typer.BadParameter(
            "a diff is one nested document, printed whole; --json takes no fields here",
            param_hint="--json",
        )
    options = _output_options(env, output_format, json_fields is not None, output)
    reporter = Reporter(env.stderr)
    old, new = _sides(
        ctx,
        paths or [],
        from_year=from_year,
        to_year=to_year,
        env=env,
        reporter=reporter,
        jobs=jobs,
        output=options.path,
    )
    # rapidfuzz and the diff modules load only when a diff is asked for.
    from followup_cli.diff import diff_measures  # noqa: PLC0415 - startup time

    with pairing_notice(env, len(old.measures), len(new.measures)):
        diff = diff_measures(
            old.measures,
            new.measures,
            old_year=old.year,
            new_year=new.year,
            old_sources=old.sources,
            new_sources=new.sources,
        )
    with text_sink(options.path, env) as out:
        if options.format is OutputFormat.JSON:
            document = _stat_document(diff) if stat else diff.to_dict()
            json.dump(document, out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            _write_table(out, diff, env, stat=stat, exact=exact, to_stdout=options.path is None)
    if reporter.exit_status:
        raise typer.Exit(reporter.exit_status)
    differs = diff.has_differences if exact else diff.has_substantive_differences
    if exit_code and differs:
        raise typer.Exit(DiffExitStatus.DIFFERENT)


def _sides(
    ctx: typer.Context,
    paths: list[str],
    *,
    from_year: int | None,
    to_year: int | None,
    env: Environment,
    reporter: Reporter,
    jobs: int | None,
    output: Path | None,
) -> tuple[Side, Side]:
    if (from_year is None) != (to_year is None):
        given, missing = ("--from", "--to") if to_year is None else ("--to", "--from")
        ctx.fail(f"{given} needs {missing}: give both years, or neither")
    # The diff package loads rapidfuzz: only a diff pays for it.
    from followup_cli.diff.sides import one_year_side, year_name, year_sides  # noqa: PLC0415

    if from_year is not None and to_year is not None:
        if from_year == to_year:
            ctx.fail(
                f"--from and --to are both fiscal year {year_name(from_year)}: "
                "a diff compares two different years"
            )
        if from_year > to_year:
            ctx.fail(
                f"--from {from_year} is later than --to {to_year}: the older year comes first "
                f"(--from {to_year} --to {from_year})"
            )
        if len(paths) == 2:
            # Pages of OLD and NEW that do not tell their year take --from and --to.
            reports = [
                report
                for path, year in ((paths[0], from_year), (paths[1], to_year))
                for report in read_reports(
                    [path], env, reporter, jobs=jobs, page_year=year, output=output
                )
            ]
        else:
            reports = list(read_reports(paths, env, reporter, jobs=jobs, output=output))
        return year_sides(reports, from_year, to_year)
    if len(paths) != 2:
        got = f"{len(paths)} path{'' if len(paths) == 1 else 's'}"
        ctx.fail(f"give OLD and NEW, or PATHS with --from and --to (got {got} and no years)")
    old_reports = list(read_reports([paths[0]], env, reporter, jobs=jobs, output=output))
    new_reports = list(read_reports([paths[1]], env, reporter, jobs=jobs, output=output))
    old = one_year_side("OLD", paths[0], old_reports)
    new = one_year_side("NEW", paths[1], new_reports)
    if old.year == new.year:
        ctx.fail(
            f"OLD {paths[0]} and NEW {paths[1]} are both fiscal year {year_name(old.year)}: "
            "a diff compares two different years"
        )
    return old, new


def _output_options(
    env: Environment,
    output_format: OutputFormat | None,
    json_flag: bool,
    path: Path | None,
) -> OutputOptions:
    suffix = "" if path is None or str(path) == "-" else path.suffix.lower()
    if suffix not in DIFF_SUFFIXES:
        raise typer.BadParameter(
            f"{path} is not a file a diff can be written to, which is nested: "
            "name it .json (json) or .txt (a table)",
            param_hint="--output",
        )
    if output_format is None and not json_flag:
        # Table unless the --output file says json: never tsv, whatever the terminal.
        output_format = OutputFormat.JSON if suffix == ".json" else OutputFormat.TABLE
    options = resolve_output(
        env, output_format=output_format, json_flag=json_flag, bom=False, path=path
    )
    if options.format not in DIFF_FORMATS:
        raise typer.BadParameter(
            f"{options.format.value} cannot hold a diff, which is nested; use table or json",
            param_hint="--format",
        )
    return options


@contextlib.contextmanager
def pairing_notice(env: Environment, old: int, new: int) -> Iterator[None]:
    """A line on a terminal's stderr while pairing takes longer than a moment.

    Pairing thousands of measures can take seconds after the last page was
    read; without a word the terminal looks hung. The line goes when done.
    """
    if not env.stderr_isatty:
        yield
        return
    lock = threading.Lock()
    shown = False

    def show() -> None:
        nonlocal shown
        with lock:
            env.stderr.write(f"pairing {old} and {new} measures…")
            env.stderr.flush()
            shown = True

    timer = threading.Timer(PAIRING_NOTICE_SECONDS, show)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            if shown:
                # Back to the line's start and clear it: the terminal as it was.
                env.stderr.write("\r\x1b[2K")
                env.stderr.flush()
            shown = False


def _stat_document(diff: ReportDiff) -> dict[str, object]:
    full = diff.to_dict()
    return {"from": full["from"], "to": full["to"], "counts": full["counts"]}


def _write_table(
    out: TextIO, diff: ReportDiff, env: Environment, *, stat: bool, exact: bool, to_stdout: bool
) -> None:
    from followup_cli.cli import diff_render, terminal  # noqa: PLC0415 - rich costs startup time

    to_terminal = to_stdout and env.stdout_isatty
    console = terminal.make_console(out, env, to_terminal=to_terminal)
    if stat:
        diff_render.render_summary(console, diff)
    else:
        colors = (to_terminal or env.force_color) and not env.no_color
        diff_render.render_diff(console, diff, exact=exact, colors=colors)


def register(app: typer.Typer) -> None:
    app.command(
        "diff",
        epilog=EXAMPLE,
        short_help="What changed between two fiscal years.",
    )(diff_years)
