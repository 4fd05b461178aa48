"""Rules 1-8 of the parser: finding tables by label, cells, sections, spans, layouts."""

from __future__ import annotations

import pytest

from followup_cli import NotAFollowupPageError, parse_html
from pages import comment_table, measure_page, page


def test_seed_like_page_gives_code_name_department_direction_and_comments() -> None:
    report = parse_html(measure_page(comments=[("一つ目", "返答"), ("二つ目", "")]))
    (measure,) = report.measures
    assert (measure.code, measure.name, measure.department) == ("S27", "ICTの活用", "情報課")
    assert measure.direction == "継続します。"
    assert [(c.number, c.text, c.reply) for c in measure.comments] == [
        (1, "一つ目", "返答"),
        (2, "二つ目", None),
    ]
    assert report.warnings == ()


def test_navigation_layout_and_footer_tables_are_skipped() -> None:
    nav = "<table><tr><td>ホーム</td><td>くらし</td><td>市政情報</td></tr></table>"
    footer = "<table><tr><td>〒000-0000 架空市役所 電話 000-000-0000</td></tr></table>"
    html = measure_page().replace("<body>", "<body>" + nav).replace("</body>", footer + "</body>")
    report = parse_html(html)
    assert len(report.measures) == 1
    assert report.warnings == ()


def test_tables_nested_in_a_layout_table_are_found_once() -> None:
    inner = measure_page()
    body = inner[inner.index("<body>") + 6 : inner.index("</body>")]
    layout = (
        "<table><tr><td>メニュー</td><td><table><tr><td>"
        + body
        + "</td></tr></table></td></tr></table>"
    )
    report = parse_html(page(layout))
    (measure,) = report.measures
    assert len(measure.comments) == 1


def test_comment_table_nested_in_the_measure_table_follows_document_order() -> None:
    html = page(
        "<table>"
        "<tr><th>事業又は施策名【担当課】</th><td>A1 一つ目の施策【甲課】</td></tr>"
        "<tr><th>今後の市の方向性</th><td>拡充</td></tr>"
        f"<tr><td colspan='2'>{comment_table([('甲への意見', '甲の返答')])}</td></tr>"
        "<tr><th>事業又は施策名【担当課】</th><td>A2 二つ目の施策【乙課】</td></tr>"
        f"<tr><td colspan='2'>{comment_table([('乙への意見', '')])}</td></tr>"
        "</table>"
    )
    first, second = parse_html(html).measures
    assert [c.text for c in first.comments] == ["甲への意見"]
    assert [c.text for c in second.comments] == ["乙への意見"]
    assert second.direction is None


@pytest.mark.parametrize(
    ("cell", "code", "name", "department"),
    [
        (
            "S27ICTの活用（情報セキュリティの確保）【情報課】",
            "S27",
            "ICTの活用（情報セキュリティの確保）",
            "情報課",
        ),
        ("S27　ICTの活用【情報課】", "S27", "ICTの活用", "情報課"),
        ("A3 子育て支援【こども課】", "A3", "子育て支援", "こども課"),
        ("子育て支援【こども課】", None, "子育て支援", "こども課"),
        ("Ｓ２７　ICTの活用", "Ｓ２７", "ICTの活用", None),
        ("地域交通の確保", None, "地域交通の確保", None),
    ],
)
def test_measure_cell_parts(cell: str, code: str | None, name: str, department: str | None) -> None:
    (measure,) = parse_html(measure_page(measure=cell)).measures
    assert (measure.code, measure.name, measure.department) == (code, name, department)


@pytest.mark.parametrize(
    ("header", "section"),
    [
        ("全体に対する外部評価実施者意見（コメント）", "overall"),
        ("全体に対する外部評価実施者意見(コメント)", "overall"),
        ("全体に対する外部評価実施者意見", "overall"),
        (" 課題 に対する\n外部評価実施者意見 （コメント） ", "issues"),
        ("課題に対する外部評価実施者意見（コメント）", "issues"),
        ("その他の外部評価実施者意見", "other"),
    ],
)
def test_section_headers_whatever_their_brackets_and_spacing(header: str, section: str) -> None:
    html = page(
        "<table><tr><th>事業又は施策名【担当課】</th><td>B1 施策【課】</td></tr></table>"
        + comment_table([("意見を述べます。", "返答します。")], header=header)
    )
    (comment,) = parse_html(html).measures[0].comments
    assert comment.section == section
    assert comment.section_label == " ".join(header.split())


def test_numbers_restart_in_each_section() -> None:
    html = page(
        "<table><tr><th>事業又は施策名【担当課】</th><td>B1 施策【課】</td></tr></table>"
        + comment_table([("一", ""), ("二", "")])
        + comment_table([("三", "")], header="課題に対する外部評価実施者意見(コメント)")
    )
    comments = parse_html(html).measures[0].comments
    assert [(c.section, c.number) for c in comments] == [
        ("overall", 1),
        ("overall", 2),
        ("issues", 1),
    ]


def test_reply_rowspan_is_shared_by_every_comment_it_spans() -> None:
    html = page(
        "<table><tr><th>事業又は施策名【担当課】</th><td>B1 施策【課】</td></tr></table>"
        "<table><tr><th>全体に対する外部評価実施者意見</th><th>担当課返答</th></tr>"
        "<tr><td>一</td><td rowspan='3'>まとめて返答</td></tr>"
        "<tr><td>二</td></tr><tr><td>三</td></tr><tr><td>四</td><td>個別</td></tr></table>"
    )
    comments = parse_html(html).measures[0].comments
    assert [(c.text, c.reply, c.reply_shared) for c in comments] == [
        ("一", "まとめて返答", True),
        ("二", "まとめて返答", True),
        ("三", "まとめて返答", True),
        ("四", "個別", False),
    ]


def test_colspan_and_number_column_do_not_shift_comment_and_reply() -> None:
    html = page(
        "<table><caption>令和2年度 外部評価</caption>"
        "<tr><th>事業又は施策名【担当課】</th><td colspan='2'>C1 施策【課】</td></tr>"
        "<tr><th>今後の市の方向性</th><td colspan='2'>方向</td></tr>"
        "<tr><th>番号</th><th>全体に対する外部評価実施者意見</th><th>担当課返答</th></tr>"
        "<tr><td>1</td><td>意見一</td><td>返答一</td></tr>"
        "<tr><td>(2)</td><td>意見二</td><td></td></tr></table>"
    )
    report = parse_html(html)
    (measure,) = report.measures
    assert measure.direction == "方向"
    assert [(c.text, c.reply) for c in measure.comments] == [("意見一", "返答一"), ("意見二", None)]
    assert report.warnings == ()


def test_header_cells_as_strong_in_td_with_thead_and_tbody() -> None:
    html = page(
        "<table><tbody>"
        "<tr><td><strong>事業又は施策名【担当課】</strong></td><td>D1 施策【課】</td></tr>"
        "<tr><td><strong>今後の市の方向性</strong></td><td>方向</td></tr></tbody></table>"
        "<table><thead><tr><td><strong>課題に対する外部評価実施者意見</strong></td>"
        "<td><strong>担当課返答</strong></td></tr></thead>"
        "<tbody><tr><td>課題への意見です。</td><td>課題への返答です。</td></tr></tbody></table>"
    )
    (measure,) = parse_html(html).measures
    assert measure.code == "D1"
    assert [(c.section, c.text, c.reply) for c in measure.comments] == [
        ("issues", "課題への意見です。", "課題への返答です。")
    ]


def test_a_whole_years_report_with_many_measures_in_one_table() -> None:
    rows = "".join(
        f"<tr><th>事業又は施策名【担当課】</th><td>E{n} 施策{n}【課{n}】</td></tr>"
        f"<tr><th>今後の市の方向性</th><td>方向{n}</td></tr>"
        "<tr><th>全体に対する外部評価実施者意見</th><th>担当課返答</th></tr>"
        f"<tr><td>意見{n}</td><td>返答{n}</td></tr>"
        for n in range(1, 6)
    )
    measures = parse_html(page(f"<table>{rows}</table>")).measures
    assert [m.code for m in measures] == ["E1", "E2", "E3", "E4", "E5"]
    assert [m.comments[0].reply for m in measures] == [f"返答{n}" for n in range(1, 6)]
    assert [m.direction for m in measures] == [f"方向{n}" for n in range(1, 6)]


def test_label_above_its_value_in_the_next_row() -> None:
    html = page(
        "<table><tr><th>事業又は施策名【担当課】</th></tr><tr><td>F1 施策【課】</td></tr>"
        "<tr><th>今後の市の方向性</th></tr><tr><td>方向</td></tr></table>"
        + comment_table([("意見を述べます。", "返答します。")])
    )
    (measure,) = parse_html(html).measures
    assert (measure.code, measure.direction) == ("F1", "方向")


def test_measures_as_columns_of_a_summary_table() -> None:
    html = page(
        "<table><tr><th>事業又は施策名【担当課】</th><th>今後の市の方向性</th></tr>"
        "<tr><td>G1 一【甲課】</td><td>継続</td></tr>"
        "<tr><td>G2 二【乙課】</td><td>縮小</td></tr></table>"
    )
    measures = parse_html(html).measures
    assert [(m.code, m.department, m.direction) for m in measures] == [
        ("G1", "甲課", "継続"),
        ("G2", "乙課", "縮小"),
    ]


def test_department_in_its_own_row() -> None:
    html = page(
        "<table><tr><th>事業名</th><td>H1 施策</td></tr><tr><th>担当課</th><td>企画課</td></tr>"
        "</table>" + comment_table([("意見を述べます。", "返答します。")])
    )
    (measure,) = parse_html(html).measures
    assert (measure.code, measure.name, measure.department) == ("H1", "施策", "企画課")


def test_page_without_follow_up_table_is_an_error_naming_the_source() -> None:
    html = page("<table><tr><td>ホーム</td></tr></table><p>お知らせ</p>")
    with pytest.raises(NotAFollowupPageError, match=r"^news\.html: no follow-up table"):
        parse_html(html, source="news.html")


def test_unmappable_content_in_a_follow_up_table_is_a_warning_not_lost() -> None:
    html = page(
        "<table><tr><th>事業又は施策名【担当課】</th><td>J1 施策【課】</td></tr>"
        "<tr><td>注記：この表は抜粋です</td></tr></table>"
        "<table><tr><th>全体に対する外部評価実施者意見</th><th>担当課返答</th><th>備考</th></tr>"
        "<tr><td>意見を述べます。</td><td>返答します。</td><td>補足の説明</td></tr>"
        "<tr><td></td><td>宙に浮いた返答</td><td></td></tr></table>"
    )
    report = parse_html(html)
    joined = "\n".join(report.warnings)
    for text in ("補足の説明", "宙に浮いた返答"):
        assert text in joined
    # A line that starts as a note is the publisher's note, kept with its measure.
    assert report.measures[0].notes == ("注記：この表は抜粋です",)
    assert len(report.measures[0].comments) == 1


def test_comments_before_any_measure_are_kept_with_a_warning() -> None:
    report = parse_html(page(comment_table([("意見を述べます。", "返答します。")])))
    (measure,) = report.measures
    assert measure.name == ""
    assert measure.comments[0].text == "意見を述べます。"
    assert any("before any" in warning for warning in report.warnings)


def test_one_comment_answered_in_two_reply_rows_keeps_both_replies() -> None:
    html = page(
        "<table><tr><th>事業又は施策名【担当課】</th><td>K1 施策【課】</td></tr></table>"
        "<table><tr><th>全体に対する外部評価実施者意見</th><th>担当課返答</th></tr>"
        "<tr><td rowspan='2'>長い意見</td><td>前半の返答</td></tr>"
        "<tr><td>後半の返答</td></tr></table>"
    )
    (comment,) = parse_html(html).measures[0].comments
    assert comment.reply == "前半の返答\n後半の返答"


def test_comment_and_reply_as_labelled_rows() -> None:
    html = page(
        "<table><tr><th>事業又は施策名【担当課】</th><td>P1 施策【課】</td></tr>"
        "<tr><th>全体に対する外部評価実施者意見（コメント）</th><td>一つ目の意見です。</td></tr>"
        "<tr><th>担当課返答</th><td>一つ目の返答です。</td></tr>"
        "<tr><th>全体に対する外部評価実施者意見（コメント）</th><td>二つ目の意見です。</td></tr>"
        "<tr><th>担当課返答</th><td></td></tr>"
        "<tr><th>課題に対する外部評価実施者意見（コメント）</th><td>課題の意見です。</td></tr>"
        "<tr><th>担当課返答</th><td>課題の返答です。</td></tr></table>"
    )
    report = parse_html(html)
    assert [(c.section, c.number, c.text, c.reply) for c in report.measures[0].comments] == [
        ("overall", 1, "一つ目の意見です。", "一つ目の返答です。"),
        ("overall", 2, "二つ目の意見です。", None),
        ("issues", 1, "課題の意見です。", "課題の返答です。"),
    ]
    assert report.warnings == ()


def test_section_title_rows_split_one_comment_table() -> None:
    html = page(
        "<table><tr><th>事業又は施策名【担当課】</th><td>Q1 施策【課】</td></tr></table>"
        "<table><tr><th>外部評価実施者意見</th><th>担当課返答</th></tr>"
        "<tr><th colspan='2'>全体に対する</th></tr>"
        "<tr><td>全体の意見です。</td><td>全体の返答です。</td></tr>"
        "<tr><th colspan='2'>課題に対する</th></tr>"
        "<tr><td>課題の意見です。</td><td></td></tr></table>"
    )
    comments = parse_html(html).measures[0].comments
    assert [(c.section, c.section_label, c.text) for c in comments] == [
        ("overall", "全体に対する", "全体の意見です。"),
        ("issues", "課題に対する", "課題の意見です。"),
    ]


@pytest.mark.parametrize(
    ("comment", "reply"),
    [
        ("課題への意見はありません。", "対応します"),
        ("全体について意見なし", ""),
        ("今後の方向性に賛成です", "回答します。"),
        ("意見", "返答"),
    ],
)
def test_short_comments_that_mention_labels_stay_comments(comment: str, reply: str) -> None:
    html = page(
        "<table><tr><th>事業又は施策名【担当課】</th><td>R1 施策【課】</td></tr></table>"
        + comment_table([("最初の意見です。", ""), (comment, reply), ("最後の意見です。", "")])
    )
    report = parse_html(html)
    texts = [c.text for c in report.measures[0].comments]
    assert texts == ["最初の意見です。", comment, "最後の意見です。"]
    assert report.warnings == ()


def test_several_label_value_pairs_in_one_row() -> None:
    html = page(
        "<table><tr><th>事業又は施策名</th><td>S1 防災の推進</td><th>担当課</th><td>危機管理課</td></tr>"
        "<tr><th>今後の市の方向性</th><td colspan='3'>拡充します。</td></tr></table>"
        + comment_table([("意見を述べます。", "返答します。")])
    )
    report = parse_html(html)
    (measure,) = report.measures
    assert (measure.code, measure.name, measure.department, measure.direction) == (
        "S1",
        "防災の推進",
        "危機管理課",
        "拡充します。",
    )
    assert report.warnings == ()


def test_a_section_column_spanning_its_comments() -> None:
    html = page(
        "<table><tr><th>事業又は施策名【担当課】</th><td>T1 施策【課】</td></tr></table>"
        "<table><tr><th>区分</th><th>外部評価実施者意見</th><th>担当課返答</th></tr>"
        "<tr><th rowspan='2'>全体に対する</th><td>全体の意見その一。</td><td>返答その一。</td></tr>"
        "<tr><td>全体の意見その二。</td><td></td></tr>"
        "<tr><th>課題に対する</th><td>課題の意見。</td><td>課題の返答。</td></tr></table>"
    )
    report = parse_html(html)
    assert [
        (c.section, c.section_label, c.number, c.text) for c in report.measures[0].comments
    ] == [
        ("overall", "全体に対する", 1, "全体の意見その一。"),
        ("overall", "全体に対する", 2, "全体の意見その二。"),
        ("issues", "課題に対する", 1, "課題の意見。"),
    ]
    assert report.warnings == ()


def test_measures_named_by_headings_above_their_tables() -> None:
    html = page(
        "<h2>外部評価実施後の対応状況表【令和2年度】</h2>"
        "<h3>S27 ICTの活用【情報課】</h3>"
        "<table><tr><th>今後の市の方向性</th><td>拡充</td></tr></table>"
        + comment_table([("一つ目の意見です。", "返答です。")])
        + "<h3>A3 子育て支援【こども課】</h3>"
        + comment_table([("二つ目の意見です。", "")])
        + "<h4>お問い合わせ【企画課】</h4><p>電話 000-0000</p>"
    )
    report = parse_html(html)
    assert [(m.code, m.name, m.department, m.direction) for m in report.measures] == [
        ("S27", "ICTの活用", "情報課", "拡充"),
        ("A3", "子育て支援", "こども課", None),
    ]
    assert [len(m.comments) for m in report.measures] == [1, 1]
    assert report.warnings == ()


def test_a_heading_repeating_the_measure_of_the_table_below_is_not_a_second_measure() -> None:
    html = "<h2>S27 ICTの活用【情報課】</h2>" + measure_page()
    (measure,) = parse_html(page(html)).measures
    assert (measure.code, len(measure.comments)) == ("S27", 1)


def test_labels_and_values_as_a_definition_list() -> None:
    html = page(
        "<dl><dt>事業又は施策名【担当課】</dt><dd>U1 地域交通の確保【交通政策課】</dd>"
        "<dt>今後の市の方向性</dt><dd><p>路線を見直します。</p><p>実証運行を続けます。</p></dd></dl>"
        + comment_table([("意見を述べます。", "返答します。")])
    )
    (measure,) = parse_html(html).measures
    assert (measure.code, measure.department, measure.direction) == (
        "U1",
        "交通政策課",
        "路線を見直します。\n実証運行を続けます。",
    )


@pytest.mark.parametrize("reply_header", ["担当課からの回答", "担当課の返答・対応", "市の考え方"])
def test_reply_headers_other_cities_write(reply_header: str) -> None:
    html = page(
        "<table><tr><th>事業又は施策名【担当課】</th><td>V1 施策【課】</td></tr>"
        "<tr><th>今後の方向</th><td>継続</td></tr></table>"
        f"<table><tr><th>外部評価委員の意見</th><th>{reply_header}</th></tr>"
        "<tr><td>意見を述べます。</td><td>返答します。</td></tr></table>"
    )
    report = parse_html(html)
    (measure,) = report.measures
    assert measure.direction == "継続"
    assert [(c.text, c.reply) for c in measure.comments] == [("意見を述べます。", "返答します。")]
    assert report.warnings == ()


def test_a_summary_table_of_measures_and_departments_without_directions() -> None:
    html = page(
        "<table><tr><th>事業名</th><th>担当課</th></tr>"
        "<tr><td>W1 一つ目</td><td>甲課</td></tr><tr><td>W2 二つ目</td><td>乙課</td></tr></table>"
        + comment_table([("二つ目への意見です。", "")])
    )
    report = parse_html(html)
    assert [(m.code, m.department, len(m.comments)) for m in report.measures] == [
        ("W1", "甲課", 0),
        ("W2", "乙課", 1),
    ]


def test_a_section_title_then_comment_rows_with_no_header_row() -> None:
    html = page(
        "<table><tr><th>事業又は施策名【担当課】</th><td>X1 施策【課】</td></tr></table>"
        "<table><tr><th colspan='2'>全体に対する外部評価実施者意見</th></tr>"
        "<tr><td>全体の意見です。</td><td>全体の返答です。</td></tr>"
        "<tr><td>二つ目の意見です。</td><td></td></tr></table>"
    )
    report = parse_html(html)
    assert [(c.section, c.text, c.reply) for c in report.measures[0].comments] == [
        ("overall", "全体の意見です。", "全体の返答です。"),
        ("overall", "二つ目の意見です。", None),
    ]
    assert report.warnings == ()


def test_a_caption_names_the_section_of_its_comment_table() -> None:
    html = page(
        "<table><tr><th>事業又は施策名【担当課】</th><td>Y1 施策【課】</td></tr></table>"
        "<table><caption>課題に対する外部評価実施者意見</caption>"
        "<tr><th>意見</th><th>返答</th></tr><tr><td>課題の意見です。</td><td>返答です。</td></tr></table>"
    )
    (comment,) = parse_html(html).measures[0].comments
    assert (comment.section, comment.section_label) == ("issues", "課題に対する外部評価実施者意見")
