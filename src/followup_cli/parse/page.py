"""What the page says about itself: its title, fiscal year and municipality.

The fiscal year comes from what the page shows most prominently before its
first follow-up table: the title, then headings and captions, then short
bold, centred or large-type text (office exports have no <h1>). Body text,
update dates (更新日), budget years and links to other pages never count.
"""

from __future__ import annotations

import re

from followup_cli.normalize import nfkc
from followup_cli.parse.celltext import Element, element_text
from followup_cli.parse.vocabulary import TITLE_TEXT
from followup_cli.years import year_in_text

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "caption"})
_TITLE_WORDS = re.compile(r"対応状況|外部評価")
# Elements whose text may be the page's prominent line when they are short.
_PROMINENT_TAGS = frozenset({"p", "div", "span", "strong", "b", "font", "center", "td", "th",
                             "em", "big", "dt", "li"})
_EMPHASIS_TAGS = frozenset({"strong", "b", "font", "center", "big", "th"})
_EMPHASIS_STYLE = re.compile(r"font-size|font-weight\s*:\s*(?:bold|[6-9]00)|text-align\s*:\s*"
                             r"center", re.IGNORECASE)
_SHORT_TEXT = 60
# A line about a date or a budget, not about the report's year.
_NOT_THE_YEAR = re.compile(r"更新|掲載|公開|作成日|予算|決算|時点|現在|募集|開催")
# Where a page's own statements never stand.
_NAVIGATION = frozenset({"a", "nav", "aside", "footer", "select", "option", "button"})

_MUNICIPALITY = re.compile(r"^(?:[^\s]{1,6}?[都道府県])?([^\s|｜:：/]{1,10}?[市町村区])$")
_SITE_SUFFIX = re.compile(
    r"(?:公式)?(?:ホームページ|ウェブサイト|webサイト|サイト|トップページ|ポータル(?:サイト)?)$"
    r"|役所$|役場$", re.IGNORECASE,
)
_TITLE_SEPARATOR = re.compile(r"\s*[|｜/／]\s*|\s+[-–—:：]\s+|\s*[－―]\s*")


def heading_texts(root: Element) -> list[tuple[str, str]]:
    """(tag, text) of the title, captions and headings, in document order."""
    return [
        (str(element.tag), text)
        for element in root.iter("title", "caption", "h1", "h2", "h3", "h4", "h5", "h6")
        if (text := element_text(element))
    ]


def page_title(headings: list[tuple[str, str]]) -> str | None:
    for tag, text in headings:
        if tag not in ("title", "caption") and _TITLE_WORDS.search(text):
            return text
    return next((text for tag, text in headings if tag == "title"), None)


def _in_navigation(element: Element) -> bool:
    return any(ancestor.tag in _NAVIGATION for ancestor in element.iterancestors())


def _emphasised(element: Element) -> bool:
    if element.tag in _EMPHASIS_TAGS:
        return True
    if element.get("align", "").lower() == "center":
        return True
    if _EMPHASIS_STYLE.search(element.get("style", "")):
        return True
    return "title" in element.get("class", "").lower()


def page_year(root: Element, first_row: Element | None) -> int | None:
    """The fiscal year the page states before its first follow-up row."""
    title = root.find(".//title")
    if title is not None:
        year = _year_of(element_text(title))
        if year is not None:
            return year
    headings: list[str] = []
    prominent: list[str] = []
    for element in root.iter():
        if element is first_row:
            break
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if tag in _HEADINGS:
            headings.append(element_text(element))
        elif tag in _PROMINENT_TAGS:
            own = (element.text or "").strip()
            if not own and tag not in ("td", "th", "p", "div"):
                continue
            text = element_text(element)
            if 0 < len(text) <= _SHORT_TEXT and (
                _emphasised(element) or TITLE_TEXT.search(text) or _only_a_year(text)
            ):
                prominent.append(text)
                # Kept with its element so navigation can be ruled out lazily.
                if _in_navigation(element):
                    prominent.pop()
    for text in headings:
        year = _year_of(text)
        if year is not None:
            return year
    for text in prominent:
        year = _year_of(text)
        if year is not None:
            return year
    if first_row is not None:
        # The caption of the first follow-up table comes after its rows in no
        # source, but a table without one may hold the year in a heading row.
        table = next(first_row.iterancestors("table"), None)
        caption = table.find("caption") if table is not None else None
        if caption is not None:
            return _year_of(element_text(caption))
    return None


def _year_of(text: str) -> int | None:
    if not text or _NOT_THE_YEAR.search(text):
        return None
    return year_in_text(text)


def _only_a_year(text: str) -> bool:
    folded = nfkc(text)
    return len(folded) <= 16 and "年度" in folded


def municipality(root: Element, title: str | None) -> str | None:
    """The city's name as the page gives it: og:site_name, the title's site part, a logo."""
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:site_name":
            name = _as_municipality(meta.get("content") or "")
            if name:
                return name
    if title:
        parts = [part for part in _TITLE_SEPARATOR.split(title) if part]
        for part in reversed(parts[1:]):
            name = _as_municipality(part)
            if name:
                return name
    for image in root.iter("img"):
        alt = image.get("alt") or ""
        if not alt or _in_navigation_body(image):
            continue
        holder = " ".join(
            f"{ancestor.get('class', '')} {ancestor.get('id', '')}"
            for ancestor in image.iterancestors()
        ).lower()
        if any(word in holder for word in ("logo", "header", "site-name", "sitename", "site_title")):
            name = _as_municipality(alt)
            if name:
                return name
    return None


def _in_navigation_body(element: Element) -> bool:
    return any(ancestor.tag in ("footer", "aside") for ancestor in element.iterancestors())


def _as_municipality(text: str) -> str | None:
    name = nfkc(text).strip()
    name = _SITE_SUFFIX.sub("", name).strip()
    if not name or len(name) > 16:
        return None
    match = _MUNICIPALITY.match(name)
    if match is None:
        return None
    # Returned as published, not folded: the match only checked its shape.
    original = text.strip()
    stripped = _SITE_SUFFIX.sub("", original).strip()
    return stripped if nfkc(stripped) == name else name


def looks_truncated(text: str) -> bool:
    """A page that ends inside an open table was cut off in transfer."""
    tail = text[-4000:]
    if "</html" in tail or "</HTML" in tail:
        return False
    return _last(text, "<table") > _last(text, "</table")


def _last(text: str, tag: str) -> int:
    # rfind in both cases: a case-blind regex would read the whole page a
    # character at a time, and pages write tags in one case or the other.
    return max(text.rfind(tag), text.rfind(tag.upper()))
