"""A comment table's header band, and the role it gives each column.

The header is one or more rows (a row of labels, with cells that may span
rows and columns). Each column takes the role of the lowest header cell above
it that names one, so a spanning 外部評価実施者意見 over 委員 | 意見 makes the
first column the evaluator's and the second the comment's. Data rows are then
read through these roles, so extra columns of any kind, in any position, never
shift the comment and the reply.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from followup_cli.model import Section
from followup_cli.parse import vocabulary as words
from followup_cli.parse.grid import Cell, Row
from followup_cli.parse.vocabulary import Role

# Of several reply columns the one named most plainly is the reply:
# 担当課返答 over 対応方針 over a status column such as 対応状況.
_REPLY_RANK = ("返答", "回答", "考え方", "見解", "対応方針", "対応内容", "対応", "対応状況")


@dataclass(slots=True)
class ColumnRoles:
    comment: list[int] = field(default_factory=list)
    reply: list[int] = field(default_factory=list)
    number: list[int] = field(default_factory=list)
    section: list[int] = field(default_factory=list)
    # Columns whose content the model has no place for: their header, by column.
    other: dict[int, str] = field(default_factory=dict)
    # The header cells that named the comment column, top to bottom.
    comment_headers: list[Cell] = field(default_factory=list)


def _reply_rank(text: str) -> int:
    folded = words.fold(text)
    for rank, word in enumerate(_REPLY_RANK):
        if folded.endswith(word) or word in folded:
            return rank
    return len(_REPLY_RANK)


def _column_role(band: list[Row], column: int) -> tuple[Role | None, Cell | None, list[Cell]]:
    """The lowest role named above ``column``, the cell naming it (or the lowest
    header cell when none does), and the comment headers above it, bottom up."""
    role: Role | None = None
    header: Cell | None = None
    named: list[Cell] = []
    for row in reversed(band):
        cell = row.slot(column)
        if cell is None or not cell.text:
            continue
        folded = words.fold_label(cell.text)
        cell_role = words.header_role(folded) if folded is not None else None
        if cell_role is Role.COMMENT:
            named.append(cell)
        if role is None and cell_role is not None:
            role, header = cell_role, cell
        elif header is None:
            header = cell
    return role, header, named


def column_roles(band: list[Row], width: int) -> ColumnRoles:
    roles = ColumnRoles()
    reply_columns: list[tuple[int, int, str]] = []
    simple = {Role.NUMBER: roles.number, Role.SECTION: roles.section}
    for column in range(width):
        role, header, named = _column_role(band, column)
        if role is Role.COMMENT:
            roles.comment.append(column)
            if not roles.comment_headers:
                roles.comment_headers = list(reversed(named))
        elif role is Role.REPLY and header is not None:
            reply_columns.append((_reply_rank(header.text), column, header.text))
        elif role in simple:
            simple[role].append(column)
        elif header is not None:
            roles.other[column] = " ".join(header.text.split())
    if reply_columns:
        best = min(rank for rank, _, _ in reply_columns)
        for rank, column, text in reply_columns:
            if rank == best:
                roles.reply.append(column)
            else:
                roles.other[column] = " ".join(text.split())
    return roles


def section_label(
    roles: ColumnRoles, title: Cell | None, caption: str | None
) -> tuple[Section, str]:
    """The section a comment table is in, and its label as published.

    The label that names 全体 or 課題 wins, wherever it stands: a title row
    above the header, a header cell, the caption. Otherwise the section is
    "other", labelled by its title row or its comment header.
    """
    candidates: list[str] = []
    if title is not None:
        candidates.append(title.text)
    candidates.extend(cell.text for cell in roles.comment_headers)
    if caption:
        candidates.append(caption)
    for text in candidates:
        label = " ".join(text.split())
        section = words.section_of(words.fold(label))
        if section != "other":
            return section, label
    if title is not None:
        return "other", " ".join(title.text.split())
    if roles.comment_headers:
        return "other", " ".join(roles.comment_headers[-1].text.split())
    return "other", ""
