"""Limits that hold against hostile servers: compression bombs, trickles, odd redirects."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from fetch_site import BOMB_SIZE, Site, followup_page, gzip_bomb, serve_site
from followup_cli.fetch.client import Fetcher, FetchSettings, fetch_url_bytes
from followup_cli.fetch.crawl import crawl
from followup_cli.fetch.errors import FetchError

FAST = FetchSettings(delay=0.0, timeout=5.0, backoff=0.0)


@pytest.fixture
def site() -> Iterator[Site]:
    with serve_site() as served:
        yield served


def test_a_gzip_response_is_decoded(site: Site) -> None:
    content, _ = fetch_url_bytes(site.url("/gzipped.html"), settings=FAST)
    assert content == followup_page(2020).encode()


def test_stacked_content_encodings_are_refused(site: Site) -> None:
    with pytest.raises(FetchError, match=r"stacked content encodings \(gzip, gzip\)"):
        fetch_url_bytes(site.url("/bomb-stacked.html"), settings=FAST)


def test_a_gzip_bomb_stops_at_the_limit_without_inflating(site: Site) -> None:
    gzip_bomb()  # built before the measurement starts
    limit = 1024 * 1024
    settings = FetchSettings(delay=0.0, timeout=10.0, max_bytes=limit)
    # A first request loads httpx, whose import is no part of the measurement.
    fetch_url_bytes(site.url("/r2/taiou.html"), settings=settings)
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="larger than the 1,048,576-byte limit"):
            fetch_url_bytes(site.url("/bomb.html"), settings=settings)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Nothing near the 64 MiB the bomb inflates to was ever held.
    assert peak < 4 * limit < BOMB_SIZE


def test_a_bomb_among_other_urls_fails_alone(site: Site, tmp_path: Path) -> None:
    settings = FetchSettings(delay=0.0, timeout=10.0, max_bytes=1024 * 1024)
    urls = [site.url("/bomb-stacked.html"), site.url("/bomb.html"), site.url("/r2/taiou.html")]
    summary = crawl(urls, tmp_path, settings=settings)
    assert [record.outcome for record in summary.records] == ["failed", "failed", "fetched"]


def test_trickled_headers_cannot_outlast_the_deadline(site: Site) -> None:
    settings = FetchSettings(delay=0.0, timeout=0.5, backoff=0.0)
    with pytest.raises(FetchError, match=r"timed out after 0\.5 s"):
        fetch_url_bytes(site.url("/trickle-headers.html"), settings=settings)
    # Each line came well within the timeout; only the deadline for the whole
    # request ended it, long before the 200 lines (10 s) were sent, and it
    # was not retried.
    assert site.state.hits["/trickle-headers.html"] == 1
    assert site.state.trickled_lines < 100


def test_redirects_to_other_schemes_fail_that_url_and_the_crawl_goes_on(
    site: Site, tmp_path: Path
) -> None:
    paths = ["/to-javascript", "/to-data", "/to-bad-host", "/r2/taiou.html"]
    summary = crawl([site.url(path) for path in paths], tmp_path, settings=FAST)
    outcomes = [record.outcome for record in summary.records]
    assert outcomes == ["failed", "failed", "failed", "fetched"]
    errors = [record.error or "" for record in summary.failed]
    assert "refused javascript: URL" in errors[0]
    assert "refused data: URL" in errors[1]
    assert "bad host" in errors[2]
    lines = (tmp_path / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4


def test_a_robots_txt_over_500_kib_is_read_up_to_the_limit(site: Site) -> None:
    filler = b"# " + b"x" * 1000 + b"\n"
    site.state.robots = b"User-agent: *\nDisallow: /private/\n" + filler * 600 + b"Disallow: /r2/\n"
    with Fetcher(FAST) as fetcher:
        assert fetcher.get(site.url("/r2/taiou.html")).status == 200
        with pytest.raises(FetchError, match=r"robots\.txt"):
            fetcher.get(site.url("/private/r1.html"))


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (403, True), (503, False)])
def test_robots_status_rules_against_a_server(site: Site, status: int, allowed: bool) -> None:
    site.state.robots_status = status
    site.state.robots = b"User-agent: *\nDisallow: /\n"
    settings = FetchSettings(delay=0.0, timeout=5.0, backoff=0.0, retries=0)
    if allowed:
        content, _ = fetch_url_bytes(site.url("/r2/taiou.html"), settings=settings)
        assert content == followup_page(2020).encode()
    else:
        with pytest.raises(FetchError, match="nothing is fetched"):
            fetch_url_bytes(site.url("/r2/taiou.html"), settings=settings)
        assert "/r2/taiou.html" not in site.state.paths()
