"""The one place where records become output, in every format.

A command describes its output as a :class:`Listing` (columns, how an item
becomes rows, how it becomes a JSON record) and hands it with an iterable of
items to :func:`write_listing`. Formats:

- ``json``: one array of records; ``jsonl``: one record a line, written as
  items arrive. Both through the standard ``json`` module, exact text.
  Every format but the table streams: records are written as they come
  (what holds every record is a command's sort, or the table's widths).
  With ``--jobs``, a :class:`PageRenderer` writes a page's records in the
  worker that parsed it, and the parent only writes that text out.
- ``csv`` (header row, CRLF line ends as RFC 4180 has them) and ``tsv``
  (no header row, the gh convention, so ``cut -f2`` gives the codes): cells
  that a spreadsheet would run as a formula get a leading apostrophe; tsv
  escapes tab, newline, CR and backslash.
- ``table``: rich, for people; page text is escaped and stripped of control
  characters (see :mod:`followup_cli.cli.terminal`, imported only for tables).

``--output FILE`` writes to a temporary file beside FILE and renames it over
FILE only when everything was written.
"""

from __future__ import annotations

import codecs
import csv
import importlib
import io
import itertools
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Generic, NamedTuple, TextIO, TypeVar, cast

import typer

from followup_cli.cli.fields import Cell, Fields
from followup_cli.cli.options import OutputFormat
from followup_cli.cli.sinks import text_sink
from followup_cli.corpus import RenderedPage, Selection
from followup_cli.model import Report

if TYPE_CHECKING:
    from rich.console import Console

    from followup_cli.cli.environment import Environment

T = TypeVar("T")

UTF8_BOM = "\ufeff"
# A cell starting with one of these is a formula to Excel, LibreOffice and
# Google Sheets (OWASP "CSV injection"); tab and CR start one after trimming.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_FORMAT_BY_SUFFIX = {
    ".json": OutputFormat.JSON,
    ".jsonl": OutputFormat.JSONL,
    ".ndjson": OutputFormat.JSONL,
    ".csv": OutputFormat.CSV,
    ".tsv": OutputFormat.TSV,
    ".txt": OutputFormat.TABLE,
}


class Column(NamedTuple):
    key: str
    title: str
    numeric: bool = False
    # Table only: one line, cut with an ellipsis, instead of wrapped.
    shorten: bool = False
    # Table only: what an empty (None) cell says, marked, e.g. "no reply".
    missing: str = ""
    # Table only: columns with a ratio share the width the others leave;
    # the others take the width of their content (long text wraps).
    ratio: int | None = None
    # Table only: 0 is always shown; on a narrow terminal the highest
    # priorities are dropped first (see followup_cli.cli.tables).
    priority: int = 0
    # Table only: never narrower than this (nor than the title).
    min_width: int = 0
    # Table only: the cell shown, made from the row, when it is not the field
    # ``key`` itself (list's "replied" shows 3/4).
    cell: Callable[[Any], Cell] | None = None
    # Table only: blank when this cell and every cell left of it repeat the
    # row above (filter prints a long measure name once for its comments).
    group: bool = False


class Listing(NamedTuple, Generic[T]):
    """How one command's items look in every format.

    json and jsonl print one record per item (``records``); csv, tsv and
    the table print rows (``rows`` of an item, described by ``row_fields``),
    which for ``show`` are the comments of a measure.
    """

    records: Fields[T]
    rows: Callable[[T], Iterable[Any]]
    row_fields: Fields[Any]
    # The table's columns; each key is one of row_fields.
    columns: tuple[Column, ...]
    # Draw a rule between table rows: for rows of several wrapped lines.
    row_lines: bool = False
    # A command whose table is a document rather than rows (show) draws it here.
    render_table: Callable[[Console, Sequence[T]], None] | None = None


class OutputOptions(NamedTuple):
    format: OutputFormat
    bom: bool = False
    path: Path | None = None
    # --fields / --json FIELDS: the names to print (None: the format's default).
    fields: tuple[str, ...] | None = None
    # --header: tsv starts with the field names.
    header: bool = False
    # --wide: the table keeps every column, however narrow the terminal.
    wide: bool = False

    def streams_to_terminal(self, env: Environment) -> bool:
        """Records appear on the terminal while pages are read (no room for a bar)."""
        return self.path is None and env.stdout_isatty and self.format is not OutputFormat.TABLE


def resolve_output(
    env: Environment,
    *,
    output_format: OutputFormat | None,
    json_flag: bool,
    bom: bool,
    path: Path | None,
) -> OutputOptions:
    """The format asked for, else the --output extension's, else by terminal."""
    if path is not None and str(path) == "-":
        path = None
    if json_flag:
        if output_format not in (None, OutputFormat.JSON):
            raise typer.BadParameter(
                f"--json asks for json, --format for {output_format.value}: give one",
                param_hint="--json",
            )
        output_format = OutputFormat.JSON
    if output_format is None and path is not None:
        output_format = _FORMAT_BY_SUFFIX.get(path.suffix.lower())
    if output_format is None:
        output_format = OutputFormat.TABLE if env.stdout_isatty else OutputFormat.TSV
    if path is not None and path.is_dir():
        raise typer.BadParameter(f"{path} is a directory", param_hint="--output")
    return OutputOptions(format=output_format, bom=bom, path=path)


# Formats written as records come, with nothing held: every one but the table.
STREAMING_FORMATS = frozenset(
    {OutputFormat.JSON, OutputFormat.JSONL, OutputFormat.CSV, OutputFormat.TSV}
)
# Items rendered at a time when the parent renders (sorted output).
_ITEMS_PER_CHUNK = 256


def streams_in_input_order(options: OutputOptions, *, sort: bool) -> bool:
    """Whether records go out as pages are read: jsonl always, other formats unsorted.

    The table never does: its column widths need every row.
    """
    return options.format is OutputFormat.JSONL or (
        not sort and options.format in STREAMING_FORMATS
    )


def write_listing(
    listing: Listing[T], items: Iterable[T], options: OutputOptions, env: Environment
) -> None:
    """Write every item in the chosen format to stdout or the --output file."""
    with text_sink(options.path, env) as out:
        if options.format not in STREAMING_FORMATS:
            _write_table(out, listing, list(items), env, options)
            return
        stream = RecordStream(out, listing, options)
        chunks = iter(items)
        while chunk := list(itertools.islice(chunks, _ITEMS_PER_CHUNK)):
            stream.write(records_text(listing, chunk, options))
        stream.end()


def write_rendered(
    listing: Listing[Any], pages: Iterable[RenderedPage], options: OutputOptions, env: Environment
) -> None:
    """Write pages already rendered by a :class:`PageRenderer` (streaming formats only)."""
    with text_sink(options.path, env) as out:
        stream = RecordStream(out, listing, options)
        for page in pages:
            stream.write_encoded(page.output)
        stream.end()


def records_text(listing: Listing[T], items: Iterable[T], options: OutputOptions) -> str:
    """Items' records in a streaming format, without what opens or closes the output.

    The text of several runs of items, joined by :class:`RecordStream`, is the
    text of all of them at once: so a page rendered in a worker writes the
    same bytes as the parent would have.
    """
    names = options.fields
    if options.format is OutputFormat.JSON:
        return ",\n".join(
            "  " + json.dumps(listing.records.record(item, names), ensure_ascii=False, indent=2)
            .replace("\n", "\n  ")
            for item in items
        )
    if options.format is OutputFormat.JSONL:
        return "".join(_json_line(listing.records.record(item, names)) for item in items)
    fields = listing.row_fields
    rows = (fields.row(row, names) for item in items for row in listing.rows(item))
    if options.format is OutputFormat.CSV:
        buffer = io.StringIO()
        # RFC 4180 line ends; they also make the writer quote a lone CR.
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerows([csv_cell(cell) for cell in row] for row in rows)
        return buffer.getvalue()
    return "".join("\t".join(tsv_cell(cell) for cell in row) + "\n" for row in rows)


class RecordStream:
    """What opens a streaming format's output, its runs of records, what closes it.

    json is one array however its records come: ``[`` goes out before the
    first page is read, runs are joined by commas, and no record at all is
    ``[]``.
    """

    def __init__(self, out: TextIO, listing: Listing[Any], options: OutputOptions) -> None:
        self._out = out
        self._json = options.format is OutputFormat.JSON
        self._empty = True
        self._buffer = _utf8_buffer(out)
        if options.bom and options.format in (OutputFormat.CSV, OutputFormat.TSV):
            out.write(UTF8_BOM)
        names = options.fields
        if options.format is OutputFormat.CSV:
            writer = csv.writer(out, lineterminator="\r\n")
            writer.writerow(names or listing.row_fields.row_default)
        elif options.format is OutputFormat.TSV and options.header:
            out.write("\t".join(names or listing.row_fields.row_default) + "\n")
        elif self._json:
            out.write("[")
        # The header (or "["), if any, is still in the text layer.
        self._text_pending = True

    def write(self, text: str) -> None:
        if not text:
            return
        if self._json:
            text = ("\n" if self._empty else ",\n") + text
        self._empty = False
        self._out.write(text)
        self._text_pending = True

    def write_encoded(self, data: bytes) -> None:
        """:meth:`write` for text already encoded by :func:`encode_records`.

        Into a UTF-8 sink the bytes go as they are, below the text layer: the
        main process neither decodes nor encodes what a worker wrote.
        """
        if not data:
            return
        if self._buffer is None:
            self.write(data.decode("utf-8"))
            return
        if self._text_pending:
            # What the text layer holds goes first.
            self._out.flush()
            self._text_pending = False
        if self._json:
            self._buffer.write(b"\n" if self._empty else b",\n")
        self._empty = False
        self._buffer.write(data)

    def end(self) -> None:
        if self._json:
            self._out.write("]\n" if self._empty else "\n]\n")


def _utf8_buffer(out: TextIO) -> BinaryIO | None:
    """The bytes under a UTF-8 text stream that escapes what it cannot encode, if any."""
    buffer = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None)
    if buffer is None or encoding is None or getattr(out, "errors", None) != "backslashreplace":
        return None
    if os.linesep != "\n":
        # A text stream may turn "\n" into os.linesep (Windows' stdout): bytes would not.
        return None
    try:
        if codecs.lookup(encoding).name != "utf-8":
            return None
    except LookupError:
        return None
    return cast("BinaryIO", buffer)


def encode_records(text: str) -> bytes:
    """Records' text as a UTF-8 text stream of this module would write it."""
    return text.encode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class PageRenderer:
    """One page's records as text, made where the page is parsed (a worker, with --jobs).

    It is sent to worker processes, so it holds only what pickles: the name
    of the command module whose ``LISTING`` it renders, a module-level
    function giving a page's items under the selection, the selection and
    the output options.
    """

    listing_module: str
    items: Callable[[Report, Selection], Iterable[Any]]
    selection: Selection
    options: OutputOptions

    def __call__(self, report: Report) -> bytes:
        listing = cast("Listing[Any]", importlib.import_module(self.listing_module).LISTING)
        return encode_records(
            records_text(listing, self.items(report, self.selection), self.options)
        )


def _json_line(record: Mapping[str, object]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def _plain(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    return str(cell)


def neutralise_formula(text: str) -> str:
    """A leading apostrophe keeps a spreadsheet from running the cell as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_cell(cell: Cell) -> str:
    text = _plain(cell)
    return neutralise_formula(text) if isinstance(cell, str) else text


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def tsv_cell(cell: Cell) -> str:
    """One field on one line: tab, newline, CR and backslash written as escapes."""
    return csv_cell(cell).translate(_TSV_ESCAPES)


def _write_table(
    out: TextIO, listing: Listing[T], items: Sequence[T], env: Environment, options: OutputOptions
) -> None:
    to_stdout = options.path is None
    from followup_cli.cli import tables, terminal  # noqa: PLC0415 - rich costs startup time

    console = terminal.make_console(out, env, to_terminal=to_stdout and env.stdout_isatty)
    if listing.render_table is not None:
        listing.render_table(console, items)
        return
    rows = [
        [
            column.cell(row) if column.cell else listing.row_fields.row(row, (column.key,))[0]
            for column in listing.columns
        ]
        for item in items
        for row in listing.rows(item)
    ]
    tables.print_table(
        console, listing.columns, rows, row_lines=listing.row_lines, wide=options.wide
    )
