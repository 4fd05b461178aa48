"""URLs as inputs, and a fetched archive read back by list and diff."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli_support import run
from fetch_site import Site, serve_site
from followup_cli.cli.status import ExitStatus

FAST = ["--delay", "0.01", "--timeout", "5"]


@pytest.fixture
def site() -> Iterator[Site]:
    with serve_site() as served:
        yield served


def test_a_url_is_read_like_a_file_and_named_as_source(site: Site) -> None:
    url = site.url("/r2/taiou.html")
    result = run(["list", "--format", "json", url])
    assert result.exit_code == ExitStatus.OK, result.stderr
    (measure,) = json.loads(result.stdout)
    assert measure["source"] == url
    assert measure["fiscal_year"] == 2020


def test_a_failing_url_is_one_error_line_and_the_rest_still_print(site: Site) -> None:
    result = run(["list", "--format", "json", site.url("/gone.html"), site.url("/r2/taiou.html")])
    assert result.exit_code == ExitStatus.FAILED
    assert json.loads(result.stdout)[0]["fiscal_year"] == 2020
    assert f"Error: {site.url('/gone.html')}: " in result.stderr
    assert "404" in result.stderr


def test_an_archive_lists_each_page_once_as_last_fetched(site: Site, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    changing = site.url("/changing.html")
    assert run(["fetch", changing, "--archive", str(archive), *FAST]).exit_code == ExitStatus.OK
    site.state.changing_version = 2
    assert run(["fetch", changing, "--archive", str(archive), *FAST]).exit_code == ExitStatus.OK
    # Both versions are kept on disk ...
    assert len(list(archive.rglob("*.html"))) == 2
    # ... but the archive as input gives the page once, as it is now.
    result = run(["list", "--format", "json", str(archive)])
    assert result.exit_code == ExitStatus.OK, result.stderr
    (measure,) = json.loads(result.stdout)
    assert measure["direction"] == "第2版の方向性"


def test_several_urls_share_one_client_and_read_robots_once(site: Site) -> None:
    result = run(
        ["list", "--format", "json", site.url("/r2/taiou.html"), site.url("/r3/taiou.html")]
    )
    assert result.exit_code == ExitStatus.OK, result.stderr
    assert len(json.loads(result.stdout)) == 2
    assert site.state.paths().count("/robots.txt") == 1
