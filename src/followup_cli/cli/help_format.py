"""Help text wrapped by terminal cells and the kinsoku rules.

Click wraps help by characters, so a line holding 外部評価実施者意見 runs past
the terminal's edge and the terminal folds it anywhere. This formatter
measures in cells and breaks lines where Japanese allows
(:mod:`followup_cli.cli.linebreak`); everything else is Click's layout.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from typer._click.formatting import HelpFormatter

# Click's own: the first column of an option list is at most this wide.
FIRST_COLUMN_MAX = 30
COLUMN_SPACING = 2


def _cells(text: str) -> int:
    from rich.cells import cell_len  # noqa: PLC0415 - rich only for help

    return cell_len(text)


def _wrap(text: str, width: int) -> list[str]:
    # The line breaker needs rich's cell widths: loaded only when help is shown.
    from followup_cli.cli import linebreak  # noqa: PLC0415 - startup time

    return linebreak.wrap(text, width)


def wrap_paragraphs(text: str, width: int, indent: int = 0) -> list[str]:
    """Paragraphs (split at blank lines) rewrapped to ``width`` cells each,
    keeping each paragraph's own indentation; a paragraph opened by a line of
    ``\\b`` is kept as written, as Click does."""
    lines: list[str] = []
    for paragraph in text.expandtabs().split("\n\n"):
        rows = [row for row in paragraph.split("\n") if row.strip()]
        if not rows:
            continue
        if lines:
            lines.append("")
        if rows[0].strip() == "\b":
            lines.extend(" " * indent + row for row in rows[1:])
            continue
        own = len(rows[0]) - len(rows[0].lstrip())
        joined = " ".join(row.strip() for row in rows)
        prefix = " " * (indent + own)
        wrapped = _wrap(joined, max(width - indent - own, 10))
        lines.extend(prefix + line for line in wrapped)
    return lines


class CellHelpFormatter(HelpFormatter):
    def write_text(self, text: str) -> None:
        for line in wrap_paragraphs(text, self.width, self.current_indent):
            self.write(line + "\n" if line else "\n")

    def write_dl(
        self,
        rows: Sequence[tuple[str, str]],
        col_max: int = FIRST_COLUMN_MAX,
        col_spacing: int = COLUMN_SPACING,
    ) -> None:
        pairs = [(first, second) for first, second in _pairs(rows)]
        if not pairs:
            return
        first_width = min(max(_cells(first) for first, _ in pairs), col_max) + col_spacing
        indent = " " * self.current_indent
        hang = " " * (self.current_indent + first_width)
        for first, second in pairs:
            self.write(indent + first)
            if not second:
                self.write("\n")
                continue
            if _cells(first) <= first_width - col_spacing:
                self.write(" " * (first_width - _cells(first)))
            else:
                self.write("\n" + hang)
            width = max(self.width - self.current_indent - first_width, 10)
            described = wrap_paragraphs(second, width)
            self.write((described[0] if described else "") + "\n")
            for line in described[1:]:
                self.write((hang + line if line else "") + "\n")


def _pairs(rows: Iterable[Any]) -> Iterable[tuple[str, str]]:
    for row in rows:
        first, second = (*tuple(row), "", "")[:2]
        yield str(first), str(second)
