"""A last resort for pages nested deeper than libxml2 will build.

libxml2 stops at a fixed depth (2048 even with huge_tree) and then drops the
rest of the document without a word. Such pages are wrappers inside wrappers
(<div> or <font> ten thousand deep) around ordinary tables, so we re-emit the
page keeping only the elements the follow-up parser reads: tables, headings,
the title, and paragraph breaks. The standard library's tokenizer has no depth
limit, which is why it does this job and not lxml.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

_KEPT = frozenset(
    {
        "html",
        "head",
        "body",
        "title",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "p",
        "br",
    }
)
_SPAN_ATTRIBUTES = ("rowspan", "colspan")
_BREAKING = frozenset(
    {
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "section",
        "article",
        "center",
        "address",
        "pre",
        "form",
        "fieldset",
        "main",
        "header",
        "footer",
        "nav",
        "aside",
        "hr",
    }
)
_SKIPPED = frozenset({"script", "style", "template", "noscript"})


class _Flattener(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skipping: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skipping:
            return
        if tag in _SKIPPED:
            self._skipping = tag
        elif tag in _KEPT:
            spans = "".join(
                f' {name}="{html.escape(value or "")}"'
                for name, value in attrs
                if name in _SPAN_ATTRIBUTES
            )
            self.out.append(f"<{tag}{spans}>")
        elif tag in _BREAKING:
            self.out.append("<br>")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag == self._skipping:
                self._skipping = None
            return
        if tag in _KEPT and tag != "br":
            self.out.append(f"</{tag}>")
        elif tag in _BREAKING:
            self.out.append("<br>")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.out.append(html.escape(data, quote=False))


def flatten(text: str) -> str:
    """The page with every element the parser does not read taken out."""
    flattener = _Flattener()
    flattener.feed(text)
    flattener.close()
    return "".join(flattener.out)
