"""The ``followup report`` page: reply rates, unanswered comments and changes as one HTML file.

``render_report(measures)`` returns the whole page as text: self-contained
(inline SVG charts, one style sheet, no script, no external reference), with
a Content-Security-Policy that allows nothing else. The figures are those of
:mod:`followup_cli.stats`; the changes between years those of
:mod:`followup_cli.diff`.
"""

from __future__ import annotations

from collections.abc import Sequence

from followup_cli.model import Measure
from followup_cli.report.content import ReportContent, build_content
from followup_cli.report.page import content_security_policy, render_page

__all__ = [
    "ReportContent",
    "build_content",
    "content_security_policy",
    "render_page",
    "render_report",
]


def render_report(
    measures: Sequence[Measure], *, sources: Sequence[str] = (), title: str | None = None
) -> str:
    """The report page for these measures; ``sources`` lists the pages read (default: theirs)."""
    return render_page(build_content(measures, sources), title=title)
