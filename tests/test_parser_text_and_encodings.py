"""Rules 5 and 9-12: cell text, encodings, old HTML, fiscal years, nothing lost."""

from __future__ import annotations

import codecs

import pytest

from followup_cli import DecodeError, MalformedPageError, NotAFollowupPageError, parse_html
from pages import MEASURE_ROWS, comment_table, measure_page, page


def only_comment(html: str | bytes) -> tuple[str, str | None]:
    (comment,) = parse_html(html).measures[0].comments
    return comment.text, comment.reply


def test_escaped_paragraph_markup_becomes_paragraphs() -> None:
    cell = "&lt;p&gt;一段落目。&lt;/p&gt;&lt;p&gt;二段落目&amp;amp;三。&lt;/p&gt;"
    assert only_comment(measure_page(comments=[(cell, "")])) == ("一段落目。\n二段落目&三。", None)


def test_escaped_entities_inside_escaped_markup_are_decoded_once_more() -> None:
    cell = "&lt;p&gt;A&amp;nbsp;B&lt;br /&gt;C&lt;/p&gt;"
    assert only_comment(measure_page(comments=[(cell, "")]))[0] == "A\xa0B\nC"


def test_a_literal_less_than_sign_that_is_not_markup_is_kept() -> None:
    cell = "満足度&lt;50%の場合"
    assert only_comment(measure_page(comments=[(cell, "")]))[0] == "満足度<50%の場合"


def test_real_markup_paragraphs_and_whitespace() -> None:
    cell = (
        "\n  <p>　一段落目\r\n  続き</p><div>二&nbsp;段落</div>三<br>四<br/><span>五</span>&nbsp; "
    )
    reply = "&nbsp;&nbsp;"
    assert only_comment(measure_page(comments=[(cell, reply)])) == (
        "一段落目 続き\n二\xa0段落\n三\n四\n五",
        None,
    )


def test_full_width_characters_are_stored_as_published() -> None:
    cell = "ＩＣＴ（予定）ｶﾀｶﾅ①"
    assert only_comment(measure_page(comments=[(cell, "")]))[0] == cell


def test_utf8_with_bom() -> None:
    data = codecs.BOM_UTF8 + measure_page().encode("utf-8")
    assert parse_html(data).measures[0].department == "情報課"


def test_declared_shift_jis_that_is_really_windows_31j() -> None:
    html = measure_page(
        measure="S27①ICTの活用～㈱連携【情報課】", head='<meta charset="Shift_JIS">'
    )
    report = parse_html(html.encode("cp932"))
    assert report.measures[0].name == "①ICTの活用～㈱連携"


def test_undeclared_shift_jis_and_euc_jp() -> None:
    html = measure_page(head="")
    for encoding in ("cp932", "euc_jp"):
        (measure,) = parse_html(html.encode(encoding)).measures
        assert (measure.name, measure.comments[0].text) == ("ICTの活用", "意見です。")


def test_declaration_that_lies_is_noted_and_the_real_encoding_used() -> None:
    html = measure_page(head='<meta http-equiv="Content-Type" content="text/html; charset=EUC-JP">')
    report = parse_html(html.encode("utf-8"))
    assert report.measures[0].name == "ICTの活用"
    assert any("EUC-JP" in w.upper() or "euc-jp" in w for w in report.warnings)


def test_undecodable_bytes_are_an_error_not_mojibake() -> None:
    data = measure_page().encode("utf-8")
    broken = data.replace("情報課".encode(), b"\x81\xff\xfe\x80\x9f\xff")
    with pytest.raises(DecodeError, match=r"^page\.html: cannot decode"):
        parse_html(broken, source="page.html")


def test_binary_and_empty_files() -> None:
    with pytest.raises(NotAFollowupPageError, match="a PNG image"):
        parse_html(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), source="x.html")
    with pytest.raises(DecodeError, match="binary"):
        parse_html(bytes(range(32)) * 100, source="x.html")
    with pytest.raises(NotAFollowupPageError, match="empty"):
        parse_html(b"  \n", source="x.html")


def test_old_html_upper_case_unclosed_cells_and_crlf() -> None:
    html = (
        "<HTML><HEAD><TITLE>外部評価実施後の対応状況表</TITLE></HEAD><BODY>\r\n"
        "<TABLE BORDER=1>\r\n<TR><TH>事業又は施策名【担当課】<TD>L1 施策【課】\r\n"
        "<TR><TH>今後の市の方向性<TD>継続\r\n</TABLE>\r\n"
        "<TABLE>\r\n<TR><TH>全体に対する外部評価実施者意見<TH>担当課返答\r\n"
        "<TR><TD>一つ目の意見<TD>一つ目の返答\r\n<TR><TD>二つ目の意見<TD>\r\n"
        "</TABLE></BODY></HTML>"
    )
    (measure,) = parse_html(html.encode("utf-8")).measures
    assert measure.direction == "継続"
    assert [(c.text, c.reply) for c in measure.comments] == [
        ("一つ目の意見", "一つ目の返答"),
        ("二つ目の意見", None),
    ]


@pytest.mark.parametrize("depth", [300, 3000, 30000])
def test_very_deep_nesting_keeps_every_table(depth: int) -> None:
    inner = measure_page()
    body = inner[inner.index("<body>") + 6 : inner.index("</body>")]
    html = page("<div><font>" * depth + body + "</font></div>" * depth)
    report = parse_html(html)
    (measure,) = report.measures
    assert measure.comments[0].reply == "返答です。"


def test_tables_nested_beyond_any_depth_are_an_error_not_an_empty_result() -> None:
    depth = 5000
    html = page(
        "<table><tr><td>" * depth
        + MEASURE_ROWS.format(measure="x", direction="y")
        + "</td></tr></table>" * depth
    )
    with pytest.raises((MalformedPageError, NotAFollowupPageError)):
        parse_html(html)


@pytest.mark.parametrize(
    ("title", "source", "year"),
    [
        ("令和2年度 外部評価実施後の対応状況表", "x.html", 2020),
        ("令和元年度外部評価実施後の対応状況表", "x.html", 2019),
        ("令和２年度外部評価実施後の対応状況表", "x.html", 2020),
        ("平成30年度外部評価実施後の対応状況表", "x.html", 2018),
        ("2021年度 外部評価", "x.html", 2021),
        ("外部評価実施後の対応状況表", "reports/r2/s27.html", 2020),
        ("外部評価実施後の対応状況表", "R02_s27.html", 2020),
        ("外部評価実施後の対応状況表", "h30/s27.html", 2018),
        ("外部評価実施後の対応状況表", "fy2020-s27.html", 2020),
        ("外部評価実施後の対応状況表", "archive/2020/s27.html", 2020),
        ("外部評価実施後の対応状況表", "s27.html", None),
    ],
)
def test_fiscal_year_from_title_then_path(title: str, source: str, year: int | None) -> None:
    assert parse_html(measure_page(title=title), source=source).fiscal_year == year


def test_a_year_in_body_text_is_not_the_reports_year() -> None:
    html = measure_page(direction="令和3年度予算に計上しました。", title="外部評価 | 市")
    report = parse_html(html, source="s27.html")
    assert report.fiscal_year is None
    assert report.measures[0].fiscal_year is None


def test_year_argument_overrides_page_and_path() -> None:
    html = measure_page(title="令和2年度外部評価")
    report = parse_html(html, source="r1/x.html", year=2030)
    assert report.fiscal_year == 2030
    assert report.measures[0].fiscal_year == 2030


def test_year_in_a_heading_and_title_text() -> None:
    html = measure_page(title="市のホームページ").replace(
        "<body>", "<body><h1>令和元年度　外部評価実施後の対応状況表</h1>"
    )
    report = parse_html(html)
    assert report.fiscal_year == 2019
    # As published: the heading's full-width space is the browser's too.
    assert report.title == "令和元年度　外部評価実施後の対応状況表"


def test_truncated_page_keeps_whole_rows_and_warns() -> None:
    html = page(
        "<table>"
        + MEASURE_ROWS.format(measure="M1 施策【課】", direction="継続")
        + "</table>"
        + comment_table([("一つ目の意見", "一つ目の返答"), ("二つ目の意見", "二つ目")])
    )
    cut = html[: html.index("二つ目の意見") + 3]
    report = parse_html(cut)
    texts = [c.text for c in report.measures[0].comments]
    assert texts[0] == "一つ目の意見"
    assert any("truncated" in w for w in report.warnings)


def test_every_non_empty_cell_of_a_follow_up_table_is_in_the_model() -> None:
    html = page(
        "<table>"
        + MEASURE_ROWS.format(measure="N1 施策【課】", direction="方向")
        + "<tr><td>孤立したセル</td><td>もう一つ</td><td>三つ目</td></tr></table>"
        + comment_table([("意見を一つ", "返答を一つ")])
    )
    report = parse_html(html)
    model_text = repr(report.to_dict())
    for text in (
        "N1",
        "施策",
        "方向",
        "孤立したセル",
        "もう一つ",
        "三つ目",
        "意見を一つ",
        "返答を一つ",
    ):
        assert text in model_text


def test_a_literal_tag_like_grade_is_kept_outside_escaped_rich_text() -> None:
    cell = "評価は&lt;A&gt;、前年度は&lt;b&gt;でした"
    assert only_comment(measure_page(comments=[(cell, "")]))[0] == "評価は<A>、前年度は<b>でした"


def test_year_in_a_paragraph_around_a_bold_label() -> None:
    html = measure_page(title="市のホームページ").replace(
        "<body>", "<body><p>令和3年度<strong>外部評価</strong>の結果</p>"
    )
    assert parse_html(html, source="x.html").fiscal_year == 2021


@pytest.mark.parametrize(
    ("title", "year"),
    [("令和2(2020)年度 外部評価", 2020), ("2019（令和元）年度外部評価", 2019)],
)
def test_a_year_with_the_other_calendar_in_brackets(title: str, year: int) -> None:
    assert parse_html(measure_page(title=title), source="x.html").fiscal_year == year


def test_utf8_page_under_a_stale_shift_jis_declaration() -> None:
    html = measure_page(
        head='<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
    )
    report = parse_html(html.encode("utf-8"))
    assert report.measures[0].department == "情報課"
    assert any("utf-8" in warning for warning in report.warnings)
