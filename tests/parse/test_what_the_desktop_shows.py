"""Pages are read as a desktop browser shows them: the page's own style rules at
1280 pixels, the hiding classes of the frameworks city sites use, icon glyphs,
and the words images draw."""

from __future__ import annotations

import pytest

from followup_cli import parse_html
from followup_cli.parse.stylesheet import framework_hides, media_holds
from pages import MEASURE_ROWS, page


def _comments(body: str, *, head: str = '<meta charset="utf-8">') -> list[tuple[str, str | None]]:
    measure = "<table>" + MEASURE_ROWS.format(measure="S1 施策【情報課】", direction="継続") + "</table>"
    report = parse_html(page(measure + body, head=head))
    (found,) = report.measures
    return [(comment.text, comment.reply) for comment in found.comments]


def _table(rows: str, table_class: str = "") -> str:
    return (f"<table class='{table_class}'><tr><th>全体に対する外部評価実施者意見</th>"
            f"<th>担当課返答</th></tr>{rows}</table>")


@pytest.mark.parametrize(
    ("query", "holds"),
    [
        ("screen", True),
        ("print", False),
        ("(max-width: 767px)", False),
        ("screen and (min-width: 768px)", True),
        ("(min-width: 80em)", True),
        ("(min-width: 1400px)", False),
        ("not print", True),
        ("print, (min-width: 992px)", True),
        ("(prefers-color-scheme: dark)", False),
        ("(width >= 1024px)", True),
    ],
)
def test_media_queries_are_those_of_a_desktop_screen(query: str, holds: bool) -> None:
    assert media_holds(query) is holds


def test_a_descendant_rule_hides_and_a_phone_only_rule_does_not_show() -> None:
    head = ("<meta charset='utf-8'><style>.cards .label { display: none }"
            "@media (max-width: 767px) { .cards .label { display: inline } }"
            "@media print { .screen-only { display: none } }</style>")
    rows = ("<tr><td><span class='label'>意見</span>見える意見</td>"
            "<td><span class='label'>返答</span>見える返答<span class='screen-only'>画面</span></td></tr>")
    assert _comments(_table(rows, "cards"), head=head) == [("見える意見", "見える返答画面")]


def test_the_cascade_decides_important_then_specificity_then_order() -> None:
    head = ("<meta charset='utf-8'><style>.note { display: none }"
            "td .note.shown { display: inline }"  # more specific: shown
            ".gone { display: inline } .gone { display: none }"  # later: hidden
            ".kept { display: none } .kept { display: inline !important }</style>")
    rows = ("<tr><td>意見<span class='note shown'>一</span><span class='note'>二</span>"
            "<span class='gone'>三</span><span class='kept'>四</span></td><td>返答</td></tr>")
    assert _comments(_table(rows), head=head) == [("意見一四", "返答")]


def test_an_element_type_rule_hides_a_cell_note() -> None:
    # LibreOffice Calc writes a cell's note as <comment>, hidden by the page's style.
    head = "<meta charset='utf-8'><style>comment { display:none; }</style>"
    rows = "<tr><td>意見</td><td><comment>係長確認済</comment>返答</td></tr>"
    assert _comments(_table(rows), head=head) == [("意見", "返答")]


@pytest.mark.parametrize(
    ("classes", "hidden"),
    [
        ("visually-hidden", True),
        ("sr-only", True),
        ("screen-reader-text", True),
        ("d-none", True),
        ("d-none d-md-block", False),
        ("d-md-none", True),
        ("d-none d-print-block", True),
        ("hidden", True),
        ("hidden lg:block", False),
        ("md:hidden", True),
        ("visible-xs", True),
        ("material-symbols-outlined", True),
        ("table table-striped", False),
        ("btn btn-primary", False),
    ],
)
def test_framework_classes_hide_what_a_desktop_screen_hides(classes: str, hidden: bool) -> None:
    assert framework_hides(classes.split()) is hidden


def test_screen_reader_text_and_icon_glyphs_are_not_text() -> None:
    rows = ("<tr><td><span class='material-icons' aria-hidden='true'>forum</span>意見</td>"
            "<td>案内は<a href='x'>サイト<span class='visually-hidden'>（新しいウィンドウで開きます）"
            "</span></a>にあります。<br class='d-md-none'>以上</td></tr>")
    assert _comments(_table(rows)) == [("意見", "案内はサイトにあります。以上")]


def test_an_image_drawing_a_label_reads_as_its_alt_text_and_an_icon_does_not() -> None:
    body = ("<table><tr><th><img src='a.gif' alt='全体に対する外部評価実施者意見' width='300' "
            "height='18'></th><th><img src='b.gif' alt='担当課返答'></th></tr>"
            "<tr><td>意見</td><td>資料<img src='pdf.gif' alt='PDF' width='16' height='16'></td></tr>"
            "</table>")
    assert _comments(body) == [("意見", "資料")]


def test_a_dash_alone_is_nothing_entered_and_ikennashi_is_no_comment() -> None:
    measure = "<table>" + MEASURE_ROWS.format(measure="S1 施策【情報課】", direction="継続") + "</table>"
    body = _table("<tr><td>意見</td><td>－</td></tr><tr><td>二つ目</td><td>―</td></tr>") + (
        "<table><tr><th>課題に対する外部評価実施者意見</th><th>担当課返答</th></tr>"
        "<tr><td>意見なし</td><td>　</td></tr></table>")
    report = parse_html(page(measure + body))
    (found,) = report.measures
    assert [(c.section, c.text, c.reply) for c in found.comments] == [
        ("overall", "意見", None), ("overall", "二つ目", None)]
    assert any("「意見なし」" in warning for warning in report.warnings)
