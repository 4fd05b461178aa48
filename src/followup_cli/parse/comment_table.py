"""Comment tables: a header band opens one, its columns' roles read each data row."""

from __future__ import annotations

from followup_cli.parse import vocabulary as words
from followup_cli.parse.celltext import element_text
from followup_cli.parse.grid import Cell, Grid, Row
from followup_cli.parse.header import ColumnRoles, column_roles, section_label
from followup_cli.parse.rows import Classified
from followup_cli.parse.state import OpenSection, State, ensure_measure, one_line, place, unmapped


def header(state: State, classified: Classified) -> None:
    row = classified.row
    grid = row.grid
    band = [*state.band_tops.pop(grid, []), row]
    open_section(state, grid, band, row)


def open_section(state: State, grid: Grid, band: list[Row], row: Row) -> None:
    roles = column_roles(band, grid.width)
    if not roles.comment or not roles.reply:
        return
    title = state.section_titles.pop(grid, None)
    section, label = section_label(roles, title, caption(grid))
    ensure_measure(state, row)
    state.comment_tables += 1
    state.sections[grid] = OpenSection(grid, roles, section, label, band)


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
    label = one_line(title.text)
    ensure_measure(state, row)
    state.comment_tables += 1
    state.sections[grid] = OpenSection(grid, roles, words.section_of(words.fold(label)),
                                       label, [], band_open=False)


def cells_at(row: Row, columns: list[int]) -> list[Cell]:
    found: list[Cell] = []
    for column in columns:
        cell = row.slot(column)
        if cell is not None and cell.text and all(cell is not seen for seen in found):
            found.append(cell)
    return found


def _switch_section(open_section: OpenSection, cell: Cell) -> None:
    open_section.label = one_line(cell.text)
    open_section.section = words.section_of(words.fold(open_section.label))


def _section_cells(open_section: OpenSection, classified: Classified) -> set[int]:
    """A 区分 column naming the section (全体に対する, 課題に対する, 総評), often
    spanning its comments, or a section cell in a row: it switches the section
    for the rows it covers. The ids of the cells it took."""
    row = classified.row
    roles = open_section.roles
    used: set[int] = set()
    for cell in cells_at(row, roles.section):
        used.add(id(cell))
        if cell.row == row.index:
            _switch_section(open_section, cell)
    for cell in classified.cells:
        folded = words.fold_label(cell.text)
        if (id(cell) not in used and folded is not None
                and words.is_section_title(folded, cell.styled_as_header)
                and not words.is_comment_header(folded)
                and cell.column not in roles.comment and cell.column not in roles.reply):
            used.add(id(cell))
            _switch_section(open_section, cell)
    return used


def comment_row(state: State, open_section: OpenSection, classified: Classified) -> None:
    row = classified.row
    draft = ensure_measure(state, row)
    roles = open_section.roles
    used = _section_cells(open_section, classified)
    comment_cells = [cell for cell in cells_at(row, roles.comment) if id(cell) not in used]
    if len(comment_cells) > 1 and words.NUMBER_VALUE.match(words.fold(comment_cells[0].text)):
        used.add(id(comment_cells.pop(0)))
    reply_cells = [cell for cell in cells_at(row, roles.reply)
                   if id(cell) not in used and all(cell is not c for c in comment_cells)]
    used.update(id(cell) for cell in (*comment_cells, *reply_cells))
    used.update(id(cell) for cell in cells_at(row, roles.number)
                if words.NUMBER_VALUE.match(words.fold(cell.text)))
    own_comments = [cell for cell in comment_cells if cell.row == row.index]
    reply = "\n".join(cell.text for cell in reply_cells) or None
    if own_comments:
        text = "\n".join(cell.text for cell in own_comments)
        shared = reply is not None and any(cell.rowspan > 1 for cell in reply_cells)
        open_section.last_comment = draft.add_comment(open_section.section, open_section.label,
                                                      text, reply, shared)
    elif any(cell.row == row.index for cell in reply_cells):
        own_reply = "\n".join(c.text for c in reply_cells if c.row == row.index)
        if comment_cells and open_section.last_comment is not None:
            # One comment spanning rows, answered in several reply cells.
            draft.append_reply(open_section.last_comment, own_reply)
        else:
            state.warnings.append(f"{place(row)}: a reply with no comment in section "
                                  f"「{open_section.label}」: 「{own_reply}」")
    _leftovers(state, open_section, classified, used)


def _leftovers(state: State, open_section: OpenSection, classified: Classified,
               used: set[int]) -> None:
    """Cells no role took: a column the model has no field for, or unmapped text."""
    row = classified.row
    for cell in classified.cells:
        if id(cell) in used:
            continue
        if cell.column in open_section.roles.other:
            key = (row.grid, cell.column)
            header = open_section.roles.other[cell.column]
            state.extra_columns.setdefault(key, (header, []))[1].append(cell.text)
        else:
            unmapped(state, row, [cell], f"a cell outside the comment and reply columns of "
                     f"「{open_section.label}」")


def caption(grid: Grid) -> str | None:
    caption = grid.table.find("caption")
    return element_text(caption) if caption is not None else None


