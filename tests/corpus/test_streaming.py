"""Reading a corpus as it is walked: order, laziness, bounded memory, duplicates on disk."""

from __future__ import annotations

import gc
import os
import shutil
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_support import SAMPLES, distinct_pages
from followup_cli.corpus import (
    Source,
    SourceWarning,
    find_sources,
    read_sources,
    walk_sources,
)
from followup_cli.corpus import seen as seen_module
from followup_cli.corpus import sources as sources_module
from followup_cli.corpus.seen import FirstSeen, key_of
from followup_cli.model import Report


def _tree(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name, encoding="utf-8")


def _reference_order(root: Path) -> list[str]:
    """Depth first, each directory's entries sorted by name, hidden ones left out."""
    found: list[str] = []
    for name in sorted(os.listdir(root)):  # noqa: PTH208 - names, as the walk sorts them
        if name.startswith("."):
            continue
        path = root / name
        if path.is_dir():
            found.extend(_reference_order(path))
        elif path.suffix.lower() in {".html", ".htm"}:
            found.append(str(path))
    return found


def test_the_walk_gives_pages_sorted_by_path_depth_first(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        [
            "b/2.html",
            "b/10.html",
            "b/a/x.htm",
            "b-c.html",
            "a.html",
            "B.html",
            "b/.x/y.html",
            "c/d/e/f.HTML",
            "c/d.html",
            "c/note.txt",
        ],
    )
    walked = [item.name for item in walk_sources([str(tmp_path)]) if isinstance(item, Source)]
    assert walked == _reference_order(tmp_path)
    assert walked == [
        item.name for item in find_sources([str(tmp_path)]).items if isinstance(item, Source)
    ]


def test_the_first_page_comes_before_a_later_directory_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path, [f"d{number}/page.html" for number in range(5)])
    listed: list[str] = []
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> Iterator[os.DirEntry[str]]:
        listed.append(Path(path).name)
        return real_scandir(path)

    monkeypatch.setattr(sources_module.os, "scandir", scandir)
    walk = walk_sources([str(tmp_path)])
    first = next(walk)
    assert isinstance(first, Source)
    assert first.name == str(tmp_path / "d0" / "page.html")
    # The root and the first folder only: d1 to d4 wait until the walk reaches them.
    assert listed == [tmp_path.name, "d0"]
    rest = list(walk)
    assert len(rest) == 4
    assert listed == [tmp_path.name, "d0", "d1", "d2", "d3", "d4"]


def test_first_seen_names_the_first_whether_in_memory_or_on_disk() -> None:
    seen = FirstSeen(spill_at=3)
    for number in range(10):
        assert seen.earlier(key_of("page", number), f"first-{number}") is None
        if number == 2:
            assert not seen.spilled
    assert seen.spilled
    for number in range(10):
        assert seen.earlier(key_of("page", number), f"again-{number}") == f"first-{number}"
    assert seen.earlier(key_of("page", 10), "new") is None
    seen.close()
    assert seen.earlier(key_of("page", 1), "after close") is None


def test_duplicates_are_still_named_once_the_keys_are_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(seen_module, "SPILL_AT", 2)
    pages = distinct_pages(tmp_path, 6)
    # A hard link, the same bytes under another name, and a measure again.
    os.link(pages[0], tmp_path / "page900_link.html")
    shutil.copy(pages[1], tmp_path / "page901_copy.html")
    (tmp_path / "page902_again.html").write_bytes(pages[2].read_bytes() + b"<!-- again -->")
    for jobs in (1, 2):
        warnings = [
            str(outcome)
            for outcome in read_sources(walk_sources([str(tmp_path)]), jobs=jobs)
            if isinstance(outcome, SourceWarning)
        ]
        assert warnings == [
            f"{tmp_path / 'page900_link.html'}: the same file as {pages[0]}: read once",
            f"{tmp_path / 'page901_copy.html'}: the same page as {pages[1]} "
            "(identical bytes): read once",
            f"{tmp_path / 'page902_again.html'}: S3 of fiscal year 2020 is also on "
            f"{pages[2]}: both are kept; diff pairs it once",
        ], jobs


def _held_bytes_reading(root: Path) -> int:
    """The most memory held between pages while reading ``root``."""
    gc.collect()
    tracemalloc.start()
    try:
        count = 0
        held = 0
        for outcome in read_sources(walk_sources([str(root)]), jobs=1, render=_codes):
            count += not isinstance(outcome, SourceWarning)
            if count % 10 == 0:
                # A parsed page leaves reference cycles that the collector
                # frees when it chooses: what is left after collecting is
                # what reading holds.
                gc.collect()
                held = max(held, tracemalloc.get_traced_memory()[0])
    finally:
        tracemalloc.stop()
    assert count > 0
    return held


def _codes(report: Report) -> bytes:
    return " ".join(measure.code or "" for measure in report.measures).encode()


def test_memory_does_not_grow_with_the_number_of_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Duplicate keys move to disk early, as they do past SPILL_AT in a large run.
    monkeypatch.setattr(seen_module, "SPILL_AT", 8)
    page = (SAMPLES / "r2_s27_ict.html").read_bytes()
    sizes = (120, 480)
    for size in sizes:
        root = tmp_path / str(size)
        # Distinct bytes (a comment apart) in folders of 20, as an archive lays them out.
        for number in range(size):
            folder = root / f"d{number // 20:03}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"p{number:04}.html").write_bytes(page + f"<!-- {number} -->".encode())
    # Once unmeasured, so that first imports and memos are not counted.
    _held_bytes_reading(tmp_path / str(sizes[0]))
    held = [_held_bytes_reading(tmp_path / str(size)) for size in sizes]
    # Four times the pages: a list of every path (about 400 bytes a page
    # before), or of every page's key in a dict, would more than double it;
    # what grows is a few hundred bytes a folder (each folder is read once).
    assert held[1] < 1.3 * held[0], held


def test_what_crosses_between_processes_comes_back_equal(tmp_path: Path) -> None:
    import pickle  # noqa: PLC0415 - this test alone

    (page,) = distinct_pages(tmp_path, 1)
    (source,) = walk_sources([str(page)])
    assert isinstance(source, Source)
    assert pickle.loads(pickle.dumps(source)) == source  # noqa: S301 - our own object
    (rendered,) = read_sources([source], render=_codes)
    assert pickle.loads(pickle.dumps(rendered)) == rendered  # noqa: S301 - our own object
    assert rendered.output == b"S1"
