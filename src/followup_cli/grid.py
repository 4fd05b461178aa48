"""Tables as grids of cells, with rowspan and colspan expanded.

A cell that spans rows or columns occupies every slot it covers, so a reply
cell with rowspan=3 is found in the reply column of each of the three rows,
and a colspan never shifts the columns to its right.
"""

from __future__ import annotations

from dataclasses import dataclass

from followup_cli.celltext import Element, all_text, cell_text

# Hostile pages write colspan=100000; no real follow-up table is this wide or long.
MAX_COLSPAN = 50
MAX_ROWSPAN = 1000


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


@dataclass(slots=True, eq=False)
class Row:
    """One <tr>: its grid slots, and which of them this row's own cells fill."""

    element: Element
    index: int
    slots: list[Cell | None]
    # Cells that start in this row, left to right, each once.
    own: list[Cell]

    def slot(self, column: int) -> Cell | None:
        return self.slots[column] if 0 <= column < len(self.slots) else None


@dataclass(slots=True, eq=False)
class Grid:
    table: Element
    rows: list[Row]


def _span(value: str | None, limit: int) -> int:
    if not value:
        return 1
    digits = "".join(char for char in value.strip()[:6] if char.isdigit())
    if not digits:
        return 1
    number = int(digits)
    # rowspan=0 means "to the end of the table"; the caller clips to the rows left.
    return limit if number == 0 else max(1, min(number, limit))


def table_rows(table: Element) -> list[Element]:
    """The table's own <tr> elements, whether or not thead/tbody/tfoot wrap them."""
    rows: list[Element] = []
    for child in table:
        tag = child.tag
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(grandchild for grandchild in child if grandchild.tag == "tr")
    return rows


def build_grid(table: Element, table_hosts: set[Element]) -> Grid:
    """The table's grid; ``table_hosts`` are the cells that hold nested tables."""
    row_elements = table_rows(table)
    row_count = len(row_elements)
    # Slots that rowspans from above fill: row index -> column -> cell.
    carried: dict[int, dict[int, Cell]] = {}
    rows: list[Row] = []
    for index, row_element in enumerate(row_elements):
        pending = carried.pop(index, {})
        slots: list[Cell | None] = []
        own: list[Cell] = []
        for element in row_element:
            if element.tag not in ("td", "th"):
                continue
            while len(slots) in pending:
                slots.append(pending.pop(len(slots)))
            column = len(slots)
            # Most cells span nothing: the attribute reads are the whole cost then.
            rowspan_value = element.get("rowspan")
            colspan_value = element.get("colspan")
            rowspan = (
                1
                if rowspan_value is None
                else min(_span(rowspan_value, MAX_ROWSPAN), row_count - index)
            )
            colspan = 1 if colspan_value is None else _span(colspan_value, MAX_COLSPAN)
            text = cell_text(element, holds_tables=element in table_hosts)
            cell = Cell(element, index, column, rowspan, colspan, text)
            own.append(cell)
            if colspan == 1:
                slots.append(cell)
            else:
                slots.extend([cell] * colspan)
            if rowspan > 1:
                for below in range(index + 1, index + rowspan):
                    below_slots = carried.setdefault(below, {})
                    for offset in range(colspan):
                        below_slots[column + offset] = cell
        # Spans from above that lie past this row's own cells, holes left empty.
        for column in sorted(pending):
            slots.extend([None] * (column - len(slots)))
            slots.append(pending[column])
        rows.append(Row(row_element, index, slots, own))
    return Grid(table, rows)
