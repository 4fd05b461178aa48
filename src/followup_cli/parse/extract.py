"""Measures, directions, comments, replies and notes out of classified rows.

Rows are read in document order across every follow-up table, nested ones
included, so a measure row in one table and its comment table nested in the
next cell still belong together. Each row kind has one handler (``HANDLERS``);
the state they share is one object. Inside a follow-up table any non-empty
cell nothing claims becomes a warning naming its table, row and source line:
nothing a reader can see is dropped in silence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from followup_cli.model import Comment, Measure, Section
from followup_cli.parse import vocabulary as words
from followup_cli.parse.celltext import Element, cell_text, element_text
from followup_cli.parse.grid import Cell, Grid, Row
from followup_cli.parse.header import ColumnRoles, column_roles, section_label
from followup_cli.parse.measure_cell import parse_measure_cell
from followup_cli.parse.rows import Classified, RowKind
from followup_cli.parse.vocabulary import Role


@dataclass(slots=True)
class MeasureDraft:
    code: str | None
    name: str
    department: str | None
    direction: str | None = None
    comments: list[Comment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    numbers: dict[tuple[Section, str], int] = field(default_factory=dict)
    # Named by a heading: kept only if something follows, since pages also
    # repeat a measure's name as a heading above its table.
    from_heading: bool = False

    @property
    def is_bare_heading(self) -> bool:
        return (self.from_heading and self.direction is None and not self.comments
                and not self.notes)

    def add_comment(self, section: Section, label: str, text: str, reply: str | None,
                    shared: bool) -> int:
        """Add a comment numbered within its section; its index in ``comments``.

        Sections other than 全体 and 課題 (総評, 個別意見) are numbered each by its label.
        """
        key = (section, words.fold(label) if section == "other" else "")
        number = self.numbers.get(key, 0) + 1
        self.numbers[key] = number
        self.comments.append(Comment(section, label, number, text, reply, shared))
        return len(self.comments) - 1

    def append_reply(self, index: int, reply: str) -> None:
        comment = self.comments[index]
        joined = reply if comment.reply is None else f"{comment.reply}\n{reply}"
        self.comments[index] = Comment(comment.section, comment.section_label, comment.number,
                                       comment.text, joined, comment.reply_shared)


@dataclass(slots=True)
class OpenSection:
    """A comment table being read: its columns and where its comments go."""

    grid: Grid
    roles: ColumnRoles
    section: Section
    label: str
    band: list[Row]
    # Rows may still extend the header band until the first data row.
    band_open: bool = True
    last_comment: int | None = None


@dataclass(slots=True)
class State:
    drafts: list[MeasureDraft] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sections: dict[Grid, OpenSection] = field(default_factory=dict)
    section_titles: dict[Grid, Cell] = field(default_factory=dict)
    # Label rows above a header row, which begin its band.
    band_tops: dict[Grid, list[Row]] = field(default_factory=dict)
    measure_columns: dict[Grid, dict[Role, int]] = field(default_factory=dict)
    # A label with its value in the next row: (role, table).
    pending: tuple[Role, Grid] | None = None
    # The comment of the last stacked comment row, awaiting its reply row.
    last_labelled: int | None = None
    notes_before_measure: list[str] = field(default_factory=list)
    # Content in columns the model has no place for, gathered per table and column.
    extra_columns: dict[tuple[Grid, int], tuple[str, list[str]]] = field(default_factory=dict)
    comment_tables: int = 0

    @property
    def current(self) -> MeasureDraft | None:
        return self.drafts[-1] if self.drafts else None


def place(row: Row) -> str:
    line = row.sourceline
    where = f"table {row.grid.number}, row {row.index + 1}"
    return f"{where} (line {line})" if line is not None else where


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- measures ------------------------------------------------------------------


def start_measure(state: State, value: str) -> MeasureDraft:
    state.last_labelled = None
    if state.drafts and state.drafts[-1].is_bare_heading:
        state.drafts.pop()
    parsed = parse_measure_cell(value)
    draft = MeasureDraft(parsed.code, parsed.name, parsed.department)
    state.drafts.append(draft)
    if state.notes_before_measure:
        draft.notes.extend(state.notes_before_measure)
        state.notes_before_measure.clear()
    return draft


def ensure_measure(state: State, row: Row) -> MeasureDraft:
    if state.current is None:
        state.warnings.append(f"{place(row)}: comments appear before any 事業又は施策名 row; "
                              "they are kept under a measure with an empty name")
        start_measure(state, "")
    draft = state.current
    assert draft is not None  # noqa: S101 - start_measure just added one
    return draft


def apply_value(state: State, role: Role, value: str, where: str) -> None:
    if role is Role.MEASURE:
        start_measure(state, value)
        return
    draft = state.current
    if draft is None:
        state.warnings.append(f"{where}: unmapped text in a value before any 事業又は施策名 "
                              f"row: 「{value}」")
        return
    if role is Role.DIRECTION:
        draft.direction = value if draft.direction is None else f"{draft.direction}\n{value}"
    elif draft.department is None:
        draft.department = value
    elif draft.department != value:
        state.warnings.append(f"{where}: measure 「{draft.name}」 names two departments: "
                              f"「{draft.department}」 and 「{value}」")


def add_note(state: State, text: str) -> None:
    draft = state.current
    if draft is None:
        state.notes_before_measure.append(text)
    else:
        draft.notes.append(text)


def unmapped(state: State, row: Row, cells: list[Cell] | tuple[Cell, ...], what: str) -> None:
    for cell in cells:
        if cell.text:
            state.warnings.append(f"{place(row)}: unmapped text in {what}: 「{cell.text}」")


# -- row handlers ----------------------------------------------------------------


def _ignore(state: State, classified: Classified) -> None:
    return


def _label_value(state: State, classified: Classified) -> None:
    """Labels each followed by their values, one pair or several in a row:
    事業又は施策名 | ICTの活用 | 担当課 | 情報課."""
    cells = classified.cells[classified.lead :]
    row = classified.row
    first = words.value_role(words.fold_label(cells[0].text) or "")
    assert first is not None  # noqa: S101 - classified LABEL_VALUE by this very test
    groups: list[tuple[Role, list[Cell]]] = [(first, [])]
    for cell in cells[1:]:
        folded = words.fold_label(cell.text)
        role = words.value_role(folded) if folded is not None else None
        if role is not None:
            groups.append((role, []))
        else:
            groups[-1][1].append(cell)
    for role, values in groups:
        if values:
            apply_value(state, role, "\n".join(cell.text for cell in values), place(row))
        else:
            state.pending = (role, row.grid)


def _measure_columns(state: State, classified: Classified) -> None:
    columns: dict[Role, int] = {}
    for cell in classified.cells:
        folded = words.fold_label(cell.text)
        role = words.value_role(folded) if folded is not None else None
        if role is not None:
            columns.setdefault(role, cell.column)
    state.measure_columns[classified.row.grid] = columns


def _header(state: State, classified: Classified) -> None:
    row = classified.row
    grid = row.grid
    band = [*state.band_tops.pop(grid, []), row]
    _open_section(state, grid, band, row)


def _open_section(state: State, grid: Grid, band: list[Row], row: Row) -> None:
    roles = column_roles(band, grid.width)
    if not roles.comment or not roles.reply:
        return
    title = state.section_titles.pop(grid, None)
    section, label = section_label(roles, title, _caption(grid))
    ensure_measure(state, row)
    state.comment_tables += 1
    state.sections[grid] = OpenSection(grid, roles, section, label, band)


def _labels(state: State, classified: Classified) -> None:
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


def _section_title(state: State, classified: Classified) -> None:
    """A row naming a section: it switches an open comment table, or names the next."""
    title = classified.cells[0]
    # Kept for a header row that may follow, even when it switches an open table.
    state.section_titles[classified.row.grid] = title
    open_section = state.sections.get(classified.row.grid)
    if open_section is not None:
        open_section.label = _one_line(title.text)
        open_section.section = words.section_of(words.fold(open_section.label))


def _stacked_label(text: str) -> str:
    # 意見1, 意見(2), 意見③: the number counts comments, it is not part of the label.
    label = _one_line(text)
    while label and (label[-1].isdigit() or label[-1] in "①②③④⑤⑥⑦⑧⑨⑩"):
        label = label[:-1]
    if label.endswith((")", "）")):
        opening = max(label.rfind("("), label.rfind("（"))
        if opening > 0 and label[opening + 1 : -1].strip().isdigit():
            label = label[:opening]
    return label.strip() or _one_line(text)


def _comment_labelled(state: State, classified: Classified) -> None:
    row = classified.row
    draft = ensure_measure(state, row)
    label_cell = classified.cells[classified.lead]
    label = _stacked_label(label_cell.text)
    section = words.section_of(words.fold(label))
    title = state.section_titles.get(row.grid)
    if section == "other" and title is not None:
        label = _one_line(title.text)
        section = words.section_of(words.fold(label))
    text = "\n".join(cell.text for cell in classified.cells[classified.lead + 1 :])
    state.last_labelled = draft.add_comment(section, label, text, None, False)
    state.comment_tables += 1


def _reply_labelled(state: State, classified: Classified) -> None:
    row = classified.row
    reply = "\n".join(cell.text for cell in classified.cells[classified.lead + 1 :])
    draft = state.current
    if draft is not None and state.last_labelled is not None:
        if reply:
            draft.append_reply(state.last_labelled, reply)
        state.last_labelled = None
    elif reply:
        state.warnings.append(f"{place(row)}: a reply with no comment before it: 「{reply}」")


def _note(state: State, classified: Classified) -> None:
    if _take_pending(state, classified):
        return
    add_note(state, "\n".join(cell.text for cell in classified.cells))


def _take_pending(state: State, classified: Classified) -> bool:
    """A value row under a label row with no value of its own."""
    pending = state.pending
    if pending is None or pending[1] is not classified.row.grid:
        return False
    state.pending = None
    apply_value(state, pending[0], "\n".join(cell.text for cell in classified.cells),
                place(classified.row))
    return True


def _data(state: State, classified: Classified) -> None:
    if _take_pending(state, classified):
        return
    row = classified.row
    grid = row.grid
    state.band_tops.pop(grid, None)
    if grid not in state.sections and grid in state.section_titles:
        _open_untitled(state, grid, row)
    open_section = state.sections.get(grid)
    if open_section is not None:
        open_section.band_open = False
        state.section_titles.pop(grid, None)
        _comment_row(state, open_section, classified)
    elif grid in state.measure_columns:
        _measure_row(state, state.measure_columns[grid], classified)
    elif state.drafts:
        unmapped(state, row, classified.cells, "a row outside any comment table")
    # Before the first measure, rows are the sheet's heading (a title cell, a
    # document number, an as-of date), as a page's headings are outside tables.


def _open_untitled(state: State, grid: Grid, row: Row) -> None:
    """A section title spanning the table, then comment rows with no header row:
    the reply is the last column the title spans, the comment the one before it."""
    title = state.section_titles.pop(grid)
    last = title.last_column
    roles = ColumnRoles()
    if title.colspan > 1:
        roles.comment, roles.reply = [last - 1], [last]
    else:
        roles.comment = [last]
    label = _one_line(title.text)
    ensure_measure(state, row)
    state.comment_tables += 1
    state.sections[grid] = OpenSection(grid, roles, words.section_of(words.fold(label)),
                                       label, [], band_open=False)


def _measure_row(state: State, columns: dict[Role, int], classified: Classified) -> None:
    """A data row under a header row naming measure, department and direction columns."""
    row = classified.row
    measure_cell = row.slot(columns[Role.MEASURE]) if Role.MEASURE in columns else None
    if measure_cell is None or not measure_cell.text:
        unmapped(state, row, classified.cells, "a row with no measure name")
        return
    draft = start_measure(state, measure_cell.text)
    used = {id(measure_cell)}
    for role in (Role.DIRECTION, Role.DEPARTMENT):
        if role not in columns:
            continue
        cell = row.slot(columns[role])
        if cell is None or not cell.text or id(cell) in used:
            continue
        used.add(id(cell))
        if role is Role.DIRECTION:
            draft.direction = cell.text
        else:
            draft.department = draft.department or cell.text
    unmapped(state, row, [c for c in classified.cells if id(c) not in used],
             "an unlabelled column")


def _cells_at(row: Row, columns: list[int]) -> list[Cell]:
    found: list[Cell] = []
    for column in columns:
        cell = row.slot(column)
        if cell is not None and cell.text and all(cell is not seen for seen in found):
            found.append(cell)
    return found


def _comment_row(state: State, open_section: OpenSection, classified: Classified) -> None:
    row = classified.row
    draft = ensure_measure(state, row)
    roles = open_section.roles
    used: set[int] = set()
    # A 区分 column naming the section (全体に対する, 課題に対する, 総評), often
    # spanning its comments: it switches the section for the rows it covers.
    for cell in _cells_at(row, roles.section):
        used.add(id(cell))
        if cell.row == row.index:
            open_section.label = _one_line(cell.text)
            open_section.section = words.section_of(words.fold(open_section.label))
    for cell in classified.cells:
        folded = words.fold_label(cell.text)
        if (id(cell) not in used and folded is not None
                and words.is_section_title(folded, cell.styled_as_header)
                and not words.is_comment_header(folded)
                and cell.column not in roles.comment and cell.column not in roles.reply):
            used.add(id(cell))
            open_section.label = _one_line(cell.text)
            open_section.section = words.section_of(words.fold(open_section.label))
    comment_cells = [cell for cell in _cells_at(row, roles.comment) if id(cell) not in used]
    if len(comment_cells) > 1 and words.NUMBER_VALUE.match(words.fold(comment_cells[0].text)):
        used.add(id(comment_cells.pop(0)))
    reply_cells = [cell for cell in _cells_at(row, roles.reply)
                   if id(cell) not in used and all(cell is not c for c in comment_cells)]
    used.update(id(cell) for cell in (*comment_cells, *reply_cells))
    for cell in _cells_at(row, roles.number):
        if words.NUMBER_VALUE.match(words.fold(cell.text)):
            used.add(id(cell))
    own_comments = [cell for cell in comment_cells if cell.row == row.index]
    reply = "\n".join(cell.text for cell in reply_cells) or None
    own_reply = any(cell.row == row.index for cell in reply_cells)
    if own_comments:
        text = "\n".join(cell.text for cell in own_comments)
        shared = reply is not None and any(cell.rowspan > 1 for cell in reply_cells)
        open_section.last_comment = draft.add_comment(open_section.section, open_section.label,
                                                      text, reply, shared)
    elif own_reply and reply is not None:
        if comment_cells and open_section.last_comment is not None:
            # One comment spanning rows, answered in several reply cells.
            draft.append_reply(open_section.last_comment,
                               "\n".join(c.text for c in reply_cells if c.row == row.index))
        else:
            state.warnings.append(f"{place(row)}: a reply with no comment in section "
                                  f"「{open_section.label}」: 「{reply}」")
    for cell in classified.cells:
        if id(cell) in used:
            continue
        if cell.column in roles.other:
            key = (row.grid, cell.column)
            state.extra_columns.setdefault(key, (roles.other[cell.column], []))[1].append(cell.text)
        else:
            unmapped(state, row, [cell], f"a cell outside the comment and reply columns of "
                     f"「{open_section.label}」")


def _caption(grid: Grid) -> str | None:
    caption = grid.table.find("caption")
    return element_text(caption) if caption is not None else None


Handler = Callable[[State, Classified], None]

HANDLERS: dict[RowKind, Handler] = {
    RowKind.EMPTY: _ignore,
    RowKind.PAGE_TITLE: _ignore,
    RowKind.LABEL_VALUE: _label_value,
    RowKind.MEASURE_COLUMNS: _measure_columns,
    RowKind.HEADER: _header,
    RowKind.LABELS: _labels,
    RowKind.COMMENT_LABELLED: _comment_labelled,
    RowKind.REPLY_LABELLED: _reply_labelled,
    RowKind.SECTION_TITLE: _section_title,
    RowKind.NOTE: _note,
    RowKind.DATA: _data,
}

# A new measure or header closes the comment table of the one before it.
_OPENS_BLOCK = frozenset({RowKind.LABEL_VALUE, RowKind.MEASURE_COLUMNS, RowKind.HEADER,
                          RowKind.COMMENT_LABELLED})


# Inside a comment table whose header is read, these look like labels but are
# comments: a comment may be the one word 意見, or start 意見1 as its own number.
_DATA_IN_A_COMMENT_TABLE = frozenset({RowKind.LABELS, RowKind.COMMENT_LABELLED,
                                      RowKind.REPLY_LABELLED})


def read_row(state: State, classified: Classified) -> None:
    kind = classified.kind
    grid = classified.row.grid
    open_section = state.sections.get(grid)
    if (open_section is not None and kind in _DATA_IN_A_COMMENT_TABLE
            and (kind is not RowKind.LABELS or not open_section.band_open)
            and not classified.cells[classified.lead].styled_as_header):
        kind = RowKind.DATA
        classified = Classified(kind, classified.row, classified.cells, classified.lead)
    if kind is not RowKind.EMPTY and kind not in (RowKind.DATA, RowKind.NOTE):
        state.pending = None
    if kind in _OPENS_BLOCK:
        state.sections.pop(grid, None)
        state.measure_columns.pop(grid, None)
    HANDLERS[kind](state, classified)


# -- outside tables -------------------------------------------------------------


def read_heading(state: State, heading: Element) -> None:
    """A heading such as <h3>2　S27 ICTの活用【情報課】</h3> starts a measure."""
    text = element_text(heading)
    if words.is_measure_heading(text):
        state.pending = None
        start_measure(state, text).from_heading = True


def read_definition(state: State, term: Element) -> None:
    """<dt>事業又は施策名【担当課】</dt><dd>…</dd>, as some CMSs write label rows."""
    folded = words.fold_label(element_text(term))
    role = words.value_role(folded) if folded is not None else None
    if role is None:
        return
    description = term.getnext()
    if description is None or description.tag != "dd":
        return
    value = cell_text(description)
    if value:
        state.pending = None
        line = term.sourceline
        apply_value(state, role, value, f"line {line}" if line is not None else "a list")


def read_paragraph(state: State, paragraph: Element) -> None:
    """A paragraph between follow-up tables: a ※ note, or a measure named in bold."""
    text = element_text(paragraph)
    if not text:
        return
    if words.is_note(text):
        add_note(state, cell_text(paragraph))
    elif words.is_measure_heading(text) and words.MEASURE_HEADING.search(text):
        state.pending = None
        start_measure(state, text).from_heading = True


def finish(state: State, source: str, fiscal_year: int | None,
           municipality: str | None) -> tuple[Measure, ...]:
    for (grid, column), (header, values) in state.extra_columns.items():
        state.warnings.append(
            f"table {grid.number}, column {column + 1}「{header}」: the model has no field "
            f"for this column; its cells read: " + " / ".join(f"「{v}」" for v in values)
        )
    if state.notes_before_measure:
        state.warnings.append("notes with no measure to belong to: "
                              + " / ".join(f"「{note}」" for note in state.notes_before_measure))
    return tuple(
        Measure(source, fiscal_year, municipality, draft.code, draft.name, draft.department,
                draft.direction, tuple(draft.comments), tuple(draft.notes))
        for draft in state.drafts
        if not draft.is_bare_heading
    )
