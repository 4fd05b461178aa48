"""Many hosts at once, each host still one request at a time; the page cap; errors per URL."""

from __future__ import annotations

import itertools
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from fetch_site import Site, serve_site
from followup_cli.fetch.classify import PageKind, classify
from followup_cli.fetch.client import FetchSettings
from followup_cli.fetch.crawl import crawl

PAGES = ("/r2/taiou.html", "/r3/taiou.html", "/h30/report.html")


@pytest.fixture
def two_sites() -> Iterator[tuple[Site, Site]]:
    with ExitStack() as stack:
        yield stack.enter_context(serve_site()), stack.enter_context(serve_site())


def _timed_crawl(sites: tuple[Site, Site], root: Path, hosts: int) -> float:
    urls = [site.url(path) for site in sites for path in PAGES]
    started = time.monotonic()
    summary = crawl(urls, root, settings=FetchSettings(delay=1.0, timeout=5.0), hosts=hosts)
    elapsed = time.monotonic() - started
    assert len(summary.fetched) == 6
    return elapsed


def _request_gaps(site: Site) -> list[float]:
    times = site.state.times
    return [later - earlier for earlier, later in itertools.pairwise(times)]


def test_two_hosts_are_fetched_side_by_side_each_at_its_own_pace(
    two_sites: tuple[Site, Site], tmp_path: Path
) -> None:
    sequential = _timed_crawl(two_sites, tmp_path / "one", hosts=1)
    for site in two_sites:
        site.state.times.clear()
    concurrent = _timed_crawl(two_sites, tmp_path / "two", hosts=2)
    # Three 1 s delays per host: about 6 s one host after the other, 3 s side by side.
    assert concurrent / sequential < 0.75
    for site in two_sites:
        # robots.txt and three pages, each request a full delay after the one before.
        assert len(site.state.times) == 4
        assert all(gap >= 0.95 for gap in _request_gaps(site))


def test_the_page_cap_stops_the_run_and_names_what_was_left(tmp_path: Path) -> None:
    with serve_site() as site:
        summary = crawl(
            [site.url("/index.html")],
            tmp_path,
            settings=FetchSettings(delay=0.0, timeout=5.0, backoff=0.0),
            max_pages=3,
        )
    assert len(summary.records) - len(summary.skipped) == 2
    assert len(summary.left_over) == 6
    assert all(url.startswith(site.base) for url in summary.left_over)


def test_an_unexpected_error_fails_one_url_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def exhausted(content: bytes, url: str) -> PageKind:
        if url.endswith("/r3/taiou.html"):
            raise MemoryError
        return classify(content, url)

    # The package exports the function crawl, which hides the module of that name.
    monkeypatch.setattr(sys.modules["followup_cli.fetch.crawl"], "classify", exhausted)
    with serve_site() as site:
        summary = crawl(
            [site.url(path) for path in PAGES],
            tmp_path,
            settings=FetchSettings(delay=0.0, timeout=5.0),
        )
    assert [record.outcome for record in summary.records] == ["fetched", "failed", "fetched"]
    assert summary.records[1].error == "unexpected MemoryError: "


def test_identical_pages_from_two_hosts_at_once_are_stored_once(
    two_sites: tuple[Site, Site], tmp_path: Path
) -> None:
    urls = [site.url(path) for path in PAGES for site in two_sites]
    summary = crawl(urls, tmp_path, settings=FetchSettings(delay=0.0, timeout=5.0), hosts=2)
    assert len(summary.fetched) == 6
    paths = {record.path for record in summary.fetched}
    assert len(paths) == 3
    assert len(list(tmp_path.rglob("*.html"))) == 3
