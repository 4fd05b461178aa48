"""Comment tables: a header band opens one, its columns' roles read each data row."""

from __future__ import annotations

import re

from followup_cli.normalize import nfkc
from followup_cli.parse import vocabulary as words
from followup_cli.parse.celltext import element_text
from followup_cli.parse.grid import Cell, Grid, Row
from followup_cli.parse.header import ColumnRoles, column_roles, section_label
from followup_cli.parse.rows import Classified
from followup_cli.parse.state import (
    OpenSection,
    State,
    apply_value,
    ensure_measure,
    one_line,
    place,
    unmapped,
)
from followup_cli.parse.vocabulary import Role


def header(state: State, classified: Classified) -> None:
    row = classified.row
    grid = row.grid
    band = [*state.band_tops.pop(grid, []), row]
    open_section(state, grid, band, row)


def open_section(state: State, grid: Grid, band: list[Row], row: Row) -> None:
    roles = column_roles(band, grid.width)
    if not roles.comment:
        return
    title = state.section_titles.pop(grid, None)
    section, label = section_label(roles, title, caption(grid), state.section_heading)
    state.section_heading = None
    if not roles.measure:
        # A summary table names each measure in its rows instead.
        ensure_measure(state, row)
    if roles.reply:
        state.comment_tables += 1
    opened = OpenSection(grid, roles, section, label, band)
    draft = state.current
    if draft is not None and draft.comments and (
            draft.comments[-1].section, draft.comments[-1].section_label) == (section, label):
        opened.repeated = True
        opened.last_comment = len(draft.comments) - 1
    state.sections[grid] = opened


def labels(state: State, classified: Classified) -> None:
    row = classified.row
    open_section = state.sections.get(row.grid)
    if open_section is not None and open_section.band_open:
        # The second row of a header band: the columns take its finer names.
        band = [*open_section.band, row]
        open_section.band = band
        roles = column_roles(band, row.grid.width)
        if roles.comment and roles.reply:
            open_section.roles = roles
        return
    state.band_tops.setdefault(row.grid, []).append(row)


def section_title(state: State, classified: Classified) -> None:
    """A row naming a section: it switches an open comment table, or names the next."""
    title = classified.cells[0]
    # Kept for a header row that may follow, even when it switches an open table.
    state.section_titles[classified.row.grid] = title
    open_section = state.sections.get(classified.row.grid)
    if open_section is not None:
        open_section.label = one_line(title.text)
        open_section.section = words.section_of(words.fold(open_section.label))


def open_untitled(state: State, grid: Grid, row: Row) -> None:
    """A section title spanning the table, then comment rows with no header row:
    the reply is the last column the title spans, the comment the one before it."""
    title = state.section_titles.pop(grid)
    last = title.last_column
    roles = ColumnRoles()
    if title.colspan > 1:
        roles.comment, roles.reply = [last - 1], [last]
    else:
        roles.comment = [last]
    roles.index()
    label = one_line(title.text)
    ensure_measure(state, row)
    if roles.reply:
        state.comment_tables += 1
    state.sections[grid] = OpenSection(grid, roles, words.section_of(words.fold(label)),
                                       label, [], band_open=False)


def _switch_section(open_section: OpenSection, cell: Cell) -> None:
    open_section.label = one_line(cell.text)
    open_section.section = words.section_of(words.fold(open_section.label))


def comment_row(state: State, open_section: OpenSection, classified: Classified) -> None:
    """A data row read through its table's column roles.

    The row's own cells are read by the role of the column they start in; a
    comment or reply cell spanning down from a row above is looked up in the
    grid, so a merged reply answers every comment it covers.
    """
    row = classified.row
    roles = open_section.roles
    comments, replies, rest, measure_fields = _cells_by_role(open_section, classified)
    # The measure's own cells first: a measure cell starts the measure they belong to.
    for role, cell in sorted(measure_fields, key=lambda field: field[0] is not Role.MEASURE):
        apply_value(state, role, cell.text, place(row))
    draft = ensure_measure(state, row)
    if len(comments) > 1 and words.is_number(comments[0].text):
        comments.pop(0)
    if not replies and roles.reply:
        above = row.slot(roles.reply[0])
        band_end = max((band_row.index for band_row in open_section.band), default=-1)
        if above is not None and above.text and band_end < above.row < row.index:
            replies.append(above)
    reply = "\n".join(cell.text for cell in replies) or None
    if comments and reply is None and all(words.says_no_comment(cell.text) for cell in comments):
        state.warnings.append(f"{place(row)}: {open_section.label}: 「{comments[0].text}」 "
                              "(no comments in this section)")
        comments = []
    if comments and _continues_comment(open_section, row, comments):
        # A row whose number cell is empty, under the header a page break repeated:
        # the rest of the comment before it (an Acrobat or Word export's split row).
        assert open_section.last_comment is not None  # noqa: S101 - checked just above
        draft.continue_comment(open_section.last_comment,
                               "\n".join(cell.text for cell in comments), reply)
    elif comments:
        shared = reply is not None and any(cell.rowspan > 1 for cell in replies)
        open_section.last_comment = draft.add_comment(
            open_section.section, open_section.label,
            "\n".join(cell.text for cell in comments), reply, shared)
    elif replies and replies[0].row == row.index:
        own_reply = "\n".join(cell.text for cell in replies)
        above = row.slot(roles.comment[0]) if roles.comment else None
        spanning = above is not None and bool(above.text) and above.row < row.index
        if spanning and open_section.last_comment is not None:
            # One comment spanning rows, answered in several reply cells.
            draft.append_reply(open_section.last_comment, own_reply)
        else:
            state.warnings.append(f"{place(row)}: a reply with no comment in section "
                                  f"「{open_section.label}」: 「{own_reply}」")
    open_section.repeated = False
    _leftovers(state, open_section, row, rest)


def _continues_comment(open_section: OpenSection, row: Row, comments: list[Cell]) -> bool:
    """Under a repeated header, a first row with its own number cell left empty."""
    roles = open_section.roles
    if not roles.number or open_section.last_comment is None or not open_section.repeated:
        return False
    own = next((cell for cell in row.own if cell.column == roles.number[0]), None)
    return own is not None and not own.text and all(cell.row == row.index for cell in comments)


def _cells_by_role(
    open_section: OpenSection, classified: Classified
) -> tuple[list[Cell], list[Cell], list[Cell], list[tuple[Role, Cell]]]:
    """The row's own comment cells, reply cells, cells no role takes, and cells
    of the measure's own columns; 区分 cells switch the section and numbers of
    a number column are only numbers."""
    roles = open_section.roles
    measure_fields: list[tuple[Role, Cell]] = []
    comments: list[Cell] = []
    replies: list[Cell] = []
    rest: list[Cell] = []
    for cell in classified.cells:
        role = roles.by_column.get(cell.column)
        if role is Role.COMMENT:
            comments.append(cell)
        elif role is Role.REPLY:
            replies.append(cell)
        elif role is Role.SECTION:
            # A 区分 cell (全体に対する, 課題に対する, 総評), often spanning its
            # comments: it switches the section for the rows it covers.
            _switch_section(open_section, cell)
        elif role is Role.NUMBER and words.is_number(cell.text):
            continue
        elif (role is None and cell.column not in roles.other
              and words.is_enumerator(cell.text)):
            continue  # an unheaded column numbering the rows: 意見1, 意見2
        elif role in (Role.MEASURE, Role.DEPARTMENT, Role.DIRECTION):
            measure_fields.append((role, cell))
        elif _names_a_section(cell):
            _switch_section(open_section, cell)
        else:
            rest.append(cell)
    return comments, replies, rest, measure_fields


def _names_a_section(cell: Cell) -> bool:
    folded = words.fold_label(cell.text)
    return (folded is not None and words.is_section_title(folded, cell.styled_as_header)
            and not words.is_comment_header(folded))


def _leftovers(state: State, open_section: OpenSection, row: Row, cells: list[Cell]) -> None:
    """Cells no role took: a column the model has no field for, or unmapped text."""
    for cell in cells:
        header = open_section.roles.other.get(cell.column)
        if header is not None:
            state.extra_columns.setdefault((row.grid, cell.column), (header, []))[1].append(
                cell.text)
        else:
            unmapped(state, row, [cell], f"a cell outside the comment and reply columns of "
                     f"「{open_section.label}」")


def caption(grid: Grid) -> str | None:
    caption = grid.table.find("caption")
    return element_text(caption) if caption is not None else None




# -- replies in a table of their own ----------------------------------------------
# Some pages set the comments' table and the replies' table side by side, each
# with a 番号 column: a reply answers the comments its number names (2・3: two).

_NUMBERS = re.compile(r"\d{1,3}")


def reply_columns(state: State, classified: Classified) -> None:
    """番号 | 担当課返答 with no comment column: the replies of the comments just read."""
    draft = state.current
    roles = {words.header_role(words.fold_label(cell.text) or ""): cell.column
             for cell in classified.cells}
    if draft is None or not draft.comments or Role.NUMBER not in roles:
        unmapped(state, classified.row, classified.cells, "a table of replies with no comments")
        return
    last = draft.comments[-1]
    state.reply_tables[classified.row.grid] = (roles[Role.NUMBER], roles[Role.REPLY],
                                               last.section, last.section_label)
    # Its replies make the comments' table a follow-up table.
    state.comment_tables += 1


def reply_row(state: State, classified: Classified) -> bool:
    """A row of a replies' table, given to the comments its number names."""
    row = classified.row
    table = state.reply_tables.get(row.grid)
    draft = state.current
    if table is None or draft is None:
        return False
    number_column, reply_column, section, label = table
    number = row.slot(number_column)
    reply = row.slot(reply_column)
    if number is None or reply is None or not reply.text:
        return True
    numbers = [int(found) for found in _NUMBERS.findall(nfkc(number.text))]
    answered = [index for index, comment in enumerate(draft.comments)
                if (comment.section, comment.section_label) == (section, label)
                and comment.number in numbers]
    if not answered:
        state.warnings.append(f"{place(row)}: a reply numbered 「{number.text}」 with no comment "
                              f"of that number in 「{label}」: 「{reply.text}」")
    for index in answered:
        draft.set_reply(index, reply.text, shared=len(numbers) > 1)
    return True
