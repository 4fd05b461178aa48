"""Horizontal bar charts as inline SVG, written by hand.

Labels and values are ``<text>`` elements, so Japanese renders in the
reader's own fonts and stays selectable and searchable. Every string that
reaches the markup goes through :func:`html.escape`. No script, no style
attribute, no external reference: the page's Content-Security-Policy allows
none of them.

Why not a chart library: pygal 3.1, the well-kept SVG one, puts a
``<script>`` (its tooltip configuration) in every chart even with
``js=[]``, gives each chart a random id (two runs never give the same
file), and writes 16 KB of CSS and markup for a two-bar chart; these bars
are about 2 KB and the same bytes every run.
"""

from __future__ import annotations

import html
import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Okabe and Ito's palette: told apart with any colour vision.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999")
WIDTH = 640
FONT = 13
BAR = 14
BAR_GAP = 2
GROUP_GAP = 12
TOP = 8
LEGEND = 24
AXIS = 22
VALUE_ROOM = 52


@dataclass(frozen=True, slots=True)
class Series:
    """One colour of bars: a label (the legend) and a value per category (None: no bar)."""

    label: str
    values: tuple[float | None, ...]


def text_width(text: str, size: float = FONT) -> float:
    """A reader's font draws a wide (Japanese) character about 1 em, others about 0.6 em."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.6 for c in text)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def ticks(maximum: float) -> list[float]:
    """0 and up to five round steps (1, 2 or 5 times a power of ten) to ``maximum``."""
    if maximum <= 0:
        return [0.0, 1.0]
    raw = maximum / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1, 2, 5, 10) if s * power >= raw)
    count = math.ceil(maximum / step - 1e-9)
    return [step * index for index in range(count + 1)]


def bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    maximum: float | None = None,
    value_text: Callable[[float], str] = _number,
    tick_text: Callable[[float], str] = _number,
    chart_id: str = "chart",
) -> str:
    """One group of bars per category, one bar per series, scaled to ``maximum``."""
    values = [v for s in series for v in s.values if v is not None]
    scale_ticks = ticks(maximum if maximum is not None else max(values, default=0.0))
    top_value = scale_ticks[-1]
    label_room = min(max((text_width(c) for c in categories), default=0.0) + 12, 240.0)
    label_room = max(label_room, 60.0)
    plot_left = label_room
    plot_width = WIDTH - plot_left - VALUE_ROOM
    legend = LEGEND if len(series) > 1 else 0
    group_height = len(series) * (BAR + BAR_GAP) - BAR_GAP
    plot_top = TOP + legend
    plot_height = len(categories) * (group_height + GROUP_GAP)
    height = plot_top + plot_height + AXIS

    def x(value: float) -> float:
        return plot_left + plot_width * (value / top_value if top_value else 0.0)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{_e(chart_id)}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" height="{height:.0f}" '
        f'role="img" aria-labelledby="{_e(chart_id)}-title {_e(chart_id)}-desc" '
        f'font-size="{FONT}">',
        f'<title id="{_e(chart_id)}-title">{_e(title)}</title>',
        f'<desc id="{_e(chart_id)}-desc">{_e(description)}</desc>',
    ]
    if legend:
        cursor = plot_left
        for index, one in enumerate(series):
            color = PALETTE[index % len(PALETTE)]
            parts.append(
                f'<rect x="{cursor:.1f}" y="{TOP + 2}" width="12" height="12" fill="{color}"/>'
                f'<text x="{cursor + 16:.1f}" y="{TOP + 12}">{_e(one.label)}</text>'
            )
            cursor += 16 + text_width(one.label) + 18
    for tick in scale_ticks:
        tx = x(tick)
        parts.append(
            f'<line x1="{tx:.1f}" y1="{plot_top}" x2="{tx:.1f}" y2="{plot_top + plot_height}" '
            f'stroke="#ddd"/>'
            f'<text x="{tx:.1f}" y="{plot_top + plot_height + 16}" text-anchor="middle" '
            f'font-size="11" fill="#555">{_e(tick_text(tick))}</text>'
        )
    for row, category in enumerate(categories):
        group_top = plot_top + row * (group_height + GROUP_GAP) + GROUP_GAP / 2
        parts.append(
            f'<text x="{plot_left - 8:.1f}" y="{group_top + group_height / 2 + FONT * 0.35:.1f}" '
            f'text-anchor="end">{_e(category)}</text>'
        )
        for index, one in enumerate(series):
            value = one.values[row]
            bar_top = group_top + index * (BAR + BAR_GAP)
            color = PALETTE[index % len(PALETTE)]
            label = f"{one.label}: " if len(series) > 1 else ""
            if value is None:
                parts.append(
                    f'<text x="{plot_left + 4:.1f}" y="{bar_top + BAR - 3:.1f}" font-size="11" '
                    f'fill="#777">{_e(label)}–</text>'
                )
                continue
            end = x(value)
            parts.append(
                f'<rect x="{plot_left:.1f}" y="{bar_top:.1f}" width="{end - plot_left:.1f}" '
                f'height="{BAR}" fill="{color}">'
                f"<title>{_e(label + value_text(value))}</title></rect>"
                f'<text x="{end + 4:.1f}" y="{bar_top + BAR - 3:.1f}" font-size="11">'
                f"{_e(value_text(value))}</text>"
            )
    parts.append(
        f'<line x1="{plot_left:.1f}" y1="{plot_top}" x2="{plot_left:.1f}" '
        f'y2="{plot_top + plot_height}" stroke="#333"/>'
    )
    parts.append("</svg>")
    return "".join(parts)
