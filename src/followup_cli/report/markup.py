"""Small pieces of the report's markup: escaping, names, percentages, tables, sections.

Every string from a page goes through :func:`escape` (:func:`html.escape`) on
its way into the markup; the fixed labels of the report are the only raw HTML.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from followup_cli.model import Measure
from followup_cli.stats import StatsRow
from followup_cli.years import era_label

SPARKS = "▁▂▃▄▅▆▇█"


def escape(text: object) -> str:
    return html.escape(str(text), quote=True)


def year_name(year: int | None) -> str:
    return "年度不明 (unknown)" if year is None else f"{year}（{era_label(year)}）"


def year_of(row: StatsRow) -> int | None:
    value = row.value("fiscal_year")
    return value if isinstance(value, int) else None


# A department is known by its city and its name: two cities' こども課 are two.
DepartmentKey = tuple[str | None, str | None]


def department_of(row: StatsRow) -> DepartmentKey:
    city, name = row.value("municipality"), row.value("department")
    return (city if isinstance(city, str) else None, name if isinstance(name, str) else None)


def percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.1f}%"


def rate_tick(value: float) -> str:
    return f"{value * 100:.0f}%"


def count_text(value: float) -> str:
    return f"{value:.0f}"


def department_name(key: DepartmentKey, *, with_municipality: bool) -> str:
    """The department as the report names it; its city too when the report covers several."""
    city, name = key
    text = "（担当課不明）" if name is None else name
    if with_municipality and city is not None:
        text += f"（{city}）"
    return text


def measure_name(measure: Measure) -> str:
    return f"{measure.code} {measure.name}" if measure.code else measure.name


def sparkline(rates: Sequence[float | None]) -> str:
    return "".join(
        "·" if rate is None else SPARKS[min(len(SPARKS) - 1, int(rate * len(SPARKS)))]
        for rate in rates
    )


def heading(japanese: str, english: str) -> str:
    return f'{escape(japanese)} <span class="en" lang="en">{escape(english)}</span>'


def table(
    caption: str,
    head: Sequence[str],
    rows: Iterable[Sequence[tuple[str, bool]]],
    *,
    total: int = -1,
) -> str:
    """A table; each cell is (text, numeric). ``total`` marks that row index as the total."""
    parts = [f"<table><caption>{caption}</caption><thead><tr>"]
    parts.extend(f'<th scope="col">{cell}</th>' for cell in head)
    parts.append("</tr></thead><tbody>")
    for index, row in enumerate(rows):
        parts.append('<tr class="total">' if index == total else "<tr>")
        for position, (text, numeric) in enumerate(row):
            tag = "th" if position == 0 else "td"
            scope = ' scope="row"' if tag == "th" else ""
            klass = ' class="num"' if numeric else ""
            parts.append(f"<{tag}{scope}{klass}>{escape(text)}</{tag}>")
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def section(anchor: str, title: str, *, lead: str, chart: str, table: str, rest: str = "") -> str:
    return (
        f'<section id="{anchor}"><h2>{title}</h2><p class="lead">{lead}</p>'
        f'<div class="figure">{chart}<div class="table">{table}</div></div>{rest}</section>'
    )
