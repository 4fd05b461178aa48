"""A run killed mid-fetch, two runs at once, and a folder swapped for a symlink during a run."""

from __future__ import annotations

import hashlib
import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from fetch_site import Site, serve_site
from followup_cli.fetch.check import check_archive
from followup_cli.fetch.client import FetchSettings
from followup_cli.fetch.crawl import CrawlEvent, crawl

FAST = FetchSettings(delay=0.01, timeout=5.0, backoff=0.0)


@pytest.fixture
def site() -> Iterator[Site]:
    with serve_site() as served:
        yield served


def _fetch(site: Site, archive: Path) -> subprocess.Popen[str]:
    """`followup fetch` of the index whose third report hangs, as a separate process."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "followup_cli",
            "fetch",
            site.url("/slow-index.html"),
            "--archive",
            str(archive),
            "--delay",
            "0.01",
            "--timeout",
            "20",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(condition: object, what: str) -> None:
    assert callable(condition)
    for _ in range(400):
        if condition():
            return
        time.sleep(0.025)
    pytest.fail(f"timed out waiting for {what}")


def _list(archive: Path) -> list[dict[str, object]]:
    result = subprocess.run(
        [sys.executable, "-m", "followup_cli", "list", str(archive), "--format", "jsonl"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_run_killed_mid_fetch_leaves_nothing_half_written(site: Site, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    process = _fetch(site, archive)
    try:
        _wait_for(lambda: site.state.hits["/slow.html"] >= 1, "the hanging page")
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        process.kill()
    # Every page file is named by the manifest; nothing else was left to read.
    killed = check_archive(archive)
    assert [p for p in killed.problems if p.kind != "temporary"] == []
    assert killed.copies == 2
    assert len(_list(archive)) == killed.copies

    site.state.release_slow.set()
    second = _fetch(site, archive)
    _, stderr = second.communicate(timeout=60)
    assert second.returncode == 0, stderr
    assert stderr.startswith("fetched 2, unchanged 2, failed 0")
    after = check_archive(archive)
    assert after.ok
    assert after.copies == 4
    assert len(_list(archive)) == 4


def test_a_second_run_into_a_busy_archive_is_refused_clearly(site: Site, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    first = _fetch(site, archive)
    try:
        _wait_for(lambda: site.state.hits["/slow.html"] >= 1, "the first run to hang")
        second = _fetch(site, archive)
        _, refused = second.communicate(timeout=30)
        assert second.returncode == 1
        assert refused.startswith(f"Error: {archive}: another followup fetch is writing")
        assert f"pid {first.pid} " in refused
        site.state.release_slow.set()
        _, stderr = first.communicate(timeout=60)
        assert first.returncode == 0, stderr
    finally:
        first.kill()
    third = _fetch(site, archive)
    _, stderr = third.communicate(timeout=60)
    assert stderr.startswith("fetched 0, unchanged 4, failed 0")
    pages = sorted(archive.rglob("*.html"))
    digests = [hashlib.sha256(page.read_bytes()).hexdigest() for page in pages]
    assert len(pages) == 4
    assert len(set(digests)) == len(digests)


def test_a_folder_swapped_for_a_symlink_during_a_run_is_never_written_through(
    site: Site, tmp_path: Path
) -> None:
    root = tmp_path / "archive"
    outside = tmp_path / "outside"
    outside.mkdir()
    swapped: list[Path] = []

    def swap_after_the_first_save(event: CrawlEvent) -> None:
        if event.kind == "saved" and event.record and event.record.path and not swapped:
            folder = root / Path(event.record.path).parent
            folder.rename(folder.with_name("moved-away"))
            folder.symlink_to(outside, target_is_directory=True)
            swapped.append(folder)

    urls = [site.url(path) for path in ("/r2/taiou.html", "/h/a.html", "/h/b.html")]
    summary = crawl(urls, root, settings=FAST, on_event=swap_after_the_first_save)
    assert [record.outcome for record in summary.records] == ["fetched", "failed", "failed"]
    for record in summary.failed:
        assert "2020 is a symbolic link or not a folder: refused" in (record.error or "")
    assert list(outside.iterdir()) == []
    assert swapped


# Runs `followup fetch` in a process that dies (os._exit, as SIGKILL would leave
# it) at the chosen point of saving its second page.
_DYING_FETCH = """
import os, sys
from followup_cli.fetch import dirfd
from followup_cli.cli.app import main

point = sys.argv.pop(1)
calls = {"write_temp": 0, "publish": 0}
real_write_temp, real_publish = dirfd.write_temp, dirfd.publish

def write_temp(folder_fd, final_name, content):
    if final_name.endswith(".html"):
        calls["write_temp"] += 1
        if point == "mid-write" and calls["write_temp"] == 2:
            name = real_write_temp(folder_fd, final_name, content[: len(content) // 2])
            os._exit(9)
    return real_write_temp(folder_fd, final_name, content)

def publish(folder_fd, temp_name, final_name):
    if final_name.endswith(".html"):
        calls["publish"] += 1
        if point == "before-rename" and calls["publish"] == 2:
            os._exit(9)
    return real_publish(folder_fd, temp_name, final_name)

dirfd.write_temp, dirfd.publish = write_temp, publish
sys.argv[0] = "followup"
main()
"""


@pytest.mark.parametrize(
    ("point", "recorded"),
    [("mid-write", 1), ("before-rename", 2)],
)
def test_a_run_dying_while_saving_leaves_only_what_the_manifest_names(
    site: Site, tmp_path: Path, point: str, recorded: int
) -> None:
    archive = tmp_path / "archive"
    site.state.release_slow.set()
    died = subprocess.run(
        [
            sys.executable,
            "-c",
            _DYING_FETCH,
            point,
            "fetch",
            site.url("/slow-index.html"),
            "--archive",
            str(archive),
            "--delay",
            "0.01",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert died.returncode == 9, died.stderr
    lines = (archive / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == recorded
    problems = {problem.kind for problem in check_archive(archive).problems}
    # Half-written bytes sit in a hidden temporary file; no page file lacks a record.
    assert "unrecorded" not in problems
    assert "temporary" in problems
    assert len(_list(archive)) == 1

    second = _fetch(site, archive)
    _, stderr = second.communicate(timeout=60)
    assert second.returncode == 0, stderr
    after = check_archive(archive)
    assert after.ok
    assert after.copies == 4
    assert len(_list(archive)) == 4
