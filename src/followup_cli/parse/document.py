"""From page bytes or text to an lxml tree the extractor can trust."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from lxml import etree

from followup_cli.errors import MalformedPageError, NotAFollowupPageError
from followup_cli.parse.celltext import BREAK, Element
from followup_cli.parse.decoding import decode_page

# lxml refuses str input that carries an XML encoding declaration; the text is
# already decoded, so the declaration has nothing left to say.
_XML_DECLARATION = re.compile(r"\s{0,100}<\?xml[^>]{0,300}\?>")
_DEPTH_ERROR = "depth"
# Characters XML (and so lxml) cannot hold in a text node. They are never
# page content; terminal escapes among them would be dangerous to print anyway.
_UNREPRESENTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]+")
# The same characters written as character references (&#x1b;, &#0;): a
# browser shows nothing or a replacement mark for them, never page text.
_CONTROL_REFERENCE = re.compile(
    r"&#(?:[xX]0{0,8}(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF])(?![0-9a-fA-F])"
    r"|0{0,8}(?:[0-8]|1[1-2]|1[4-9]|2[0-9]|3[01]|127)(?![0-9]));?"
)
# A start tag this long can only be a flood of attributes, which libxml2 reads
# in time that grows with the square of their number.
_LONG_TAG = re.compile(r"<[A-Za-z][^<>]{20000,}>")
_ATTRIBUTE = re.compile(r"""\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?""")
MAX_ATTRIBUTES = 1000


class Document(NamedTuple):
    root: Element
    text: str
    notes: tuple[str, ...]


def _parse_tree(markup: str | bytes) -> tuple[Element | None, bool]:
    """The tree, and whether libxml2 gave up because the page nests too deep.

    ``markup`` is text, or bytes known to be UTF-8.
    """
    parser = etree.HTMLParser(
        huge_tree=True,
        remove_comments=True,
        remove_pis=True,
        encoding="utf-8" if isinstance(markup, bytes) else None,
    )
    try:
        root = etree.fromstring(markup, parser)
    except etree.XMLSyntaxError:
        root = None
    too_deep = any(
        entry.type_name == "ERR_RESOURCE_LIMIT" and _DEPTH_ERROR in entry.message
        for entry in parser.error_log
    )
    return root, too_deep


def _cut_attribute_floods(text: str) -> tuple[str, int]:
    """The text with every start tag cut to its first MAX_ATTRIBUTES attributes."""
    cut = 0

    def shorten(match: re.Match[str]) -> str:
        nonlocal cut
        tag = match.group(0)
        name_end = 1
        while name_end < len(tag) and not tag[name_end].isspace() and tag[name_end] not in "/>":
            name_end += 1
        attributes = _ATTRIBUTE.findall(tag, name_end, len(tag) - 1)
        if len(attributes) <= MAX_ATTRIBUTES:
            return tag
        cut += 1
        return tag[:name_end] + "".join(attributes[:MAX_ATTRIBUTES]) + ">"

    return _LONG_TAG.sub(shorten, text), cut


def _defuse(text: str) -> tuple[str, int, int]:
    """Control characters written as references removed, attribute floods cut.

    Returns the text, how many references went, and how many tags were cut.
    """
    references = 0
    if "&#" in text:
        text, references = _CONTROL_REFERENCE.subn("", text)
    cut = 0
    if len(text) > 20000 and _LONG_TAG.search(text):
        text, cut = _cut_attribute_floods(text)
    return text, references, cut


@dataclass(slots=True)
class _PageText:
    text: str
    # The page's UTF-8 bytes while they still say exactly what ``text`` says.
    utf8: bytes | None
    removed: int
    notes: list[str]


def _page_text(data: bytes | str, source: str) -> _PageText:
    if isinstance(data, str):
        if not data.strip():
            raise NotAFollowupPageError(source, "the file is empty")
        page = _PageText(data, None, 0, [])
        needs_text_check = True
    else:
        decoded = decode_page(data, source)
        page = _PageText(decoded.text, decoded.utf8, decoded.removed_controls,
                         [decoded.note] if decoded.note else [])
        # Controls were taken out of the bytes, except in UTF-16 pages.
        needs_text_check = decoded.encoding.startswith("utf-16") or "\ufffe" in page.text
    if needs_text_check or "\uffff" in page.text:
        page.text, runs = _UNREPRESENTABLE.subn("", page.text)
        page.removed += runs
        page.utf8 = None
    page.text, references, cut = _defuse(page.text)
    page.removed += references
    if cut:
        page.notes.append(f"{cut} tag(s) carry more than {MAX_ATTRIBUTES} attributes; "
                          f"only their first {MAX_ATTRIBUTES} were read")
    if page.removed:
        page.notes.append(f"removed {page.removed} control character(s) that are not page text")
    changed = bool(references or cut)
    if BREAK in page.text:
        page.text = page.text.replace(BREAK, "")
        changed = True
    declaration = _XML_DECLARATION.match(page.text)
    if declaration:
        page.text = page.text[declaration.end() :]
        changed = True
    if changed:
        page.utf8 = None
    return page


def load_document(data: bytes | str, source: str) -> Document:
    page = _page_text(data, source)
    # The UTF-8 bytes when they say exactly what the text says: libxml2 then
    # skips encoding the text back to UTF-8 itself.
    root, too_deep = _parse_tree(page.utf8 if page.utf8 is not None else page.text)
    if too_deep:
        # Loaded only here: html.parser is start-up cost every other page is spared.
        from followup_cli.parse.flatten import flatten  # noqa: PLC0415

        root, too_deep = _parse_tree(flatten(page.text))
        if too_deep or root is None:
            raise MalformedPageError(
                source, "the page's tables are nested too deeply to read without losing content"
            )
        page.notes.append("the page nests elements too deeply for the HTML parser; it was read "
                          "with its layout elements removed")
    if root is None:
        raise NotAFollowupPageError(source, "the file holds no HTML content")
    return Document(root, page.text, tuple(page.notes))
