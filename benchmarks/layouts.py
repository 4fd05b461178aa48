"""How the benchmark pages are drawn: one function per layout family the parser reads.

Each layout takes the measures of one page and the page's frame (title,
heading, charset declaration) and returns the page as text. The families are
those of ``samples/`` and ``tests/test_parser_structure.py``: ``<th>`` labels,
``<td><strong>`` labels, ``<thead>``/``<tbody>``, a 番号 column with a
``<caption>``, ``colspan`` values and a ``rowspan`` reply shared by several
comments, a layout table around the follow-up tables, escaped ``&lt;p&gt;``
markup, comment/reply row pairs, section title rows, labels above their
values, a department row, whole-year pages with many measures, and old
upper-case HTML with unclosed cells and CRLF line ends.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from content import CommentSpec, MeasureSpec, PageFrame, SectionName
from frames import document as heavy_document

SECTION_HEADERS: dict[SectionName, tuple[str, ...]] = {
    "overall": (
        "全体に対する外部評価実施者意見（コメント）",
        "全体に対する外部評価実施者意見(コメント)",
        "全体に対する外部評価実施者意見",
    ),
    "issues": (
        "課題に対する外部評価実施者意見（コメント）",
        "課題に対する外部評価実施者意見(コメント)",
        "課題 に対する\n外部評価実施者意見 （コメント）",
    ),
    "other": ("その他の外部評価実施者意見",),
}
REPLY_HEADERS = ("担当課返答", "担当課返答", "担当課返答", "担当課回答")
MEASURE_LABEL = "事業又は施策名【担当課】"
DIRECTION_LABEL = "今後の市の方向性"


Layout = Callable[[Sequence[MeasureSpec], PageFrame, random.Random], str]


def measure_cell(measure: MeasureSpec, rng: random.Random, *, with_department: bool = True) -> str:
    """事業又は施策名 as the pages write it: S27ICT…【課】, S27　…, A3 …, or no code."""
    department = f"【{measure.department}】" if with_department and measure.department else ""
    if measure.code is None:
        return measure.name + department
    separator = rng.choice(("", "　", " ", " "))
    return f"{measure.code}{separator}{measure.name}{department}"


def sections(measure: MeasureSpec) -> list[tuple[SectionName, list[CommentSpec]]]:
    """Comments grouped by section, in page order."""
    grouped: list[tuple[SectionName, list[CommentSpec]]] = []
    for comment in measure.comments:
        if not grouped or grouped[-1][0] != comment.section:
            grouped.append((comment.section, []))
        grouped[-1][1].append(comment)
    return grouped


def _header(section: SectionName, rng: random.Random) -> str:
    return rng.choice(SECTION_HEADERS[section])


def _paragraphs(text: str) -> str:
    """Sentences as real <p> elements, as CMS editors save them."""
    parts = [part + "。" for part in text.split("。") if part]
    return "".join(f"<p>{part}</p>" for part in parts)


def _with_breaks(text: str) -> str:
    parts = [part + "。" for part in text.split("。") if part]
    return "<br>\n".join(parts)


def _document(frame: PageFrame, main: str) -> str:
    if frame.chrome is not None:
        return heavy_document(frame.charset_meta, frame.title, frame.chrome, main)
    menu = "".join(
        f'    <li><a href="/{slug}/">{label}</a></li>\n'
        for slug, label in (
            ("kurashi", "くらし・手続き"),
            ("kosodate", "子育て・教育"),
            ("kenko", "健康・福祉"),
            ("sangyo", "産業・まちづくり"),
            ("shisei", "市政情報"),
        )
    )
    return (
        '<!DOCTYPE html>\n<html lang="ja">\n<head>\n'
        f"{frame.charset_meta}\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{frame.title}</title>\n"
        '<link rel="stylesheet" href="/css/common.css">\n</head>\n<body>\n'
        '<p class="skip"><a href="#main">本文へ移動</a></p>\n<div id="header">\n'
        f'  <p class="logo"><a href="/"><img src="/img/logo.png" alt="{frame.city}"></a></p>\n'
        f'  <ul id="gnav">\n{menu}  </ul>\n</div>\n'
        '<div id="pankuzu"><a href="/">ホーム</a> &gt; <a href="/shisei/">市政情報</a> &gt; '
        f'<a href="/shisei/hyouka/">行政評価</a> &gt; {frame.heading}</div>\n'
        f"{main}"
        f'<div id="footer">\n<p>{frame.city}役所　〒399-0101 {frame.city}中央1丁目2番3号'
        "　電話：0263-12-3456（代表）</p>\n"
        "<p>開庁時間：月曜日～金曜日 8時30分～17時15分（祝日・年末年始を除く）</p>\n</div>\n"
        "</body>\n</html>\n"
    )


def _measure_rows(measure: MeasureSpec, rng: random.Random, label: Callable[[str], str]) -> str:
    return (
        f"<tr>\n{label(MEASURE_LABEL)}\n<td>{measure_cell(measure, rng)}</td>\n</tr>\n"
        f"<tr>\n{label(DIRECTION_LABEL)}\n<td>{measure.direction}</td>\n</tr>\n"
    )


def _th(text: str) -> str:
    return f'<th scope="row">{text}</th>'


def _plain_th(text: str) -> str:
    return f"<th>{text}</th>"


def _strong(text: str) -> str:
    return f'<td bgcolor="#e6f0ff"><strong>{text}</strong></td>'


def seed_layout(measures: Sequence[MeasureSpec], frame: PageFrame, rng: random.Random) -> str:
    """The seed page: tables inside a layout table, <th> labels, escaped &lt;p&gt; cells."""
    escape_all = rng.random() < 0.7

    def cell(text: str) -> str:
        if not text:
            return "<td></td>"
        if escape_all or rng.random() < 0.5:
            return f"<td>&lt;p&gt;{text}&lt;/p&gt;</td>"
        return f"<td>{text}</td>"

    parts = [f"<h1>{frame.heading}</h1>\n<p>{frame.lead}</p>\n"]
    for measure in measures:
        parts.append(
            '<table class="datatable" border="1" cellpadding="5" width="100%">\n<tbody>\n'
            + _measure_rows(measure, rng, _th)
            + "</tbody>\n</table>\n<p>&nbsp;</p>\n"
        )
        for section, comments in sections(measure):
            rows = "".join(f"<tr>\n{cell(c.text)}\n{cell(c.reply)}\n</tr>\n" for c in comments)
            parts.append(
                '<table class="datatable" border="1" cellpadding="5" width="100%">\n<tbody>\n'
                f'<tr>\n<th scope="col" width="50%">{_header(section, rng)}</th>\n'
                f'<th scope="col">{rng.choice(REPLY_HEADERS)}</th>\n</tr>\n{rows}'
                "</tbody>\n</table>\n"
            )
    side = "".join(f'<li><a href="/shisei/hyouka/{n}.html">評価結果{n}</a></li>' for n in range(8))
    main = (
        '<table class="layout" width="100%" border="0" cellspacing="0" cellpadding="0">\n'
        '<tr>\n<td id="main" valign="top">\n'
        + "".join(parts)
        + f'</td>\n<td id="side" valign="top" width="200">\n<ul>{side}</ul>\n</td>\n'
        "</tr>\n</table>\n"
    )
    return _document(frame, main)


def strong_layout(measures: Sequence[MeasureSpec], frame: PageFrame, rng: random.Random) -> str:
    """<td><strong> labels, no <tbody>, <br> inside replies."""
    parts = [f"<h1>{frame.heading}</h1>\n"]
    table = '<table border="1" cellspacing="0" cellpadding="4" width="100%">\n'
    for measure in measures:
        parts.append(table + _measure_rows(measure, rng, _strong) + "</table>\n<br>\n")
        for section, comments in sections(measure):
            rows = "".join(
                f"<tr>\n<td>{c.text}</td>\n<td>{_with_breaks(c.reply)}</td>\n</tr>\n"
                for c in comments
            )
            parts.append(
                f"{table}<tr>\n"
                f'<td bgcolor="#e6f0ff" width="50%"><strong>{_header(section, rng)}</strong></td>\n'
                f"{_strong(rng.choice(REPLY_HEADERS))}\n</tr>\n{rows}</table>\n<br>\n"
            )
    parts.append(f"<p>{frame.lead}</p>\n")
    return _document(frame, "".join(parts))


def thead_layout(measures: Sequence[MeasureSpec], frame: PageFrame, rng: random.Random) -> str:
    """Comment tables with <thead>/<tbody>; replies as <p> paragraphs or a <ul>."""

    def reply(text: str) -> str:
        if not text:
            return ""
        if rng.random() < 0.3:
            items = [part + "。" for part in text.split("。") if part]
            return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
        return _paragraphs(text)

    parts = [f'<div id="main">\n<h1>{frame.heading}</h1>\n<p>{frame.lead}</p>\n']
    for measure in measures:
        if len(measures) > 1:
            parts.append(f"<h2>{measure.name}</h2>\n")
        parts.append(
            '<table class="datatable" border="1" width="100%">\n<tbody>\n'
            + _measure_rows(measure, rng, _th)
            + "</tbody>\n</table>\n"
        )
        for section, comments in sections(measure):
            rows = "".join(
                f"<tr>\n<td>{c.text}</td>\n<td>{reply(c.reply)}</td>\n</tr>\n" for c in comments
            )
            parts.append(
                '<table class="datatable" border="1" width="100%">\n<thead>\n<tr>\n'
                f'<th scope="col" width="50%">{_header(section, rng)}</th>\n'
                f'<th scope="col">{rng.choice(REPLY_HEADERS)}</th>\n</tr>\n</thead>\n'
                f"<tbody>\n{rows}</tbody>\n</table>\n"
            )
    parts.append("</div>\n")
    return _document(frame, "".join(parts))


def _number(position: int, style: int) -> str:
    if style == 1 and position <= 20:
        return chr(0x2460 + position - 1)
    if style == 2:
        return f"({position})"
    return str(position)


def numbered_layout(measures: Sequence[MeasureSpec], frame: PageFrame, rng: random.Random) -> str:
    """One 3-column table: <caption>, 番号 column, colspan values, rowspan shared replies."""
    style = rng.randrange(3)
    parts = [f"<main>\n<h2>{frame.heading}</h2>\n"]
    for measure in measures:
        rows = [
            '<table class="followup" border="1">\n'
            f"<caption>{measure.name}に関する外部評価の対応状況</caption>\n"
            f"<tr>\n<th>{MEASURE_LABEL}</th>\n"
            f'<td colspan="2">{measure_cell(measure, rng)}</td>\n</tr>\n'
            f"<tr>\n<th>{DIRECTION_LABEL}</th>\n"
            f'<td colspan="2">{measure.direction}</td>\n</tr>\n'
        ]
        for section, comments in sections(measure):
            rows.append(
                f"<tr>\n<th>番号</th>\n<th>{_header(section, rng)}</th>\n"
                f"<th>{rng.choice(REPLY_HEADERS)}</th>\n</tr>\n"
            )
            for position, comment in enumerate(comments, start=1):
                if comment.span == 0:
                    reply = ""
                elif comment.span > 1:
                    reply = f'<td rowspan="{comment.span}">{comment.reply}</td>\n'
                else:
                    reply = f"<td>{comment.reply}</td>\n"
                rows.append(
                    f"<tr>\n<td>{_number(position, style)}</td>\n<td>{comment.text}</td>\n"
                    f"{reply}</tr>\n"
                )
        rows.append("</table>\n")
        parts.append("".join(rows))
    parts.append(f"<p>{frame.lead}</p>\n</main>\n")
    return _document(frame, "".join(parts))


def labelled_layout(measures: Sequence[MeasureSpec], frame: PageFrame, rng: random.Random) -> str:
    """Each comment and its reply as a pair of labelled rows in the measure's table."""
    parts = [f"<h1>{frame.heading}</h1>\n"]
    for measure in measures:
        rows = [_measure_rows(measure, rng, _th)]
        for section, comments in sections(measure):
            header = _header(section, rng)
            reply_label = rng.choice(REPLY_HEADERS)
            rows.extend(
                f"<tr>\n{_th(header)}\n<td>{c.text}</td>\n</tr>\n"
                f"<tr>\n{_th(reply_label)}\n<td>{c.reply}</td>\n</tr>\n"
                for c in comments
            )
        parts.append('<table border="1" width="100%">\n' + "".join(rows) + "</table>\n")
    parts.append(f"<p>{frame.lead}</p>\n")
    return _document(frame, "".join(parts))


def section_title_layout(
    measures: Sequence[MeasureSpec], frame: PageFrame, rng: random.Random
) -> str:
    """One comment table per measure, split by 全体に対する / 課題に対する title rows."""
    titles: dict[SectionName, str] = {
        "overall": "全体に対する",
        "issues": "課題に対する",
        "other": "その他の外部評価実施者意見",
    }
    parts = [f"<h1>{frame.heading}</h1>\n<p>{frame.lead}</p>\n"]
    for measure in measures:
        parts.append(
            '<table border="1" width="100%">\n' + _measure_rows(measure, rng, _th) + "</table>\n"
        )
        rows = [f"<tr><th>外部評価実施者意見</th><th>{rng.choice(REPLY_HEADERS)}</th></tr>\n"]
        for section, comments in sections(measure):
            rows.append(f'<tr><th colspan="2">{titles[section]}</th></tr>\n')
            rows.extend(f"<tr><td>{c.text}</td><td>{c.reply}</td></tr>\n" for c in comments)
        parts.append('<table border="1" width="100%">\n' + "".join(rows) + "</table>\n")
    return _document(frame, "".join(parts))


def split_label_layout(
    measures: Sequence[MeasureSpec], frame: PageFrame, rng: random.Random
) -> str:
    """事業名 and 担当課 in rows of their own, or each label above its value."""
    above = rng.random() < 0.5
    parts = [f"<h1>{frame.heading}</h1>\n<p>{frame.lead}</p>\n"]
    for measure in measures:
        if above:
            head = (
                f"<tr><th>{MEASURE_LABEL}</th></tr>\n"
                f"<tr><td>{measure_cell(measure, rng)}</td></tr>\n"
                f"<tr><th>{DIRECTION_LABEL}</th></tr>\n<tr><td>{measure.direction}</td></tr>\n"
            )
        else:
            name = measure_cell(measure, rng, with_department=False)
            department = measure.department or ""
            head = (
                f"<tr><th>事業名</th><td>{name}</td></tr>\n"
                f"<tr><th>担当課</th><td>{department}</td></tr>\n"
                f"<tr><th>{DIRECTION_LABEL}</th><td>{measure.direction}</td></tr>\n"
            )
        parts.append('<table border="1" width="100%">\n' + head + "</table>\n")
        for section, comments in sections(measure):
            rows = "".join(f"<tr><td>{c.text}</td><td>{c.reply}</td></tr>\n" for c in comments)
            parts.append(
                '<table border="1" width="100%">\n'
                f"<tr><th>{_header(section, rng)}</th><th>{rng.choice(REPLY_HEADERS)}</th></tr>\n"
                f"{rows}</table>\n"
            )
    return _document(frame, "".join(parts))


def year_table_layout(measures: Sequence[MeasureSpec], frame: PageFrame, rng: random.Random) -> str:
    """A whole year's report: every measure's rows in one <tbody> table."""
    rows: list[str] = []
    for measure in measures:
        rows.append(_measure_rows(measure, rng, _plain_th))
        for section, comments in sections(measure):
            rows.append(
                f"<tr>\n<th>{_header(section, rng)}</th>\n"
                f"<th>{rng.choice(REPLY_HEADERS)}</th>\n</tr>\n"
            )
            rows.extend(
                f"<tr>\n<td>{_paragraphs(c.text)}</td>\n<td>{_paragraphs(c.reply)}</td>\n</tr>\n"
                for c in comments
            )
    main = (
        f'<div id="main">\n<h1>{frame.heading}</h1>\n<p>{frame.lead}</p>\n'
        '<table class="datatable" border="1" width="100%">\n<tbody>\n'
        + "".join(rows)
        + "</tbody>\n</table>\n</div>\n"
    )
    return _document(frame, main)


def old_layout(measures: Sequence[MeasureSpec], frame: PageFrame, rng: random.Random) -> str:
    """HTML 4 in upper case: unclosed <TD>/<TR>, <BR>, CRLF, navigation and footer tables."""
    lines = [
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">',
        "<HTML>",
        "<HEAD>",
        frame.charset_meta,
        f"<TITLE>{frame.title}</TITLE>",
        "</HEAD>",
        '<BODY BGCOLOR="#FFFFFF" TEXT="#000000">',
        '<TABLE WIDTH="100%" BORDER="0" SUMMARY="ナビゲーション">',
        '<TR><TD><A HREF="/index.html">トップページ</A>',
        '<TD><A HREF="/shisei/index.html">市政情報</A>',
        '<TD><A HREF="/sitemap.html">サイトマップ</A>',
        "</TABLE>",
        "<HR>",
        f"<H2>{frame.heading}</H2>",
    ]
    for measure in measures:
        lines.append('<TABLE BORDER="1" CELLPADDING="3" WIDTH="100%">')
        lines.append(f'<TR><TH WIDTH="40%">{MEASURE_LABEL}<TD>{measure_cell(measure, rng)}')
        lines.append(f"<TR><TH>{DIRECTION_LABEL}<TD>{measure.direction}")
        for section, comments in sections(measure):
            lines.append(f"<TR><TH>{_header(section, rng)}<TH>{rng.choice(REPLY_HEADERS)}")
            for comment in comments:
                # Long comments are broken across source lines, as old editors wrapped them.
                text = comment.text
                cut = text.find("、", 20)
                if cut > 0:
                    text = text[: cut + 1] + "\r\n" + text[cut + 1 :]
                reply = comment.reply.replace("。", "。<BR>", 1)
                lines.append(f"<TR><TD>{text}<TD>{reply}")
        lines.append("</TABLE>")
        lines.append("<BR>")
    lines.extend(
        [
            f"<P>{frame.lead}",
            "<HR>",
            '<TABLE WIDTH="100%" BORDER="0">',
            f'<TR><TD ALIGN="center">{frame.city}役所　〒399-0101 {frame.city}中央1丁目2番3号'
            "　TEL 0263-12-3456",
            "</TABLE>",
            "</BODY>",
            "</HTML>",
            "",
        ]
    )
    return "\r\n".join(lines)


# Layouts for a page about one measure, and for a whole year's page with many.
SINGLE_LAYOUTS: dict[str, tuple[Layout, float]] = {
    "seed": (seed_layout, 0.2),
    "strong_td": (strong_layout, 0.14),
    "thead_tbody": (thead_layout, 0.14),
    "numbered": (numbered_layout, 0.12),
    "labelled_rows": (labelled_layout, 0.1),
    "section_titles": (section_title_layout, 0.08),
    "split_labels": (split_label_layout, 0.08),
    "old_upper": (old_layout, 0.14),
}
YEAR_LAYOUTS: dict[str, tuple[Layout, float]] = {
    "year_table": (year_table_layout, 0.4),
    "year_sections": (thead_layout, 0.35),
    "old_upper": (old_layout, 0.25),
}
