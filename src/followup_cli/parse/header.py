"""A comment table's header band, and the role it gives each column.

The header is one or more rows (a row of labels, with cells that may span
rows and columns). Each column takes the role of the lowest header cell above
it that names one, so a spanning 外部評価実施者意見 over 委員 | 意見 makes the
first column the evaluator's and the second the comment's. Data rows are then
read through these roles, so extra columns of any kind, in any position, never
shift the comment and the reply.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

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
    # Measure-level columns beside the comments: 事業又は施策名 (a summary
    # table's measure spanning its comments), 担当課, 今後の市の方向性.
    measure: list[int] = field(default_factory=list)
    department: list[int] = field(default_factory=list)
    direction: list[int] = field(default_factory=list)
    # Columns whose content the model has no place for: their header, by column.
    other: dict[int, str] = field(default_factory=dict)
    # The header texts that named the comment column, top to bottom.
    comment_headers: list[str] = field(default_factory=list)
    # Every column above, by the role it has: how a data row's own cells are read.
    by_column: dict[int, Role] = field(default_factory=dict)

    def index(self) -> ColumnRoles:
        """Fill ``by_column`` once the role lists are complete."""
        self.by_column = {}
        for role, columns in ((Role.SECTION, self.section), (Role.NUMBER, self.number),
                              (Role.MEASURE, self.measure),
                              (Role.DEPARTMENT, self.department),
                              (Role.DIRECTION, self.direction),
                              (Role.REPLY, self.reply), (Role.COMMENT, self.comment)):
            for column in columns:
                self.by_column.setdefault(column, role)
        return self


def _reply_rank(text: str) -> int:
    folded = words.fold(text)
    for rank, word in enumerate(_REPLY_RANK):
        if folded.endswith(word) or word in folded:
            return rank
    return len(_REPLY_RANK)


# A header cell names at most this many columns below it, and a role at most
# this many columns: real headers span two or three, and a hostile page's
# colspan=1000 must not make every data row look at a thousand columns.
_COLUMNS_PER_SEGMENT = 8
_COLUMNS_PER_ROLE = 8


class _HeaderCell(NamedTuple):
    """A header cell as the roles see it: where it stands and what it says."""

    row: int
    column: int
    colspan: int
    rowspan: int
    text: str

    @property
    def last_column(self) -> int:
        return self.column + self.colspan - 1


def _band_cells(band: tuple[_HeaderCell, ...]) -> list[list[_HeaderCell]]:
    """For each band row, top to bottom, the cells covering it: its own, and the
    cells of the band rows above it that span down into it."""
    rows: dict[int, list[_HeaderCell]] = {}
    for cell in band:
        rows.setdefault(cell.row, []).append(cell)
    covering: list[list[_HeaderCell]] = []
    above: list[_HeaderCell] = []
    for index, own in rows.items():
        above = [cell for cell in above if cell.row + cell.rowspan > index]
        covering.append([*above, *(cell for cell in own if cell.text)])
        above.extend(cell for cell in own if cell.rowspan > 1)
    return covering


def _segments(covering: list[list[_HeaderCell]]) -> list[tuple[int, int]]:
    """Runs of columns that the same band cells cover, as (start, stop)."""
    bounds = sorted({edge for cells in covering for cell in cells
                     for edge in (cell.column, cell.last_column + 1)})
    return list(itertools.pairwise(bounds))


def _segment_roles(
    covering: list[list[_HeaderCell]], segments: list[tuple[int, int]]
) -> list[tuple[Role | None, _HeaderCell | None, list[str]]]:
    """Per segment: the lowest role named above it, the cell naming it (or the
    lowest header cell when none does), and the comment headers above it, top down."""
    starts = [start for start, _ in segments]
    found: list[tuple[Role | None, _HeaderCell | None, list[str]]] = [
        (None, None, []) for _ in segments
    ]
    for cells in covering:
        for cell in cells:
            folded = words.fold_label(cell.text)
            cell_role = words.header_role(folded) if folded is not None else None
            first = bisect.bisect_left(starts, cell.column)
            for index in range(first, len(segments)):
                if segments[index][0] > cell.last_column:
                    break
                role, header, named = found[index]
                if cell_role is Role.COMMENT:
                    named = [*named, cell.text]
                if cell_role is Role.CONTENT and role in (Role.COMMENT, Role.REPLY):
                    # 内容 under 外部評価実施者意見: the comment itself, beside 委員名.
                    pass
                elif cell_role is not None:
                    # Lower rows come later: a finer name below wins.
                    role, header = cell_role, cell
                elif role is None:
                    header = cell
                found[index] = (role, header, named)
    return found


# Columns named for the warning about content the model has no field for:
# beyond these, such cells are reported one by one as unmapped text.
_OTHER_COLUMNS = 64


def column_roles(band: list[Row], width: int) -> ColumnRoles:
    """The roles of a comment table's columns under its header band.

    Pages of one corpus repeat the same headers, so the roles are worked out
    once per band of the same cells: the result is shared and never changed.
    """
    top = band[0].index
    cells = tuple(
        _HeaderCell(row.index - top, cell.column, cell.colspan, cell.rowspan, cell.text)
        for row in band
        for cell in row.own
    )
    return _roles_of(cells, width)


@functools.lru_cache(maxsize=1024)
def _roles_of(band: tuple[_HeaderCell, ...], width: int) -> ColumnRoles:
    roles = ColumnRoles()
    covering = _band_cells(band)
    # The usual header, one row of cells spanning one column each: its cells are its segments.
    if len(covering) == 1 and all(cell.colspan == 1 for cell in covering[0]):
        segments = [(cell.column, cell.column + 1) for cell in covering[0]]
    else:
        segments = _segments(covering)
    reply_columns = _assign(roles, segments, _segment_roles(covering, segments), width)
    if reply_columns:
        best = min(rank for rank, _, _ in reply_columns)
        for rank, column, text in reply_columns:
            if rank == best and len(roles.reply) < _COLUMNS_PER_ROLE:
                roles.reply.append(column)
            else:
                roles.other[column] = " ".join(text.split())
    return roles.index()


def _assign(
    roles: ColumnRoles,
    segments: list[tuple[int, int]],
    named: list[tuple[Role | None, _HeaderCell | None, list[str]]],
    width: int,
) -> list[tuple[int, int, str]]:
    """Each segment's columns into their role's list; the reply columns, ranked."""
    reply_columns: list[tuple[int, int, str]] = []
    lists = {Role.NUMBER: roles.number, Role.SECTION: roles.section, Role.COMMENT: roles.comment,
             Role.MEASURE: roles.measure, Role.DEPARTMENT: roles.department,
             Role.DIRECTION: roles.direction}
    ranks: dict[int, int] = {}
    for (start, stop), (role, header, comment_headers) in zip(segments, named, strict=True):
        for column in range(start, min(stop, start + _COLUMNS_PER_SEGMENT, width)):
            if role is Role.REPLY and header is not None:
                if len(reply_columns) < _OTHER_COLUMNS:
                    rank = ranks.setdefault(id(header), _reply_rank(header.text))
                    reply_columns.append((rank, column, header.text))
            elif role in lists and len(lists[role]) < _COLUMNS_PER_ROLE:
                lists[role].append(column)
                if role is Role.COMMENT and not roles.comment_headers:
                    roles.comment_headers = comment_headers
            elif header is not None and len(roles.other) < _OTHER_COLUMNS:
                roles.other[column] = " ".join(header.text.split())
    return reply_columns


# A header repeated over a table's continuation after a page break: …（続き）.
_CONTINUED = re.compile(r"\s{0,3}[(（]\s{0,2}(?:続き|つづき|続)\s{0,2}[)）]$")


def _label(text: str) -> str:
    return _CONTINUED.sub("", words.label_line(text))


def section_label(
    roles: ColumnRoles, title: Cell | None, caption: str | None, heading: str | None = None
) -> tuple[Section, str]:
    """The section a comment table is in, and its label as published.

    The label that names 全体 or 課題 wins, wherever it stands: a title row
    above the header, a header cell, the caption, a heading just above the
    table. Otherwise the section is "other", labelled by its title row or
    its comment header. A continued table's （続き） is not part of the label.
    """
    candidates: list[str] = []
    if title is not None:
        candidates.append(title.text)
    candidates.extend(roles.comment_headers)
    if caption:
        candidates.append(caption)
    if heading:
        candidates.append(heading)
    for text in candidates:
        label = _label(text)
        section = words.section_of(words.fold(label))
        if section != "other":
            return section, label
    if title is not None:
        return "other", _label(title.text)
    if roles.comment_headers:
        return "other", _label(roles.comment_headers[-1])
    return "other", ""
