"""The command-line options every command shares, declared once.

Each command names its parameters with these aliases, so an option is spelt,
abbreviated and explained the same way everywhere (``-d`` is always the
department, ``--year`` always takes 2020, R2, 令和2 or H30).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

import typer

from followup_cli.years import parse_year_argument


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TSV = "tsv"


def _year(value: str) -> int:
    try:
        return parse_year_argument(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error


_SELECT = "Selection"
_OUTPUT = "Output"

PathsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="PATHS",
        help=(
            "Pages to read: files, directories (searched recursively for .html and .htm) "
            "or - for standard input. Default: the current directory."
        ),
        show_default=False,
    ),
]

YearOption = Annotated[
    int | None,
    typer.Option(
        "--year",
        parser=_year,
        metavar="YEAR",
        help="Keep one fiscal year, written 2020, R2, 令和2 or H30.",
        rich_help_panel=_SELECT,
        show_default=False,
    ),
]

PageYearOption = Annotated[
    int | None,
    typer.Option(
        "--page-year",
        parser=_year,
        metavar="YEAR",
        help=(
            "The fiscal year of pages that do not tell their own (standard input, a page "
            "saved without its title); a page's own year wins."
        ),
        rich_help_panel=_SELECT,
        show_default=False,
    ),
]

DepartmentOption = Annotated[
    str | None,
    typer.Option(
        "--department",
        "-d",
        metavar="TEXT",
        help="Keep measures whose department (担当課) contains TEXT, ignoring width and case.",
        rich_help_panel=_SELECT,
        show_default=False,
    ),
]

CodeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--code",
        "-c",
        metavar="CODE",
        help="Keep the measure with this code (S27 matches s27 and Ｓ２７); repeatable.",
        rich_help_panel=_SELECT,
        show_default=False,
    ),
]

SectionName = Literal["overall", "issues", "other"]

SectionOption = Annotated[
    SectionName | None,
    typer.Option(
        "--section",
        metavar="overall|issues|other",
        help=(
            "Keep comments of one section: overall (全体に対する…), issues (課題に対する…) "
            "or other."
        ),
        rich_help_panel=_SELECT,
        show_default=False,
    ),
]

GrepOption = Annotated[
    str | None,
    typer.Option(
        "--grep",
        "-k",
        metavar="TEXT",
        help="Keep what contains TEXT, ignoring full/half width and case (NFKC).",
        rich_help_panel=_SELECT,
        show_default=False,
    ),
]

UnansweredOption = Annotated[
    bool,
    typer.Option(
        "--unanswered",
        help="Keep comments the department did not reply to.",
        rich_help_panel=_SELECT,
    ),
]

FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        metavar="table|json|jsonl|csv|tsv",
        help=(
            "Output format. Default: table on a terminal, tsv when piped, "
            "or guessed from the --output file's extension."
        ),
        rich_help_panel=_OUTPUT,
        show_default=False,
    ),
]

def _complete_fields(incomplete: str) -> list[str]:
    # Completes the last name of a comma-separated list (--fields code,na<TAB>).
    from followup_cli.cli.fields import FIELDS  # noqa: PLC0415 - only when completing

    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    chosen = set(done.split(","))
    return [prefix + name for name in FIELDS if name.startswith(last) and name not in chosen]


JsonOption = Annotated[
    str | None,
    typer.Option(
        "--json",
        metavar="[FIELDS]",
        help=(
            "Short for --format json; --json code,name prints only those fields "
            "(as gh does), --json alone the whole record."
        ),
        autocompletion=_complete_fields,
        rich_help_panel=_OUTPUT,
        show_default=False,
    ),
]

FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="FIELD,...",
        help=(
            "The fields to print in json, jsonl, csv and tsv, in this order, e.g. "
            "--fields fiscal_year,code,name (an unknown one lists the valid ones)."
        ),
        autocompletion=_complete_fields,
        rich_help_panel=_OUTPUT,
        show_default=False,
    ),
]

CsvOption = Annotated[
    bool, typer.Option("--csv", help="Short for --format csv.", rich_help_panel=_OUTPUT)
]
TsvOption = Annotated[
    bool, typer.Option("--tsv", help="Short for --format tsv.", rich_help_panel=_OUTPUT)
]
JsonlOption = Annotated[
    bool,
    typer.Option(
        "--jsonl", "--nl", help="Short for --format jsonl (JSON lines).", rich_help_panel=_OUTPUT
    ),
]

WideOption = Annotated[
    bool,
    typer.Option(
        "--wide",
        help=(
            "Keep every table column, however narrow the terminal (by default the least "
            "important are left out, and a line under the table names them)."
        ),
        rich_help_panel=_OUTPUT,
    ),
]

NoSortOption = Annotated[
    bool,
    typer.Option(
        "--no-sort",
        help=(
            "Keep input order (pages by path, records as published) instead of sorting by "
            "fiscal year and code: json, csv and tsv then stream as pages are read, holding "
            "no records (jsonl always does)."
        ),
        rich_help_panel=_OUTPUT,
    ),
]

HeaderOption = Annotated[
    bool,
    typer.Option(
        "--header",
        help="Start tsv with a line of field names (tsv has none by default, so cut works).",
        rich_help_panel=_OUTPUT,
    ),
]

BomOption = Annotated[
    bool,
    typer.Option(
        "--bom",
        help="Start csv and tsv with a UTF-8 byte order mark, so Excel reads Japanese text.",
        rich_help_panel=_OUTPUT,
    ),
]

OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help=(
            "Write to FILE instead of standard output; FILE is replaced only once "
            "everything is written."
        ),
        rich_help_panel=_OUTPUT,
        show_default=False,
    ),
]

JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help="Parse pages in N processes (default: one per core). Output order is the same "
        "for any N.",
        show_default=False,
    ),
]


class ColorChoice(StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


def _remember_color(ctx: typer.Context, value: ColorChoice | None) -> ColorChoice | None:
    from followup_cli.cli.environment import COLOR_CHOICE  # noqa: PLC0415 - no cycle at import

    if value is not None:
        ctx.meta[COLOR_CHOICE] = value.value
    return value


def _remember_no_color(ctx: typer.Context, value: bool) -> bool:
    if value:
        _remember_color(ctx, ColorChoice.NEVER)
    return value


ColorOption = Annotated[
    ColorChoice | None,
    typer.Option(
        "--color",
        case_sensitive=False,
        metavar="auto|always|never",
        callback=_remember_color,
        help=(
            "Colour: auto (on a terminal, unless NO_COLOR is set), always (also when piped, "
            "e.g. into less -R) or never."
        ),
        rich_help_panel=_OUTPUT,
        show_default=False,
    ),
]

NoColorOption = Annotated[
    bool,
    typer.Option(
        "--no-color",
        callback=_remember_no_color,
        help="Short for --color never.",
        rich_help_panel=_OUTPUT,
    ),
]
