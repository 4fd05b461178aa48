"""followup export to SQLite: the counts filter gives, search as filter -k finds, stable ids."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_support import REPO_ROOT, SAMPLES, comment, measure, report, run
from export_support import HOSTILE, database, export, filter_records
from followup_cli import parse_file
from followup_cli.cli.status import ExitStatus
from followup_cli.corpus.select import fold
from followup_cli.export import NothingToExportError, write_sqlite
from followup_cli.export.sqlite import table_columns
from followup_cli.model import Report
from pages import measure_page


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    # Sources are recorded as given: run from the root so they read samples/….
    monkeypatch.chdir(REPO_ROOT)


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "samples.db"
    os.chdir(REPO_ROOT)
    export(["samples/minatono/", "-o", str(path)])
    return path


def _key(record: dict[str, object]) -> tuple[object, ...]:
    return (record["source"], record["code"], record["section"], record["number"])


def test_counts_per_department_and_year_are_filters(samples_db: Path) -> None:
    expected: Counter[tuple[object, ...]] = Counter()
    for record in filter_records():
        group = (record["fiscal_year"], record["department"])
        expected[(*group, "comment_count")] += 1
        expected[(*group, "replied_count" if record["reply"] is not None else "unanswered")] += 1
    with database(samples_db) as db:
        rows = db.execute(
            "SELECT fiscal_year, department, comment_count, replied_count, unanswered "
            "FROM department_summary"
        ).fetchall()
        # The same counts straight from the tables, so the view cannot hide a mistake.
        raw = db.execute(
            "SELECT m.fiscal_year, m.department, count(*), count(c.reply), "
            "sum(c.reply IS NULL) FROM comments c JOIN measures m ON m.id = c.measure_id "
            "GROUP BY 1, 2"
        ).fetchall()
    assert _counts(rows) == expected
    assert _counts(raw) == expected


def _counts(rows: list[tuple[object, ...]]) -> Counter[tuple[object, ...]]:
    found: Counter[tuple[object, ...]] = Counter()
    for year, department, *counts in rows:
        for name, count in zip(
            ("comment_count", "replied_count", "unanswered"), counts, strict=True
        ):
            if count:
                found[(year, department, name)] = count
    return found


def test_every_record_is_exact_with_real_nulls(samples_db: Path) -> None:
    with database(samples_db) as db:
        rows = db.execute(
            "SELECT m.fiscal_year, m.source, m.code, m.name, m.department, c.section, "
            "c.section_label, c.number, c.text, c.reply, c.reply_shared "
            "FROM comments c JOIN measures m ON m.id = c.measure_id "
            "ORDER BY m.source, m.position, c.position"
        ).fetchall()
        types = db.execute(
            "SELECT DISTINCT typeof(fiscal_year), typeof(reply) FROM comments c "
            "JOIN measures m ON m.id = c.measure_id"
        ).fetchall()
        null_codes = db.execute("SELECT count(*) FROM measures WHERE code IS NULL").fetchone()[0]
    keys = ("fiscal_year", "source", "code", "name", "department", "section", "section_label")
    keys += ("number", "text", "reply", "reply_shared")
    expected = [tuple(record[key] for key in keys) for record in filter_records()]
    assert [(*row[:-1], bool(row[-1])) for row in rows] == expected
    assert set(types) == {("integer", "text"), ("integer", "null")}
    listed = json.loads(run(["list", "samples/minatono/", "--json"]).stdout)
    assert null_codes == sum(1 for record in listed if record["code"] is None) == 2


@pytest.mark.parametrize("query", ["テレワーク", "ＷＥＢ会議", "web 会議", "防災"])
def test_search_finds_what_filter_k_finds(samples_db: Path, query: str) -> None:
    expected = {_key(record) for record in filter_records("-k", query)}
    assert expected, f"filter -k {query} finds nothing in samples/: the test would prove nothing"
    folded = fold(query)
    with database(samples_db) as db:
        if len(folded) >= 3:
            # What Datasette sends for a search box: the query as one quoted phrase.
            sql = (
                "SELECT m.source, m.code, c.section, c.number FROM comments c "
                "JOIN measures m ON m.id = c.measure_id "
                "WHERE c.id IN (SELECT rowid FROM comments_fts WHERE comments_fts MATCH ?)"
            )
            parameter = '"' + folded + '"'
        else:
            # README's query for one or two characters, which trigrams cannot index.
            sql = (
                "SELECT m.source, m.code, c.section, c.number FROM comments c "
                "JOIN measures m ON m.id = c.measure_id "
                "WHERE c.text_folded LIKE '%' || ? || '%' OR c.reply_folded LIKE '%' || ? || '%'"
            )
            parameter = folded
        found = set(db.execute(sql, (parameter,) * sql.count("?")).fetchall())
    assert found == expected


def test_ids_are_the_same_in_every_export(tmp_path: Path) -> None:
    first, second, subset = tmp_path / "1.db", tmp_path / "2.db", tmp_path / "r2.db"
    export(["samples/minatono/", "-o", str(first)])
    export(["samples/minatono/", "-o", str(second), "-j", "2"])
    export(["samples/minatono/", "--year", "R2", "-o", str(subset)])
    query = "SELECT m.id, m.source, m.position, c.id, c.position FROM measures m "
    query += "LEFT JOIN comments c ON c.measure_id = m.id ORDER BY m.id, c.id"
    with database(first) as a, database(second) as b, database(subset) as c:
        rows = a.execute(query).fetchall()
        assert rows == b.execute(query).fetchall()
        in_2020 = c.execute(query).fetchall()
        year_ids = {row[0] for row in a.execute("SELECT id FROM measures WHERE fiscal_year = 2020")}
    assert len({row[0] for row in rows}) == 17
    assert in_2020 and set(in_2020) <= set(rows)
    assert {row[0] for row in in_2020} == year_ids
    assert all(0 < row[0] < 2**53 for row in rows)


def test_hostile_text_round_trips_exactly(tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    # Markup in the page is escaped, so the parser reads it as text.
    escaped = [text.replace("&", "&amp;").replace("<", "&lt;") for text in HOSTILE]
    page.write_text(
        measure_page(
            measure="=1+2【@dept】",
            direction=escaped[0],
            comments=[(text, text) for text in escaped],
        ),
        encoding="utf-8",
    )
    parsed = parse_file(page).measures[0]
    path = tmp_path / "hostile.db"
    export([str(page), "-o", str(path)])
    with database(path) as db:
        name, department, direction = db.execute(
            "SELECT name, department, direction FROM measures"
        ).fetchone()
        texts = db.execute("SELECT text, reply FROM comments ORDER BY position").fetchall()
    assert (name, department, direction) == (parsed.name, parsed.department, parsed.direction)
    assert texts == [(c.text, c.reply) for c in parsed.comments]
    assert any(text.startswith("=HYPERLINK") for text, _ in texts)


def test_views_have_the_columns_their_descriptions_name(samples_db: Path) -> None:
    with database(samples_db) as db:
        for table in ("measures", "comments", "measure_summary", "department_summary"):
            columns = tuple(row[1] for row in db.execute(f"PRAGMA table_info({table})"))
            assert columns == table_columns(table)
        notes = db.execute("SELECT DISTINCT notes FROM measures").fetchall()
        rates = db.execute("SELECT reply_rate FROM measure_summary WHERE code = 'S27'").fetchall()
    assert all(isinstance(json.loads(value), list) for (value,) in notes)
    assert sorted(rate for (rate,) in rates) == [0.25, 0.75, 1.0]


def test_a_failed_export_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "keep.db"
    path.write_bytes(b"previous")
    reports = [parse_file(SAMPLES / "r2_s27_ict.html")]

    def broken() -> Iterator[Report]:
        yield from reports
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_sqlite(broken(), path)
    with pytest.raises(NothingToExportError):
        write_sqlite(reports, path, keep=lambda measure: False)
    assert path.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.db"]
    result = run(["export", "samples/minatono/", "--year", "1990", "-o", str(path)])
    assert result.exit_code == ExitStatus.FAILED
    assert "nothing to export" in result.stderr
    assert path.read_bytes() == b"previous"


def test_a_failing_input_is_named_and_the_others_exported(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text("<html><body>not a follow-up page</body></html>", encoding="utf-8")
    path = tmp_path / "out.sqlite"
    result = run(["export", "samples/minatono/r2_s27_ict.html", str(broken), "-o", str(path)])
    assert result.exit_code == ExitStatus.FAILED
    assert f"Error: {broken}" in result.stderr
    with database(path) as db:
        assert db.execute("SELECT count(*) FROM measures").fetchone()[0] == 1


def test_the_database_is_a_plain_sqlite_file(samples_db: Path) -> None:
    # Opened read-only, as Datasette does with --immutable: nothing left to recover.
    uri = f"file:{samples_db}?mode=ro"
    with sqlite3.connect(uri, uri=True) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    with database(samples_db) as db:
        # Raises (SQLITE_CORRUPT_VTAB) when the index does not match the comments.
        db.execute("INSERT INTO comments_fts(comments_fts) VALUES ('integrity-check')")
        assert db.execute("SELECT count(*) FROM comments_fts").fetchone()[0] == 56
    assert not Path(str(samples_db) + "-journal").exists()


def test_any_text_a_library_caller_passes_round_trips(tmp_path: Path) -> None:
    # The parser strips control characters; a library caller may not.
    texts = [*HOSTILE, "\x00NUL\x1b[2J\u202eRLO", "  leading and trailing  ", ""]
    comments = [comment(number, text, reply=text or None) for number, text in enumerate(texts, 1)]
    source = "=cmd|' /C calc'!A0"
    report_ = report(source, measure(source, name="\x1b]0;title\x07", comments=comments))
    path = tmp_path / "any.db"
    write_sqlite([report_], path)
    with database(path) as db:
        row = db.execute("SELECT name, source FROM measures").fetchone()
        assert row == (report_.measures[0].name, source)
        stored = db.execute("SELECT text, reply FROM comments ORDER BY position").fetchall()
    assert stored == [(text, text or None) for text in texts]


def test_readmes_search_queries_return_what_filter_k_prints(samples_db: Path) -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exporting: `followup export`", 1)[1].split("\n## ", 1)[0]
    queries = re.findall(r"```sql\n(.*?)```", section, flags=re.DOTALL)
    assert len(queries) == 2
    with database(samples_db) as db:
        for query, word in zip(queries, ("テレワーク", "防災"), strict=True):
            assert word in query
            found = [row[3] for row in db.execute(query)]
            expected = [record["text"] for record in filter_records("-k", word, order="sorted")]
            assert found == expected
