"""Tables through the HTML table model: spans clamped as the standard says,
row groups in rendered order, and notes kept apart from comments."""

from __future__ import annotations

from followup_cli import parse_html
from pages import MEASURE_ROWS, page

HEADER = "<tr><th>全体に対する外部評価実施者意見</th><th>担当課返答</th></tr>"


def _page(table_body: str) -> str:
    measure = "<table>" + MEASURE_ROWS.format(measure="S1 施策【課】", direction="継続") + "</table>"
    return page(measure + f"<table>{table_body}</table>")


def test_a_reply_spanning_1200_rows_answers_every_comment_it_covers() -> None:
    rows = "<tr><td>意見0</td><td rowspan='1200'>まとめて返答します。</td></tr>" + "".join(
        f"<tr><td>意見{n}</td></tr>" for n in range(1, 1200)
    )
    (measure,) = parse_html(_page(HEADER + rows)).measures
    assert len(measure.comments) == 1200
    assert {c.reply for c in measure.comments} == {"まとめて返答します。"}
    assert all(c.reply_shared for c in measure.comments)


def test_rowspan_zero_reaches_the_end_of_its_row_group_and_no_further() -> None:
    body = (
        f"<thead>{HEADER}</thead>"
        "<tbody><tr><td>意見1</td><td rowspan='0'>共通の返答</td></tr><tr><td>意見2</td></tr></tbody>"
        "<tbody><tr><td>意見3</td><td>別の返答</td></tr></tbody>"
    )
    (measure,) = parse_html(_page(body)).measures
    assert [(c.text, c.reply) for c in measure.comments] == [
        ("意見1", "共通の返答"), ("意見2", "共通の返答"), ("意見3", "別の返答"),
    ]


def test_colspan_past_1000_is_read_as_1000_and_never_shifts_the_reply() -> None:
    body = (
        "<tr><th>番号</th><th>全体に対する外部評価実施者意見</th><th>担当課返答</th></tr>"
        "<tr><td colspan='1'>1</td><td>意見</td><td>返答</td></tr>"
        "<tr><td>2</td><td>二つ目</td><td>二つ目の返答</td><td colspan='100000'></td></tr>"
    )
    (measure,) = parse_html(_page(body)).measures
    assert [(c.text, c.reply) for c in measure.comments] == [("意見", "返答"), ("二つ目", "二つ目の返答")]


def test_a_foot_written_before_the_body_is_a_note_read_last() -> None:
    body = (
        "<tfoot><tr><td colspan='2'>※回答は令和3年3月末時点のものです。</td></tr></tfoot>"
        f"<tbody>{HEADER}<tr><td>意見</td><td>返答</td></tr>"
        "<tr><td colspan='2'>（注）委員の意見は原文のまま掲載しています。</td></tr>"
        "<tr><td>二つ目</td><td>返答2</td></tr></tbody>"
    )
    (measure,) = parse_html(_page(body)).measures
    assert [c.text for c in measure.comments] == ["意見", "二つ目"]
    assert measure.notes == (
        "（注）委員の意見は原文のまま掲載しています。",
        "※回答は令和3年3月末時点のものです。",
    )


def test_a_note_paragraph_after_the_table_belongs_to_its_measure() -> None:
    html = _page(HEADER + "<tr><td>意見</td><td>返答</td></tr>") .replace(
        "</body>", "<p>※所管課と調整のうえ記載しています。</p><p>本文の段落です。</p></body>"
    )
    (measure,) = parse_html(html).measures
    assert measure.notes == ("※所管課と調整のうえ記載しています。",)


def test_a_two_row_header_band_gives_each_column_its_finest_name() -> None:
    body = (
        "<tr><th rowspan='2'>番号</th><th colspan='2'>全体に対する外部評価実施者意見</th>"
        "<th rowspan='2'>担当課返答</th></tr>"
        "<tr><th>委員</th><th>意見</th></tr>"
        "<tr><td>1</td><td>A委員</td><td>一つ目の意見</td><td>一つ目の返答</td></tr>"
        "<tr><td>2</td><td>B委員</td><td>二つ目の意見</td><td>二つ目の返答</td></tr>"
    )
    report = parse_html(_page(body))
    (measure,) = report.measures
    assert [(c.text, c.reply, c.section) for c in measure.comments] == [
        ("一つ目の意見", "一つ目の返答", "overall"), ("二つ目の意見", "二つ目の返答", "overall"),
    ]
    # The evaluators' names have no field in the model: they are in a warning, with the place.
    (warning,) = report.warnings
    assert warning.startswith("table 2, column 2「委員」")
    assert "「A委員」 / 「B委員」" in warning


def test_stacked_comment_and_reply_rows_with_a_number_spanning_the_pair() -> None:
    body = (
        "<tr><th>区分</th><th colspan='2'>内容</th></tr>"
        "<tr><td rowspan='2'>1</td><th>委員意見</th><td>一つ目の意見</td></tr>"
        "<tr><th>担当課返答</th><td>一つ目の返答</td></tr>"
        "<tr><td rowspan='2'>2</td><th>委員意見</th><td>二つ目の意見</td></tr>"
        "<tr><th>担当課返答</th><td></td></tr>"
    )
    (measure,) = parse_html(_page(body)).measures
    assert [(c.text, c.reply, c.number) for c in measure.comments] == [
        ("一つ目の意見", "一つ目の返答", 1), ("二つ目の意見", None, 2),
    ]


def test_other_sections_are_numbered_each_from_one_with_their_label() -> None:
    body = (
        "<tr><th colspan='2'>総評</th></tr><tr><th>委員意見</th><th>市の対応</th></tr>"
        "<tr><td>総評の意見</td><td>総評への対応</td></tr>"
        "<tr><th colspan='2'>個別意見</th></tr><tr><th>委員意見</th><th>市の対応</th></tr>"
        "<tr><td>個別の意見1</td><td>対応1</td></tr><tr><td>個別の意見2</td><td>対応2</td></tr>"
    )
    (measure,) = parse_html(_page(body)).measures
    assert [(c.section, c.section_label, c.number) for c in measure.comments] == [
        ("other", "総評", 1), ("other", "個別意見", 1), ("other", "個別意見", 2),
    ]


def test_warnings_name_the_table_the_row_and_the_source_line() -> None:
    html = _page(HEADER + "<tr><td>意見</td><td>返答</td></tr>\n<tr><td></td><td>宙に浮いた返答</td></tr>")
    (warning,) = parse_html(html).warnings
    assert warning.startswith("table 2, row 3 (line 2): ")
    assert "宙に浮いた返答" in warning


def test_measure_columns_beside_the_comments_fill_the_measure() -> None:
    body = (
        "<tr><th>今後の市の方向性</th><th>担当課</th><th>外部評価実施者意見</th>"
        "<th>対応状況及び今後の方針</th></tr>"
        "<tr><td rowspan='2'>拡充します。</td><td rowspan='2'>危機管理課</td>"
        "<td>一つ目の意見</td><td>一つ目の返答</td></tr>"
        "<tr><td>二つ目の意見</td><td>二つ目の返答</td></tr>"
    )
    report = parse_html(page("<h3>（1）B4　防災体制の強化【危機管理課】</h3>" + f"<table>{body}</table>"))
    (measure,) = report.measures
    assert (measure.code, measure.direction, measure.department) == ("B4", "拡充します。", "危機管理課")
    assert [(c.text, c.reply) for c in measure.comments] == [
        ("一つ目の意見", "一つ目の返答"), ("二つ目の意見", "二つ目の返答"),
    ]
    assert report.warnings == ()


def test_a_comment_header_without_a_reply_column_keeps_its_comments() -> None:
    body = "<tr><th>外部評価実施者意見</th><th>備考欄</th></tr><tr><td>意見です。</td><td>補足</td></tr>"
    report = parse_html(_page(body))
    assert [c.text for c in report.measures[0].comments] == ["意見です。"]
    assert report.measures[0].comments[0].reply is None
    assert any("「備考欄」" in warning and "「補足」" in warning for warning in report.warnings)
