"""What each table row is, from its labels alone, never its position."""

from __future__ import annotations

from enum import IntEnum, auto
from typing import NamedTuple

from followup_cli.parse import vocabulary as words
from followup_cli.parse.grid import Cell, Row
from followup_cli.parse.vocabulary import Role


class RowKind(IntEnum):
    # IntEnum: kinds are dictionary keys on every row, and int hashes in C.
    EMPTY = auto()
    # A cell naming the page itself (外部評価実施後の対応状況表) as a table's first row.
    PAGE_TITLE = auto()
    # Labels each followed by a value: 事業又は施策名 | ICTの活用 | 担当課 | 情報課.
    LABEL_VALUE = auto()
    # Labels alone naming the columns of a table with one measure per row.
    MEASURE_COLUMNS = auto()
    # A header row naming the comment and reply columns.
    HEADER = auto()
    # A row of labels alone that names no comment column: the rest of a header band.
    LABELS = auto()
    # Stacked layouts: a comment, then its reply, each after a label cell.
    COMMENT_LABELLED = auto()
    REPLY_LABELLED = auto()
    # A header naming a number and a reply column but no comment column: the
    # replies set beside their comments' table, paired by number.
    REPLY_COLUMNS = auto()
    # One cell naming a section: 全体に対する外部評価実施者意見.
    SECTION_TITLE = auto()
    # The publisher's note: a table foot, a row across the table, a ※ line.
    NOTE = auto()
    DATA = auto()


class Classified(NamedTuple):
    kind: RowKind
    row: Row
    # The row's own cells with text, left to right.
    cells: tuple[Cell, ...]
    # Where the label sits among ``cells``: past any leading number cells.
    lead: int = 0


def _is_number(folded: str | None) -> bool:
    return folded is not None and words.NUMBER_VALUE.match(folded) is not None


def classify(row: Row) -> Classified:
    cells = tuple(cell for cell in row.own if cell.text)
    if not cells:
        return Classified(RowKind.EMPTY, row, cells)
    folded = [words.fold_label(cell.text) for cell in cells]
    lead = 0
    while lead < len(cells) - 1 and _is_number(folded[lead]):
        lead += 1
    first = folded[lead]
    if first is not None:
        kind = _label_row_kind(cells, folded, lead, first)
        if kind is not None:
            return Classified(kind, row, cells, lead)
    return Classified(_plain_row_kind(row, cells, folded), row, cells, lead)


def _label_row_kind(
    cells: tuple[Cell, ...], folded: list[str | None], lead: int, first: str
) -> RowKind | None:
    roles = [words.header_role(f) if f is not None else None for f in folded]
    if _is_header(cells, folded, roles):
        return RowKind.HEADER
    value_role = words.value_role(first)
    if value_role is not None:
        second = folded[lead + 1] if len(folded) > lead + 1 else None
        if value_role is Role.MEASURE and second is not None and (
                words.value_role(second) is not None):
            # Labels side by side name columns: a table with a measure per row.
            # With columns that are no part of the form (令和5年度, 予算額) and
            # no direction, it lists measures with their budget or schedule.
            named = [words.value_role(f) if f is not None else None for f in folded]
            if Role.DIRECTION in named or all(role is not None for role in named):
                return RowKind.MEASURE_COLUMNS
            return RowKind.LABELS
        return RowKind.LABEL_VALUE
    styled = cells[lead].styled_as_header
    if len(cells) > lead + 1 and words.is_labelled_comment(first, styled):
        return RowKind.COMMENT_LABELLED
    if words.is_reply_header(first):
        # With or without its value: an empty reply still closes its comment.
        return RowKind.REPLY_LABELLED
    if len(cells) == 1:
        if words.is_section_title(first, styled):
            return RowKind.SECTION_TITLE
        if words.TITLE_TEXT.search(first):
            return RowKind.PAGE_TITLE
    if all(role is not None for role in roles) and (len(cells) > 1 or styled):
        if Role.REPLY in roles and Role.NUMBER in roles and Role.COMMENT not in roles:
            return RowKind.REPLY_COLUMNS
        return RowKind.LABELS
    return None


def _is_header(cells: tuple[Cell, ...], folded: list[str | None],
               roles: list[Role | None]) -> bool:
    """A row naming a comment column and a reply column, every cell short enough
    to be a label: a column named by a word we do not know (備考) or a measure
    column (今後の市の方向性) beside them is still a header, never a comment."""
    if not all(f is not None for f in folded) or not any(
        role is Role.COMMENT and f is not None and (
            cell.styled_as_header
            or words.LABEL_ONLY.search(f) is not None
            or words.SECTION_TITLE.match(f) is not None
        )
        for role, f, cell in zip(roles, folded, cells, strict=True)
    ):
        return False
    # Without a reply column it is a header only when all its cells are set as
    # headers: 委員意見 | 意見なし is a comment beside its label.
    return Role.REPLY in roles or (len(cells) > 1 and all(c.styled_as_header for c in cells))


def _plain_row_kind(row: Row, cells: tuple[Cell, ...], folded: list[str | None]) -> RowKind:
    if row.group == "foot":
        return RowKind.NOTE
    if len(cells) == 1:
        cell = cells[0]
        if words.is_note(cell.text):
            return RowKind.NOTE
        if row.grid.width > 1 and cell.column == 0 and cell.colspan >= row.grid.width:
            return RowKind.NOTE
    if all(f is not None and words.is_note(f) for f in folded):
        return RowKind.NOTE
    return RowKind.DATA


def names_follow_up(classified: Classified) -> bool:
    """A row that makes its table a follow-up table: a label, or a section title
    that names the evaluators' comments (a bare 全体 or 課題 is not enough)."""
    kind = classified.kind
    if kind in (RowKind.LABEL_VALUE, RowKind.MEASURE_COLUMNS, RowKind.HEADER,
                RowKind.COMMENT_LABELLED, RowKind.REPLY_COLUMNS):
        return True
    return kind is RowKind.SECTION_TITLE and (
        words.COMMENT_HEADER.search(words.fold(classified.cells[0].text)) is not None
    )
