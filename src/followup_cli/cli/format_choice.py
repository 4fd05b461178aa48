"""From the format options of a command line to :class:`OutputOptions`.

``--format``, its short forms (``--json``, ``--csv``, ``--tsv``, ``--jsonl``
or ``--nl``), ``--fields`` or ``--json FIELDS``, and ``--header``: checked
here, before any page is read, so a typo costs nothing and the error lists
what would have been valid.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import typer

from followup_cli.cli.fields import parse_field_list, unknown_fields
from followup_cli.cli.options import OutputFormat
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
