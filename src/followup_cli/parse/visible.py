"""The tree as a reader sees it: what the browser does not show is taken out.

Scripts, styles, templates and noscript fallbacks are code; ruby readings
(<rt>, <rp>) are reading aids printed small above the text, not the text a
person records; elements styled display:none or visibility:hidden (in their
style attribute or by the page's <style> blocks, see stylesheet.py), Word's
mso-hide:all, the hiding and screen-reader-only classes of the frameworks city
sites use, icon-font glyphs, and elements marked ``hidden`` are not shown. Content the
reader reveals on the page itself stays: a closed <details>, the inactive
panels of a tab list, and ``hidden="until-found"``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, cast

from lxml import etree

from followup_cli.parse import stylesheet
from followup_cli.parse.celltext import Element

_CODE_TAGS = ("script", "style", "template", "noscript")
_READING_TAGS = ("rt", "rp")
_HIDING_STYLE = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all)\b",
    re.IGNORECASE,
)
# One pass of libxml2 over the attributes that can hide their element: the
# hidden attribute, inline styles and classes (the frameworks'); Python then
# looks only at those values.
_HIDING_ATTRIBUTES = etree.XPath("//@hidden | //@style | //@class")
# Class values worth a closer look: the words the framework classes and a
# spreadsheet's frame cells are made of.
_FRAMEWORK_HINT = re.compile(
    r"only|hid|invisible|none|visible|reader|material-|show-for|header|freezebar"
)
# Whether any element names a tab list, by role or in its class (any case).
_HAS_TAB_LIST = etree.XPath(
    "boolean(//*[@role='tablist'] | //@class[contains(translate(., 'TAB', 'tab'), 'tab')])"
)
# Classes of the panels tab lists and accordions open with a click.
_REVEALABLE_CLASS = re.compile(r"tab|panel|accordion|collapse|toggle|acc-", re.IGNORECASE)


def _revealable(element: Element, has_tab_list: Callable[[], bool],
                controlled: Callable[[], frozenset[str]]) -> bool:
    """Hidden only until the reader clicks: a tab panel, an accordion, find-in-page."""
    if (element.get("hidden") or "").strip().lower() == "until-found":
        return True
    identifier = element.get("id")
    if identifier and identifier in controlled():
        # The panel a button opens (aria-expanded, aria-controls="panel-1").
        return True
    looks_like_a_panel = element.get("role") == "tabpanel" or (
        _REVEALABLE_CLASS.search(element.get("class") or "") is not None)
    # The page-wide look for a tab list only for an element that could be its panel:
    # a CMS frame hides its menus, and those never are.
    return looks_like_a_panel and has_tab_list()


# The panels that buttons on the page open and close.
_ARIA_CONTROLS = etree.XPath("//*[@aria-expanded]/@aria-controls")


def _controlled(root: Element) -> frozenset[str]:
    return frozenset(name for value in cast("list[str]", _ARIA_CONTROLS(root))
                     for name in str(value).split())


def _has_tab_list(root: Element) -> bool:
    """Whether the page has tabs or an accordion that a click opens."""
    return bool(_HAS_TAB_LIST(root))


def remove_invisible(root: Element) -> tuple[str, ...]:
    """Take out what a reader never sees; the text of the page's <style> blocks,
    which go with it, is returned: how the page styles what is left."""
    styles = tuple(style.text for style in root.iter("style") if style.text)
    candidates = list(root.iter(*_CODE_TAGS, *_READING_TAGS))
    hidden: set[Element] = set()
    for attribute in cast("list[Any]", _HIDING_ATTRIBUTES(root)):
        name, value = attribute.attrname, str(attribute)
        if name == "class":
            if _FRAMEWORK_HINT.search(value) and _classes_hide(attribute.getparent(),
                                                                value.split()):
                hidden.add(attribute.getparent())
        elif name == "hidden" or _HIDING_STYLE.search(";" + value):
            hidden.add(attribute.getparent())
    blocks = [css for css in styles if "none" in css or "hidden" in css]
    if blocks:
        hidden.update(stylesheet.hidden_by_style_blocks(root, blocks))
    candidates.extend(hidden)
    has_tab_list = functools.cache(lambda: _has_tab_list(root))
    controlled = functools.cache(lambda: _controlled(root))
    doomed: list[Element] = []
    for element in candidates:
        tag = element.tag
        if tag in _CODE_TAGS or tag in _READING_TAGS or not _revealable(
                element, has_tab_list, controlled):
            doomed.append(element)
    for element in doomed:
        _drop(element)
    read_word_images(root)
    return styles


def _classes_hide(element: Element, classes: list[str]) -> bool:
    """A framework's classes that hide the element on the desktop screen, or a
    spreadsheet's frame cell."""
    if element.tag == "th" and _FRAME_CLASSES.intersection(classes):
        return True
    return stylesheet.framework_hides(classes)


# Images that draw words where a table or heading holds text: a label drawn
# as an image (<img alt="外部評価実施者意見">), a title image in <h1>. Their
# words are the alt text; a small icon's alt (PDF, 新しいウィンドウ) is not
# what it shows, so images under 24 pixels high or wide stay images.
_WORD_PLACES = frozenset({"td", "th", "caption", "h1", "h2", "h3", "h4", "h5", "h6"})
_ICON_SIZE = 24
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def _size(value: str | None) -> int | None:
    digits = (value or "").strip().removesuffix("px")
    return int(digits) if digits.isdigit() else None


def read_word_images(root: Element) -> None:
    """Put each word image's alt text in the text, where the image stands."""
    for image in root.iter("img"):
        if not (image.get("alt") or "").strip() or not any(
                ancestor.tag in _WORD_PLACES for ancestor in image.iterancestors()):
            continue
        width, height = _size(image.get("width")), _size(image.get("height"))
        if (width is not None and width < _ICON_SIZE) or (
                height is not None and height < _ICON_SIZE // 2):
            continue
        # Only the whitespace HTML collapses: a full-width space is drawn as one.
        words = " ".join(_HTML_SPACE.split(image.get("alt") or "")).strip(" ")
        image.tail = words + (image.tail or "")


# A spreadsheet's row numbers and column letters, which Google Sheets' export
# keeps as <th> cells around the sheet: the program's frame, as a browser's
# toolbar is, not part of the table a person reads.
_FRAME_CLASSES = frozenset({"row-headers-background", "column-headers-background",
                            "row-header", "freezebar-cell"})
def _drop(element: Element) -> None:
    """Remove an element and its content, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)
