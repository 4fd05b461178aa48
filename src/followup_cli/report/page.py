"""The report as one self-contained HTML page.

Everything the page needs is in the file: the style sheet in one ``<style>``
element, the charts as inline SVG, no script at all. A Content-Security-Policy
meta tag allows exactly that style sheet (by its SHA-256) and nothing else, so
even markup that slipped through could not load or run anything. Page text is
escaped with :func:`html.escape` wherever it is written.

Each section holds one chart and, beside it, one table of the same figures
(for screen readers and for copying into a council question); the lists under
it (unanswered comments, changes) are headings and lists.
"""

from __future__ import annotations

import base64
import hashlib

from followup_cli.report.changes import changes_section
from followup_cli.report.content import ReportContent
from followup_cli.report.markup import escape, year_name
from followup_cli.report.sections import department_section, summary_section, unanswered_section

STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, "Hiragino Sans", "Noto Sans CJK JP", "Yu Gothic", Meiryo,
  sans-serif; margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 3rem; line-height: 1.6;
  color: #222; background: #fff; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #0072B2; padding-bottom: .2rem;
  margin-top: 2.5rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .3rem; }
h4 { font-size: 1rem; margin: .8rem 0 .2rem; }
.en { color: #666; font-weight: normal; font-size: .85em; }
.lead { color: #444; }
.figure { display: flex; flex-direction: column; gap: 1rem; }
.table { overflow-x: auto; }
svg.chart { max-width: 100%; height: auto; font-family: inherit; }
table { border-collapse: collapse; font-size: .9rem; }
caption { text-align: left; font-weight: bold; padding-bottom: .3rem; }
th, td { border: 1px solid #ccc; padding: .2rem .5rem; vertical-align: top; }
th { background: #f2f5f8; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: bold; background: #fafafa; }
.direction { color: #333; background: #f6f8fa; border-left: 3px solid #009E73;
  padding: .2rem .6rem; margin: .2rem 0 .4rem; }
.muted { color: #777; }
ol, ul { margin-top: .2rem; }
li { margin-bottom: .3rem; }
del { color: #8a1f11; }
ins { color: #1a5e1a; text-decoration: none; }
nav ul { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; padding: 0; list-style: none; }
footer { margin-top: 3rem; font-size: .85rem; color: #555; }
"""


def style_hash(style: str = STYLE) -> str:
    digest = hashlib.sha256(style.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def content_security_policy(style: str = STYLE) -> str:
    """Nothing may load or run; only the page's own style sheet applies."""
    return (
        f"default-src 'none'; style-src '{style_hash(style)}'; img-src 'none'; "
        "font-src 'none'; script-src 'none'; connect-src 'none'; base-uri 'none'; "
        "form-action 'none'"
    )


def render_page(content: ReportContent, *, title: str | None = None) -> str:
    """The whole HTML document."""
    heading = title or "外部評価実施後の対応状況 集計レポート"
    years = "、".join(year_name(year) for year in content.years) or "年度不明"
    sections = [summary_section(content), department_section(content), unanswered_section(content)]
    nav = [
        ("summary", "年度別の概要"),
        ("departments", "担当課別の回答率"),
        ("unanswered", "未回答の意見"),
    ]
    if content.changes:
        sections.append(changes_section(content))
        nav.append(("changes", "年度間の変化"))
    else:
        sections.append(
            '<p class="muted">2つ以上の年度を読み込むと、年度間の変化を示します '
            '<span lang="en">(read two or more fiscal years to see what changed)</span>.</p>'
        )
    sources = "".join(f"<li>{escape(source)}</li>" for source in content.sources)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" '
        f'content="{escape(content_security_policy())}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{escape(heading)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f'<header><h1>{escape(heading)} <span class="en" lang="en">Follow-up report</span></h1>'
        f'<p class="lead">{escape(years)}</p>'
        "<nav><ul>"
        + "".join(f'<li><a href="#{anchor}">{escape(label)}</a></li>' for anchor, label in nav)
        + "</ul></nav></header>\n<main>\n"
        + "\n".join(sections)
        + "\n</main>\n"
        f"<footer><details><summary>読み込んだページ ({len(content.sources)}) "
        f'<span lang="en">pages read</span></summary><ul>{sources}</ul></details>'
        "<p>followup report で作成 <span lang='en'>(made with followup report)</span></p>"
        "</footer>\n</body>\n</html>\n"
    )
