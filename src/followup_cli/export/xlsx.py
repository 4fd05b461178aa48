"""Measures and comments as an Excel workbook, text exactly as published.

Two sheets: 施策 (one row per measure) and 意見・返答 (one row per comment,
with its measure's year, code, name and department), sorted as ``list`` and
``filter`` sort them (fiscal year, then code). Every text cell is
written as a string, never as a formula, number or link, so a comment that
reads ``=HYPERLINK(...)`` stays that text, with no apostrophe in front (the
CSV guard needs one; a workbook does not). Headers are Japanese by default,
the JSON keys on request. xlsxwriter is imported only here, so only this
format pays for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from followup_cli.corpus.select import measure_order
from followup_cli.errors import FollowupError
from followup_cli.export.columns import LABELS, SECTION_JAPANESE
from followup_cli.export.files import ExportError, NothingToExportError, replacing
from followup_cli.export.placed import ExportCounts, Keep, PlacedMeasure, placed_measures
from followup_cli.model import Comment, Measure, Report
from followup_cli.years import era_label

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

HeaderLanguage = Literal["ja", "en"]
Value = str | int | bool | None

# What one cell of Excel holds; a longer text would be cut, so it is refused.
MAX_CELL_CHARACTERS = 32_767
# Rows of a sheet, the header included.
MAX_ROWS = 1_048_576
# A row's height in points: one line of the default font, and Excel's limit.
LINE_POINTS = 15
MAX_ROW_POINTS = 409

MEASURE_KEYS = (
    "fiscal_year",
    "fiscal_year_era",
    "municipality",
    "code",
    "name",
    "department",
    "direction",
    "comment_count",
    "replied_count",
    "unanswered",
    "notes",
    "source",
)
COMMENT_KEYS = (
    "fiscal_year",
    "fiscal_year_era",
    "municipality",
    "code",
    "name",
    "department",
    "section",
    "section_label",
    "number",
    "text",
    "reply",
    "reply_shared",
    "source",
)
SHEET_NAMES: dict[HeaderLanguage, tuple[str, str]] = {
    "ja": ("施策", "意見・返答"),
    "en": ("measures", "comments"),
}
# Column widths in Excel's units (about one half-width character; a Japanese
# character takes two). Long text wraps within its column.
COLUMN_WIDTHS = {
    "fiscal_year": 8,
    "fiscal_year_era": 13,
    "municipality": 12,
    "code": 10,
    "name": 36,
    "department": 18,
    "direction": 60,
    "comment_count": 9,
    "replied_count": 9,
    "unanswered": 10,
    "notes": 30,
    "source": 30,
    "section": 9,
    "section_label": 26,
    "number": 9,
    "text": 60,
    "reply": 60,
    "reply_shared": 9,
}
WRAPPED_KEYS = frozenset(
    {"name", "department", "direction", "notes", "source", "section_label", "text", "reply"}
)


@dataclass(frozen=True)
class XlsxOutcome:
    counts: ExportCounts
    # Measures that could not go into the workbook (a text longer than a cell
    # holds), each named by its source; the others were written.
    left_out: tuple[FollowupError, ...]


def write_xlsx(
    reports: Iterable[Report],
    path: Path,
    *,
    keep: Keep | None = None,
    headers: HeaderLanguage = "ja",
) -> XlsxOutcome:
    """Write the measures of ``reports`` that ``keep`` keeps as a workbook at ``path``.

    ``path`` is replaced only once the workbook is complete.
    """
    import xlsxwriter  # noqa: PLC0415 - only this format needs it

    with replacing(path) as temporary:
        workbook = xlsxwriter.Workbook(
            str(temporary),
            {
                # Not constant_memory: it writes inline strings, whose escapes
                # (_x001B_ for a control character, _x005F_ for a literal
                # "_x...") openpyxl, and so pandas, reads back undecoded.
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        try:
            # Sorted as list and filter print them; xlsxwriter holds every
            # cell until it closes anyway, so the sort costs no extra pass.
            placed = sorted(placed_measures(reports, keep), key=lambda p: measure_order(p.measure))
            outcome = _fill(workbook, placed, headers, str(path))
        finally:
            try:
                workbook.close()
            except (OSError, xlsxwriter.exceptions.XlsxWriterException) as error:
                raise ExportError(str(path), f"cannot write the workbook: {error}") from error
        if not outcome.counts.measures:
            raise NothingToExportError(str(path))
    return outcome


class _Sheet:
    """One worksheet: header row, column widths, then rows in order."""

    def __init__(
        self,
        worksheet: Worksheet,
        keys: Sequence[str],
        headers: HeaderLanguage,
        formats: tuple[Format, Format, Format],
        destination: str,
    ) -> None:
        self._worksheet = worksheet
        self._keys = keys
        self._destination = destination
        header_format, self._wrap, self._top = formats
        for column, key in enumerate(keys):
            worksheet.set_column(column, column, COLUMN_WIDTHS[key])
            title = LABELS[key].japanese if headers == "ja" else key
            self._check(worksheet.write_string(0, column, title, header_format))
        worksheet.freeze_panes(1, 0)
        # Printed (city staff print these): A4 landscape, one page wide, the
        # header row repeated on every page.
        worksheet.set_landscape()
        worksheet.set_paper(9)
        worksheet.fit_to_pages(1, 0)
        worksheet.repeat_rows(0)
        self.rows = 0

    def append(self, values: Sequence[Value]) -> None:
        row = self.rows + 1
        if row >= MAX_ROWS:
            raise ExportError(
                self._destination,
                f"more than {MAX_ROWS - 1:,} rows do not fit in a sheet; "
                "select fewer (--year) or export to SQLite",
            )
        lines = 1
        for column, (key, value) in enumerate(zip(self._keys, values, strict=True)):
            self._check(self._write(row, column, key, value))
            if key in WRAPPED_KEYS and isinstance(value, str):
                lines = max(lines, wrapped_lines(value, COLUMN_WIDTHS[key]))
        if lines > 1:
            # Excel fits a wrapped row's height when it opens the file, but
            # LibreOffice and other readers show one line unless told.
            self._check(self._worksheet.set_row(row, min(MAX_ROW_POINTS, LINE_POINTS * lines)))
        self.rows = row

    def _write(self, row: int, column: int, key: str, value: Value) -> int:
        if value is None:
            return 0
        if isinstance(value, bool):
            return int(self._worksheet.write_boolean(row, column, value, self._top))
        if isinstance(value, int):
            return int(self._worksheet.write_number(row, column, value, self._top))
        cell_format = self._wrap if key in WRAPPED_KEYS else self._top
        return int(self._worksheet.write_string(row, column, value, cell_format))

    def _check(self, status: int) -> None:
        # xlsxwriter reports a cut string or a cell out of range by its return
        # value; either would lose data silently.
        if status != 0:
            raise ExportError(self._destination, f"xlsxwriter refused a cell (status {status})")

    def finish(self) -> None:
        self._worksheet.autofilter(0, 0, self.rows, len(self._keys) - 1)


def _fill(
    workbook: Workbook,
    placed: Iterable[PlacedMeasure],
    headers: HeaderLanguage,
    destination: str,
) -> XlsxOutcome:
    header_format = workbook.add_format(
        {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDEBF7", "border": 1}
    )
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    # Every cell of a row starts at the top, beside the first line of its text.
    top = workbook.add_format({"valign": "top"})
    formats = (header_format, wrap, top)
    measure_name, comment_name = SHEET_NAMES[headers]
    measure_sheet = _Sheet(
        workbook.add_worksheet(measure_name), MEASURE_KEYS, headers, formats, destination
    )
    comment_sheet = _Sheet(
        workbook.add_worksheet(comment_name), COMMENT_KEYS, headers, formats, destination
    )
    section_name: Callable[[Comment], str] = (
        (lambda comment: SECTION_JAPANESE[comment.section])
        if headers == "ja"
        else (lambda comment: comment.section)
    )
    left_out: list[FollowupError] = []
    comments = 0
    for item in placed:
        measure = item.measure
        too_long = _too_long(measure)
        if too_long is not None:
            left_out.append(
                ExportError(
                    measure.source,
                    f"measure {measure.code or item.position} left out of {destination}: "
                    f"its {too_long} is longer than the {MAX_CELL_CHARACTERS:,} characters "
                    "an Excel cell holds (SQLite keeps it)",
                )
            )
            continue
        measure_sheet.append(_measure_values(measure))
        for comment in measure.comments:
            comment_sheet.append(_comment_values(measure, comment, section_name(comment)))
        comments += len(measure.comments)
    measure_sheet.finish()
    comment_sheet.finish()
    return XlsxOutcome(ExportCounts(measure_sheet.rows, comments), tuple(left_out))


def wrapped_lines(text: str, width: int) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` units wide.

    An estimate for the row's height: a non-ASCII character counts two units,
    as kana, kanji, full-width forms and (in Japanese fonts) ① are drawn.
    Counted in C (encode), as a per-character check would double the cost.
    """
    room = max(1, width - 1)
    lines = 0
    for line in text.split("\n"):
        used = 2 * len(line) - len(line.encode("ascii", "ignore"))
        lines += max(1, -(-used // room))
    return lines


def _era(measure: Measure) -> str | None:
    return era_label(measure.fiscal_year) if measure.fiscal_year is not None else None


def _measure_values(measure: Measure) -> tuple[Value, ...]:
    return (
        measure.fiscal_year,
        _era(measure),
        measure.municipality,
        measure.code,
        measure.name,
        measure.department,
        measure.direction,
        len(measure.comments),
        measure.replied_count,
        len(measure.comments) - measure.replied_count,
        "\n".join(measure.notes) or None,
        measure.source,
    )


def _comment_values(measure: Measure, comment: Comment, section: str) -> tuple[Value, ...]:
    return (
        measure.fiscal_year,
        _era(measure),
        measure.municipality,
        measure.code,
        measure.name,
        measure.department,
        section,
        comment.section_label,
        comment.number,
        comment.text,
        comment.reply,
        comment.reply_shared,
        measure.source,
    )


def _too_long(measure: Measure) -> str | None:
    """The first text of the measure that no cell can hold, named."""
    texts: list[tuple[str, str | None]] = [
        ("name", measure.name),
        ("direction", measure.direction),
        ("notes", "\n".join(measure.notes)),
        ("source", measure.source),
    ]
    for comment in measure.comments:
        where = f"{comment.section} comment {comment.number}"
        texts.extend(((where, comment.text), (f"reply to {where}", comment.reply)))
    for name, text in texts:
        if text is not None and len(text) > MAX_CELL_CHARACTERS:
            return name
    return None
