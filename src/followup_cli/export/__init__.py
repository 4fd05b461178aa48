"""Measures and comments as files other tools open: SQLite and Excel.

:func:`write_sqlite` writes a database with Japanese full-text search that
Datasette serves as it is; :func:`write_xlsx` a workbook for spreadsheet
users. Both take reports as the parser returns them, keep the text exactly
as published, and replace their file only once it is complete.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from followup_cli.export.datasette import datasette_metadata, datasette_metadata_json
from followup_cli.export.files import ExportError, NothingToExportError
from followup_cli.export.placed import ExportCounts
from followup_cli.export.sqlite import write_sqlite
from followup_cli.export.xlsx import XlsxOutcome, write_xlsx


class ExportFormat(StrEnum):
    SQLITE = "sqlite"
    XLSX = "xlsx"


_FORMAT_BY_SUFFIX = {
    ".db": ExportFormat.SQLITE,
    ".sqlite": ExportFormat.SQLITE,
    ".sqlite3": ExportFormat.SQLITE,
    ".xlsx": ExportFormat.XLSX,
}


def format_for_path(path: Path) -> ExportFormat | None:
    """The format a file name asks for (``.db``, ``.sqlite``, ``.sqlite3``, ``.xlsx``)."""
    return _FORMAT_BY_SUFFIX.get(path.suffix.lower())


__all__ = [
    "ExportCounts",
    "ExportError",
    "ExportFormat",
    "NothingToExportError",
    "XlsxOutcome",
    "datasette_metadata",
    "datasette_metadata_json",
    "format_for_path",
    "write_sqlite",
    "write_xlsx",
]
