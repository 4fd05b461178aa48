"""Readable text out of table cells, as the page's readers see it.

Paragraph breaks come from block elements and <br>, and also from markup that
a CMS escaped into the text (``&lt;p&gt;`` shows as a literal ``<p>`` on the
page, but it is a paragraph break to the person who typed it). Characters are
kept as published: no width folding here.
"""

from __future__ import annotations

import re

from lxml import etree

# Plain lxml elements: lxml.html's element classes cost a Python-level lookup
# for every node touched, and the parser needs none of their methods.
Element = etree._Element

# A Unicode noncharacter marks paragraph breaks inside the tree, so that
# itertext() carries them. Pages never hold it legitimately (it is removed from
# the text before parsing), and unlike NUL, libxml2 accepts it in text nodes.
BREAK = "\ufdd0"

_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "section",
        "article",
        "center",
        "address",
        "hr",
        "tr",
    }
)
_SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript"})

# Escaped markup, as it reads once the entities are decoded. Bounded repetition
# keeps these linear on any text.
_ESCAPED_BLOCK = re.compile(
    r"<\s{0,3}/?\s{0,3}(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th)\b[^<>]{0,300}>", re.IGNORECASE
)
_ESCAPED_INLINE = re.compile(
    r"<\s{0,3}/?\s{0,3}(?:span|strong|b|em|i|u|s|font|a|small|big|sub|sup|mark|ins|del)\b"
    r"[^<>]{0,300}>",
    re.IGNORECASE,
)


def mark_breaks(root: Element) -> None:
    """Insert BREAK at every block boundary below ``root``, and drop scripts.

    Done per element read (a cell, a heading), not over the whole page: most of
    a page's markup is navigation the parser never reads. Marking an element
    twice only doubles empty paragraphs, which are dropped.
    """
    # One pass over every element: asking libxml2 to match two dozen tag names
    # per node costs more than testing them here.
    for element in root.iter():
        tag = element.tag
        if tag == "br":
            element.tail = BREAK + (element.tail or "")
        elif tag in _BLOCK_TAGS:
            element.text = BREAK + (element.text or "")
            element.tail = BREAK + (element.tail or "")
        elif tag in _SKIPPED_TAGS:
            # Their content is code, never page text.
            element.text = None
            for child in list(element):
                element.remove(child)


def all_text(element: Element) -> str:
    """Every text node below ``element`` (not its tail), concatenated by libxml2."""
    # Serialising as text is done in C: three times faster than joining itertext().
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


def _outermost_tables(cell: Element) -> list[Element]:
    """Tables inside ``cell`` that are not inside another table inside it."""
    found: list[Element] = []
    for table in cell.iter("table"):
        if table is not cell and not any(outer in found for outer in table.iterancestors("table")):
            found.append(table)
    return found


def own_text(cell: Element) -> str:
    """The cell's text with BREAK marks, leaving out the tables nested inside it.

    The nested tables are lifted out for the moment of the reading, each left
    as a BREAK, and put back: libxml2 then reads the rest in one C call, where
    walking a layout cell (the whole page, often) element by element in Python
    would cost more than the parse.
    """
    placeholders: list[tuple[Element, Element]] = []
    for table in _outermost_tables(cell):
        parent = table.getparent()
        if parent is None:
            continue
        placeholder = etree.Element("span")
        placeholder.text = BREAK
        placeholder.tail = table.tail
        parent.replace(table, placeholder)
        placeholders.append((placeholder, table))
    try:
        if len(cell):
            mark_breaks(cell)
        return all_text(cell)
    finally:
        for placeholder, table in reversed(placeholders):
            placeholder_parent = placeholder.getparent()
            if placeholder_parent is not None:
                placeholder_parent.replace(placeholder, table)


def clean_text(raw: str) -> str:
    """Paragraphs of a cell's raw text, trimmed, joined by newlines."""
    if "<" in raw:
        unescaped = _ESCAPED_BLOCK.sub(BREAK, raw)
        if unescaped != raw:
            # Escaped paragraphs are the mark of a CMS that escaped its rich
            # text: only then are inline tags markup too (elsewhere "<A>" may be
            # a grade), and entities escaped along with them still need decoding.
            raw = _ESCAPED_INLINE.sub("", unescaped)
            if "&" in raw:
                import html  # noqa: PLC0415 - rare: its entity table is start-up cost

                raw = html.unescape(raw)
    collapsed = _collapse_html_whitespace(raw)
    if BREAK not in collapsed:
        return collapsed.strip()
    paragraphs = (part.strip() for part in collapsed.split(BREAK))
    return "\n".join(part for part in paragraphs if part)


def _collapse_html_whitespace(text: str) -> str:
    """Runs of ASCII whitespace as one space, as HTML renders them (U+3000 kept).

    Plain replaces: a regex over Japanese text costs twice as much.
    """
    for char in "\r\n\t\f":
        if char in text:
            text = text.replace(char, " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text


# A cell holding only a dash is how a table says "nothing entered" (a reply
# not yet given, no direction): － ― ‐ - — – ー and their like, up to three.
_DASHES = frozenset("-‐‑‒–—―−－ーｰ─━")


def _entered(text: str) -> str:
    if 0 < len(text) <= 3 and all(char in _DASHES for char in text):
        return ""
    return text


def cell_text(cell: Element, *, holds_tables: bool = False) -> str:
    if holds_tables:
        return _entered(clean_text(own_text(cell)))
    if len(cell):
        mark_breaks(cell)
        return _entered(clean_text(all_text(cell)))
    # No child elements (most cells, and every cell of escaped rich text): the
    # text node is the whole text, and reading it costs less than serialising.
    return _entered(clean_text(cell.text or ""))


def element_text(element: Element, *, keep_wide_spaces: bool = False) -> str:
    """All text below an element on one line, as a heading or title reads.

    With ``keep_wide_spaces``, only the whitespace HTML collapses is collapsed:
    a browser shows U+3000 as published.
    """
    if len(element):
        mark_breaks(element)
    text = all_text(element).replace(BREAK, " ")
    if keep_wide_spaces:
        return _collapse_html_whitespace(text).strip(" ")
    return " ".join(text.split())
