"""A fetched archive read back: the folder and its WARC capture give the same records."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_support import run
from fetch_site import Site, serve_site
from followup_cli import read_pages
from followup_cli.cli.status import ExitStatus
from followup_cli.fetch.client import FetchSettings
from followup_cli.fetch.crawl import CrawlSummary, crawl
from followup_cli.model import Report

FAST = FetchSettings(delay=0.01, timeout=5.0, backoff=0.0)


@pytest.fixture
def site() -> Iterator[Site]:
    with serve_site() as served:
        yield served


@pytest.fixture
def fetched(site: Site, tmp_path: Path) -> tuple[Path, CrawlSummary]:
    summary = crawl([site.url("/index.html")], tmp_path, settings=FAST)
    assert summary.warc is not None
    return tmp_path, summary


def _records(*paths: Path) -> list[dict[str, object]]:
    result = run(["list", "--format", "json", *map(str, paths)])
    assert result.exit_code == ExitStatus.OK, result.stderr
    records: list[dict[str, object]] = json.loads(result.stdout)
    return sorted(records, key=lambda record: json.dumps(record, ensure_ascii=False))


def test_list_on_the_capture_gives_the_records_of_the_folder(
    fetched: tuple[Path, CrawlSummary],
) -> None:
    root, summary = fetched
    assert summary.warc is not None
    from_folder = _records(root)
    from_capture = _records(root / summary.warc)
    assert len(from_folder) == 6
    assert from_capture == from_folder


def test_pages_read_from_an_archive_folder_have_their_url_as_source(
    fetched: tuple[Path, CrawlSummary], site: Site
) -> None:
    root, summary = fetched
    sources = {record["source"] for record in _records(root)}
    expected = {record.final_url for record in summary.fetched}
    assert sources == expected
    # A redirected page is named by where its bytes came from.
    assert site.url("/new/r6.html") in sources


def test_read_pages_reads_a_capture_as_the_library(
    fetched: tuple[Path, CrawlSummary], site: Site
) -> None:
    root, summary = fetched
    assert summary.warc is not None
    outcomes = list(read_pages([str(root / summary.warc)]))
    reports = [outcome for outcome in outcomes if isinstance(outcome, Report)]
    assert {report.source for report in reports} == {r.final_url for r in summary.fetched}
    assert all(report.source.startswith(site.base) for report in reports)


def test_diff_reads_a_capture_like_the_folder(fetched: tuple[Path, CrawlSummary]) -> None:
    root, summary = fetched
    assert summary.warc is not None
    args = ["diff", "--from", "2020", "--to", "2021", "--format", "json"]
    on_folder = run([*args, str(root)])
    on_capture = run([*args, str(root / summary.warc)])
    assert on_folder.exit_code == on_capture.exit_code
    assert on_capture.stdout == on_folder.stdout


def test_an_unreadable_warc_is_one_error_line_and_the_rest_still_print(
    fetched: tuple[Path, CrawlSummary], tmp_path: Path
) -> None:
    root, _ = fetched
    broken = tmp_path / "broken.warc"
    broken.write_bytes(b"hello world\n")
    result = run(["list", "--format", "json", str(broken), str(root)])
    assert result.exit_code == ExitStatus.FAILED
    assert len(json.loads(result.stdout)) == 6
    assert f"Error: {broken}: not a readable WARC file" in result.stderr


def test_pages_read_from_a_capture_keep_the_date_they_were_captured(
    fetched: tuple[Path, CrawlSummary],
) -> None:
    from followup_cli.fetch.warc_read import warc_pages  # noqa: PLC0415

    root, summary = fetched
    assert summary.warc is not None
    dates = {page.uri: page.date for page in warc_pages(root / summary.warc)}
    reports = [item for item in read_pages([str(root / summary.warc)]) if isinstance(item, Report)]
    assert reports
    for report in reports:
        assert report.captured_at == dates[report.source]
        assert report.to_dict()["captured_at"] == report.captured_at
    # A page read from a file has no capture date.
    folder = [item for item in read_pages([str(root)]) if isinstance(item, Report)]
    assert folder and all(report.captured_at is None for report in folder)
