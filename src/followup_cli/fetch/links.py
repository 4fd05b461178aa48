"""Finding the follow-up reports an index page links to.

A city's 行政評価 page lists its reports year by year. A link is followed
when its text or its target looks like a follow-up report (対応状況,
外部評価, 行政評価 ...), when it stays on the same host, and when it does not
point at a PDF, a spreadsheet or a Word file, which this tool cannot read.
Such document links that look like reports are still returned, apart
(:func:`page_and_document_links`), so a run can say which it skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import lxml.html
from lxml import etree

from followup_cli.fetch.errors import DisallowedError
from followup_cli.fetch.urls import checked_url, resolve, same_host
from followup_cli.normalize import nfkc

# Words that name the reports or the evaluation they follow up, in link text
# or in a link's (percent-decoded) target. NFKC-folded text is matched.
DEFAULT_LINK_PATTERN = re.compile(
    r"対応状況|外部評価|行政評価|事務事業評価|施策評価|事業評価|評価結果"
    r"|gaibu[-_]?hyou?ka|taiou?[-_]?jou?kyou?|gyousei[-_]?hyou?ka",
    re.IGNORECASE,
)

# Targets never fetched as pages: documents the parser cannot read.
_NOT_PAGES = re.compile(
    r"\.(?:pdf|xlsx?|xlsm|docx?|pptx?|csv|zip|lzh|jpe?g|png|gif|mp4|txt)$", re.IGNORECASE
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)
_FALLBACK_ENCODINGS = ("utf-8", "cp932", "euc_jp")

LinkMatcher = Callable[[str, str], bool]
"""matcher(link_text, absolute_url) -> follow it?"""


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    text: str


def matcher_from_regex(pattern: str | re.Pattern[str] | None) -> LinkMatcher:
    """A matcher testing the regex against the link text and its decoded target."""
    compiled = DEFAULT_LINK_PATTERN if pattern is None else re.compile(pattern)

    def matches(text: str, url: str) -> bool:
        target = unquote(urlsplit(url).path + "?" + urlsplit(url).query, errors="replace")
        folded = nfkc(text)
        return any(compiled.search(candidate) for candidate in (text, folded, target))

    return matches


def decode_page(content: bytes, content_type: str | None = None) -> str:
    """Page text, for finding links: header charset, then <meta>, then common Japanese encodings."""
    declared: list[str] = []
    if content_type:
        header = _HEADER_CHARSET.search(content_type)
        if header:
            declared.append(header.group(1))
    meta = _META_CHARSET.search(content[:4096])
    if meta:
        declared.append(meta.group(1).decode("ascii"))
    for encoding in (*declared, *_FALLBACK_ENCODINGS):
        try:
            return content.decode(_python_codec(encoding))
        except (LookupError, UnicodeDecodeError):
            continue
    return content.decode("utf-8", errors="replace")


def _python_codec(encoding: str) -> str:
    # Pages say Shift_JIS but mean Windows' superset (①, ㈱, NEC specials).
    lowered = encoding.lower().replace("-", "_")
    return {"shift_jis": "cp932", "sjis": "cp932", "x_sjis": "cp932", "windows_31j": "cp932"}.get(
        lowered, encoding
    )


def extract_links(content: bytes, page_url: str, content_type: str | None = None) -> list[Link]:
    """Every http(s) link on the page, absolute, without fragments, in page order, once each."""
    text = decode_page(content, content_type)
    if not text.strip():
        return []
    # Bytes with an explicit encoding: lxml refuses str holding an XML declaration.
    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        document = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        return []
    base = page_url
    for base_element in document.iter("base"):
        href = base_element.get("href")
        if href:
            base = resolve(page_url, href)
            break
    links: list[Link] = []
    seen: set[str] = set()
    for anchor in document.iter("a", "area"):
        href = anchor.get("href")
        if not href:
            continue
        try:
            url = checked_url(resolve(base, href))
        except (DisallowedError, ValueError):
            continue
        if url in seen:
            continue
        seen.add(url)
        label = " ".join("".join(str(part) for part in anchor.itertext()).split()) or (
            anchor.get("title") or ""
        )
        links.append(Link(url, label))
    return links


_DOCUMENT_KINDS = {
    "pdf": "a PDF file",
    "xls": "an Excel file",
    "xlsx": "an Excel file",
    "xlsm": "an Excel file",
    "doc": "a Word file",
    "docx": "a Word file",
}


def document_kind(url: str) -> str | None:
    """What kind of document (not a page) the URL names, in words, or None for a page."""
    found = _NOT_PAGES.search(urlsplit(url).path)
    if found is None:
        return None
    extension = found.group(0)[1:].lower()
    return _DOCUMENT_KINDS.get(extension, f"a .{extension} file")


def page_and_document_links(
    content: bytes,
    page_url: str,
    *,
    matcher: LinkMatcher,
    content_type: str | None = None,
) -> tuple[list[Link], list[Link]]:
    """Matching same-host links: (pages to follow, documents that cannot be read)."""
    pages: list[Link] = []
    documents: list[Link] = []
    for link in extract_links(content, page_url, content_type):
        if not (same_host(link.url, page_url) and matcher(link.text, link.url)):
            continue
        (documents if document_kind(link.url) else pages).append(link)
    return pages, documents


def report_links(
    content: bytes,
    page_url: str,
    *,
    matcher: LinkMatcher,
    content_type: str | None = None,
) -> list[Link]:
    """The links to follow from a page: same host, a page not a document, and matching."""
    return page_and_document_links(content, page_url, matcher=matcher, content_type=content_type)[0]
