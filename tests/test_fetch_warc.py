"""The WARC capture every run writes, checked by warcio, and WARC files read as pages."""

from __future__ import annotations

import gzip
import subprocess
import sys
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from fetch_site import Site, followup_page, serve_site
from followup_cli.errors import InputReadError
from followup_cli.fetch.client import FetchSettings
from followup_cli.fetch.crawl import crawl
from followup_cli.fetch.warc_read import is_warc_path, warc_pages

FAST = FetchSettings(delay=0.01, timeout=5.0, backoff=0.0)
WARCIO = Path(sys.executable).parent / "warcio"


@pytest.fixture
def site() -> Iterator[Site]:
    with serve_site() as served:
        yield served


def _records(path: Path) -> list[dict[str, Any]]:
    with path.open("rb") as stream:
        return [
            {
                "type": record.rec_type,
                "uri": record.rec_headers.get_header("WARC-Target-URI"),
                "id": record.rec_headers.get_header("WARC-Record-ID"),
                "concurrent": record.rec_headers.get_header("WARC-Concurrent-To"),
                "refers_to": record.rec_headers.get_header("WARC-Refers-To-Target-URI"),
                "profile": record.rec_headers.get_header("WARC-Profile"),
                "status": record.http_headers.get_statuscode()
                if record.http_headers and record.rec_type != "request"
                else None,
                "body": record.content_stream().read(),
            }
            for record in ArchiveIterator(stream)
        ]


def _warcio_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(WARCIO), "check", "-v", str(path)], capture_output=True, text=True, check=False
    )


def test_every_exchange_is_captured_and_warcio_checks_it(site: Site, tmp_path: Path) -> None:
    summary = crawl([site.url("/index.html")], tmp_path, settings=FAST)
    assert summary.warc is not None
    capture = tmp_path / summary.warc
    assert capture.parent == tmp_path / "warc"
    checked = _warcio_check(capture)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "digest pass" in checked.stdout
    records = _records(capture)
    assert records[0]["type"] == "warcinfo"
    responses = {r["uri"].removeprefix(site.base): r for r in records if r["type"] == "response"}
    # robots.txt, the index, the pages, the redirect, the 404 and the 500 before its retry.
    assert responses["/robots.txt"]["status"] == "200"
    assert responses["/index.html"]["status"] == "200"
    assert responses["/old/r6.html"]["status"] == "301"
    assert responses["/new/r6.html"]["status"] == "200"
    assert responses["/gone.html"]["status"] == "404"
    requests = [r for r in records if r["type"] == "request"]
    answers = [r for r in records if r["type"] in ("response", "revisit")]
    assert len(requests) == len(answers) == len(site.state.requests)
    ids = {r["id"] for r in answers}
    assert {r["concurrent"] for r in requests} == ids
    # The captured bodies are the bytes saved in the archive folder.
    for record in summary.fetched:
        assert record.final_url is not None
        assert record.path is not None
        body = responses[record.final_url.removeprefix(site.base)]["body"]
        assert body == (tmp_path / record.path).read_bytes()


def test_a_304_is_a_revisit_record_naming_the_earlier_capture(site: Site, tmp_path: Path) -> None:
    url = site.url("/r2/taiou.html")
    first = crawl([url], tmp_path, settings=FAST)
    second = crawl([url], tmp_path, settings=FAST)
    assert second.warc is not None
    assert second.warc != first.warc
    capture = tmp_path / second.warc
    assert _warcio_check(capture).returncode == 0
    (revisit,) = [r for r in _records(capture) if r["type"] == "revisit"]
    assert revisit["uri"] == url
    assert revisit["status"] == "304"
    assert revisit["refers_to"] == url
    assert revisit["profile"].endswith("/revisit/server-not-modified")


def test_a_gzip_page_is_kept_as_sent_and_read_back_decoded(site: Site, tmp_path: Path) -> None:
    summary = crawl([site.url("/gzipped.html")], tmp_path, settings=FAST)
    assert summary.warc is not None
    capture = tmp_path / summary.warc
    assert _warcio_check(capture).returncode == 0
    (page,) = list(warc_pages(capture))
    assert page.uri == site.url("/gzipped.html")
    assert page.content == followup_page(2020).encode()
    (saved,) = summary.fetched
    assert saved.path is not None
    assert (tmp_path / saved.path).read_bytes() == page.content


def test_warc_pages_are_the_html_responses_with_uri_and_date(site: Site, tmp_path: Path) -> None:
    summary = crawl([site.url("/index.html")], tmp_path, settings=FAST)
    assert summary.warc is not None
    pages = list(warc_pages(tmp_path / summary.warc))
    uris = {page.uri.removeprefix(site.base) for page in pages}
    # HTML 2xx responses only: not robots.txt, the redirect, the 404 or the 500.
    assert uris == {
        "/index.html",
        "/r2/taiou.html",
        "/r3/taiou.html",
        "/h30/report.html",
        "/flaky.html",
        "/new/r6.html",
        "/changing.html",
    }
    assert all(page.date.endswith("Z") and page.date[:4].isdigit() for page in pages)


def test_a_warc_from_elsewhere_is_read(tmp_path: Path) -> None:
    path = tmp_path / "crawl-extract.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        for uri, body, media in (
            ("https://city.example/r2.html", followup_page(2020).encode(), "text/html"),
            ("https://city.example/logo.png", b"\x89PNG", "image/png"),
        ):
            headers = StatusAndHeaders("200 OK", [("Content-Type", media)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=BytesIO(body), length=len(body), http_headers=headers
            )
            writer.write_record(record)
    assert is_warc_path(path)
    (page,) = list(warc_pages(path))
    assert page.uri == "https://city.example/r2.html"
    assert page.content == followup_page(2020).encode()


def test_a_file_that_is_not_a_warc_is_one_input_error(tmp_path: Path) -> None:
    for name, data in (
        ("arc-like.warc.gz", gzip.compress(b"this is not a WARC record\r\n\r\n")),
        ("text.warc", b"hello world\n"),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(InputReadError, match="not a readable WARC file"):
            list(warc_pages(path))
