"""The tree as a reader sees it: what the browser does not show is taken out.

Scripts, styles, templates and noscript fallbacks are code; ruby readings
(<rt>, <rp>) are reading aids printed small above the text, not the text a
person records; elements styled display:none or visibility:hidden, Word's
mso-hide:all, and elements marked ``hidden`` are not shown at all. Content the
reader reveals on the page itself stays: a closed <details>, the inactive
panels of a tab list, and ``hidden="until-found"``.
"""

from __future__ import annotations

import re
from typing import Any, cast

from lxml import etree

from followup_cli.parse.celltext import Element

_CODE_TAGS = ("script", "style", "template", "noscript")
_READING_TAGS = ("rt", "rp")
_HIDING_STYLE = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all)\b",
    re.IGNORECASE,
)
# A rule in a <style> block hiding a class: .ruby-reading { display: none }.
_CLASS_RULE = re.compile(r"([^{}]{1,400})\{([^{}]{0,2000})\}")
_SIMPLE_CLASS = re.compile(r"^\s*(?:[a-z0-9]{1,10})?\.([A-Za-z0-9_-]{1,60})\s*$", re.IGNORECASE)
_HIDING_WORDS = ("none", "None", "NONE", "hidden", "Hidden", "HIDDEN", "mso-hide", "HIDE")
# libxml2 finds the few attributes that can hide their element, in one pass
# over attributes alone; Python then looks only at those elements.
_HIDING_ATTRIBUTES = etree.XPath(
    "//@hidden | //@style[" + " or ".join(f"contains(., '{word}')" for word in _HIDING_WORDS)
    + "]"
)
_CLASSED = etree.XPath("//*[@class]")
# Classes of the panels tab lists and accordions open with a click.
_REVEALABLE_CLASS = re.compile(r"tab|panel|accordion|collapse|toggle|acc-", re.IGNORECASE)


def _hidden_classes(root: Element) -> frozenset[str]:
    """Classes a <style> block hides outright (simple ``.name`` selectors only)."""
    hidden: set[str] = set()
    for style in root.iter("style"):
        css = style.text or ""
        if "none" not in css and "hidden" not in css:
            continue
        for selectors, body in _CLASS_RULE.findall(css):
            if not _HIDING_STYLE.search(";" + body):
                continue
            for selector in selectors.split(","):
                match = _SIMPLE_CLASS.match(selector)
                if match:
                    hidden.add(match.group(1))
    return frozenset(hidden)


def _revealable(element: Element, has_tab_list: bool) -> bool:
    """Hidden only until the reader clicks: a tab panel, an accordion, find-in-page."""
    if (element.get("hidden") or "").strip().lower() == "until-found":
        return True
    if not has_tab_list:
        return False
    if element.get("role") == "tabpanel":
        return True
    return _REVEALABLE_CLASS.search(element.get("class") or "") is not None


def _has_tab_list(root: Element) -> bool:
    """Whether the page has tabs or an accordion that a click opens."""
    if root.find(".//*[@role='tablist']") is not None:
        return True
    return any("tab" in (element.get("class") or "").lower()
               for element in cast("list[Element]", _CLASSED(root)))


def remove_invisible(root: Element) -> int:
    """Take out what a reader never sees; the number of hidden elements removed."""
    # libxml2 looks at every attribute in C: cheaper than scanning the markup
    # for the hiding words first, which reads every character several times.
    hidden_classes = _hidden_classes(root)
    candidates = list(root.iter(*_CODE_TAGS, *_READING_TAGS))
    candidates.extend(
        attribute.getparent() for attribute in cast("list[Any]", _HIDING_ATTRIBUTES(root))
    )
    if hidden_classes:
        candidates.extend(cast("list[Element]", _CLASSED(root)))
    if not candidates:
        return 0
    tab_list: list[bool] = []  # worked out once, and only if something is hidden
    removed = 0
    doomed: list[Element] = []
    for element in candidates:
        tag = element.tag
        if tag in _CODE_TAGS or tag in _READING_TAGS:
            doomed.append(element)
            continue
        hides = element.get("hidden") is not None or bool(
            _HIDING_STYLE.search(";" + (element.get("style") or ""))
        )
        if not hides and hidden_classes:
            classes = (element.get("class") or "").split()
            hides = any(name in hidden_classes for name in classes)
        if hides and not tab_list:
            tab_list.append(_has_tab_list(root))
        if hides and not _revealable(element, tab_list[0]):
            doomed.append(element)
            if tag not in ("input", "meta", "link"):
                removed += 1
    for element in doomed:
        _drop(element)
    return removed


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
