"""Building an archive from the local site, refreshing it, and reading it back."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from fetch_site import HOSTILE_NAMES, Site, followup_page, serve_site
from followup_cli import parse_file
from followup_cli.fetch.archive import archive_name
from followup_cli.fetch.client import FetchSettings
from followup_cli.fetch.crawl import CrawlEvent, CrawlSummary, crawl
from followup_cli.fetch.manifest import Manifest

FAST = FetchSettings(delay=0.01, timeout=5.0, backoff=0.0)
MANIFEST_FIELDS = [
    "url",
    "final_url",
    "fetched_at",
    "status",
    "content_type",
    "etag",
    "last_modified",
    "sha256",
    "fiscal_year",
    "path",
    "outcome",
    "error",
]


@pytest.fixture
def site() -> Iterator[Site]:
    with serve_site() as served:
        yield served


def _outcomes(summary: CrawlSummary, site: Site) -> dict[str, str]:
    return {record.url.removeprefix(site.base): record.outcome for record in summary.records}


def _saved_pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def test_first_run_archives_every_linked_report(site: Site, tmp_path: Path) -> None:
    root = tmp_path / "archive"
    summary = crawl([site.url("/index.html")], root, settings=FAST)

    assert _outcomes(summary, site) == {
        "/r2/taiou.html": "fetched",
        "/r3/taiou.html": "fetched",
        "/h30/report.html": "fetched",
        "/private/r1.html": "failed",
        "/gone.html": "failed",
        "/flaky.html": "fetched",
        "/old/r6.html": "fetched",
        "/changing.html": "fetched",
        "/report.pdf": "skipped",
    }
    assert summary.indexes == (site.url("/index.html"),)
    (pdf,) = summary.skipped
    assert pdf.error == "a PDF file, not an HTML page: not fetched"
    errors = {record.url.removeprefix(site.base): record.error for record in summary.failed}
    assert errors["/gone.html"] == "HTTP 404 Not Found"
    assert "robots.txt" in (errors["/private/r1.html"] or "")

    requested = site.state.paths()
    assert requested.count("/robots.txt") == 1
    for never in ("/private/r1.html", "/report.pdf", "/about.html"):
        assert never not in requested

    host = site.base.removeprefix("http://").replace(":", "_")
    by_url = {record.url: record for record in summary.fetched}
    r2 = by_url[site.url("/r2/taiou.html")]
    assert r2.path == f"{host}/2020/{archive_name(site.url('/r2/taiou.html'))}.html"
    assert r2.fiscal_year == 2020
    assert r2.status == 200
    assert r2.etag is not None
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r2.fetched_at)
    moved = by_url[site.url("/old/r6.html")]
    assert moved.final_url == site.url("/new/r6.html")
    # Named after the URL the bytes came from.
    assert moved.path == f"{host}/2024/{archive_name(site.url('/new/r6.html'))}.html"

    assert {record.fiscal_year for record in summary.fetched} == {
        2018,
        2020,
        2021,
        2022,
        2023,
        2024,
    }
    for record in summary.fetched:
        assert record.path is not None
        saved = (root / record.path).read_bytes()
        assert hashlib.sha256(saved).hexdigest() == record.sha256


def test_the_shift_jis_page_is_saved_byte_for_byte(site: Site, tmp_path: Path) -> None:
    summary = crawl([site.url("/h30/report.html")], tmp_path, settings=FAST)
    (record,) = summary.records
    assert record.content_type == "text/html"
    assert record.path is not None
    served = followup_page(2018, direction="令和元年度に再検討します。①", charset=None)
    assert (tmp_path / record.path).read_bytes() == served.encode("cp932")
    assert record.fiscal_year == 2018
    report = parse_file(tmp_path / record.path)
    assert report.measures[0].direction == "令和元年度に再検討します。①"


def test_the_manifest_has_every_field_on_every_line(site: Site, tmp_path: Path) -> None:
    summary = crawl([site.url("/index.html")], tmp_path, settings=FAST)
    lines = (tmp_path / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(summary.records)
    for line, record in zip(lines, summary.records, strict=True):
        data = json.loads(line)
        assert list(data) == MANIFEST_FIELDS
        assert data == record.to_dict()


def test_the_archive_reads_back_as_follow_up_pages(site: Site, tmp_path: Path) -> None:
    crawl([site.url("/index.html")], tmp_path, settings=FAST)
    pages = _saved_pages(tmp_path)
    assert len(pages) == 6
    years = set()
    for page in pages:
        report = parse_file(page)
        assert report.measures[0].name == "ICTの活用"
        assert report.measures[0].comments[0].reply == "運用ルールを検討します。"
        assert page.parent.name == str(report.fiscal_year)
        years.add(report.fiscal_year)
    assert years == {2018, 2020, 2021, 2022, 2023, 2024}


def test_a_second_run_asks_before_fetching_and_keeps_both_versions(
    site: Site, tmp_path: Path
) -> None:
    first = crawl([site.url("/index.html")], tmp_path, settings=FAST)
    changing_first = next(r for r in first.fetched if r.url == site.url("/changing.html"))
    assert changing_first.path is not None
    old_bytes = (tmp_path / changing_first.path).read_bytes()

    site.state.changing_version = 2
    second = crawl([site.url("/index.html")], tmp_path, settings=FAST)

    assert _outcomes(second, site) == {
        "/r2/taiou.html": "unchanged",
        "/r3/taiou.html": "unchanged",
        "/h30/report.html": "unchanged",
        "/private/r1.html": "failed",
        "/gone.html": "failed",
        "/flaky.html": "unchanged",
        "/old/r6.html": "unchanged",
        "/changing.html": "fetched",
        "/report.pdf": "skipped",
    }
    r2_requests = site.state.headers_for("/r2/taiou.html")
    assert "if-none-match" not in r2_requests[0]
    assert r2_requests[1]["if-none-match"] == first.fetched[0].etag
    # r3 sends only Last-Modified, so it is asked with If-Modified-Since.
    assert site.state.headers_for("/r3/taiou.html")[1]["if-modified-since"] == (
        "Wed, 01 Apr 2020 00:00:00 GMT"
    )
    unchanged = {record.url: record for record in second.unchanged}
    r2 = unchanged[site.url("/r2/taiou.html")]
    assert r2.status == 304
    assert r2.path == first.fetched[0].path

    changing_second = next(r for r in second.fetched if r.url == site.url("/changing.html"))
    assert changing_second.path != changing_first.path
    assert changing_second.path is not None
    assert changing_second.sha256 is not None
    stem = changing_first.path.removesuffix(".html")
    assert changing_second.path == f"{stem}.{changing_second.sha256[:8]}.html"
    assert (tmp_path / changing_first.path).read_bytes() == old_bytes
    assert "第2版の方向性" in (tmp_path / changing_second.path).read_text(encoding="utf-8")
    assert len(_saved_pages(tmp_path)) == 7

    records = list(Manifest(tmp_path / "manifest.jsonl").records())
    assert len(records) == len(first.records) + len(second.records)


def test_without_validators_the_sha256_tells_the_page_is_unchanged(
    site: Site, tmp_path: Path
) -> None:
    url = site.url("/no-validators.html")
    crawl([url], tmp_path, settings=FAST)
    second = crawl([url], tmp_path, settings=FAST)
    (record,) = second.records
    assert record.outcome == "unchanged"
    assert record.status == 200
    assert "if-none-match" not in site.state.headers_for("/no-validators.html")[1]
    assert len(_saved_pages(tmp_path)) == 1


def test_a_deleted_copy_is_fetched_again_without_conditions(site: Site, tmp_path: Path) -> None:
    url = site.url("/r2/taiou.html")
    (first,) = crawl([url], tmp_path, settings=FAST).records
    assert first.path is not None
    (tmp_path / first.path).unlink()
    (second,) = crawl([url], tmp_path, settings=FAST).records
    assert second.outcome == "fetched"
    assert second.path == first.path
    assert "if-none-match" not in site.state.headers_for("/r2/taiou.html")[1]
    assert (tmp_path / first.path).is_file()


def test_a_page_without_a_year_goes_to_the_unknown_folder(site: Site, tmp_path: Path) -> None:
    (record,) = crawl([site.url("/unknown-year.html")], tmp_path, settings=FAST).records
    assert record.fiscal_year is None
    assert record.path is not None
    assert record.path.split("/")[1] == "unknown"


def test_depth_zero_reads_the_index_but_follows_nothing(site: Site, tmp_path: Path) -> None:
    summary = crawl([site.url("/index.html")], tmp_path, settings=FAST, depth=0)
    assert summary.records == ()
    assert summary.indexes == (site.url("/index.html"),)
    assert site.state.paths() == ["/robots.txt", "/index.html"]


def test_a_regex_chooses_which_links_to_follow(site: Site, tmp_path: Path) -> None:
    summary = crawl([site.url("/index.html")], tmp_path, settings=FAST, match=r"平成\d+年度")
    assert _outcomes(summary, site) == {"/h30/report.html": "fetched"}


def test_non_http_start_urls_are_recorded_as_failures(site: Site, tmp_path: Path) -> None:
    summary = crawl(["file:///etc/passwd", site.url("/to-file")], tmp_path, settings=FAST)
    assert [record.outcome for record in summary.records] == ["failed", "failed"]
    assert all("refused file: URL" in (record.error or "") for record in summary.records)
    assert _saved_pages(tmp_path) == []


def test_failures_of_every_kind_are_recorded_with_reasons(site: Site, tmp_path: Path) -> None:
    settings = FetchSettings(delay=0.01, timeout=0.2, max_bytes=10_000, backoff=0.0)
    paths = ("/slow.html", "/huge.html", "/report.pdf", "/binary.html")
    summary = crawl([site.url(path) for path in paths], tmp_path, settings=settings)
    reasons = [record.error or "" for record in summary.failed]
    assert len(reasons) == 4
    assert "timed out" in reasons[0]
    assert "larger than" in reasons[1]
    assert reasons[2] == "not an HTML page (application/pdf)"
    assert "binary" in reasons[3]
    assert summary.failed[3].status == 200
    assert _saved_pages(tmp_path) == []


def test_hostile_names_never_leave_the_archive(site: Site, tmp_path: Path) -> None:
    root = tmp_path / "archive"
    summary = crawl([site.url("/hostile.html")], root, settings=FAST)
    assert len(summary.fetched) == len(HOSTILE_NAMES)
    assert [path.name for path in tmp_path.iterdir()] == ["archive"]
    real_root = root.resolve()
    pages = _saved_pages(root)
    assert len(pages) == len(HOSTILE_NAMES)
    for page in pages:
        assert page.resolve().is_relative_to(real_root)
        assert page.parent.parent.parent == root
        assert not page.name.startswith(".")
        assert len(page.name.encode()) <= 255
        assert re.fullmatch(r"[A-Za-z0-9._\-\u0080-\U0010ffff]+", page.name)
        assert parse_file(page).fiscal_year == 2020
    assert any(page.name.startswith("令和2年度-") for page in pages)


def test_progress_events_count_up_to_the_total(site: Site, tmp_path: Path) -> None:
    events: list[CrawlEvent] = []
    summary = crawl([site.url("/index.html")], tmp_path, settings=FAST, on_event=events.append)
    fetching = [event for event in events if event.kind == "fetching"]
    assert len(fetching) == 1 + len(summary.records) - len(summary.skipped)
    assert [event.done for event in fetching] == list(range(len(fetching)))
    index_event = next(event for event in events if event.kind == "index")
    assert index_event.links == len(summary.records) - len(summary.skipped)
    assert fetching[-1].total == len(fetching)
    saved = [event.record for event in events if event.kind == "saved"]
    assert tuple(saved) == summary.records
