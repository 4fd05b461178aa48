"""The exported database in Datasette, in-process: search on comments, metadata."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from datasette.app import Datasette

from cli_support import REPO_ROOT
from export_support import export, filter_records


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)


def _get(paths: list[Path], url: str, metadata: Path | None = None) -> Any:
    async def fetch() -> Any:
        loaded = json.loads(metadata.read_text(encoding="utf-8")) if metadata else None
        datasette = Datasette([str(path) for path in paths], metadata=loaded)
        await datasette.invoke_startup()
        response = await datasette.client.get(url)
        assert response.status_code == 200, response.text
        return response

    return asyncio.run(fetch())


def _get_json(paths: list[Path], url: str, metadata: Path | None = None) -> Any:
    return _get(paths, url, metadata).json()


def test_searching_comments_in_datasette_finds_filters_rows(tmp_path: Path) -> None:
    path = tmp_path / "samples.db"
    export(["samples/minatono/", "-o", str(path)])
    rows = _get_json([path], "/samples/comments.json?_search=テレワーク&_shape=array&_size=max")
    expected = [(r["text"], r["reply"]) for r in filter_records("-k", "テレワーク")]
    assert len(expected) == 3
    assert sorted((row["text"], row["reply"]) for row in rows) == sorted(expected)
    # Datasette found the search by itself (no metadata): the page has a search box.
    assert 'name="_search"' in _get([path], "/samples/comments").text
    assert 'name="_search"' not in _get([path], "/samples/measures").text


def test_metadata_labels_columns_in_japanese_and_english(tmp_path: Path) -> None:
    path, metadata = tmp_path / "samples.db", tmp_path / "metadata.json"
    export(["samples/minatono/", "-o", str(path), "--metadata", str(metadata)])
    written = json.loads(metadata.read_text(encoding="utf-8"))
    tables = written["databases"]["samples"]["tables"]
    assert tables["comments"]["columns"]["reply"].startswith("担当課返答 / ")
    assert tables["comments"]["fts_table"] == "comments_fts"
    served = _get_json([path], "/-/metadata.json", metadata)
    assert served == written
    rows = _get_json(
        [path], "/samples/comments.json?_search=web会議&_shape=array&_size=max", metadata
    )
    assert len(rows) == len(filter_records("-k", "ＷＥＢ会議")) == 6


@pytest.mark.parametrize("query", ["ＷＥＢ会議", "Web 会議", "web会議"])
def test_the_search_box_folds_the_query_as_filter_k_does(tmp_path: Path, query: str) -> None:
    path = tmp_path / "samples.db"
    export(["samples/minatono/", "-o", str(path)])
    rows = _get_json([path], f"/samples/comments.json?_search={query}&_shape=array&_size=max")
    expected = sorted(((r["text"], r["reply"]) for r in filter_records("-k", query)), key=repr)
    assert len(expected) == 6
    assert sorted(((row["text"], row["reply"]) for row in rows), key=repr) == expected


def test_other_databases_keep_datasettes_own_search(tmp_path: Path) -> None:
    other, exported = tmp_path / "other.db", tmp_path / "samples.db"
    with sqlite3.connect(other) as db:
        db.executescript(
            "CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT);"
            'CREATE VIRTUAL TABLE docs_fts USING fts5(body, content="docs", '
            "content_rowid=\"id\", tokenize='trigram');"
            "INSERT INTO docs (body) VALUES ('ＷＥＢ会議の記録');"
            "INSERT INTO docs_fts (rowid, body) SELECT id, body FROM docs;"
        )
    db.close()
    export(["samples/minatono/", "-o", str(exported)])
    # Served together: the exported database's folding must not leak into the other.
    rows = _get_json([other, exported], "/other/docs.json?_search=ＷＥＢ会議&_shape=array")
    assert [row["body"] for row in rows] == ["ＷＥＢ会議の記録"]
    assert _get_json([other, exported], "/other/docs.json?_search=web会議&_shape=array") == []
    plugins = _get_json([exported], "/-/plugins.json")
    assert [plugin["name"] for plugin in plugins] == ["followup-cli"]
