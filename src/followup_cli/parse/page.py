"""What the page says about itself: its title, fiscal year and municipality.

The fiscal year comes from what the page shows most prominently before its
first follow-up table: the title, then headings and captions, then short
bold, centred or large-type text (office exports have no <h1>). Body text,
update dates (更新日), budget years and links to other pages never count.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable

from followup_cli.normalize import nfkc
from followup_cli.parse.celltext import Element, element_text
from followup_cli.parse.stylesheet import emphasis_classes
from followup_cli.parse.vocabulary import TITLE_TEXT
from followup_cli.years import year_in_text

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "caption"})
_TITLE_WORDS = re.compile(r"対応状況|外部評価")
# Elements whose text may be the page's prominent line when they are short.
_PROMINENT_TAGS = frozenset({"p", "div", "span", "strong", "b", "font", "center", "td", "th",
                             "em", "big", "dt"})
_EMPHASIS_TAGS = frozenset({"strong", "b", "font", "center", "big", "th"})
_FONT_SIZE = re.compile(r"font-size\s*:\s*([0-9]{1,3}(?:\.[0-9]{1,3})?)\s*(pt|px|em|rem|%)",
                        re.IGNORECASE)
_CENTRED_OR_BOLD = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)|text-align\s*:\s*center",
                              re.IGNORECASE)
_SHORT_TEXT = 60
# A line about a date or a budget, not about the report's year.
_NOT_THE_YEAR = re.compile(r"更新|掲載|公開|作成日|予算|決算|時点|現在|募集|開催")
# Where a page's own statements never stand.
_NAVIGATION = frozenset({"a", "nav", "aside", "footer", "select", "option", "button"})

# A local government as it names itself: a city, town, village or ward (with
# its prefecture or not), a prefecture, or a body several of them run together.
_MUNICIPALITY = re.compile(
    r"^(?:[^\s]{1,6}?[都道府県])?(?:[^\s|｜:：/]{1,10}?[市町村区]"
    r"|[^\s|｜:：/]{1,20}?(?:広域連合|事務組合|組合))$"
    r"|^[^\s|｜:：/]{1,6}?[都道府県]$"
)
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
        if (text := element_text(element, keep_wide_spaces=True))
    ]


def page_title(headings: list[tuple[str, str]],
               prominent: Callable[[], list[tuple[Element, str]]]) -> str | None:
    """The report's title: a heading naming it, else the <title> if it names it,
    else the most prominent line naming it before the first follow-up row
    (office exports put the title in a bold cell), else the <title> as it is."""
    for tag, text in headings:
        if tag not in ("title", "caption") and _TITLE_WORDS.search(text):
            return text
    title = next((text for tag, text in headings if tag == "title"), None)
    if title and _TITLE_WORDS.search(title):
        # Unless the page's own title line says it in full: an office export's
        # <title> is the sheet's name (対応状況表), its title cell the report's.
        fuller = next((text for element, text in prominent()
                       if element.tag not in _HEADINGS and title.strip() in text
                       and len(text) > len(title.strip())), None)
        return fuller or title
    for element, text in prominent():
        if _TITLE_WORDS.search(text) and element.tag not in _HEADINGS:
            return text
    return title


def _in_navigation(element: Element) -> bool:
    return any(ancestor.tag in _NAVIGATION for ancestor in element.iterancestors())


def emphasised(element: Element, classes: frozenset[str] = frozenset()) -> bool:
    """Bold, centred or large type: how a page without headings sets its title.
    ``classes`` are those the page's <style> blocks emphasise."""
    if classes and any(name in classes for name in element.get("class", "").split()):
        return True
    style = element.get("style", "")
    size = _FONT_SIZE.search(style)
    if size is not None:
        return _large(size.group(1), size.group(2))
    if element.tag == "font":
        return _large_font_attribute(element.get("size", ""))
    if element.tag in _EMPHASIS_TAGS:
        return True
    if element.get("align", "").lower() == "center" or _CENTRED_OR_BOLD.search(style):
        return True
    return "title" in element.get("class", "").lower()


def _large(number: str, unit: str) -> bool:
    value = float(number)
    unit = unit.lower()
    limits = {"pt": 12.5, "px": 16.5, "em": 1.1, "rem": 1.1, "%": 110.0}
    return value >= limits.get(unit, 1e9)


def _large_font_attribute(size: str) -> bool:
    size = size.strip()
    if size.startswith("+"):
        return True
    return size.isdigit() and int(size) >= 4


def _short_text(element: Element) -> bool:
    """Whether the element's whole text is short, found without reading all of
    a large one (a wrapper <div> around the page must not be read in full)."""
    length = 0
    for piece in element.itertext():
        length += len(piece.strip())
        if length > _SHORT_TEXT:
            return False
    return length > 0


def prominent_lines(root: Element, first_row: Element | None, markup: str,
                    styles: tuple[str, ...] = ()) -> Callable[[], list[tuple[Element, str]]]:
    """Headings, captions and short emphasised lines before the first follow-up row,
    with the element each stands in, in document order: found when first asked
    for, since most pages name their year and title in a heading, and not at
    all when the markup before that row says neither 年度 nor a title word."""
    if not _said_before(markup, first_row):
        return lambda: []
    return functools.cache(lambda: _prominent_lines(root, first_row, styles))


def _said_before(markup: str, row: Element | None) -> bool:
    """Whether the markup says 年度 or a title word before the line ``row`` starts on."""
    line: object = row.sourceline if row is not None else None
    first = markup.find("年度")
    title_word = _TITLE_WORDS.search(markup, 0, first if first >= 0 else len(markup))
    if title_word is not None:
        first = title_word.start()
    if first < 0:
        return False
    # Lines are counted in C up to the first mention, not walked one by one.
    return not isinstance(line, int) or markup.count("\n", 0, first) < line


def _prominent_lines(root: Element, first_row: Element | None,
                     styles: tuple[str, ...]) -> list[tuple[Element, str]]:
    found: list[tuple[Element, str]] = []
    classes = emphasis_classes(styles)
    for element in root.iter("tr", *_HEADINGS, *_PROMINENT_TAGS):
        if element is first_row:
            break
        tag = element.tag
        if tag in _HEADINGS:
            text = element_text(element, keep_wide_spaces=True)
            if text:
                found.append((element, text))
        elif tag in _PROMINENT_TAGS:
            if not (element.text or "").strip() and tag not in ("td", "th", "p", "div"):
                continue
            if not _short_text(element) or element.find(".//a") is not None:
                continue
            text = element_text(element, keep_wide_spaces=True)
            if ((emphasised(element, classes) or TITLE_TEXT.search(text) or _only_a_year(text))
                    and not _in_navigation(element)):
                found.append((element, text))
    return found


def page_year(root: Element, first_row: Element | None,
              prominent: Callable[[], list[tuple[Element, str]]]) -> int | None:
    """The fiscal year the page states before its first follow-up row."""
    title = root.find(".//title")
    if title is not None:
        year = _year_of(element_text(title))
        if year is not None:
            return year
    lines = prominent()
    for element, text in lines:
        if element.tag in _HEADINGS:
            year = _year_of(text)
            if year is not None:
                return year
    for element, text in lines:
        if element.tag not in _HEADINGS:
            year = _year_of(text)
            if year is not None:
                return year
    if first_row is not None:
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
        # The site's name stands last (…｜みどり市) or, on some sites, first (港市｜…).
        for part in ([*reversed(parts[1:]), parts[0]] if len(parts) > 1 else []):
            name = _as_municipality(part)
            if name:
                return name
    # A logo stands among the first images of a page.
    for image in itertools.islice(root.iter("img"), _LOGO_SEARCH):
        alt = image.get("alt") or ""
        # The shape first: most images are not a city's name.
        if not alt or _as_municipality(alt) is None or _in_navigation_body(image):
            continue
        holder = " ".join(
            f"{ancestor.get('class', '')} {ancestor.get('id', '')}"
            for ancestor in image.iterancestors()
        ).lower()
        if any(word in holder for word in _LOGO_PLACES) or _links_home(image):
            name = _as_municipality(alt)
            if name:
                return name
    return None


_LOGO_SEARCH = 12
_LOGO_PLACES = ("logo", "header", "site-name", "sitename", "site_title", "siteid")
# A link to the site's front page: /, index.html, ../../index.html, https://host/.
_HOME = re.compile(r"^(?:https?://[^/]+)?/?(?:\.\.?/)*(?:index\.(?:html?|php))?$", re.IGNORECASE)


def _links_home(image: Element) -> bool:
    link = next(image.iterancestors("a"), None)
    return link is not None and _HOME.match((link.get("href") or "").strip()) is not None


def _in_navigation_body(element: Element) -> bool:
    return any(ancestor.tag in ("footer", "aside") for ancestor in element.iterancestors())


def _as_municipality(text: str) -> str | None:
    name = nfkc(text).strip()
    name = _SITE_SUFFIX.sub("", name).strip()
    first, _, rest = name.partition(" ")
    if rest and _MUNICIPALITY.match(first):
        # "榊原市 行政評価": the city, then what part of its site this is.
        return _as_municipality(text.strip().split(None, 1)[0])
    if not name or len(name) > 30:
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
