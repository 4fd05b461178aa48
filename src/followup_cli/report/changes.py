"""The report's last section: what changed from one fiscal year read to the next."""

from __future__ import annotations

from followup_cli.model import Measure
from followup_cli.report.content import ReportContent, YearChanges
from followup_cli.report.markup import (
    count_text,
    escape,
    heading,
    measure_name,
    section,
    table,
    year_name,
)
from followup_cli.report.svg import Series, bar_chart

_CHANGE_KINDS = (
    ("added", "追加された施策", "measures added"),
    ("removed", "なくなった施策", "measures removed"),
    ("rewritten", "方向性の書き換え", "directions rewritten"),
    ("answered", "今年度に回答された意見", "comments answered this year"),
    ("reused", "前年度の返答の再利用", "replies reused"),
)


def _pair(changes: YearChanges) -> str:
    return f"{changes.old_year}→{changes.new_year}"


def changes_section(content: ReportContent) -> str:
    pairs = list(content.changes)

    def counts(changes: YearChanges) -> list[int]:
        return [len(getattr(changes, kind)) for kind, _, _ in _CHANGE_KINDS]

    chart = bar_chart(
        [japanese for _, japanese, _ in _CHANGE_KINDS],
        [Series(_pair(c), tuple(float(n) for n in counts(c))) for c in pairs],
        title="年度間の変化 (changes between fiscal years)",
        description="; ".join(
            f"{_pair(c)}: "
            + ", ".join(
                f"{english} {n}"
                for (_, _, english), n in zip(_CHANGE_KINDS, counts(c), strict=True)
            )
            for c in pairs
        ),
        value_text=count_text,
        tick_text=count_text,
        chart_id="chart-changes",
    )
    head = [
        "変化 <span lang='en'>change</span>",
        *(f"{escape(_pair(c))}" for c in pairs),
    ]
    body = [
        [(f"{japanese} ({english})", False), *((str(len(getattr(c, kind))), True) for c in pairs)]
        for kind, japanese, english in _CHANGE_KINDS
    ]
    figures_table = table("年度間の変化 <span lang='en'>changes</span>", head, body)
    lead = (
        "連続する年度を比べ、施策の追加・削除、方向性の書き換え、前年度に未回答で今年度回答された意見、"
        "前年度の返答の再利用を示します。"
        '<span class="en" lang="en"> Each fiscal year compared with the one before it '
        "(followup diff).</span>"
    )
    details = "".join(_changes_list(c) for c in pairs)
    return section(
        "changes",
        heading("年度間の変化", "Changes between fiscal years"),
        lead=lead,
        chart=chart,
        table=figures_table,
        rest=details,
    )


def _items(title: str, english: str, items: list[str]) -> str:
    if not items:
        return (
            f'<h4>{escape(title)} <span class="en" lang="en">{escape(english)}</span></h4>'
            '<p class="muted">なし (none)</p>'
        )
    return (
        f'<h4>{escape(title)} <span class="en" lang="en">{escape(english)}</span>'
        f"（{len(items)}）</h4>"
        f"<ul>{''.join(f'<li>{item}</li>' for item in items)}</ul>"
    )


def _with_department(measure: Measure) -> str:
    department = f"【{measure.department}】" if measure.department else ""
    return escape(measure_name(measure) + department)


def _changes_list(changes: YearChanges) -> str:
    parts = [
        f"<h3>{escape(year_name(changes.old_year))} → {escape(year_name(changes.new_year))}</h3>",
        _items("追加された施策", "measures added", [_with_department(m) for m in changes.added]),
        _items(
            "なくなった施策", "measures removed", [_with_department(m) for m in changes.removed]
        ),
        _items(
            "方向性の書き換え",
            "directions rewritten",
            [
                f"{_with_department(r.measure)}<br><del>{escape(r.old or '（なし）')}</del><br>"
                f"→ <ins>{escape(r.new or '（なし）')}</ins>"
                for r in changes.rewritten
            ],
        ),
        _items(
            "今年度に回答された意見",
            "comments answered this year",
            [
                f"{_with_department(a.measure)} · {escape(a.comment.section_label)} "
                f"#{a.comment.number}: {escape(a.comment.text)}<br>"
                f'<span class="muted">返答:</span> {escape(a.comment.reply or "")}'
                for a in changes.answered
            ],
        ),
        _items(
            "前年度の返答の再利用",
            "replies reused",
            [
                f"{_with_department(r.measure)} · {escape(r.comment.section_label)} "
                f"#{r.comment.number}: {escape(r.comment.reply or '')}<br>"
                f'<span class="muted">{escape(r.original_year)}年度 '
                f"{escape((r.original_code + ' ') if r.original_code else '')}"
                f"{escape(r.original_measure)} の返答と"
                f"{'同一' if r.exact else f'類似 ({r.similarity:.0f}%)'}</span>"
                for r in changes.reused
            ],
        ),
    ]
    return "".join(parts)
