"""The HTTP client against a local site: manners, limits, retries and redirects."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx
import pytest

from fetch_site import Site, followup_page, serve_site
from followup_cli import InputReadError, __version__
from followup_cli.fetch.client import Fetcher, FetchSettings, fetch_url_bytes
from followup_cli.fetch.errors import DisallowedError, FetchError

FAST = FetchSettings(delay=0.01, timeout=5.0, backoff=0.0)


@pytest.fixture
def site() -> Iterator[Site]:
    with serve_site() as served:
        yield served


def test_fetch_url_bytes_follows_redirects_and_names_the_final_url(site: Site) -> None:
    content, final_url = fetch_url_bytes(site.url("/old/r6.html"), settings=FAST)
    assert content == followup_page(2024).encode()
    assert final_url == site.url("/new/r6.html")


def test_requests_carry_an_honest_user_agent(site: Site) -> None:
    fetch_url_bytes(site.url("/r2/taiou.html"), settings=FAST)
    agents = {headers["user-agent"] for _, headers in site.state.requests}
    assert len(agents) == 1
    assert agents.pop().startswith(f"followup/{__version__} ")


def test_robots_txt_is_read_once_per_host_by_a_shared_fetcher(site: Site) -> None:
    with Fetcher(FAST) as fetcher:
        fetch_url_bytes(site.url("/r2/taiou.html"), fetcher=fetcher)
        fetch_url_bytes(site.url("/r3/taiou.html"), fetcher=fetcher)
    assert site.state.paths() == ["/robots.txt", "/r2/taiou.html", "/r3/taiou.html"]


def test_a_404_is_an_input_read_error_with_the_status(site: Site) -> None:
    with pytest.raises(InputReadError) as caught:
        fetch_url_bytes(site.url("/gone.html"), settings=FAST)
    assert isinstance(caught.value, FetchError)
    assert caught.value.status == 404
    assert str(caught.value) == f"{site.url('/gone.html')}: HTTP 404 Not Found"


def test_a_500_is_retried_after_the_servers_retry_after(site: Site) -> None:
    waits: list[float] = []
    with Fetcher(FetchSettings(delay=0.0, backoff=5.0), sleep=waits.append) as fetcher:
        response = fetcher.get(site.url("/flaky.html"))
    assert response.status == 200
    assert response.content == followup_page(2023).encode()
    assert site.state.hits["/flaky.html"] == 2
    # Retry-After: 0 was obeyed instead of the 5-second backoff.
    assert waits == [0.0]


def test_without_retries_a_500_fails(site: Site) -> None:
    with pytest.raises(FetchError, match="HTTP 500") as caught:
        fetch_url_bytes(site.url("/flaky.html"), settings=FetchSettings(delay=0.0, retries=0))
    assert caught.value.status == 500


def test_a_retry_after_beyond_the_limit_fails_instead_of_waiting(site: Site) -> None:
    waits: list[float] = []
    with (
        Fetcher(FetchSettings(delay=0.0, max_wait=60.0), sleep=waits.append) as fetcher,
        pytest.raises(FetchError, match="retry after 3600 s"),
    ):
        fetcher.get(site.url("/busy"))
    assert waits == []
    assert site.state.hits["/busy"] == 1


def test_a_silent_server_hits_the_timeout(site: Site) -> None:
    settings = FetchSettings(delay=0.0, timeout=0.2)
    with pytest.raises(FetchError, match=r"timed out after 0\.2 s"):
        fetch_url_bytes(site.url("/slow.html"), settings=settings)
    # Timeouts are not retried: a slow server is a busy one.
    assert site.state.hits["/slow.html"] == 1


@pytest.mark.parametrize("path", ["/huge.html", "/huge-undeclared.html"])
def test_an_oversized_response_is_refused(site: Site, path: str) -> None:
    settings = FetchSettings(delay=0.0, max_bytes=10_000)
    with pytest.raises(FetchError, match="larger than the 10,000-byte limit"):
        fetch_url_bytes(site.url(path), settings=settings)


@pytest.mark.parametrize(("path", "scheme"), [("/to-file", "file"), ("/to-ftp", "ftp")])
def test_a_redirect_to_another_scheme_is_refused(site: Site, path: str, scheme: str) -> None:
    with pytest.raises(DisallowedError, match=f"refused {scheme}: URL") as caught:
        fetch_url_bytes(site.url(path), settings=FAST)
    assert caught.value.source == site.url(path)


def test_a_redirect_loop_ends(site: Site) -> None:
    settings = FetchSettings(delay=0.0, max_redirects=3)
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetch_url_bytes(site.url("/loop"), settings=settings)
    assert site.state.hits["/loop"] == 4


def test_robots_txt_disallows_a_path_and_a_redirect_into_it(site: Site) -> None:
    with Fetcher(FAST) as fetcher:
        with pytest.raises(DisallowedError, match=r"robots\.txt"):
            fetcher.get(site.url("/private/r1.html"))
        with pytest.raises(DisallowedError, match=r"robots\.txt"):
            fetcher.get(site.url("/to-private"))
    assert "/private/r1.html" not in site.state.paths()


def test_robots_txt_can_be_ignored_when_asked(site: Site) -> None:
    settings = FetchSettings(delay=0.0, obey_robots=False)
    content, _ = fetch_url_bytes(site.url("/private/r1.html"), settings=settings)
    assert content == followup_page(2019).encode()
    assert "/robots.txt" not in site.state.paths()


def test_requests_to_one_host_are_spaced_by_the_delay(site: Site) -> None:
    waits: list[float] = []
    frozen_clock = 100.0
    with Fetcher(FetchSettings(delay=5.0), sleep=waits.append, clock=lambda: frozen_clock) as f:
        f.get(site.url("/r2/taiou.html"))
        f.get(site.url("/r3/taiou.html"))
    # robots.txt, then two pages: each request after the first waits the full delay.
    assert waits == [5.0, 5.0]


def test_conditional_headers_are_sent_and_a_304_comes_back_empty(site: Site) -> None:
    with Fetcher(FAST) as fetcher:
        first = fetcher.get(site.url("/r2/taiou.html"))
        assert first.etag is not None
        second = fetcher.get(site.url("/r2/taiou.html"), headers={"If-None-Match": first.etag})
    assert second.status == 304
    assert second.content == b""
    assert site.state.headers_for("/r2/taiou.html")[1]["if-none-match"] == first.etag


def test_crawl_delay_in_robots_txt_lengthens_the_delay() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nCrawl-delay: 7\n")
        return httpx.Response(200, text="<html></html>")

    waits: list[float] = []
    transport = httpx.MockTransport(answer)
    settings = FetchSettings(delay=1.0)
    with Fetcher(settings, sleep=waits.append, clock=lambda: 0.0, transport=transport) as f:
        f.get("http://city.example/r2.html")
        f.get("http://city.example/r3.html")
    assert waits == [7.0, 7.0]


def test_an_unreachable_host_is_named_as_such() -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    waits: list[float] = []
    with (
        Fetcher(FetchSettings(delay=0.0, retries=2, backoff=1.0), sleep=waits.append) as fetcher,
        pytest.raises(
            DisallowedError, match=r"cannot read http://127\.0\.0\.1:\d+/robots\.txt"
        ) as caught,
    ):
        fetcher.get(f"http://127.0.0.1:{port}/r2.html")
    assert "connection failed" in str(caught.value)
    # Dropped connections are retried with a doubling backoff.
    assert waits == [1.0, 2.0]
