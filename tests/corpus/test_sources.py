"""Finding page sources: folders in name order, hidden entries, links, arguments."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cli_support import unreadable
from followup_cli.corpus import Source, Sources, SourceWarning, find_sources


def _names(sources: Sources) -> list[str]:
    names = []
    for item in sources.items:
        if isinstance(item, Source):
            names.append(item.name)
        elif isinstance(item, SourceWarning):
            names.append(f"warning:{item.source}")
        else:
            names.append(f"error:{item.source}")
    return names


def test_directories_are_searched_recursively_in_name_order(tmp_path: Path) -> None:
    for name in (
        "b.html",
        "a.HTM",
        "z.txt",
        "sub/d.html",
        "sub/c.htm",
        ".hidden/x.html",
        "a2/e.html",
    ):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name, encoding="utf-8")
    sources = find_sources([str(tmp_path)])
    relative = [str(Path(name).relative_to(tmp_path)) for name in _names(sources)]
    assert relative == ["a.HTM", "a2/e.html", "b.html", "sub/c.htm", "sub/d.html"]
    assert sources.count == 5


def test_a_symlink_loop_is_a_warning_in_place_and_not_followed(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.html").write_text("", encoding="utf-8")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "again").symlink_to(tmp_path / "sub", target_is_directory=True)
    sources = find_sources([str(tmp_path)])
    # The page is read once, though two links lead to it.
    # "again" sorts first and leads into sub/: its loop back to the root is
    # noted, and sub/ itself is not read a second time.
    assert _names(sources) == [
        f"warning:{tmp_path / 'again' / 'loop'}",
        str(tmp_path / "again" / "page.html"),
    ]
    warning = sources.items[0]
    assert isinstance(warning, SourceWarning)
    assert warning.message == "symbolic link loop, not followed"


def test_arguments_keep_their_order_and_failures_their_place(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("", encoding="utf-8")
    sources = find_sources([str(page), "-", str(tmp_path / "missing.html"), "http://x.jp/a"])
    assert _names(sources) == [
        str(page),
        "<stdin>",
        f"error:{tmp_path / 'missing.html'}",
        "http://x.jp/a",
    ]
    assert [item.kind for item in sources.items if isinstance(item, Source)] == [
        "file",
        "stdin",
        "url",
    ]


def test_no_paths_means_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "r2.html").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _names(find_sources([])) == ["r2.html"]


def test_only_regular_files_are_read_from_folders(tmp_path: Path) -> None:
    import socket  # noqa: PLC0415 - this test alone

    (tmp_path / "a_good.html").write_text("page", encoding="utf-8")
    os.mkfifo(tmp_path / "fifo.html")
    (tmp_path / "zero.html").symlink_to("/dev/zero")
    listener = socket.socket(socket.AF_UNIX)
    try:
        listener.bind(str(tmp_path / "sock.html"))
        sources = find_sources([str(tmp_path)])
    finally:
        listener.close()
    assert _names(sources) == [
        str(tmp_path / "a_good.html"),
        f"warning:{tmp_path / 'fifo.html'}",
        f"warning:{tmp_path / 'sock.html'}",
        f"warning:{tmp_path / 'zero.html'}",
    ]
    messages = [item.message for item in sources.items if isinstance(item, SourceWarning)]
    assert messages == [
        "a FIFO (named pipe), not a regular file: skipped",
        "a socket, not a regular file: skipped",
        "a symbolic link to a character device, not a regular file: skipped",
    ]


def test_the_same_file_or_folder_reached_twice_is_listed_once(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "r2.html").write_text("page", encoding="utf-8")
    (tmp_path / "link.html").symlink_to(folder / "r2.html")
    sources = find_sources([str(folder), str(folder), str(tmp_path / "link.html")])
    assert _names(sources) == [
        str(folder / "r2.html"),
        f"warning:{folder}",
        f"warning:{tmp_path / 'link.html'}",
    ]
    messages = [item.message for item in sources.items if isinstance(item, SourceWarning)]
    assert messages == ["given twice: read once", f"the same file as {folder / 'r2.html'}: read once"]


def test_an_unreadable_folder_or_file_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a/r2.html", "locked/r3.html", "z/r4.html"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    unreadable(monkeypatch, tmp_path / "locked")
    assert _names(find_sources([str(tmp_path)])) == [
        str(tmp_path / "a" / "r2.html"),
        f"error:{tmp_path / 'locked'}",
        str(tmp_path / "z" / "r4.html"),
    ]
