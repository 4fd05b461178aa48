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

from followup_cli.model import Measure
from followup_cli.parse import comment_table
from followup_cli.parse import vocabulary as words
from followup_cli.parse.celltext import BREAK, Element, all_text, cell_text, element_text
from followup_cli.parse.grid import Cell
from followup_cli.parse.measure_cell import parse_measure_cell
from followup_cli.parse.page import emphasised
from followup_cli.parse.rows import Classified, RowKind
from followup_cli.parse.state import (
    OpenSection,
    State,
    add_note,
    apply_value,
    ensure_measure,
    note_row_read,
    one_line,
    place,
    start_measure,
    unmapped,
)
from followup_cli.parse.vocabulary import Role

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
    label = cells[0]
    for cell in cells[1:]:
        folded = words.fold_label(cell.text)
        role = words.value_role(folded) if folded is not None else None
        if role is not None:
            groups.append((role, []))
            label = cell
        else:
            groups[-1][1].append(cell)
    state.label_span = None
    if groups[-1][1]:
        state.label_span = (groups[-1][0], row.grid, label.row + label.rowspan - 1,
                            label.column)
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


def _stacked_label(text: str) -> str:
    # 意見1, 意見(2), 意見③: the number counts comments, it is not part of the label.
    label = one_line(text)
    while label and (label[-1].isdigit() or label[-1] in "①②③④⑤⑥⑦⑧⑨⑩"):
        label = label[:-1]
    if label.endswith((")", "）")):
        opening = max(label.rfind("("), label.rfind("（"))
        if opening > 0 and label[opening + 1 : -1].strip().isdigit():
            label = label[:opening]
    return label.strip() or one_line(text)


def _comment_labelled(state: State, classified: Classified) -> None:
    row = classified.row
    draft = ensure_measure(state, row)
    label_cell = classified.cells[classified.lead]
    label = _stacked_label(label_cell.text)
    section = words.section_of(words.fold(label))
    title = state.section_titles.get(row.grid)
    if section == "other" and title is not None:
        label = one_line(title.text)
        section = words.section_of(words.fold(label))
    text = "\n".join(cell.text for cell in classified.cells[classified.lead + 1 :])
    state.last_labelled = draft.add_comment(section, label, text, None, False)


def _reply_labelled(state: State, classified: Classified) -> None:
    row = classified.row
    reply = "\n".join(cell.text for cell in classified.cells[classified.lead + 1 :])
    draft = state.current
    if draft is not None and state.last_labelled is not None:
        if reply:
            draft.append_reply(state.last_labelled, reply)
        state.last_labelled = None
        # A comment and its reply, stacked: the mark of a follow-up table.
        state.comment_tables += 1
    elif reply:
        state.warnings.append(f"{place(row)}: a reply with no comment before it: 「{reply}」")


def _note(state: State, classified: Classified) -> None:
    if _take_pending(state, classified):
        return
    row = classified.row
    # A table's foot is the whole table's; a note row in its body, where it stands.
    add_note(state, "\n".join(cell.text for cell in classified.cells),
             of_table=row.grid if row.group == "foot" else None)


def _take_pending(state: State, classified: Classified) -> bool:
    """A value row under a label row with no value of its own."""
    pending = state.pending
    if pending is None or pending[1] is not classified.row.grid:
        return False
    state.pending = None
    apply_value(state, pending[0], "\n".join(cell.text for cell in classified.cells),
                place(classified.row))
    return True


def _continues_label(state: State, classified: Classified) -> bool:
    """A row that goes on with the value of the label above: under a label cell
    spanning down into it (<th rowspan=2>今後の市の方向性</th>), or beside an
    empty label cell in the label's column, right after it."""
    span = state.label_span
    row = classified.row
    if span is None or span[1] is not row.grid:
        return False
    role, grid, last, column = span
    if row.index > last:
        own = next((cell for cell in row.own if cell.column == column), None)
        if row.index != last + 1 or own is None or own.text:
            return False
        state.label_span = (role, grid, row.index, column)
    apply_value(state, role, "\n".join(cell.text for cell in classified.cells), place(row))
    return True


def _data(state: State, classified: Classified) -> None:
    if _take_pending(state, classified):
        return
    row = classified.row
    grid = row.grid
    if _continues_label(state, classified) or comment_table.reply_row(state, classified):
        return
    state.band_tops.pop(grid, None)
    if grid not in state.sections and grid in state.section_titles:
        comment_table.open_untitled(state, grid, row)
    open_section = state.sections.get(grid)
    if open_section is not None:
        open_section.band_open = False
        state.section_titles.pop(grid, None)
        comment_table.comment_row(state, open_section, classified)
    elif grid in state.measure_columns:
        _measure_row(state, state.measure_columns[grid], classified)
    elif state.drafts:
        unmapped(state, row, classified.cells, "a row outside any comment table")
    # Before the first measure, rows are the sheet's heading (a title cell, a
    # document number, an as-of date), as a page's headings are outside tables.


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


Handler = Callable[[State, Classified], None]

HANDLERS: dict[RowKind, Handler] = {
    RowKind.EMPTY: _ignore,
    RowKind.PAGE_TITLE: _ignore,
    RowKind.LABEL_VALUE: _label_value,
    RowKind.MEASURE_COLUMNS: _measure_columns,
    RowKind.HEADER: comment_table.header,
    RowKind.LABELS: comment_table.labels,
    RowKind.COMMENT_LABELLED: _comment_labelled,
    RowKind.REPLY_LABELLED: _reply_labelled,
    RowKind.REPLY_COLUMNS: comment_table.reply_columns,
    RowKind.SECTION_TITLE: comment_table.section_title,
    RowKind.NOTE: _note,
    RowKind.DATA: _data,
}

# A new measure or header closes the comment table of the one before it.
_OPENS_BLOCK = frozenset({RowKind.LABEL_VALUE, RowKind.MEASURE_COLUMNS, RowKind.HEADER,
                          RowKind.COMMENT_LABELLED})


# Inside a comment table whose header is read, these look like labels but are
# comments when nothing styles them as labels: a comment may be the one word 意見,
# or start 意見1 as its own number.
_DATA_IN_A_COMMENT_TABLE = frozenset({RowKind.LABELS, RowKind.COMMENT_LABELLED,
                                      RowKind.REPLY_LABELLED, RowKind.SECTION_TITLE})


def _continues_band(open_section: OpenSection, index: int) -> bool:
    """Whether row ``index`` sits beside a header cell spanning down into it."""
    return open_section.band_open and any(
        cell.row + cell.rowspan > index for row in open_section.band for cell in row.own
    )


def _is_data_after_all(open_section: OpenSection, classified: Classified) -> bool:
    kind = classified.kind
    if kind not in _DATA_IN_A_COMMENT_TABLE:
        return False
    lead = classified.cells[classified.lead]
    by_column = open_section.roles.by_column
    if by_column.get(lead.column) is Role.SECTION and any(
            by_column.get(cell.column) is Role.COMMENT for cell in classified.cells):
        # A 区分 cell set as a row header (<th>) beside the row's comment.
        return True
    if lead.styled_as_header:
        return False
    if _continues_band(open_section, classified.row.index):
        return False
    if kind is RowKind.SECTION_TITLE:
        # A title row spans the table; a one-word comment sits in its column.
        return lead.colspan < classified.row.grid.width
    if kind is RowKind.LABELS and open_section.band_open:
        # The second row of a header band sits under a header cell that spans it.
        return not any(cell.colspan > 1 for row in open_section.band for cell in row.own)
    return True


def read_row(state: State, classified: Classified) -> None:
    kind = classified.kind
    grid = classified.row.grid
    open_section = state.sections.get(grid)
    if open_section is not None and _is_data_after_all(open_section, classified):
        kind = RowKind.DATA
        classified = Classified(kind, classified.row, classified.cells, classified.lead)
    elif (open_section is not None and kind is RowKind.HEADER
          and _continues_band(open_section, classified.row.index)):
        # A header row under header cells that span down into it: the band goes on.
        kind = RowKind.LABELS
        classified = Classified(kind, classified.row, classified.cells, classified.lead)
    if kind is not RowKind.EMPTY and kind not in (RowKind.DATA, RowKind.NOTE):
        state.pending = None
        state.label_span = None
    if kind in _OPENS_BLOCK:
        state.sections.pop(grid, None)
        state.measure_columns.pop(grid, None)
    HANDLERS[kind](state, classified)
    note_row_read(state, grid)


# -- outside tables -------------------------------------------------------------


def read_heading(state: State, heading: Element) -> None:
    """A heading such as <h3>2　S27 ICTの活用【情報課】</h3> starts a measure."""
    text = element_text(heading)
    if words.is_measure_heading(text):
        state.pending = None
        state.section_heading = None
        start_measure(state, text).from_heading = True
        return
    folded = words.fold_label(text)
    if folded is not None and words.is_section_title(folded, styled=True) and (
            words.section_of(folded) != "other" or words.is_comment_header(folded)):
        state.section_heading = text


def read_definition(state: State, term: Element) -> None:
    """<dt>事業又は施策名【担当課】</dt><dd>…</dd>, as some CMSs write label rows;
    or a term naming a measure (an accordion's <dt><button>B3 …【…課】</button>)."""
    text = element_text(term)
    folded = words.fold_label(text)
    role = words.value_role(folded) if folded is not None else None
    if role is None:
        read_heading(state, term)
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
    # A paragraph in a layout cell already carries the cell's paragraph marks.
    raw = all_text(paragraph).replace(BREAK, " ").strip()
    if state.footnotes and state.drafts and raw and _is_footnote(paragraph, state.footnotes):
        add_note(state, cell_text(paragraph))
        return
    # Most paragraphs are neither: a look at their raw text settles it.
    if not raw or (not words.is_note(raw) and "】" not in raw[-8:]):
        return
    text = element_text(paragraph)
    if words.is_note(text):
        if state.drafts:
            add_note(state, cell_text(paragraph), of_table=state.last_table)
    elif (words.is_measure_heading(text) and words.MEASURE_HEADING.search(text)
          # Before the first measure, only a line set apart as a heading names
          # one (an office export's bold paragraph), and only with a name.
          and (state.drafts or (_set_apart(paragraph, text)
                                and parse_measure_cell(text).name))):
        state.pending = None
        start_measure(state, text).from_heading = True


def _is_footnote(paragraph: Element, footnotes: frozenset[str]) -> bool:
    """The paragraph a follow-up cell's link (#_ftn1) points to, or one inside it."""
    if any(anchor.get("name") in footnotes or anchor.get("id") in footnotes
           for anchor in paragraph.iter("a")):
        return True
    return any(element.get("id") in footnotes
               for element in (paragraph, *paragraph.iterancestors()))


def _set_apart(paragraph: Element, text: str) -> bool:
    """The paragraph, or an element holding all its text, in bold, centred or large."""
    whole = "".join(text.split())
    return any(
        emphasised(element) and "".join(element_text(element).split()) == whole
        for element in paragraph.iter()
    )


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
