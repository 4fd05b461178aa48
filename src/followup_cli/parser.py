"""The library's entry points: a page in, a Report out."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import cast

from lxml import etree

from followup_cli.celltext import BREAK, Element, all_text, element_text
from followup_cli.document import load_document
from followup_cli.errors import InputReadError, NotAFollowupPageError
from followup_cli.extract import Extractor
from followup_cli.model import Report
from followup_cli.years import year_in_path, year_in_text

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_TITLE_WORDS = re.compile(r"対応状況|外部評価")
# Short elements that may carry the report's year when no heading does.
_YEAR_CARRIERS = ("p", "span", "strong", "b", "font", "td", "th", "div", "dt", "em")
_SHORT_TEXT = 80
# How far apart 年度 and 外部評価 may stand and still belong to one title.
_NEAR = 60
# Elements whose own text says 外部評価 and whose parent's text says 年度.
_SAYS_EVALUATION = etree.XPath("//*[contains(text(), '外部評価') and contains(.., '年度')]")


def _heading_texts(root: Element) -> list[tuple[str, str]]:
    """(tag, text) of the title, captions and headings, in document order, read once."""
    return [
        (str(element.tag), text)
        for element in root.iter("title", "caption", *_HEADINGS)
        if (text := element_text(element))
    ]


def _year_near_evaluation(text: str) -> bool:
    # str.find jumps between the few occurrences; a regex with two alternatives
    # would try a match at every character of the page.
    start = text.find("外部評価")
    while start != -1:
        if "年度" in text[max(start - _NEAR, 0) : start + _NEAR]:
            return True
        start = text.find("外部評価", start + 1)
    return False


def _page_title(headings: list[tuple[str, str]]) -> str | None:
    for tag, text in headings:
        if tag in _HEADINGS and _TITLE_WORDS.search(text):
            return text
    return next((text for tag, text in headings if tag == "title"), None)


def _page_year(root: Element, source_text: str, headings: list[tuple[str, str]]) -> int | None:
    """The year the page gives itself: in its title or headings, not in body text."""
    for _, text in headings:
        year = year_in_text(text)
        if year is not None:
            return year
    # libxml2 finds the few elements whose own text says 外部評価; the year may
    # sit in them or, as <strong>令和2年度</strong>外部評価, in their parent. The
    # search costs more than the page's text says is worth it, so it runs only
    # when the source has 年度 near 外部評価 at all.
    if not _year_near_evaluation(source_text):
        return None
    for element in cast("list[Element]", _SAYS_EVALUATION(root)):
        for candidate in (element, element.getparent()):
            if candidate is None or candidate.tag not in _YEAR_CARRIERS:
                continue
            text = " ".join(all_text(candidate).replace(BREAK, " ").split())
            year = year_in_text(text) if len(text) < _SHORT_TEXT else None
            if year is not None:
                return year
    return None


def parse_html(data: bytes | str, *, source: str = "<string>", year: int | None = None) -> Report:
    """Read one published page (bytes in any encoding we know, or text).

    ``year`` overrides the fiscal year; otherwise it comes from the page's
    title and headings, then from ``source`` as a path (r2, h30, fy2020, 2020).
    Raises a FollowupError subclass when the page cannot be read as a
    follow-up page.
    """
    document = load_document(data, source)
    extractor = Extractor()
    extractor.run(document.root)
    if extractor.tables_found == 0:
        raise NotAFollowupPageError(
            source,
            "no follow-up table found (no row labelled 事業又は施策名, 今後の市の方向性 "
            "or 外部評価実施者意見 / 担当課返答)",
        )
    fiscal_year = year
    headings = _heading_texts(document.root)
    if fiscal_year is None:
        fiscal_year = _page_year(document.root, document.text, headings)
    if fiscal_year is None:
        fiscal_year = year_in_path(source)
    warnings = list(document.notes)
    if _looks_truncated(document.text):
        warnings.append(
            "the page ends inside a table: it looks truncated, and its last row may be incomplete"
        )
    warnings.extend(extractor.warnings)
    return Report(
        source=source,
        fiscal_year=fiscal_year,
        title=_page_title(headings),
        measures=extractor.measures(source, fiscal_year),
        warnings=tuple(warnings),
    )


def _last(text: str, tag: str) -> int:
    # rfind in both cases: a case-blind regex would read the whole page a
    # character at a time, and pages write tags in one case or the other.
    return max(text.rfind(tag), text.rfind(tag.upper()))


def _looks_truncated(text: str) -> bool:
    """A page that ends inside an open table was cut off in transfer."""
    tail = text[-4000:]
    if "</html" in tail or "</HTML" in tail:
        return False
    return _last(text, "<table") > _last(text, "</table")


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
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise InputReadError(source, "is a directory, not a page") from None
    except FileNotFoundError:
        raise InputReadError(source, "no such file") from None
    except PermissionError:
        raise InputReadError(source, "permission denied: the file cannot be read") from None
    except OSError as error:
        raise InputReadError(source, f"cannot be read: {error.strerror or error}") from None
    return parse_html(data, source=source, year=year)
