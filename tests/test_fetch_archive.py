"""Archive names and paths: nothing a URL says can put a file outside the archive."""

from __future__ import annotations

import hashlib
import json
import re
import threading
from pathlib import Path

import pytest

from followup_cli.fetch.archive import (
    Archive,
    archive_name,
    host_folder,
    sanitise,
    year_folder,
)
from followup_cli.fetch.errors import DisallowedError
from followup_cli.fetch.lock import ArchiveBusyError
from followup_cli.fetch.manifest import Manifest, ManifestRecord

HOSTILE_URLS = (
    "http://city.example/../../../etc/passwd",
    "http://city.example/a/..%2F..%2F..%2Fescape.html",
    "http://city.example/%2e%2e",
    "http://city.example/%2e%2e%2f%2e%2e%2fescape.html",
    "http://city.example/a%00b.html",
    "http://city.example/%2Fetc%2Fpasswd",
    "http://city.example/C:%5CWindows%5Cescape.html",
    "http://city.example/.htaccess",
    "http://city.example/" + "x" * 1000 + ".html",
    "http://city.example/" + "%E3%81%82" * 400 + ".html",
    "http://city.example/%0d%0a%09.html",
    "http://city.example/",
    "http://city.example",
)

# What a saved name may hold: the safe ASCII set and non-ASCII letters and digits.
_SAFE_NAME = re.compile(r"[A-Za-z0-9._\-\u0080-\U0010ffff]+")


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_archive_names_are_plain_file_names(url: str) -> None:
    name = archive_name(url)
    assert _SAFE_NAME.fullmatch(name)
    assert not name.startswith(".")
    assert "/" not in name
    assert "\\" not in name
    assert "\x00" not in name
    assert ".." not in name
    # Room for ".SHA8.html" (and the full sha256 fallback) in a 255-byte name.
    assert len(f"{name}.{'0' * 64}.html".encode()) <= 255
    assert name.endswith("-" + hashlib.sha256(url.encode()).hexdigest()[:8])


def test_names_keep_readable_japanese_and_drop_the_extension() -> None:
    name = archive_name("http://city.example/r2/%E5%AF%BE%E5%BF%9C%E7%8A%B6%E6%B3%81.html")
    assert name.startswith("対応状況-")


def test_the_same_file_name_at_two_urls_gets_two_names() -> None:
    first = archive_name("http://city.example/r2/index.html")
    second = archive_name("http://city.example/r3/index.html")
    assert first.startswith("index-")
    assert first != second


def test_sanitise_strips_leading_dots_and_odd_characters() -> None:
    assert sanitise("...hidden") == "hidden"
    assert sanitise("a b\tc<d>|e") == "a_b_c_d_e"
    assert sanitise("..") == ""


def test_host_folder_adds_a_non_default_port_and_year_folder_falls_back() -> None:
    assert host_folder("http://127.0.0.1:8080/x") == "127.0.0.1_8080"
    assert host_folder("https://City.Example:443/x") == "city.example"
    assert year_folder(2020) == "2020"
    assert year_folder(None) == "unknown"
    assert year_folder(99999) == "unknown"


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_storing_hostile_urls_writes_only_inside_the_archive(tmp_path: Path, url: str) -> None:
    root = tmp_path / "archive"
    archive = Archive(root)
    stored = archive.store(url, 2020, b"<html>page</html>")
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert written == [root / stored.path]
    assert (root / stored.path).resolve().is_relative_to(root.resolve())
    assert stored.path.startswith("city.example/2020/")


def test_a_changed_page_is_kept_beside_the_old_copy(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    url = "http://city.example/r2/taiou.html"
    first = archive.store(url, 2020, b"version one")
    again = archive.store(url, 2020, b"version one")
    second = archive.store(url, 2020, b"version two")
    name = archive_name(url)
    assert first.path == f"city.example/2020/{name}.html"
    assert first.written
    assert again == type(first)(first.path, first.sha256, written=False)
    digest = hashlib.sha256(b"version two").hexdigest()
    assert second.path == f"city.example/2020/{name}.{digest[:8]}.html"
    assert (tmp_path / first.path).read_bytes() == b"version one"
    assert (tmp_path / second.path).read_bytes() == b"version two"


def test_a_planted_symlink_cannot_lead_a_write_outside(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    outside = tmp_path / "outside"
    outside.mkdir()
    root.mkdir()
    (root / "city.example").symlink_to(outside, target_is_directory=True)
    archive = Archive(root)
    with pytest.raises(DisallowedError, match=r"city\.example is a symbolic link"):
        archive.store("http://city.example/r2.html", 2020, b"page")
    assert list(outside.iterdir()) == []


def test_a_planted_file_symlink_is_never_written_through(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    url = "http://city.example/r2.html"
    folder = root / "city.example" / "2020"
    folder.mkdir(parents=True)
    planted = folder / f"{archive_name(url)}.html"
    planted.symlink_to(victim)
    stored = Archive(root).store(url, 2020, b"page")
    # The name is taken, so the page goes beside it, as a real file.
    assert stored.path != f"city.example/2020/{planted.name}"
    assert not (root / stored.path).is_symlink()
    assert (root / stored.path).read_bytes() == b"page"
    assert victim.read_bytes() == b"precious"


@pytest.mark.parametrize(
    "relative", ["../outside.html", "/etc/passwd", "a/../../outside.html", "a\x00b", ""]
)
def test_manifest_paths_cannot_read_outside(tmp_path: Path, relative: str) -> None:
    root = tmp_path / "archive"
    (tmp_path / "outside.html").write_bytes(b"secret")
    archive = Archive(root)
    assert archive.read(relative) is None


def _record(url: str, outcome: str = "fetched", **changes: object) -> ManifestRecord:
    fields: dict[str, object] = {
        "url": url,
        "final_url": url,
        "fetched_at": "2024-05-01T09:30:00Z",
        "status": 200,
        "content_type": "text/html",
        "etag": '"abc"',
        "last_modified": None,
        "sha256": "0" * 64,
        "fiscal_year": 2020,
        "path": "city.example/2020/r2-00000000.html",
        "outcome": outcome,
        "error": None,
    }
    fields.update(changes)
    return ManifestRecord.from_dict(fields)


def test_manifest_round_trips_and_survives_a_half_written_line(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path / "manifest.jsonl")
    first = _record("http://city.example/r2.html")
    manifest.append(first)
    with manifest.path.open("a", encoding="utf-8") as out:
        out.write('{"url": "http://city.example/cut')  # a run killed mid-write
    failed = _record("http://city.example/r3.html", "failed", path=None, sha256=None, error="x")
    manifest.append(failed)
    assert list(manifest.records()) == [first, failed]
    assert manifest.skipped_lines == 1
    assert manifest.latest_copies() == {first.url: first}
    lines = manifest.path.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[-1]) == failed.to_dict()


def test_manifest_keeps_the_newest_copy_per_url(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path / "manifest.jsonl")
    old = _record("http://city.example/r2.html", etag='"old"')
    new = _record("http://city.example/r2.html", "unchanged", etag='"new"')
    manifest.append(old)
    manifest.append(new)
    manifest.append(_record("http://city.example/r2.html", "failed", path=None, error="HTTP 500"))
    assert manifest.latest_copies()["http://city.example/r2.html"] == new


def test_manifest_records_reject_wrong_types() -> None:
    with pytest.raises(ValueError, match="outcome"):
        _record("http://city.example/r2.html", "saved")
    with pytest.raises(TypeError):
        _record("http://city.example/r2.html", status="200")


def test_identical_bytes_are_stored_once(tmp_path: Path) -> None:
    with Archive(tmp_path, lock=True) as archive:
        first = archive.prepare("http://city.example/r2.html", 2020, b"same page")
        record = _record("http://city.example/r2.html", path=first.path, sha256=first.sha256)
        archive.manifest.append(record)
        first.publish()
        second = archive.prepare("http://city.example/copy/r2.html", 2020, b"same page")
    assert second.written is False
    assert second.path == first.path
    assert [path.name for path in tmp_path.rglob("*.html")] == [Path(first.path).name]


def test_a_page_has_its_name_only_once_its_manifest_line_is_written(tmp_path: Path) -> None:
    with Archive(tmp_path, lock=True) as archive:
        pending = archive.prepare("http://city.example/r2.html", 2020, b"page")
        assert not (tmp_path / pending.path).exists()
        assert list(tmp_path.rglob("*.html")) == []
        archive.manifest.append(_record("http://city.example/r2.html", path=pending.path))
        pending.publish()
        assert (tmp_path / pending.path).read_bytes() == b"page"
        assert list(tmp_path.rglob("*.part")) == []


def test_temporary_files_of_a_dead_run_are_removed_by_the_next(tmp_path: Path) -> None:
    with Archive(tmp_path, lock=True) as archive:
        archive.prepare("http://city.example/r2.html", 2020, b"page")  # never published
    assert len(list(tmp_path.rglob("*.part"))) == 1
    with Archive(tmp_path, lock=True) as archive:
        assert archive.removed_temp_files == 1
    assert list(tmp_path.rglob("*.part")) == []


def test_a_second_writer_is_refused_while_the_first_holds_the_lock(tmp_path: Path) -> None:
    with (
        Archive(tmp_path, lock=True),
        pytest.raises(ArchiveBusyError, match=r"another followup fetch .*pid \d+"),
    ):
        Archive(tmp_path, lock=True)
    with Archive(tmp_path, lock=True):
        pass


def test_a_manifest_symlink_is_refused(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    root = tmp_path / "archive"
    root.mkdir()
    (root / "manifest.jsonl").symlink_to(victim)
    with pytest.raises(DisallowedError, match="symbolic link"):
        Archive(root, lock=True)
    assert victim.read_text() == "precious"


def test_a_second_writer_can_wait_for_the_first_to_finish(tmp_path: Path) -> None:
    first = Archive(tmp_path, lock=True)
    releaser = threading.Timer(0.2, first.close)
    releaser.start()
    try:
        with Archive(tmp_path, lock=True, lock_wait=10.0) as second:
            assert second.removed_temp_files == 0
    finally:
        releaser.join()
