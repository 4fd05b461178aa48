"""Tables as grids of slots, through the HTML table model.

A cell that spans rows or columns occupies every slot it covers, so a reply
cell with rowspan=3 is the reply of each of the three rows, and a colspan
never shifts the columns to its right. The spans are read as the HTML
standard says: colspan 1 to 1000, rowspan 0 to 65534, rowspan 0 meaning "to
the end of its row group", and no span past the end of its row group. Row
groups are placed as a browser renders them: the table's head first, its foot
last, wherever the source writes them.

Slots are never stored one by one: a cell records where it starts and how far
it spans, and the few columns the extractor asks about are indexed on demand,
so a huge span costs nothing per empty slot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from followup_cli.parse.celltext import Element, all_text, cell_text

MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534

RowGroup = Literal["head", "body", "foot"]


@dataclass(slots=True, eq=False)
class Cell:
    element: Element
    row: int
    column: int
    rowspan: int
    colspan: int
    # Read when the grid is built: every cell's text is needed to classify its row.
    text: str

    @property
    def styled_as_header(self) -> bool:
        """A <th>, or a cell whose whole text is bold: how pages mark labels."""
        if self.element.tag == "th":
            return True
        for tag in ("strong", "b"):
            bold = self.element.find(f".//{tag}")
            if bold is not None:
                return "".join(all_text(bold).split()) == "".join(self.text.split())
        return False

    @property
    def last_column(self) -> int:
        return self.column + self.colspan - 1


@dataclass(slots=True, eq=False)
class Row:
    """One <tr> in rendered order, and the cells that start in it, left to right."""

    element: Element
    index: int
    group: RowGroup
    own: list[Cell]
    grid: Grid

    def slot(self, column: int) -> Cell | None:
        """The cell covering this row at ``column``, wherever it starts."""
        return self.grid.cell_at(self.index, column)

    @property
    def sourceline(self) -> int | None:
        line: object = self.element.sourceline
        return line if isinstance(line, int) else None


@dataclass(slots=True, eq=False)
class Grid:
    table: Element
    # 1-based, in document order among the page's tables: how warnings name it.
    number: int
    rows: list[Row] = field(default_factory=list)
    width: int = 0
    cells: list[Cell] = field(default_factory=list)
    _columns: dict[int, list[Cell | None]] = field(default_factory=dict)

    def cell_at(self, row: int, column: int) -> Cell | None:
        if not 0 <= column < self.width:
            return None
        index = self._columns.get(column)
        if index is None:
            index = self._index_column(column)
        return index[row] if 0 <= row < len(index) else None

    def _index_column(self, column: int) -> list[Cell | None]:
        index: list[Cell | None] = [None] * len(self.rows)
        for cell in self.cells:
            if cell.column <= column <= cell.last_column:
                for row in range(cell.row, cell.row + cell.rowspan):
                    if index[row] is None:
                        index[row] = cell
        self._columns[column] = index
        return index


def _span(value: str | None, low: int, high: int) -> int:
    """A span attribute as browsers read it: leading digits, clamped; else 1."""
    if not value:
        return 1
    text = value.strip()
    digits = 0
    while digits < len(text) and digits < 8 and text[digits].isdigit():
        digits += 1
    if not digits:
        return 1
    return max(low, min(int(text[:digits]), high))


def row_groups(table: Element) -> list[tuple[RowGroup, list[Element]]]:
    """The table's own rows by group, in the order a browser renders them."""
    head: list[tuple[RowGroup, list[Element]]] = []
    body: list[tuple[RowGroup, list[Element]]] = []
    foot: list[tuple[RowGroup, list[Element]]] = []
    loose: list[Element] | None = None
    for child in table:
        tag = child.tag
        if tag == "tr":
            if loose is None:
                loose = []
                body.append(("body", loose))
            loose.append(child)
            continue
        if tag not in ("thead", "tbody", "tfoot"):
            continue
        loose = None
        rows = [grandchild for grandchild in child if grandchild.tag == "tr"]
        # Only the first head and the first foot move; later ones render in place.
        if tag == "thead" and not head:
            head.append(("head", rows))
        elif tag == "tfoot" and not foot:
            foot.append(("foot", rows))
        else:
            body.append(("body", rows))
    return head + body + foot


class _FreeColumns:
    """Which columns of the current row the cells spanning down from above hold.

    Kept as a tree over column ranges recording, for each column, the last row
    a span from above covers; finding the first free column is a walk down the
    tree, so a row's placement costs its own cells times the tree's depth,
    however many or wide the spans above it are.
    """

    def __init__(self, width: int) -> None:
        size = 1
        while size < width:
            size *= 2
        self.size = size
        # Node -> the lowest "last covered row" below it (a column is free at
        # row r when that is below r), and the pending raise for its subtree.
        self.low: dict[int, int] = {}
        self.raised: dict[int, int] = {}

    def cover(self, start: int, stop: int, last_row: int) -> None:
        """Columns start..stop-1 are held down to ``last_row``."""
        self._cover(1, (0, self.size), (start, min(stop, self.size)), last_row)

    def _cover(self, node: int, span: tuple[int, int], cover: tuple[int, int], value: int) -> None:
        (low, high), (start, stop) = span, cover
        if stop <= low or high <= start:
            return
        if start <= low and high <= stop:
            self.low[node] = max(self.low.get(node, -1), value)
            self.raised[node] = max(self.raised.get(node, -1), value)
            return
        self._push(node)
        middle = (low + high) // 2
        self._cover(2 * node, (low, middle), cover, value)
        self._cover(2 * node + 1, (middle, high), cover, value)
        self.low[node] = min(self.low.get(2 * node, -1), self.low.get(2 * node + 1, -1))

    def _push(self, node: int) -> None:
        value = self.raised.pop(node, None)
        if value is None:
            return
        for child in (2 * node, 2 * node + 1):
            self.low[child] = max(self.low.get(child, -1), value)
            self.raised[child] = max(self.raised.get(child, -1), value)

    def first_free(self, column: int, row: int) -> int:
        """The first column at or after ``column`` that no span holds in ``row``."""
        if column >= self.size:
            return column
        found = self._first_free(1, 0, self.size, column, row)
        return self.size if found is None else found

    def _first_free(self, node: int, low: int, high: int, column: int, row: int) -> int | None:
        if high <= column or self.low.get(node, -1) >= row:
            return None
        if high - low == 1:
            return low
        self._push(node)
        middle = (low + high) // 2
        found = self._first_free(2 * node, low, middle, column, row)
        if found is None:
            found = self._first_free(2 * node + 1, middle, high, column, row)
        return found


def _width_bound(groups: list[tuple[RowGroup, list[Element]]]) -> int:
    """No row is wider than all the table's colspans together."""
    return sum(
        1 if (span := child.get("colspan")) is None else _span(span, 1, MAX_COLSPAN)
        for _, elements in groups
        for element in elements
        for child in element
        if child.tag in ("td", "th")
    )


def build_grid(table: Element, number: int, table_hosts: set[Element]) -> Grid:
    """The table's grid; ``table_hosts`` are the cells that hold nested tables."""
    grid = Grid(table, number)
    groups = row_groups(table)
    # Made when the first cell spans rows: most tables have none.
    free: _FreeColumns | None = None
    index = 0
    width = 0
    for group, elements in groups:
        group_end = index + len(elements)
        # Whether any span from above reaches into the current row.
        spans_until = -1
        for element in elements:
            column = 0
            own: list[Cell] = []
            for cell_element in element:
                if cell_element.tag not in ("td", "th"):
                    continue
                if spans_until >= index and free is not None:
                    column = free.first_free(column, index)
                rowspan_value = cell_element.get("rowspan")
                colspan_value = cell_element.get("colspan")
                colspan = 1 if colspan_value is None else _span(colspan_value, 1, MAX_COLSPAN)
                rowspan = 1
                if rowspan_value is not None:
                    rowspan = _span(rowspan_value, 0, MAX_ROWSPAN)
                    # 0: to the end of the row group; never past it.
                    rowspan = group_end - index if rowspan == 0 else min(rowspan, group_end - index)
                text = cell_text(cell_element, holds_tables=cell_element in table_hosts)
                cell = Cell(cell_element, index, column, rowspan, colspan, text)
                own.append(cell)
                grid.cells.append(cell)
                if rowspan > 1:
                    if free is None:
                        free = _FreeColumns(_width_bound(groups))
                    free.cover(column, column + colspan, index + rowspan - 1)
                    spans_until = max(spans_until, index + rowspan - 1)
                column += colspan
                width = max(width, column)
            grid.rows.append(Row(element, index, group, own, grid))
            index += 1
    grid.width = width
    return grid
