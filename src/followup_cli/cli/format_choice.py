"""From the format options of a command line to :class:`OutputOptions`.

``--format``, its short forms (``--json``, ``--csv``, ``--tsv``, ``--jsonl``
or ``--nl``), ``--fields`` or ``--json FIELDS``, and ``--header``: checked
here, before any page is read, so a typo costs nothing and the error lists
what would have been valid.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import typer

from followup_cli.cli.fields import parse_field_list, unknown_fields
from followup_cli.cli.options import (
    BomOption,
    CsvOption,
    FieldsOption,
    FormatOption,
    HeaderOption,
    JsonlOption,
    JsonOption,
    OutputFormat,
    OutputOption,
    TsvOption,
    WideOption,
)
from followup_cli.cli.output import OutputOptions, resolve_output

if TYPE_CHECKING:
    from followup_cli.cli.environment import Environment
    from followup_cli.cli.output import Listing


class FormatRequest(NamedTuple):
    """The format options as typed."""

    format: OutputFormat | None = None
    # --json: None when absent, "" alone, else the field list.
    json: str | None = None
    csv: bool = False
    tsv: bool = False
    jsonl: bool = False
    fields: str | None = None
    header: bool = False
    bom: bool = False
    output: Path | None = None
    wide: bool = False

    def asked_format(self) -> OutputFormat | None:
        short = [
            (flag, fmt)
            for flag, given, fmt in (
                ("--json", self.json is not None, OutputFormat.JSON),
                ("--csv", self.csv, OutputFormat.CSV),
                ("--tsv", self.tsv, OutputFormat.TSV),
                ("--jsonl", self.jsonl, OutputFormat.JSONL),
            )
            if given
        ]
        formats = {fmt for _, fmt in short} | ({self.format} if self.format else set())
        if len(formats) > 1:
            given = [flag for flag, _ in short]
            if self.format is not None:
                given.append(f"--format {self.format.value}")
            raise typer.BadParameter(
                f"{' and '.join(given)} ask for different formats: give one",
                param_hint="--format",
            )
        return formats.pop() if formats else None


# The options as each command declares them to Typer: (parameter, annotation,
# default, the FormatRequest field it fills), in the order help lists them.
_FORMAT_PARAMETERS: tuple[tuple[str, object, object, str], ...] = (
    ("output_format", FormatOption, None, "format"),
    ("json_fields", JsonOption, None, "json"),
    ("csv", CsvOption, False, "csv"),
    ("tsv", TsvOption, False, "tsv"),
    ("jsonl", JsonlOption, False, "jsonl"),
    ("fields", FieldsOption, None, "fields"),
    ("header", HeaderOption, False, "header"),
    ("wide", WideOption, False, "wide"),
    ("bom", BomOption, False, "bom"),
    ("output", OutputOption, None, "output"),
)

Command = Callable[..., None]


def with_format_options(*, wide: bool = True) -> Callable[[Command], Command]:
    """Give a command the format options, gathered into its ``formats`` argument.

    Typer reads every option from the command's signature, so each command
    that prints records would declare the same ten options and gather them
    itself. The command declares ``formats: FormatRequest`` where the options
    go instead; ``wide=False`` leaves out --wide (show draws no columns).
    """

    def decorate(command: Command) -> Command:
        signature = inspect.signature(command, eval_str=True)
        parameters = list(signature.parameters.values())
        at = [parameter.name for parameter in parameters].index("formats")
        added = [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default,
                              annotation=annotation)
            for name, annotation, default, _ in _FORMAT_PARAMETERS
            if wide or name != "wide"
        ]
        parameters[at : at + 1] = added
        names = {name: field for name, _, _, field in _FORMAT_PARAMETERS}

        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> None:
            given = {names[name]: kwargs.pop(name) for name in list(kwargs) if name in names}
            command(*args, formats=FormatRequest(**given), **kwargs)

        run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {parameter.name: parameter.annotation for parameter in parameters}
        return run

    return decorate


def choose_output(env: Environment, listing: Listing[Any], request: FormatRequest) -> OutputOptions:
    base = resolve_output(
        env,
        output_format=request.asked_format(),
        json_flag=False,
        bom=request.bom,
        path=request.output,
    )
    names = _requested_fields(request)
    if names is not None:
        valid = _valid_fields(listing, base.format)
        wrong = unknown_fields(names, valid)
        if wrong:
            hint = "--json" if request.json else "--fields"
            plural = "s" if len(wrong) > 1 else ""
            raise typer.BadParameter(
                f"unknown field{plural} {', '.join(wrong)}; "
                f"{base.format.value} can print: {', '.join(valid)}",
                param_hint=hint,
            )
    if request.header and base.format not in (OutputFormat.TSV, OutputFormat.CSV):
        raise typer.BadParameter(
            f"--header is for tsv (csv always has one), not {base.format.value}",
            param_hint="--header",
        )
    return OutputOptions(
        format=base.format,
        bom=base.bom,
        path=base.path,
        fields=names,
        header=request.header,
        wide=request.wide,
    )


def _requested_fields(request: FormatRequest) -> tuple[str, ...] | None:
    given = [text for text in (request.json, request.fields) if text]
    if len(given) > 1 and parse_field_list(given[0]) != parse_field_list(given[1]):
        raise typer.BadParameter(
            "--json FIELDS and --fields name different fields: give one", param_hint="--fields"
        )
    if not given:
        return None
    names = parse_field_list(given[0])
    if not names:
        raise typer.BadParameter("no field names given", param_hint="--fields")
    return names


def _valid_fields(listing: Listing[Any], output_format: OutputFormat) -> tuple[str, ...]:
    if output_format in (OutputFormat.JSON, OutputFormat.JSONL):
        return tuple(listing.records.getters)
    if output_format in (OutputFormat.CSV, OutputFormat.TSV):
        return tuple(listing.row_fields.getters)
    raise typer.BadParameter(
        "--fields chooses the fields of json, jsonl, csv and tsv (add --json, --jsonl, "
        "--csv or --tsv); a table shows its own columns",
        param_hint="--fields",
    )
