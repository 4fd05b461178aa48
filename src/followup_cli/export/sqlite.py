"""Measures and comments as a SQLite database, searchable in Japanese.

Tables ``measures`` and ``comments`` hold the text as published, with real
NULLs; ``comments`` also holds each comment and reply in the folded form
``filter -k`` matches (NFKC, case, spaces), and ``comments_fts`` indexes that
form with FTS5's trigram tokenizer, which finds any run of three or more
characters, the only kind of word boundary Japanese text has. The FTS table
is declared with ``content="comments"``, which is how Datasette finds the
search for a table. Two views count comments and replies per measure and
per department and year.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from followup_cli.corpus.select import fold
from followup_cli.export.columns import LABELS
from followup_cli.export.files import ExportError, NothingToExportError, replacing
from followup_cli.export.ids import IdAllocator
from followup_cli.export.placed import ExportCounts, Keep, PlacedMeasure, placed_measures
from followup_cli.model import Report

_MEASURE_COLUMNS = (
    ("id", "INTEGER PRIMARY KEY"),
    ("fiscal_year", "INTEGER"),
    ("municipality", "TEXT"),
    ("code", "TEXT"),
    ("name", "TEXT NOT NULL"),
    ("department", "TEXT"),
    ("direction", "TEXT"),
    ("notes", "TEXT NOT NULL"),
    ("source", "TEXT NOT NULL"),
    ("position", "INTEGER NOT NULL"),
)
_COMMENT_COLUMNS = (
    ("id", "INTEGER PRIMARY KEY"),
    ("measure_id", "INTEGER NOT NULL REFERENCES measures(id)"),
    ("section", "TEXT NOT NULL CHECK (section IN ('overall', 'issues', 'other'))"),
    ("section_label", "TEXT NOT NULL"),
    ("number", "INTEGER NOT NULL"),
    ("text", "TEXT NOT NULL"),
    ("reply", "TEXT"),
    ("reply_shared", "INTEGER NOT NULL CHECK (reply_shared IN (0, 1))"),
    ("position", "INTEGER NOT NULL"),
    ("text_folded", "TEXT NOT NULL"),
    ("reply_folded", "TEXT"),
)
INDEXED = {
    "measures": ("fiscal_year", "department", "code", "municipality"),
    "comments": ("measure_id", "section"),
}
FTS_TABLE = "comments_fts"
FTS_COLUMNS = ("text_folded", "reply_folded")

_SUMMARY_VIEWS = """
CREATE VIEW measure_summary AS
SELECT m.id AS measure_id, m.fiscal_year, m.municipality, m.code, m.name, m.department,
       count(c.id) AS comment_count,
       count(c.reply) AS replied_count,
       count(c.id) - count(c.reply) AS unanswered,
       round(1.0 * count(c.reply) / count(c.id), 3) AS reply_rate
FROM measures AS m LEFT JOIN comments AS c ON c.measure_id = m.id
GROUP BY m.id
ORDER BY m.fiscal_year IS NULL, m.fiscal_year, m.code IS NULL, m.code, m.name;

CREATE VIEW department_summary AS
SELECT fiscal_year, municipality, department,
       count(*) AS measures,
       sum(comment_count) AS comment_count,
       sum(replied_count) AS replied_count,
       sum(unanswered) AS unanswered,
       round(1.0 * sum(replied_count) / sum(comment_count), 3) AS reply_rate
FROM measure_summary
GROUP BY fiscal_year, municipality, department
ORDER BY fiscal_year IS NULL, fiscal_year, department IS NULL, department;
"""


# The views' columns, for their descriptions (a test checks them against the views).
_VIEW_COLUMNS = {
    "measure_summary": (
        "measure_id", "fiscal_year", "municipality", "code", "name", "department",
        "comment_count", "replied_count", "unanswered", "reply_rate",
    ),
    "department_summary": (
        "fiscal_year", "municipality", "department",
        "measures", "comment_count", "replied_count", "unanswered", "reply_rate",
    ),
}  # fmt: skip


def table_columns(table: str) -> tuple[str, ...]:
    """The columns of a table or view of the schema, in order."""
    if table == "measures":
        return tuple(column for column, _ in _MEASURE_COLUMNS)
    if table == "comments":
        return tuple(column for column, _ in _COMMENT_COLUMNS)
    return _VIEW_COLUMNS[table]


def schema_sql() -> str:
    """The whole schema; each column's comment says what it holds, in both languages."""
    statements = [
        _create_table("measures", _MEASURE_COLUMNS),
        _create_table("comments", _COMMENT_COLUMNS),
    ]
    statements.extend(
        f"CREATE INDEX {table}_{column} ON {table}({column});"
        for table, columns in INDEXED.items()
        for column in columns
    )
    # Datasette finds a table's search by the content="..." in this statement.
    statements.append(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({', '.join(FTS_COLUMNS)}, "
        'content="comments", content_rowid="id", tokenize="trigram");'
    )
    return "\n".join(statements) + "\n" + _SUMMARY_VIEWS


def _create_table(name: str, columns: tuple[tuple[str, str], ...]) -> str:
    lines = [
        f"  {column} {declaration}{',' if index < len(columns) - 1 else ''}"
        f"  -- {LABELS[column].description}"
        for index, (column, declaration) in enumerate(columns)
    ]
    return f"CREATE TABLE {name} (\n" + "\n".join(lines) + "\n);"


def write_sqlite(
    reports: Iterable[Report], path: Path, *, keep: Keep | None = None
) -> ExportCounts:
    """Write the measures of ``reports`` that ``keep`` keeps as a database at ``path``.

    ``path`` is replaced only once the database is complete.
    """
    with replacing(path) as temporary:
        try:
            counts = _write(placed_measures(reports, keep), temporary)
        except sqlite3.Error as error:
            raise ExportError(str(path), f"cannot write the database: {error}") from error
        if not counts.measures:
            raise NothingToExportError(str(path))
    return counts


def _write(placed: Iterator[PlacedMeasure], path: Path) -> ExportCounts:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        # The file is discarded on any failure, so no journal is needed to undo.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.executescript(schema_sql())
        connection.execute("BEGIN")
        counts = _insert(connection, placed)
        connection.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")  # noqa: S608 - a constant name
        connection.execute("COMMIT")
    finally:
        connection.close()
    return counts


def _insert(connection: sqlite3.Connection, placed: Iterator[PlacedMeasure]) -> ExportCounts:
    measure_ids = IdAllocator()
    comment_ids = IdAllocator()
    measures = comments = 0
    for item in placed:
        measure = item.measure
        measure_id = measure_ids.allocate(measure.source, item.position)
        connection.execute(
            "INSERT INTO measures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                measure_id,
                measure.fiscal_year,
                measure.municipality,
                measure.code,
                measure.name,
                measure.department,
                measure.direction,
                json.dumps(list(measure.notes), ensure_ascii=False),
                measure.source,
                item.position,
            ),
        )
        measures += 1
        connection.executemany(
            "INSERT INTO comments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    comment_ids.allocate(measure.source, item.position, position),
                    measure_id,
                    comment.section,
                    comment.section_label,
                    comment.number,
                    comment.text,
                    comment.reply,
                    int(comment.reply_shared),
                    position,
                    fold(comment.text),
                    None if comment.reply is None else fold(comment.reply),
                )
                for position, comment in enumerate(measure.comments, 1)
            ],
        )
        comments += len(measure.comments)
    return ExportCounts(measures=measures, comments=comments)
