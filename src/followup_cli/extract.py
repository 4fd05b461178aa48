"""Measures, directions, comments and replies out of a page's tables.

Rows are read in document order across every table, nested ones included, so a
measure row in one table and its comment table nested in the next cell still
belong together. A row means something only through its labels (labels.py),
never its position; tables without a single label row (navigation, layout,
footers) are passed over. Inside a table that does hold labels, any non-empty
cell that cannot be mapped becomes a warning, so nothing is dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, auto

from followup_cli import labels
from followup_cli.celltext import Element, cell_text, element_text
from followup_cli.fields import parse_measure_cell
from followup_cli.grid import Cell, Grid, Row, build_grid
from followup_cli.model import Comment, Measure, Section


class RowKind(Enum):
    EMPTY = auto()
    MEASURE = auto()
    MEASURE_COLUMNS = auto()
    DIRECTION = auto()
    DEPARTMENT = auto()
    COMMENT_HEADER = auto()
    COMMENT_PAIR = auto()
    REPLY_PAIR = auto()
    SECTION_TITLE = auto()
    PAGE_TITLE = auto()
    DATA = auto()


@dataclass(frozen=True, slots=True)
class Classified:
    kind: RowKind
    cells: tuple[Cell, ...]


@dataclass(slots=True)
class _SectionState:
    section: Section
    label: str
    comment_column: int
    reply_column: int
    last_comment: int | None = None


@dataclass(slots=True)
class _MeasureDraft:
    code: str | None
    name: str
    department: str | None
    direction: str | None = None
    comments: list[Comment] = field(default_factory=list)
    numbers: dict[Section, int] = field(default_factory=dict)
    # Named by a heading: kept only if a direction or comments follow, since
    # pages also repeat a measure's name as a heading above its table.
    from_heading: bool = False

    @property
    def is_bare_heading(self) -> bool:
        return self.from_heading and self.direction is None and not self.comments

    def add_comment(
        self, section: Section, label: str, text: str, reply: str | None, shared: bool
    ) -> int:
        """Add a comment numbered within its section; its index in ``comments``."""
        number = self.numbers.get(section, 0) + 1
        self.numbers[section] = number
        self.comments.append(Comment(section, label, number, text, reply, shared))
        return len(self.comments) - 1

    def append_reply(self, index: int, reply: str) -> None:
        comment = self.comments[index]
        joined = reply if comment.reply is None else f"{comment.reply}\n{reply}"
        self.comments[index] = Comment(
            comment.section,
            comment.section_label,
            comment.number,
            comment.text,
            joined,
            comment.reply_shared,
        )


def _label(cell: Cell) -> str | None:
    return labels.fold_label(cell.text)


def _label_kind(folded: str | None) -> RowKind | None:
    """The kind of row a label-value label starts, if the cell is one."""
    if folded is None:
        return None
    if labels.is_measure_label(folded):
        return RowKind.MEASURE
    if labels.is_direction_label(folded):
        return RowKind.DIRECTION
    if labels.is_department_label(folded):
        return RowKind.DEPARTMENT
    return None


def classify(row: Row) -> Classified:
    cells = tuple(cell for cell in row.own if cell.text)
    if not cells:
        return Classified(RowKind.EMPTY, cells)
    folded = [_label(cell) for cell in cells]
    if not any(folded):
        # No cell short enough to be a label: the common comment row.
        return Classified(RowKind.DATA, cells)
    first = folded[0]
    if first is not None:
        if labels.is_measure_label(first):
            # Labels only, naming the columns of the rows below: a summary table.
            if len(folded) > 1 and all(_label_kind(f) is not None for f in folded):
                return Classified(RowKind.MEASURE_COLUMNS, cells)
            return Classified(RowKind.MEASURE, cells)
        if labels.is_direction_label(first):
            return Classified(RowKind.DIRECTION, cells)
        if labels.is_department_label(first):
            return Classified(RowKind.DEPARTMENT, cells)
    return _classify_comment_rows(cells, folded)


def _classify_comment_rows(cells: tuple[Cell, ...], folded: list[str | None]) -> Classified:
    first = folded[0]
    has_reply = any(f is not None and labels.is_reply_header(f) for f in folded[1:])
    if has_reply and any(
        f is not None and labels.is_labelled_comment(f, cell.styled_as_header)
        for f, cell in zip(folded, cells, strict=True)
    ):
        # The usual header row, possibly after a number or blank column.
        return Classified(RowKind.COMMENT_HEADER, cells)
    if first is None:
        return Classified(RowKind.DATA, cells)
    styled = cells[0].styled_as_header
    if len(cells) > 1 and labels.is_labelled_comment(first, styled):
        # A label beside its value: one comment per row, its reply in the next.
        return Classified(RowKind.COMMENT_PAIR, cells)
    if labels.is_reply_header(first):
        return Classified(RowKind.REPLY_PAIR, cells)
    if len(cells) == 1:
        if labels.is_section_title(first, styled):
            return Classified(RowKind.SECTION_TITLE, cells)
        if labels.TITLE_TEXT.search(first):
            return Classified(RowKind.PAGE_TITLE, cells)
    return Classified(RowKind.DATA, cells)


_LABEL_KINDS = frozenset(
    {
        RowKind.MEASURE,
        RowKind.MEASURE_COLUMNS,
        RowKind.DIRECTION,
        RowKind.DEPARTMENT,
        RowKind.COMMENT_HEADER,
        RowKind.COMMENT_PAIR,
    }
)


# Where measures are named outside table rows, by some CMSs.
_OUTSIDE_TABLE_TAGS = ("h2", "h3", "h4", "h5", "h6", "dt")

_OPENS_NEW_BLOCK = frozenset(
    {RowKind.MEASURE, RowKind.MEASURE_COLUMNS, RowKind.COMMENT_HEADER, RowKind.COMMENT_PAIR}
)


def _caption(grid: Grid) -> str | None:
    caption = grid.table.find("caption")
    return element_text(caption) if caption is not None else None


def _names_follow_up(classified: Classified) -> bool:
    """A row that makes its table a follow-up table: a label, or a section title
    that names the evaluators' comments (a bare 全体 or 課題 is not enough)."""
    if classified.kind in _LABEL_KINDS:
        return True
    return classified.kind is RowKind.SECTION_TITLE and (
        labels.COMMENT_HEADER.search(labels.fold(classified.cells[0].text)) is not None
    )


@dataclass(slots=True)
class _Pending:
    """A label row with no value cell: the value is the next row's first cell."""

    kind: RowKind
    grid: Grid


class Extractor:
    def __init__(self) -> None:
        self.drafts: list[_MeasureDraft] = []
        self.warnings: list[str] = []
        self._sections: dict[int, _SectionState] = {}
        self._section_titles: dict[int, Cell] = {}
        self._measure_columns: dict[int, dict[str, int]] = {}
        self._pending: _Pending | None = None
        # The comment of the last label-beside-value row, awaiting its reply row.
        self._last_pair: int | None = None
        self.tables_found = 0

    @property
    def _current(self) -> _MeasureDraft | None:
        return self.drafts[-1] if self.drafts else None

    def run(self, root: Element) -> None:
        tables = list(root.iter("table"))
        # Cells whose text must leave out the tables nested inside them.
        hosts: set[Element] = set()
        for table in tables:
            host = next(table.iterancestors("td", "th"), None)
            if host is not None:
                hosts.add(host)
        grids = [build_grid(table, hosts) for table in tables]
        located: dict[Element, tuple[Grid, Row, Classified]] = {}
        for grid in grids:
            classified = [(row, classify(row)) for row in grid.rows]
            if not any(_names_follow_up(c) for _, c in classified):
                continue
            self.tables_found += 1
            for row, kinds in classified:
                located[row.element] = (grid, row, kinds)
        if not located:
            return
        # Document order across tables, so nested tables fall where they stand;
        # headings and definition lists between them may name measures too.
        for element in root.iter("tr", *_OUTSIDE_TABLE_TAGS):
            if element.tag == "tr":
                entry = located.get(element)
                if entry is not None:
                    self._row(*entry)
            elif next(element.iterancestors("td", "th"), None) is None:
                # (Inside a cell they are part of that cell's text.)
                if element.tag == "dt":
                    self._definition(element)
                else:
                    self._heading(element)

    def _heading(self, heading: Element) -> None:
        """A heading such as <h3>S27 ICTの活用【情報課】</h3> starts a measure."""
        text = element_text(heading)
        if labels.is_measure_heading(text):
            self._pending = None
            self._start_measure(text)
            self.drafts[-1].from_heading = True

    def _definition(self, term: Element) -> None:
        """<dt>事業又は施策名【担当課】</dt><dd>…</dd>, as some CMSs write label rows."""
        kind = _label_kind(labels.fold_label(element_text(term)))
        if kind is None:
            return
        description = term.getnext()
        if description is None or description.tag != "dd":
            return
        value = cell_text(description)
        if value:
            self._pending = None
            self._apply_value(kind, value)

    # -- rows ---------------------------------------------------------------

    def _row(self, grid: Grid, row: Row, classified: Classified) -> None:
        kind, cells = classified.kind, classified.cells
        if kind in (RowKind.EMPTY, RowKind.PAGE_TITLE):
            return
        key = id(grid)
        pending, self._pending = self._pending, None
        if kind in _OPENS_NEW_BLOCK:
            # A new measure or header closes the comment table of the one before.
            self._sections.pop(key, None)
            self._measure_columns.pop(key, None)
        if kind is RowKind.DATA:
            if pending is not None and pending.grid is grid:
                self._set_value(pending.kind, cells)
            else:
                self._data_row(grid, row, cells)
        elif kind is RowKind.COMMENT_HEADER:
            self._start_section(grid, cells)
        elif kind is RowKind.SECTION_TITLE:
            self._section_title(key, cells[0])
        elif kind is RowKind.COMMENT_PAIR:
            self._comment_pair(cells)
        elif kind is RowKind.REPLY_PAIR:
            self._reply_pair(key, cells)
        elif kind is RowKind.MEASURE_COLUMNS:
            self._measure_columns[key] = self._column_map(cells)
        else:
            self._label_row(grid, kind, cells)

    def _label_row(self, grid: Grid, kind: RowKind, cells: tuple[Cell, ...]) -> None:
        """Labels each followed by their values, one pair or several in a row:
        事業又は施策名 | ICTの活用 | 担当課 | 情報課."""
        groups: list[tuple[RowKind, list[Cell]]] = [(kind, [])]
        for cell in cells[1:]:
            next_kind = _label_kind(_label(cell))
            if next_kind is not None:
                groups.append((next_kind, []))
            else:
                groups[-1][1].append(cell)
        for group_kind, values in groups:
            if values:
                self._set_value(group_kind, tuple(values))
            else:
                # A label with its value in the row below.
                self._pending = _Pending(group_kind, grid)

    def _section_title(self, key: int, title: Cell) -> None:
        """A row naming a section: it switches an open comment table, or names the next."""
        state = self._sections.get(key)
        if state is None:
            self._section_titles[key] = title
        else:
            state.label = " ".join(title.text.split())
            state.section = labels.section_of(labels.fold(state.label))

    def _ensure_measure(self) -> _MeasureDraft:
        if self._current is None:
            self.warnings.append(
                "comments appear before any 事業又は施策名 row; they are kept "
                "under a measure with an empty name"
            )
            self.drafts.append(_MeasureDraft(None, "", None))
        return self.drafts[-1]

    def _comment_pair(self, cells: tuple[Cell, ...]) -> None:
        draft = self._ensure_measure()
        label = " ".join(cells[0].text.split())
        text = "\n".join(cell.text for cell in cells[1:])
        self._last_pair = draft.add_comment(
            labels.section_of(labels.fold(label)), label, text, None, False
        )

    def _reply_pair(self, key: int, cells: tuple[Cell, ...]) -> None:
        reply = "\n".join(cell.text for cell in cells[1:])
        if not reply:
            return
        draft = self._current
        if draft is not None and self._last_pair is not None:
            draft.append_reply(self._last_pair, reply)
            self._last_pair = None
        elif key in self._sections:
            self._unmapped(cells[1:], "a reply row inside a comment table")
        else:
            self.warnings.append(f"a reply with no comment before it: 「{reply}」")

    def _data_row(self, grid: Grid, row: Row, cells: tuple[Cell, ...]) -> None:
        key = id(grid)
        if key not in self._sections and key in self._section_titles:
            self._open_untitled_columns(key)
        if key in self._sections:
            self._comment_row(self._sections[key], row, cells)
        elif key in self._measure_columns:
            self._measure_row(self._measure_columns[key], row, cells)
        else:
            self._unmapped(cells, "a row outside any comment table")

    def _set_value(self, kind: RowKind, values: tuple[Cell, ...]) -> None:
        self._apply_value(kind, "\n".join(cell.text for cell in values))

    def _apply_value(self, kind: RowKind, value: str) -> None:
        if kind is RowKind.MEASURE:
            self._start_measure(value)
            return
        draft = self._current
        if draft is None:
            self.warnings.append(
                f"unmapped text in a value before any 事業又は施策名 row: 「{value}」"
            )
            return
        if kind is RowKind.DIRECTION:
            draft.direction = value if draft.direction is None else f"{draft.direction}\n{value}"
        elif draft.department is None:
            draft.department = value
        elif draft.department != value:
            self.warnings.append(
                f"measure 「{draft.name}」 names two departments: "
                f"「{draft.department}」 and 「{value}」"
            )

    def _start_measure(self, value: str) -> None:
        self._last_pair = None
        if self.drafts and self.drafts[-1].is_bare_heading:
            self.drafts.pop()
        parsed = parse_measure_cell(value)
        self.drafts.append(_MeasureDraft(parsed.code, parsed.name, parsed.department))

    @staticmethod
    def _column_map(cells: tuple[Cell, ...]) -> dict[str, int]:
        columns: dict[str, int] = {}
        for cell in cells:
            folded = _label(cell)
            if folded is None:
                continue
            if labels.is_measure_label(folded):
                columns.setdefault("measure", cell.column)
            elif labels.is_direction_label(folded):
                columns.setdefault("direction", cell.column)
            elif labels.is_department_label(folded):
                columns.setdefault("department", cell.column)
        return columns

    def _measure_row(self, columns: dict[str, int], row: Row, cells: tuple[Cell, ...]) -> None:
        """A data row under a header row that names measure and direction columns."""
        measure_cell = row.slot(columns["measure"])
        if measure_cell is None or not measure_cell.text:
            self._unmapped(cells, "a row with no measure name")
            return
        self._start_measure(measure_cell.text)
        draft = self.drafts[-1]
        used = {id(measure_cell)}
        for name in ("direction", "department"):
            if name in columns:
                cell = row.slot(columns[name])
                if cell is not None and cell.text and id(cell) not in used:
                    used.add(id(cell))
                    if name == "direction":
                        draft.direction = cell.text
                    else:
                        draft.department = draft.department or cell.text
        self._unmapped([c for c in cells if id(c) not in used], "an unlabelled column")

    def _open_untitled_columns(self, key: int) -> None:
        """A section title spanning the table, then comment rows with no header row:
        the reply is the last column the title spans, the comment the one before it."""
        title = self._section_titles.pop(key)
        last = title.column + title.colspan - 1
        comment_column, reply_column = (last - 1, last) if title.colspan > 1 else (last, -1)
        label = " ".join(title.text.split())
        self._ensure_measure()
        self._sections[key] = _SectionState(
            labels.section_of(labels.fold(label)), label, comment_column, reply_column
        )

    def _start_section(self, grid: Grid, cells: tuple[Cell, ...]) -> None:
        comment_cell = reply_cell = None
        for cell in cells:
            folded = _label(cell)
            if folded is None:
                continue
            if comment_cell is None and labels.is_comment_header(folded):
                comment_cell = cell
            elif reply_cell is None and labels.is_reply_header(folded):
                reply_cell = cell
        if comment_cell is None or reply_cell is None:
            return
        label = " ".join(comment_cell.text.split())
        section = labels.section_of(labels.fold(label))
        title = self._section_titles.pop(id(grid), None)
        if section == "other":
            # A two-row header, or a caption: the section is named above the columns.
            caption = _caption(grid)
            if title is not None:
                label = " ".join(title.text.split())
            elif caption and labels.section_of(labels.fold(caption)) != "other":
                label = caption
            section = labels.section_of(labels.fold(label))
        self._ensure_measure()
        self._sections[id(grid)] = _SectionState(
            section, label, comment_cell.column, reply_cell.column
        )

    def _comment_row(self, state: _SectionState, row: Row, cells: tuple[Cell, ...]) -> None:
        draft = self._current
        if draft is None:  # a section is only opened with a measure in place
            return
        comment_cell = row.slot(state.comment_column)
        reply_cell = row.slot(state.reply_column)
        if reply_cell is comment_cell:
            reply_cell = None
        used = {id(cell) for cell in (comment_cell, reply_cell) if cell is not None}
        # A 区分 column naming the section (全体に対する, 課題に対する), often
        # spanning its comments: it switches the section for the rows it covers.
        for cell in row.slots:
            if cell is None or id(cell) in used:
                continue
            folded = _label(cell)
            if folded is not None and labels.is_section_title(folded, cell.styled_as_header):
                used.add(id(cell))
                state.label = " ".join(cell.text.split())
                state.section = labels.section_of(labels.fold(state.label))
        reply = reply_cell.text if reply_cell is not None and reply_cell.text else None
        own_reply = reply is not None and reply_cell is not None and reply_cell.row == row.index
        if comment_cell is not None and comment_cell.text and comment_cell.row == row.index:
            shared = reply is not None and reply_cell is not None and reply_cell.rowspan > 1
            state.last_comment = draft.add_comment(
                state.section, state.label, comment_cell.text, reply, shared
            )
        elif own_reply and reply is not None:
            if comment_cell is not None and comment_cell.text and state.last_comment is not None:
                # One comment spanning rows, answered in several reply cells.
                draft.append_reply(state.last_comment, reply)
            else:
                self.warnings.append(
                    f"a reply with no comment in section 「{state.label}」: 「{reply}」"
                )
        leftovers = [cell for cell in cells if id(cell) not in used]
        if leftovers:
            self._unmapped(
                leftovers,
                f"a cell outside the comment and reply columns of 「{state.label}」",
                numbers_expected=True,
            )

    def _unmapped(
        self, cells: list[Cell] | tuple[Cell, ...], where: str, *, numbers_expected: bool = False
    ) -> None:
        """Warn about cells nothing claimed; a 番号 column's numbers are expected."""
        for cell in cells:
            if not cell.text:
                continue
            if numbers_expected and labels.NUMBER_VALUE.match(labels.fold(cell.text)):
                continue
            self.warnings.append(f"unmapped text in {where}: 「{cell.text}」")

    def measures(self, source: str, fiscal_year: int | None) -> tuple[Measure, ...]:
        return tuple(
            Measure(
                source,
                fiscal_year,
                None,
                draft.code,
                draft.name,
                draft.department,
                draft.direction,
                tuple(draft.comments),
                (),
            )
            for draft in self.drafts
            if not draft.is_bare_heading
        )
