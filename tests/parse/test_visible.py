"""Only what a reader sees is read: hidden content, readings and code are not text."""

from __future__ import annotations

from followup_cli import parse_html
from pages import MEASURE_ROWS, comment_table, page


def _measure_table(measure: str = "S1 施策【情報課】") -> str:
    return "<table>" + MEASURE_ROWS.format(measure=measure, direction="継続します。") + "</table>"


def test_a_hidden_row_is_not_a_comment_and_a_hidden_label_reading_is_not_text() -> None:
    body = _measure_table("S1 施策【情報<ruby>課<rp>(</rp><rt>か</rt><rp>)</rp></ruby>】") + (
        "<table><tr><th>全体に対する外部評価実施者意見<span style='display:none'>ぜんたい</span></th>"
        "<th>担当課返答</th></tr>"
        "<tr><td>見える意見</td><td>見える返答</td></tr>"
        "<tr style='display: none'><td>下書きの意見</td><td>下書きの返答</td></tr>"
        "<tr hidden><td>隠した意見</td><td>隠した返答</td></tr>"
        "<tr><td>二つ目<span style=\"mso-hide:all\">（削除）</span>の意見</td><td></td></tr>"
        "</table>"
    )
    report = parse_html(page(body))
    (measure,) = report.measures
    assert measure.department == "情報課"
    assert [(c.text, c.reply) for c in measure.comments] == [
        ("見える意見", "見える返答"),
        ("二つ目の意見", None),
    ]
    assert measure.comments[0].section_label == "全体に対する外部評価実施者意見"
    assert report.warnings == ()


def test_scripts_templates_and_noscript_holding_labels_are_not_read() -> None:
    decoys = (
        "<script>var t='<table><tr><th>事業又は施策名</th><td>X9 偽物</td></tr></table>';</script>"
        "<template><table><tr><th>事業又は施策名</th><td>X8 偽物</td></tr></table></template>"
        "<noscript><table><tr><th>事業又は施策名</th><td>X7 偽物</td></tr></table></noscript>"
    )
    report = parse_html(page(decoys + _measure_table() + comment_table([("意見", "返答")])))
    assert [m.code for m in report.measures] == ["S1"]


def test_a_class_a_style_block_hides_is_hidden_but_tab_panels_and_details_are_read() -> None:
    body = (
        "<style>.draft { display: none } .note{color:red}</style>"
        "<div class='draft'>" + _measure_table("X1 下書き【課】") + "</div>"
        + _measure_table("S1 本物【情報課】")
        + "<details><summary>課題</summary>"
        + comment_table([("閉じた中の意見", "閉じた中の返答")], header="課題に対する外部評価実施者意見")
        + "</details>"
        + "<div role='tablist'><button role='tab'>B</button></div>"
        + "<div role='tabpanel' hidden>" + _measure_table("S2 二つ目【企画課】")
        + comment_table([("タブの意見", "タブの返答")]) + "</div>"
    )
    report = parse_html(page(body))
    assert [m.code for m in report.measures] == ["S1", "S2"]
    assert report.measures[0].comments[0].text == "閉じた中の意見"
    assert report.measures[1].comments[0].reply == "タブの返答"


def test_a_hidden_panel_without_any_tab_list_stays_hidden() -> None:
    body = (
        _measure_table() + comment_table([("意見", "返答")])
        + "<div hidden>" + comment_table([("古い意見", "古い返答")]) + "</div>"
    )
    (measure,) = parse_html(page(body)).measures
    assert [c.text for c in measure.comments] == ["意見"]


def test_a_hidden_class_is_matched_as_a_whole_word_among_several() -> None:
    body = (
        "<style>.draft { display: none }</style>"
        "<div class='box  draft\tnarrow'>" + _measure_table("X1 下書き【課】") + "</div>"
        + "<div class='drafts'>" + _measure_table("S1 本物【情報課】")
        + comment_table([("意見", "返答")]) + "</div>"
    )
    report = parse_html(page(body))
    assert [m.code for m in report.measures] == ["S1"]


def test_a_tab_list_named_only_by_class_in_any_case_keeps_its_hidden_panels() -> None:
    body = (
        "<ul class='Page-TABS'><li>A</li><li>B</li></ul>"
        + _measure_table("S1 一つ目【情報課】") + comment_table([("見える意見", "見える返答")])
        + "<div class='panel' style='display:none'>" + _measure_table("S2 二つ目【企画課】")
        + comment_table([("タブの意見", "タブの返答")]) + "</div>"
        + "<nav class='menu' style='display:none'>" + _measure_table("X9 メニュー【課】") + "</nav>"
    )
    report = parse_html(page(body))
    assert [m.code for m in report.measures] == ["S1", "S2"]
