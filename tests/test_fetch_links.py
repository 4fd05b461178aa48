"""URL checks, robots rules, Retry-After, and which index links are followed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from followup_cli.fetch.client import retry_after_seconds
from followup_cli.fetch.errors import DisallowedError, FetchError
from followup_cli.fetch.links import decode_page, matcher_from_regex, report_links
from followup_cli.fetch.robots import RobotsAnswer, RobotsPolicy, rules_from_answer
from followup_cli.fetch.urls import checked_url, host_key, is_http_url, same_host

BASE = "http://city.example/gyousei/index.html"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "ftp://city.example/r2.html",
        "data:text/html,<p>x</p>",
        "r2.html",
        "http:///no-host",
        "http://city.example/a\nb",
        "http://city.example:99999/",
    ],
)
def test_only_http_and_https_urls_with_a_host_are_accepted(url: str) -> None:
    with pytest.raises(DisallowedError):
        checked_url(url)


def test_a_disallowed_url_is_a_fetch_error_naming_the_source() -> None:
    with pytest.raises(FetchError) as caught:
        checked_url("file:///etc/passwd", source="http://city.example/redirect")
    assert str(caught.value).startswith("http://city.example/redirect: refused file: URL")


def test_checked_url_drops_the_fragment() -> None:
    assert checked_url("HTTPS://city.example/r2.html#top") == "https://city.example/r2.html"


def test_hosts_compare_by_name_and_port() -> None:
    assert same_host("http://City.Example/a", "https://city.example/b")
    assert not same_host("http://city.example/a", "http://other.example/a")
    assert host_key("http://city.example/a") == "city.example:80"
    assert host_key("https://city.example:8443/a") == "city.example:8443"
    assert is_http_url("https://city.example/r2.html")
    assert not is_http_url("samples/minatono/r2.html")
    assert not is_http_url("C:\\pages\\r2.html")


def test_robots_answers_follow_rfc_9309() -> None:
    parsed = rules_from_answer(
        "http://c", RobotsAnswer(200, b"User-agent: *\nDisallow: /private/\n")
    )
    assert parsed.allows("followup", "http://c/r2.html")
    assert not parsed.allows("followup", "http://c/private/r1.html")
    assert rules_from_answer("http://c", RobotsAnswer(404)).allows("followup", "http://c/private/x")
    busy = rules_from_answer("http://c", RobotsAnswer(503))
    assert not busy.allows("followup", "http://c/r2.html")
    assert (
        busy.deny_reason
        == "cannot read http://c/robots.txt (HTTP 503), so nothing is fetched from http://c"
    )
    down = rules_from_answer("http://c", RobotsAnswer(None, error="connection failed"))
    assert not down.allows("followup", "http://c/r2.html")
    assert down.deny_reason is not None
    assert "(connection failed)" in down.deny_reason


def test_robots_rules_naming_us_apply_and_are_read_once_per_origin() -> None:
    loads: list[str] = []

    def load(url: str) -> RobotsAnswer:
        loads.append(url)
        text = "User-agent: followup\nDisallow: /\nCrawl-delay: 7\n\nUser-agent: *\nAllow: /\n"
        return RobotsAnswer(200, text.encode())

    policy = RobotsPolicy("followup", load)
    assert not policy.allows("http://city.example/r2.html")
    assert policy.refusal("http://city.example/r3.html") == (
        "robots.txt of http://city.example disallows http://city.example/r3.html"
    )
    assert policy.crawl_delay("http://city.example/") == 7.0
    assert loads == ["http://city.example/robots.txt"]


def test_retry_after_reads_seconds_and_http_dates() -> None:
    now = datetime(2024, 5, 1, 9, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("0") == 0.0
    assert retry_after_seconds(" 12 ") == 12.0
    assert retry_after_seconds("Wed, 01 May 2024 09:00:30 GMT", now=now) == 30.0
    assert retry_after_seconds("Wed, 01 May 2024 08:00:00 GMT", now=now) == 0.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


def test_default_matcher_recognises_follow_up_report_links() -> None:
    matches = matcher_from_regex(None)
    assert matches("令和2年度 外部評価実施後の対応状況表", "http://c/a.html")
    assert matches("行政評価", "http://c/a.html")
    assert matches("ダウンロード", "http://c/%E5%A4%96%E9%83%A8%E8%A9%95%E4%BE%A1/r2.html")
    assert matches("R2", "http://c/gaibu-hyoka/r2.html")
    assert not matches("市の紹介", "http://c/about.html")


def test_a_regex_replaces_the_default_matcher() -> None:
    matches = matcher_from_regex(r"平成\d+年度")
    assert matches("平成30年度の結果", "http://c/a.html")
    assert not matches("令和2年度 外部評価", "http://c/a.html")


def test_report_links_stay_on_the_host_and_skip_documents() -> None:
    page = """<html><head><base href="/gyousei/"></head><body>
    <a href="r2.html#top">令和2年度 外部評価</a>
    <a href="r2.html">令和2年度 外部評価 (again)</a>
    <a href="/files/r3.pdf">令和3年度 外部評価 (PDF)</a>
    <a href="http://other.example/r2.html">他市の外部評価</a>
    <a href="javascript:void(0)">外部評価</a>
    <a href="mailto:info@city.example">外部評価の問合せ</a>
    <a href="about.html">市の紹介</a>
    <a href="https://city.example/r4.html"><img alt="x">令和4年度 対応状況</a>
    </body></html>""".encode()
    links = report_links(page, BASE, matcher=matcher_from_regex(None))
    assert [link.url for link in links] == [
        "http://city.example/gyousei/r2.html",
        "https://city.example/r4.html",
    ]
    assert links[0].text == "令和2年度 外部評価"


def test_index_pages_in_shift_jis_without_a_charset_are_read() -> None:
    page = '<html><body><a href="r2.html">令和2年度 外部評価実施後の対応状況</a></body></html>'
    data = page.encode("cp932")
    assert decode_page(data, "text/html") == page
    links = report_links(data, BASE, matcher=matcher_from_regex(None), content_type="text/html")
    assert [link.text for link in links] == ["令和2年度 外部評価実施後の対応状況"]


def test_a_declared_charset_wins_over_guessing() -> None:
    page = '<html><head><meta charset="euc-jp"></head><body>対応状況</body></html>'
    assert decode_page(page.encode("euc_jp")) == page
    assert decode_page(page.encode("euc_jp"), "text/html; charset=EUC-JP") == page
