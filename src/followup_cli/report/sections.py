"""The figures sections of the report: the summary per year, departments, unanswered comments.

Each is one chart with a table of the same figures beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from followup_cli.report.content import DepartmentUnanswered, ReportContent
from followup_cli.report.markup import (
    DepartmentKey,
    count_text,
    department_name,
    department_of,
    escape,
    heading,
    measure_name,
    percent,
    rate_tick,
    section,
    sparkline,
    table,
    year_name,
    year_of,
)
from followup_cli.report.svg import Series, bar_chart
from followup_cli.stats import StatsRow, several_municipalities


def _figures(row: StatsRow) -> list[tuple[str, bool]]:
    return [
        (str(row.measures), True),
        (str(row.comments), True),
        (str(row.replied), True),
        (str(row.unanswered), True),
        (percent(row.reply_rate), True),
        (str(row.shared_replies), True),
        ("–" if row.reused_replies is None else str(row.reused_replies), True),
    ]


_FIGURE_HEAD = (
    "施策 <span lang='en'>measures</span>",
    "意見 <span lang='en'>comments</span>",
    "回答あり <span lang='en'>replied</span>",
    "未回答 <span lang='en'>unanswered</span>",
    "回答率 <span lang='en'>reply rate</span>",
    "共有の返答 <span lang='en'>shared</span>",
    "前年度の再利用 <span lang='en'>reused</span>",
)


def summary_section(content: ReportContent) -> str:
    rows = list(content.by_year)
    chart = bar_chart(
        [year_name(year_of(row)) for row in rows],
        [Series("回答率", tuple(row.reply_rate for row in rows))],
        title="年度別の回答率 (reply rate per fiscal year)",
        description="; ".join(
            f"{year_name(year_of(row))}: {percent(row.reply_rate)}" for row in rows
        ),
        maximum=1.0,
        value_text=percent,
        tick_text=rate_tick,
        chart_id="chart-summary",
    )
    body = [[(year_name(year_of(row)), False), *_figures(row)] for row in rows]
    if content.total is not None and len(rows) > 1:
        body.append([("合計 (total)", False), *_figures(content.total)])
    figures_table = table(
        "年度別の概要 <span lang='en'>per fiscal year</span>",
        ["年度 <span lang='en'>fiscal year</span>", *_FIGURE_HEAD],
        body,
        total=len(rows) if len(body) > len(rows) else -1,
    )
    lead = (
        f"{len(content.sources)} ページ、{escape(len(content.years))} 年度分を集計。"
        "回答率は担当課返答のある意見の割合です。"
        '<span class="en" lang="en"> Reply rate: comments with a reply (担当課返答) over all '
        "comments.</span>"
    )
    return section(
        "summary",
        heading("年度別の概要", "Summary per fiscal year"),
        lead=lead,
        chart=chart,
        table=figures_table,
    )


def department_section(content: ReportContent) -> str:
    years = list(content.years)
    departments = [department_of(row) for row in content.by_department]
    cities = several_municipalities(content.by_department)
    cells: dict[tuple[DepartmentKey, int | None], StatsRow] = {
        (department_of(row), year_of(row)): row for row in content.by_department_year
    }
    several = len(years) > 1
    if several:
        series = [
            Series(
                str(year),
                tuple(
                    cells[d, year].reply_rate if (d, year) in cells else None for d in departments
                ),
            )
            for year in years
        ]
    else:
        series = [Series("回答率", tuple(row.reply_rate for row in content.by_department))]
    chart = bar_chart(
        [department_name(d, with_municipality=cities) for d in departments],
        series,
        title="担当課別の回答率 (reply rate by department)",
        description="; ".join(
            f"{department_name(department_of(row), with_municipality=cities)}: "
            f"{percent(row.reply_rate)}"
            for row in content.by_department
        ),
        maximum=1.0,
        value_text=percent,
        tick_text=rate_tick,
        chart_id="chart-departments",
    )
    head = ["担当課 <span lang='en'>department</span>"]
    head.extend(f"{escape(year)} <span lang='en'>rate</span>" for year in years if several)
    head.extend(
        [
            "回答率 <span lang='en'>reply rate</span>",
            "意見 <span lang='en'>comments</span>",
            "未回答 <span lang='en'>unanswered</span>",
        ]
    )
    if several:
        head.append("推移 <span lang='en'>trend</span>")
    body = []
    for row in content.by_department:
        name = department_of(row)
        line: list[tuple[str, bool]] = [(department_name(name, with_municipality=cities), False)]
        rates = [cells[name, year].reply_rate if (name, year) in cells else None for year in years]
        if several:
            line.extend((percent(rate), True) for rate in rates)
        line.extend(
            [
                (percent(row.reply_rate), True),
                (str(row.comments), True),
                (str(row.unanswered), True),
            ]
        )
        if several:
            line.append((_trend_text(rates), False))
        body.append(line)
    figures_table = table("担当課別 <span lang='en'>by department</span>", head, body)
    lead = "回答率の高い順。" + (
        "年度ごとの棒で推移を示します（▁ 0% … █ 100%、· その年度は意見なし）。"
        '<span class="en" lang="en"> One bar per fiscal year shows the trend.</span>'
        if several
        else ""
    )
    return section(
        "departments",
        heading("担当課別の回答率", "Reply rate by department"),
        lead=lead,
        chart=chart,
        table=figures_table,
    )


def _trend_text(rates: Sequence[float | None]) -> str:
    known = [rate for rate in rates if rate is not None]
    text = sparkline(rates)
    if len(known) >= 2:
        points = (known[-1] - known[0]) * 100
        text += f" {points:+.0f} pt"
    return text


def unanswered_section(content: ReportContent) -> str:
    groups = list(content.unanswered)
    years = list(content.years)
    several = len(years) > 1
    cities = len({group.department[0] for group in groups}) > 1

    def name(group: DepartmentUnanswered) -> str:
        return department_name(group.department, with_municipality=cities)

    def count(group: DepartmentUnanswered, year: int | None) -> int:
        return sum(
            len(item.comments)
            for item in group.measures
            if year is None or item.measure.fiscal_year == year
        )

    # One bar per department (all years): the table beside it splits it by year.
    series = [Series("未回答", tuple(float(g.count) for g in groups))]
    chart = bar_chart(
        [name(g) for g in groups],
        series,
        title="担当課別の未回答の意見 (unanswered comments by department)",
        description="; ".join(f"{name(g)}: {g.count}" for g in groups)
        or "未回答の意見はありません",
        value_text=count_text,
        tick_text=count_text,
        chart_id="chart-unanswered",
    )
    head = ["担当課 <span lang='en'>department</span>"]
    head.extend(f"{escape(year)}" for year in years if several)
    head.append("未回答 <span lang='en'>unanswered</span>")
    head.append("施策 <span lang='en'>measures</span>")
    body = []
    for group in groups:
        line: list[tuple[str, bool]] = [(name(group), False)]
        if several:
            line.extend((str(count(group, year)), True) for year in years)
        line.append((str(group.count), True))
        line.append((str(len(group.measures)), True))
        body.append(line)
    figures_table = table(
        "未回答の件数 <span lang='en'>unanswered, by department</span>", head, body
    )
    lists = [_unanswered_list(group, name(group)) for group in groups]
    if not groups:
        lists.append('<p class="muted">未回答の意見はありません (no unanswered comments).</p>')
    lead = (
        "担当課返答のない意見を、担当課と施策ごとに、施策の「今後の市の方向性」とともに示します。"
        '<span class="en" lang="en"> Comments without a reply, by department and measure, '
        "each with the measure's direction.</span>"
    )
    return section(
        "unanswered",
        heading("未回答の意見", "Unanswered comments"),
        lead=lead,
        chart=chart,
        table=figures_table,
        rest="".join(lists),
    )


def _unanswered_list(group: DepartmentUnanswered, name: str) -> str:
    parts = [f"<h3>{escape(name)}（{group.count} 件）</h3>"]
    for item in group.measures:
        measure = item.measure
        parts.append(
            f"<h4>{escape(measure_name(measure))} "
            f'<span class="muted">{escape(year_name(measure.fiscal_year))}</span></h4>'
        )
        direction = measure.direction or "（記載なし / none）"
        parts.append(
            f'<p class="direction"><b>今後の市の方向性</b> <span class="en" lang="en">direction'
            f"</span><br>{escape(direction)}</p>"
        )
        parts.append("<ol>")
        parts.extend(
            f'<li><span class="muted">{escape(comment.section_label)} #{comment.number}</span> '
            f"{escape(comment.text)}</li>"
            for comment in item.comments
        )
        parts.append("</ol>")
    return "".join(parts)
