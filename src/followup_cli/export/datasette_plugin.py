"""A Datasette plugin: the search box of an exported database folds its query.

The index holds comments and replies in the form ``filter -k`` matches
(NFKC, case, spaces beside Japanese); Datasette passes a query to it as
typed, so ``ＷＥＢ会議`` or ``Web 会議`` would find nothing. Datasette quotes
the query through its SQL function ``escape_fts``; for a database that
``followup export`` wrote, and only for one, this plugin replaces that
function with one that folds the query first. Datasette loads it through
the ``datasette`` entry point whenever followup is installed beside it;
nothing else imports this module.
"""

from __future__ import annotations

import sqlite3

import pluggy
from datasette.utils import escape_fts

from followup_cli.corpus.select import fold
from followup_cli.export.sqlite import FTS_COLUMNS, FTS_TABLE

hookimpl = pluggy.HookimplMarker("datasette")


def folded_search(query: str | None) -> str | None:
    """Datasette's quoting of a search, applied to the folded query."""
    if query is None:
        return None
    return str(escape_fts(fold(query)))


def is_export(connection: sqlite3.Connection) -> bool:
    """Whether the database holds the index that followup export writes."""
    row = connection.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (FTS_TABLE,)
    ).fetchone()
    if row is None or row[0] is None:
        return False
    sql = str(row[0])
    return 'content="comments"' in sql and all(column in sql for column in FTS_COLUMNS)


# trylast: Datasette's own escape_fts is registered by one of its default
# plugins; running after it, this one's definition is the one that stays.
@hookimpl(trylast=True)
def prepare_connection(conn: sqlite3.Connection, database: str, datasette: object) -> None:
    try:
        exported = is_export(conn)
    except sqlite3.Error:
        # Not a database this plugin can read (Datasette reports it itself).
        return
    if exported:
        conn.create_function("escape_fts", 1, folded_search, deterministic=True)
