"""The same form as other cities and older tools write it: years, encodings,
measure names, section rows and labels."""

from __future__ import annotations

import pytest

from followup_cli import NotAFollowupPageError, parse_html
from followup_cli.parse.measure_cell import parse_measure_cell
from followup_cli.parse.vocabulary import label_line
from followup_cli.years import year_in_text
from pages import MEASURE_ROWS, comment_table, page


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("令和四年度 外部評価実施後の対応状況表", 2022),
        ("平成三十年度", 2018),
        ("平成二十九年度", 2017),
        ("令和十十年度", None),
        ("FY2023 外部評価", 2023),
        ("令和3年度事業 外部評価実施後の対応状況表（令和4年度実施）", 2022),
        ("令和3年度実施分", 2021),
        ("令和2年度 外部評価実施後の対応状況表", 2020),
    ],
)
def test_years_in_kanji_numerals_fy_and_the_year_carried_out(text: str, year: int | None) -> None:
    assert year_in_text(text) == year


def test_an_iso_2022_jp_page_is_decoded_not_stripped_of_its_escapes() -> None:
    html = measure_page_bytes("iso-2022-jp")
    report = parse_html(html)
    (measure,) = report.measures
    assert (measure.name, measure.department) == ("施策", "情報課")
    assert [c.text for c in measure.comments] == ["意見です。"]


def measure_page_bytes(encoding: str) -> bytes:
    body = "<table>" + MEASURE_ROWS.format(measure="S1 施策【情報課】", direction="継続") + "</table>"
    body += comment_table([("意見です。", "返答です。")])
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={encoding}">'
    return page(body, head=head).encode(encoding)


@pytest.mark.parametrize(
    ("text", "code", "name", "department"),
    [
        ("施策名「図書館サービスの充実」（担当：生涯学習課）", None, "図書館サービスの充実", "生涯学習課"),
        ("施策名「地域公共交通の確保」　所管課名：交通政策課", None, "地域公共交通の確保", "交通政策課"),
        ("事業名：空き家対策", None, "空き家対策", None),
        ("2　S27　ICTの活用【情報課】", "S27", "ICTの活用", "情報課"),
        ("事業者支援の充実", None, "事業者支援の充実", None),
    ],
)
def test_a_measure_named_with_its_label_or_its_department_by_label(
    text: str, code: str | None, name: str, department: str | None
) -> None:
    assert parse_measure_cell(text) == (code, name, department)


@pytest.mark.parametrize(
    "naming",
    [
        "<table><caption>施策名「地域公共交通の確保」　所管課名：交通政策課</caption>"
        "<tr><th>今後の方向性</th><td>広げます。</td></tr></table>",
        "<details><summary>地域公共交通の確保【交通政策課】</summary>"
        "<table><tr><th>今後の方向性</th><td>広げます。</td></tr></table></details>",
        "<dl><dt><button aria-expanded='false' aria-controls='p1'>地域公共交通の確保【交通政策課】"
        "</button></dt><dd id='p1' hidden><table><tr><th>今後の方向性</th><td>広げます。</td></tr></table></dd></dl>",
        "<p><b>１　地域公共交通の確保【交通政策課】</b></p>"
        "<table><tr><th>今後の方向性</th><td>広げます。</td></tr></table>",
    ],
)
def test_a_caption_summary_accordion_term_or_bold_paragraph_names_the_measure(naming: str) -> None:
    report = parse_html(page(naming + comment_table([("意見", "返答")])))
    (measure,) = report.measures
    assert (measure.name, measure.department, measure.direction) == (
        "地域公共交通の確保", "交通政策課", "広げます。")
    assert not report.warnings


def test_bracketed_section_rows_split_one_comment_table() -> None:
    measure = "<table>" + MEASURE_ROWS.format(measure="S1 施策【情報課】", direction="継続") + "</table>"
    table = ("<table><tr><th>番号</th><th>外部評価実施者意見</th><th>担当課返答</th></tr>"
             "<tr><td colspan='3'><strong>【全体】</strong></td></tr>"
             "<tr><td>1</td><td>一</td><td>返一</td></tr><tr><td>2</td><td>二</td><td>返二</td></tr>"
             "<tr><td colspan='3'><strong>［課題］</strong></td></tr>"
             "<tr><td>1</td><td>三</td><td>返三</td></tr></table>")
    (found,) = parse_html(page(measure + table)).measures
    assert [(c.section, c.section_label, c.number, c.text) for c in found.comments] == [
        ("overall", "【全体】", 1, "一"), ("overall", "【全体】", 2, "二"),
        ("issues", "［課題］", 1, "三")]


def test_a_summary_table_row_per_comment_names_each_measure_in_its_column() -> None:
    table = ("<table><tr><th>事業又は施策名</th><th>担当課</th><th>外部評価実施者意見</th>"
             "<th>担当課返答</th></tr>"
             "<tr><td rowspan='2'>C2　交通の確保</td><td rowspan='2'>交通課</td><td>一</td>"
             "<td>返一</td></tr><tr><td>二</td><td>返二</td></tr>"
             "<tr><td>D1　商店街の活性化</td><td>商工課</td><td>三</td><td>返三</td></tr></table>")
    report = parse_html(page(table))
    assert [(m.code, m.department, [c.text for c in m.comments]) for m in report.measures] == [
        ("C2", "交通課", ["一", "二"]), ("D1", "商工課", ["三"])]
    assert not report.warnings


def test_a_label_spanning_two_value_rows_holds_both() -> None:
    measure = ("<table><tr><th>事業又は施策名【担当課】</th><td>S1 施策【情報課】</td></tr>"
               "<tr><th rowspan='2'>今後の市の方向性</th><td>一文目。</td></tr>"
               "<tr><td>二文目。</td></tr></table>")
    report = parse_html(page(measure + comment_table([("意見", "返答")])))
    assert report.measures[0].direction == "一文目。\n二文目。"
    assert not report.warnings


def test_a_label_broken_over_lines_reads_without_a_space_between_japanese() -> None:
    assert label_line("全体に対する\n外部評価実施者意見\n（コメント）") == (
        "全体に対する外部評価実施者意見（コメント）")
    assert label_line("Comments\nfrom the panel") == "Comments from the panel"


def test_minutes_are_refused_as_minutes() -> None:
    body = ("<h1>外部評価委員会 会議録</h1><table><tr><th>発言者</th><th>発言内容</th></tr>"
            "<tr><td>委員</td><td>外部評価の進め方について</td></tr></table>"
            "<p><a href='a.pdf'>資料1 外部評価実施後の対応状況表</a></p>"
            "<p><a href='b.pdf'>資料2 外部評価の進め方</a></p>")
    with pytest.raises(NotAFollowupPageError, match="会議録"):
        parse_html(page(body, title="会議録"))


@pytest.mark.parametrize(
    ("direction_label", "reply_header"),
    [("今後の県の方向性", "県の対応"), ("今後の組合の方向性", "組合の対応"),
     ("今後の広域連合の方向性", "広域連合の対応"), ("今後の区の方向性", "区の考え方")],
)
def test_prefectures_wards_and_unions_word_the_form_their_way(
    direction_label: str, reply_header: str
) -> None:
    body = (f"<table><tr><th>事業名</th><td>Ⅲ-2　健康づくりの推進【健康福祉部　健康増進課】</td></tr>"
            f"<tr><th>{direction_label}</th><td>広げます。</td></tr></table>"
            f"<table><tr><th>全体に対する外部評価実施者意見</th><th>{reply_header}</th></tr>"
            "<tr><td>意見</td><td>返答</td></tr></table>")
    report = parse_html(page(body, head='<meta charset="utf-8"><meta property="og:site_name" '
                                        'content="霧生県公式ホームページ">'))
    (measure,) = report.measures
    assert (measure.code, measure.department, measure.direction, measure.municipality) == (
        "Ⅲ-2", "健康福祉部　健康増進課", "広げます。", "霧生県")
    assert [(c.text, c.reply) for c in measure.comments] == [("意見", "返答")]


def test_a_department_first_heading_and_a_bureau_then_its_section() -> None:
    assert parse_measure_cell("【健康福祉部 健康増進課】がん検診の受診促進") == (
        None, "がん検診の受診促進", "健康福祉部 健康増進課")
    body = ("<table><tr><th>事業名</th><td>観光の振興</td></tr><tr><th>担当部局</th>"
            "<td>観光文化スポーツ部</td></tr><tr><th>所管室課</th><td>観光振興室</td></tr></table>"
            + comment_table([("意見", "返答")]))
    (measure,) = parse_html(page(body)).measures
    assert measure.department == "観光文化スポーツ部 観光振興室"


def test_replies_in_their_own_table_pair_with_comments_by_number() -> None:
    measure = "<table>" + MEASURE_ROWS.format(measure="S1 施策【情報課】", direction="継続") + "</table>"
    body = ("<table><tr><td><table><tr><th>番号</th><th>全体に対する外部評価実施者意見</th></tr>"
            "<tr><td>1</td><td>一</td></tr><tr><td>2</td><td>二</td></tr><tr><td>3</td><td>三</td></tr>"
            "</table></td><td><table><tr><th>番号</th><th>担当課返答</th></tr>"
            "<tr><td>1</td><td>返一</td></tr><tr><td>2・3</td><td>返二三</td></tr></table>"
            "</td></tr></table>")
    (found,) = parse_html(page(measure + body)).measures
    assert [(c.text, c.reply, c.reply_shared) for c in found.comments] == [
        ("一", "返一", False), ("二", "返二三", True), ("三", "返二三", True)]


def test_a_list_of_measures_with_their_budget_is_not_a_measure_table() -> None:
    budget = ("<table><tr><th>事業名</th><th>担当課</th><th>令和5年度</th><th>令和6年度</th></tr>"
              "<tr><td>E1 ごみの減量</td><td>環境課</td><td>54,200</td><td>57,800</td></tr></table>")
    measure = "<table>" + MEASURE_ROWS.format(measure="E1 ごみの減量【環境課】", direction="継続") + "</table>"
    report = parse_html(page(budget + measure + comment_table([("意見", "返答")])))
    assert [(m.code, len(m.comments)) for m in report.measures] == [("E1", 1)]
    assert not report.warnings


def test_a_row_split_by_a_page_break_goes_on_with_its_comment() -> None:
    measure = "<table>" + MEASURE_ROWS.format(measure="S1 施策【情報課】", direction="継続") + "</table>"
    header = "<tr><th>番号</th><th>全体に対する外部評価実施者意見</th><th>担当課返答</th></tr>"
    body = (f"<table>{header}<tr><td>1</td><td>前半、</td><td>返答の前半、</td></tr></table>"
            "<p>- 1 -</p>"
            f"<table>{header}<tr><td></td><td>後半。</td><td>後半です。</td></tr>"
            "<tr><td>2</td><td>次</td><td>次の返答</td></tr></table>")
    (found,) = parse_html(page(measure + body)).measures
    assert [(c.number, c.text, c.reply) for c in found.comments] == [
        (1, "前半、\n後半。", "返答の前半、\n後半です。"), (2, "次", "次の返答")]
