"""read_pages: the library reads what the command line reads, in input order."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from cli_support import SAMPLES, SEED
from fetch_site import followup_page
from followup_cli import FollowupError, Report, SourceWarning, read_pages
from followup_cli.errors import InputReadError, NotAFollowupPageError
from followup_cli.fetch import Fetcher, FetchSettings

REPO_ROOT = Path(__file__).resolve().parents[2]


def _fetcher(handler: httpx.MockTransport) -> Fetcher:
    # No robots.txt, no delay, no real sleeping between retries.
    settings = FetchSettings(obey_robots=False, delay=0, retries=2, backoff=0)
    return Fetcher(settings, sleep=lambda _seconds: None, transport=handler)


@pytest.fixture
def site() -> Iterator[Fetcher]:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/r2/taiou.html":
            return httpx.Response(200, text=followup_page(2023))
        if request.url.path == "/down.html":
            raise httpx.ConnectError("connection refused", request=request)
        return httpx.Response(404)

    with _fetcher(httpx.MockTransport(answer)) as fetcher:
        yield fetcher


def test_outcomes_come_in_input_order_with_failures_in_place(site: Fetcher) -> None:
    seed = REPO_ROOT / SEED
    outcomes = list(
        read_pages(
            [
                str(seed),
                str(REPO_ROOT / "gone.html"),
                "-",
                "http://city.test/r2/taiou.html",
                "http://city.test/down.html",
            ],
            stdin=io.BytesIO((SAMPLES / "fy2021_s27_digital.html").read_bytes()),
            fetcher=site,
        )
    )
    kinds = [type(outcome).__name__ for outcome in outcomes]
    assert kinds == ["Report", "InputReadError", "Report", "Report", "FetchError"]
    assert [getattr(outcome, "source", None) for outcome in outcomes] == [
        str(seed),
        str(REPO_ROOT / "gone.html"),
        "<stdin>",
        "http://city.test/r2/taiou.html",
        "http://city.test/down.html",
    ]
    failed = outcomes[4]
    assert isinstance(failed, FollowupError)
    assert "connection failed" in failed.reason


def test_a_url_is_read_through_the_fetcher_given(site: Fetcher) -> None:
    (report,) = read_pages(["http://city.test/r2/taiou.html"], fetcher=site)
    assert isinstance(report, Report)
    assert report.fiscal_year == 2023
    assert [measure.code for measure in report.measures] == ["S27"]


def test_jobs_give_the_same_outcomes_in_the_same_order(tmp_path: Path) -> None:
    for copy in range(2):
        for page in sorted(SAMPLES.glob("*.html")):
            # A comment line keeps the copies' bytes apart.
            data = page.read_bytes() + f"<!-- copy {copy} -->".encode()
            (tmp_path / f"{copy}_{page.name}").write_bytes(data)
    (tmp_path / "1_news.html").write_text("<p>お知らせ</p>", encoding="utf-8")

    def shown(outcomes: Iterator[object]) -> list[object]:
        return [
            outcome.to_dict() if isinstance(outcome, Report) else repr(outcome)
            for outcome in outcomes
        ]

    one = shown(read_pages([str(tmp_path)], jobs=1))
    two = shown(read_pages([str(tmp_path)], jobs=2))
    assert one == two
    assert len(one) >= 16
    assert any("NotAFollowupPageError" in str(outcome) for outcome in one)


def test_page_year_fills_in_only_what_the_page_does_not_tell(tmp_path: Path) -> None:
    nameless = tmp_path / "page.html"
    shutil.copy(SAMPLES / "r2_s27_ict.html", tmp_path / "r2_s27_ict.html")
    nameless.write_text(
        followup_page(2020).replace("令和2年度 ", ""), encoding="utf-8"
    )
    told, untold = read_pages(
        [str(tmp_path / "r2_s27_ict.html"), str(nameless)], page_year=2023
    )
    assert isinstance(told, Report)
    assert isinstance(untold, Report)
    assert told.fiscal_year == 2020
    assert untold.fiscal_year == 2023
    assert {measure.fiscal_year for measure in untold.measures} == {2023}


def test_warnings_and_failures_are_values_not_exceptions(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "news.html").write_text("<p>お知らせ</p>", encoding="utf-8")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    outcomes = list(read_pages([str(tmp_path)]))
    assert isinstance(outcomes[0], SourceWarning)
    assert isinstance(outcomes[1], NotAFollowupPageError)
    missing = list(read_pages([str(tmp_path / "nothing.html")]))
    assert len(missing) == 1
    assert isinstance(missing[0], InputReadError)


def test_the_same_bytes_twice_are_read_once_and_a_repeated_measure_is_flagged(
    tmp_path: Path,
) -> None:
    page = (SAMPLES / "r2_s27_ict.html").read_bytes()
    (tmp_path / "r2_a.html").write_bytes(page)
    (tmp_path / "r2_b.html").write_bytes(page)
    (tmp_path / "r2_c.html").write_bytes(page + b"<!-- saved again -->")
    for jobs in (1, 2):
        outcomes = list(read_pages([str(tmp_path)], jobs=jobs))
        shown = [
            f"report {outcome.source}" if isinstance(outcome, Report) else f"warning {outcome}"
            for outcome in outcomes
            if isinstance(outcome, Report | SourceWarning)
        ]
        assert shown == [
            f"report {tmp_path / 'r2_a.html'}",
            f"warning {tmp_path / 'r2_b.html'}: the same page as {tmp_path / 'r2_a.html'} "
            "(identical bytes): read once",
            f"report {tmp_path / 'r2_c.html'}",
            f"warning {tmp_path / 'r2_c.html'}: S27 of fiscal year 2020 is also on "
            f"{tmp_path / 'r2_a.html'}: both are kept; diff pairs it once",
        ]
