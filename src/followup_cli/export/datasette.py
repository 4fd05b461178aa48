"""Datasette metadata for an exported database: titles and column descriptions.

Datasette finds the search of ``comments`` by itself (the FTS table names
``content="comments"``); this metadata adds what it cannot guess: table and
column descriptions in Japanese and English, the measure's name as the label
of links to it, and a sort by fiscal year instead of by id.
"""

from __future__ import annotations

import json
from pathlib import Path

from followup_cli.export.columns import LABELS
from followup_cli.export.sqlite import FTS_TABLE, table_columns

_TABLES = {
    "measures": (
        "施策 / measures",
        "事業又は施策ごとに1行 / one row per measure and fiscal year, text as published",
    ),
    "comments": (
        "外部評価実施者意見と担当課返答 / comments and replies",
        "意見ごとに1行、担当課返答つき。検索は3文字以上（2文字の語は README 参照） / one row "
        "per comment with its reply; search finds words of 3 or more characters (with "
        "followup installed beside Datasette, whatever their width or case)",
    ),
    "measure_summary": (
        "施策ごとの返答状況 / replies per measure",
        "意見数・返答数・未回答数・返答率 / comments, replied, unanswered and reply rate "
        "for each measure",
    ),
    "department_summary": (
        "担当課・年度ごとの返答状況 / replies per department and year",
        "意見数・返答数・未回答数・返答率 / comments, replied, unanswered and reply rate "
        "for each department and fiscal year",
    ),
}


def datasette_metadata(database: str) -> dict[str, object]:
    """Metadata for ``datasette FILE --metadata JSON``; ``database`` is FILE's stem."""
    tables: dict[str, dict[str, object]] = {}
    for table, (title, description) in _TABLES.items():
        entry: dict[str, object] = {
            "title": title,
            "description": description,
            "columns": {column: LABELS[column].description for column in table_columns(table)},
        }
        if table in ("measures", "measure_summary"):
            entry["sort"] = "fiscal_year"
        if table == "measures":
            entry["label_column"] = "name"
        if table == "comments":
            entry["fts_table"] = FTS_TABLE
            entry["fts_pk"] = "id"
        tables[table] = entry
    return {
        "title": "外部評価実施後の対応状況 / external evaluation follow-up",
        "description": "followup export で作成 / written by followup export",
        "databases": {database: {"tables": tables}},
    }


def datasette_metadata_json(database_path: Path) -> str:
    """The metadata as JSON text, for the database file at ``database_path``."""
    metadata = datasette_metadata(database_path.stem)
    return json.dumps(metadata, ensure_ascii=False, indent=2) + "\n"
