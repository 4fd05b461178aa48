"""The state the row handlers share while they read a page: measures being built,
open comment tables, and values awaiting their row."""

from __future__ import annotations

from dataclasses import dataclass, field

from followup_cli.model import Comment, Section
from followup_cli.parse import vocabulary as words
from followup_cli.parse.grid import Cell, Grid, Row
from followup_cli.parse.header import ColumnRoles
from followup_cli.parse.measure_cell import parse_measure_cell
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

    def continue_comment(self, index: int, text: str, reply: str | None) -> None:
        """A row carrying on a comment the page broke across a page boundary."""
        comment = self.comments[index]
        joined_reply = comment.reply
        if reply:
            joined_reply = reply if joined_reply is None else f"{joined_reply}\n{reply}"
        self.comments[index] = Comment(comment.section, comment.section_label, comment.number,
                                       f"{comment.text}\n{text}", joined_reply,
                                       comment.reply_shared)

    def set_reply(self, index: int, reply: str, shared: bool) -> None:
        comment = self.comments[index]
        self.comments[index] = Comment(comment.section, comment.section_label, comment.number,
                                       comment.text, reply, shared)

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
    # Opened by a header repeated after a page break, the section going on:
    # its first row may carry on the comment before the break.
    repeated: bool = False


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
    # Tables of replies beside their comments' table: (number column, reply
    # column, the section and label whose comments they answer), by table.
    reply_tables: dict[Grid, tuple[int, int, Section, str]] = field(default_factory=dict)
    # The last label of a label row, for the rows that go on with its value:
    # (role, table, the last row it covers, its column).
    label_span: tuple[Role, Grid, int, int] | None = None
    # The comment of the last stacked comment row, awaiting its reply row.
    last_labelled: int | None = None
    notes_before_measure: list[str] = field(default_factory=list)
    # Content in columns the model has no place for, gathered per table and column.
    extra_columns: dict[tuple[Grid, int], tuple[str, list[str]]] = field(default_factory=dict)
    # Comment tables with a reply column, and stacked comment and reply pairs.
    comment_tables: int = 0
    # Anchors that links in follow-up cells point to (#_ftn1): footnotes.
    footnotes: frozenset[str] = frozenset()
    # A heading naming a section (全体に対する外部評価実施者意見) above the next table.
    section_heading: str | None = None
    # The measures each table holds rows of, and the table read last: a note
    # under a table shared by several measures is a note of each.
    table_measures: dict[Grid, list[MeasureDraft]] = field(default_factory=dict)
    last_table: Grid | None = None

    @property
    def current(self) -> MeasureDraft | None:
        return self.drafts[-1] if self.drafts else None


def place(row: Row) -> str:
    line = row.sourceline
    where = f"table {row.grid.number}, row {row.index + 1}"
    return f"{where} (line {line})" if line is not None else where


def one_line(text: str) -> str:
    return words.label_line(text)


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
        if draft.direction is None:
            draft.direction = value
        elif not draft.direction.endswith(value):
            draft.direction = f"{draft.direction}\n{value}"
    elif draft.department is None:
        draft.department = value
    elif draft.department.endswith(("部", "局")) and not value.startswith(draft.department):
        # 担当部局 then 所管室課: the bureau, then its section in charge.
        draft.department = f"{draft.department} {value}"
    elif draft.department != value:
        state.warnings.append(f"{where}: measure 「{draft.name}」 names two departments: "
                              f"「{draft.department}」 and 「{value}」")


def add_note(state: State, text: str, *, of_table: Grid | None = None) -> None:
    """A note of the current measure; ``of_table``: of every measure that table holds."""
    draft = state.current
    if draft is None:
        state.notes_before_measure.append(text)
        return
    drafts = state.table_measures.get(of_table, [draft]) if of_table is not None else [draft]
    for owner in drafts:
        # A note the markup holds twice (Word's text box and its fallback) is one note.
        if text not in owner.notes:
            owner.notes.append(text)


def note_row_read(state: State, grid: Grid) -> None:
    """A row of ``grid`` was read under the current measure."""
    state.last_table = grid
    draft = state.current
    if draft is not None:
        owners = state.table_measures.setdefault(grid, [])
        if not owners or owners[-1] is not draft:
            owners.append(draft)


def unmapped(state: State, row: Row, cells: list[Cell] | tuple[Cell, ...], what: str) -> None:
    for cell in cells:
        if cell.text:
            state.warnings.append(f"{place(row)}: unmapped text in {what}: 「{cell.text}」")


