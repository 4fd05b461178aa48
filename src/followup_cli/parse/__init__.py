"""A page in, a Report out, in stages that follow the data.

1. decoding: bytes to text (decoding.py), refusing files that are no page;
2. document: text to a tree, re-read flattened when it nests too deep (document.py);
3. visible: what a reader never sees taken out (visible.py);
4. tables: every table as a grid of slots through the HTML table model (grid.py);
5. rows: each row classified by its labels (rows.py, vocabulary.py);
6. measures: the rows read in document order into measures (extract.py, header.py);
7. page facts: title, fiscal year, municipality, truncation (page.py);
8. refusal: a page with no evaluators' comments is said to be what it is (refusal.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from followup_cli.model import Report
from followup_cli.page_file import read_page_file
from followup_cli.parse import extract, page, refusal
from followup_cli.parse.celltext import Element
from followup_cli.parse.document import load_document
from followup_cli.parse.grid import Grid, build_grid
from followup_cli.parse.rows import Classified, classify, names_follow_up
from followup_cli.parse.state import State
from followup_cli.parse.visible import remove_invisible
from followup_cli.years import year_in_path

# Where measures are named or noted outside table rows (a table's caption too).
_OUTSIDE_TAGS = ("h2", "h3", "h4", "h5", "h6", "dt", "p", "caption", "summary")


def _grids(root: Element) -> list[Grid]:
    tables = list(root.iter("table"))
    # Cells whose text must leave out the tables nested inside them.
    hosts: set[Element] = set()
    for table in tables:
        host = next(table.iterancestors("td", "th"), None)
        if host is not None:
            hosts.add(host)
    return [build_grid(table, number, hosts) for number, table in enumerate(tables, 1)]


def _follow_up_rows(grids: list[Grid]) -> tuple[dict[Element, Classified], int]:
    """Every row of the tables that hold a follow-up label, by its element."""
    located: dict[Element, Classified] = {}
    tables = 0
    for grid in grids:
        classified = [classify(row) for row in grid.rows]
        if not any(names_follow_up(c) for c in classified):
            continue
        tables += 1
        for item in classified:
            located[item.row.element] = item
    return located, tables


class _RenderedOrder:
    """A table's foot renders after its body wherever the source writes it:
    its rows wait for the table's last other row."""

    def __init__(self, located: dict[Element, Classified]) -> None:
        self.last_before_foot: dict[Grid, int] = {}
        for item in located.values():
            if item.row.group != "foot":
                grid = item.row.grid
                self.last_before_foot[grid] = max(self.last_before_foot.get(grid, -1),
                                                  item.row.index)
        self.waiting: dict[Grid, list[Classified]] = {}
        self.bodies_read: set[Grid] = set()

    def rows(self, item: Classified) -> list[Classified]:
        """The rows to read now that the document has reached ``item``."""
        grid = item.row.grid
        if (item.row.group == "foot" and grid not in self.bodies_read
                and grid in self.last_before_foot):
            self.waiting.setdefault(grid, []).append(item)
            return []
        if item.row.index != self.last_before_foot.get(grid):
            return [item]
        self.bodies_read.add(grid)
        return [item, *self.waiting.pop(grid, [])]

    def left_over(self) -> list[Classified]:
        return [item for rows in self.waiting.values() for item in rows]


def _read_outside(state: State, element: Element,
                  located: dict[Element, Classified]) -> None:
    cell = next(element.iterancestors("td", "th"), None)
    if cell is not None and cell.getparent() in located:
        return  # in a follow-up table's cell it is part of that cell's text
    if element.tag == "dt":
        extract.read_definition(state, element)
    elif element.tag == "p":
        extract.read_paragraph(state, element)
    else:
        extract.read_heading(state, element)


def _footnotes(located: dict[Element, Classified]) -> frozenset[str]:
    """The anchors that in-page links in follow-up rows point to (Word's [1])."""
    return frozenset(
        href[1:] for row in located for anchor in row.iter("a")
        if len(href := anchor.get("href") or "") > 1 and href.startswith("#")
    )


def _read(root: Element, located: dict[Element, Classified]) -> tuple[State,
                                                                    Element | None]:
    """Rows in document order across tables, so nested tables fall where they stand;
    headings, definition lists and paragraphs between them may name measures too."""
    state = State()
    first_row: Element | None = None
    if not located:
        return state, None
    state.footnotes = _footnotes(located)
    order = _RenderedOrder(located)
    for element in root.iter("tr", *_OUTSIDE_TAGS):
        if element.tag != "tr":
            _read_outside(state, element, located)
            continue
        found = located.get(element)
        if found is None:
            continue
        if first_row is None and names_follow_up(found):
            first_row = element
        for row in order.rows(found):
            extract.read_row(state, row)
    for row in order.left_over():
        extract.read_row(state, row)
    return state, first_row


def parse_html(
    data: bytes | str, *, source: str = "<string>", year: int | None = None
) -> Report:
    """Read one published page (bytes in any encoding we know, or text).

    ``year`` overrides the fiscal year; otherwise it comes from what the page
    shows most prominently before its first follow-up table, then from
    ``source`` as a path (r2, h30, fy2020, 2020). Raises a FollowupError
    subclass when the page cannot be read as a follow-up page.
    """
    document = load_document(data, source)
    root = document.root
    styles = remove_invisible(root)
    grids = _grids(root)
    located, tables = _follow_up_rows(grids)
    state, first_row = _read(root, located)
    headings = page.heading_texts(root)
    prominent = page.prominent_lines(root, first_row, document.text, styles)
    title = page.page_title(headings, prominent)
    refusal.check(source, root, state, tables, headings=headings, prominent=prominent)
    fiscal_year = year
    if fiscal_year is None:
        fiscal_year = page.page_year(root, first_row, prominent)
    if fiscal_year is None:
        fiscal_year = year_in_path(source)
    municipality = page.municipality(root, next((t for tag, t in headings if tag == "title"),
                                                None))
    warnings = list(document.notes)
    if page.looks_truncated(document.text):
        warnings.append("the page ends inside a table: it looks truncated, and its last row "
                        "may be incomplete")
    measures = extract.finish(state, source, fiscal_year, municipality)
    warnings.extend(state.warnings)
    return Report(
        source=source,
        fiscal_year=fiscal_year,
        title=title,
        measures=measures,
        warnings=tuple(warnings),
    )


def display_path(path: str | os.PathLike[str]) -> str:
    """The path as text that can always be printed and written as JSON.

    File names that are not valid UTF-8 reach Python as lone surrogates, which
    no terminal or JSON encoder accepts; their bytes are shown escaped instead.
    """
    text = os.fspath(path)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def parse_file(path: str | os.PathLike[str], *, year: int | None = None) -> Report:
    """Read and parse one saved page; the Report's source is the path as given."""
    source = display_path(path)
    return parse_html(read_page_file(Path(path), source), source=source, year=year)
