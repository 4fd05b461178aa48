"""What the page says about itself: fiscal year, title, municipality; refusals."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from followup_cli import NotAFollowupPageError, parse_html
from pages import measure_page, page


def test_the_year_in_a_bold_paragraph_wins_over_update_dates_budgets_and_links() -> None:
    html = page(
        "<ul class='side'><li><a href='r2.html'>令和2年度 外部評価実施後の対応状況表</a></li></ul>"
        "<p>更新日：令和4年3月1日</p><p><b>令和5年度予算の編成について</b></p>"
        "<p align='center'><b>令和３年度　外部評価実施後の対応状況</b></p>"
        + measure_page().split("<body>")[1].split("</body>")[0],
        title="行政評価",
    )
    report = parse_html(html)
    assert report.fiscal_year == 2021
    assert report.title == "令和３年度　外部評価実施後の対応状況"


def test_small_print_naming_another_year_is_not_the_year() -> None:
    body = measure_page().split("<body>")[1].split("</body>")[0]
    html = page("<p><font size='2'>（令和４年度第１回委員会　資料３）</font></p>"
                "<p><font size='4'>令和３年度</font></p>" + body, title="資料")
    assert parse_html(html).fiscal_year == 2021


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        ("<meta property='og:site_name' content='みどり市公式ホームページ'>", "", "みどり市"),
        ("", "", "北川市"),
        ("", "", "港市"),
        ("", "<div id='header'><a href='/'><img src='l.png' alt='西浜町'></a></div>", "西浜町"),
        ("", "<p>西浜町役場 〒000-0000</p>", None),
    ],
)
def test_the_municipality_as_the_page_gives_it(head: str, body: str, expected: str | None) -> None:
    titles = {"北川市": "外部評価実施後の対応状況表｜北川市", "港市": "港市｜外部評価実施後の対応状況表"}
    title = titles.get(expected or "", "外部評価実施後の対応状況表")
    content = measure_page(head=head + '<meta charset="utf-8">', title=title)
    html = content.replace("<body>", "<body>" + body)
    (measure,) = parse_html(html).measures
    assert measure.municipality == expected


def test_a_numbered_measure_cell_has_its_code_and_a_name_without_the_number() -> None:
    (measure,) = parse_html(measure_page(measure="2　B11　子育て支援の充実【こども課】")).measures
    assert (measure.code, measure.name, measure.department) == ("B11", "子育て支援の充実", "こども課")


def test_other_cities_wording_for_the_same_labels() -> None:
    html = page(
        "<table><tr><th>事務事業名</th><td>A7 地域福祉の推進</td><th>所管課</th><td>福祉課</td></tr>"
        "<tr><th>今後の対応方針</th><td>拡充</td></tr></table>"
        "<table><tr><th>外部評価委員の意見</th><th>所管課回答</th></tr>"
        "<tr><td>意見です。</td><td>回答です。</td></tr></table>"
    )
    (measure,) = parse_html(html).measures
    assert (measure.code, measure.department, measure.direction) == ("A7", "福祉課", "拡充")
    assert (measure.comments[0].text, measure.comments[0].reply) == ("意見です。", "回答です。")


@pytest.mark.parametrize(
    ("body", "title", "mentions"),
    [
        ("<table><tr><th>事務事業名</th><td>A1 施策</td></tr><tr><th>指標名</th><td>参加者数</td></tr>"
         "<tr><th>今後の方向性</th><td>継続</td></tr></table>", "内部評価シート", "内部評価"),
        ("<ul><li><a href='r2.html'>令和2年度外部評価実施後の対応状況表</a></li>"
         "<li><a href='r3.html'>令和3年度外部評価実施後の対応状況表</a></li></ul>", "行政評価", "index"),
        ("<table><tr><th>事業名</th><th>評価</th></tr><tr><td>A1 施策</td><td>B</td></tr></table>",
         "外部評価結果一覧", "評価結果"),
    ],
)
def test_pages_that_are_not_follow_up_pages_are_refused_saying_what_they_are(
    body: str, title: str, mentions: str
) -> None:
    with pytest.raises(NotAFollowupPageError) as raised:
        parse_html(page(body, title=title), source="x.html")
    assert mentions in raised.value.reason


def test_parse_file_refuses_a_fifo_and_a_huge_file_like_the_corpus_does(tmp_path: Path) -> None:
    from followup_cli import InputReadError, parse_file  # noqa: PLC0415

    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    # Opened without blocking: a FIFO with no writer gives an empty read, not a hang.
    with pytest.raises(NotAFollowupPageError, match="empty"):
        parse_file(fifo)
    huge = tmp_path / "huge.html"
    with huge.open("wb") as stream:
        stream.truncate((64 << 20) + 1)
    with pytest.raises(InputReadError, match="larger than 64 MiB"):
        parse_file(huge)
