"""What a page's own <style> blocks hide, as a desktop browser applies them.

A rule hides an element with ``display: none`` or ``visibility: hidden``,
unless a rule that wins over it (``!important``, then the more specific
selector, then the later one) shows it again. Rules inside ``@media`` apply
only when the query holds for a desktop screen :data:`SCREEN_WIDTH` pixels
wide: a label a phone layout shows (``@media (max-width: 767px)``) and a line
only for print stay hidden. Selectors are translated to XPath by cssselect, so
``.card .label``, ``td > span.rt`` and ``comment`` (LibreOffice's cell notes)
are found by libxml2; a selector that depends on the pointer or on the
document's state (``:hover``, ``::before``) hides nothing.

tinycss2 and cssselect load only for a page whose <style> says none or hidden.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any, NamedTuple, cast

from lxml import etree

from followup_cli.parse.celltext import Element

# The desktop window the parser reads pages in (Bootstrap's xl, Tailwind's xl).
SCREEN_WIDTH = 1280
_EM = 16

_WIDTH_FEATURE = re.compile(r"\(\s*(min|max)-width\s*:\s*([0-9.]+)\s*(px|em|rem)\s*\)")
_RANGE_FEATURE = re.compile(r"\(\s*width\s*(>=|<=|>|<)\s*([0-9.]+)\s*(px|em|rem)\s*\)")
_FEATURE = re.compile(r"\([^()]*\)")
# Features a desktop screen always has.
_DESKTOP_FEATURES = frozenset({
    "(orientation:landscape)", "(hover:hover)", "(pointer:fine)", "(any-hover:hover)",
    "(any-pointer:fine)", "(color)", "(prefers-reduced-motion:no-preference)",
})


class Declaration(NamedTuple):
    """One display or visibility declaration: whether it hides, and how strongly."""

    property: str
    hides: bool
    important: bool
    specificity: tuple[int, int, int]
    order: int


def _pixels(number: str, unit: str) -> float:
    return float(number) * (_EM if unit in ("em", "rem") else 1)


def _query_holds(query: str) -> bool:
    text = " ".join(query.lower().split())
    negated = text.startswith("not ")
    if negated:
        text = text[4:]
    text = text.removeprefix("only ")
    media_type = text.split("(", 1)[0].replace("and", " ").strip()
    holds = media_type in ("", "all", "screen")
    for feature in _FEATURE.findall(text):
        width = _WIDTH_FEATURE.fullmatch(feature)
        ranged = _RANGE_FEATURE.fullmatch(feature)
        if width is not None:
            bound = _pixels(width.group(2), width.group(3))
            holds = holds and (bound <= SCREEN_WIDTH if width.group(1) == "min"
                               else bound >= SCREEN_WIDTH)
        elif ranged is not None:
            bound = _pixels(ranged.group(2), ranged.group(3))
            holds = holds and {">=": bound <= SCREEN_WIDTH, "<=": bound >= SCREEN_WIDTH,
                               ">": bound < SCREEN_WIDTH, "<": bound > SCREEN_WIDTH
                               }[ranged.group(1)]
        else:
            # A feature not known to hold is taken not to: its rules are not applied.
            holds = holds and feature.replace(" ", "") in _DESKTOP_FEATURES
    return holds != negated


def media_holds(prelude: str) -> bool:
    """Whether an @media prelude (queries separated by commas) holds on the desktop screen."""
    return any(_query_holds(query) for query in prelude.split(","))


def _display_declarations(content: list[Any]) -> list[tuple[str, bool, bool]]:
    """(property, hides, important) for each display and visibility declaration."""
    import tinycss2  # noqa: PLC0415 - only for pages that hide with a stylesheet

    found: list[tuple[str, bool, bool]] = []
    for item in tinycss2.parse_declaration_list(content, skip_whitespace=True,
                                                skip_comments=True):
        name = getattr(item, "lower_name", None)
        if name not in ("display", "visibility"):
            continue
        value = tinycss2.serialize(item.value).strip().lower()
        hides = value == "none" if name == "display" else value in ("hidden", "collapse")
        found.append((name, hides, bool(item.important)))
    return found


def _rules(rules: Iterable[Any]) -> Iterable[tuple[str, list[tuple[str, bool, bool]]]]:
    """(selectors, declarations) of the rules that apply on the desktop screen."""
    import tinycss2  # noqa: PLC0415

    for rule in rules:
        kind = getattr(rule, "type", "")
        if kind == "qualified-rule":
            declarations = _display_declarations(rule.content)
            if declarations:
                yield tinycss2.serialize(rule.prelude).strip(), declarations
        elif kind == "at-rule" and rule.content is not None:
            keyword = rule.lower_at_keyword
            if keyword == "media" and not media_holds(tinycss2.serialize(rule.prelude)):
                continue
            if keyword in ("media", "supports", "layer", "container"):
                yield from _rules(tinycss2.parse_rule_list(rule.content, skip_whitespace=True,
                                                           skip_comments=True))


@functools.lru_cache(maxsize=512)
def _selector_paths(selectors: str) -> tuple[tuple[etree.XPath, tuple[int, int, int]], ...]:
    """Each selector of a rule's list as compiled XPath with its specificity; the
    ones XPath cannot express (pseudo-elements, :hover) are left out."""
    from cssselect import HTMLTranslator, SelectorError, parse  # noqa: PLC0415

    translator = HTMLTranslator()
    paths: list[tuple[etree.XPath, tuple[int, int, int]]] = []
    try:
        parsed = parse(selectors)
    except SelectorError:
        return ()
    for selector in parsed:
        if selector.pseudo_element is not None:
            continue
        try:
            path = translator.selector_to_xpath(selector, prefix="descendant-or-self::")
            paths.append((etree.XPath(path), selector.specificity()))
        except (SelectorError, etree.XPathError):
            continue
    return tuple(paths)


def hidden_by_style_blocks(root: Element, blocks: list[str]) -> list[Element]:
    """Elements the page's style blocks hide on the desktop screen, in no set order."""
    import tinycss2  # noqa: PLC0415

    winning: dict[tuple[Element, str], Declaration] = {}
    order = 0
    for css in blocks:
        rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
        for selectors, declarations in _rules(rules):
            for path, specificity in _selector_paths(selectors):
                matched = cast("list[Element]", path(root))
                if not matched:
                    continue
                for name, hides, important in declarations:
                    order += 1
                    declaration = Declaration(name, hides, important, specificity, order)
                    for element in matched:
                        held = winning.get((element, name))
                        if held is None or _wins(declaration, held):
                            winning[element, name] = declaration
    return list(dict.fromkeys(
        element for (element, _), declaration in winning.items() if declaration.hides))


def _wins(new: Declaration, held: Declaration) -> bool:
    return (new.important, new.specificity, new.order) >= (
        held.important, held.specificity, held.order)


# -- stylesheets the page links to --------------------------------------------
# Those are not read, but the frameworks city sites are built on name their
# hiding classes the same everywhere: what they hide on the desktop screen.

# Text only screen readers get: 「新しいウィンドウで開きます」 after a link.
_READER_ONLY = frozenset({
    "sr-only", "sr-only-focusable", "visually-hidden", "visually-hidden-focusable",
    "visuallyhidden", "screen-reader-text", "element-invisible", "show-for-sr",
    "u-visually-hidden", "a11y-hidden",
})
# Hidden at every width, or at the desktop's (Bootstrap 3 lg, Bulma, Foundation).
_HIDDEN = frozenset({
    "invisible", "is-hidden", "is-hidden-desktop", "is-hidden-widescreen", "hide",
    "hide-for-large", "hidden-lg", "uk-hidden", "show-for-small-only",
    "show-for-medium-only",
})
# Icon fonts drawing a glyph for the word the element holds ("forum", "info").
GLYPH_CLASSES = frozenset({
    "material-icons", "material-icons-outlined", "material-icons-round",
    "material-icons-sharp", "material-icons-two-tone", "material-symbols-outlined",
    "material-symbols-rounded", "material-symbols-sharp",
})
# Bootstrap's display utilities, by breakpoint, those a desktop screen reaches in order.
_BOOTSTRAP_STEPS = ("", "sm-", "md-", "lg-", "xl-")
_TAILWIND_STEPS = ("", "sm:", "md:", "lg:", "xl:")
_SHOWN = frozenset({
    "block", "inline", "inline-block", "flex", "inline-flex", "grid", "inline-grid",
    "table", "table-cell", "table-row", "table-caption", "contents", "flow-root",
    "list-item",
})
_BOOTSTRAP3_VISIBLE = re.compile(r"^visible-(xs|sm|md|lg)(?:-(?:block|inline|inline-block))?$")

def framework_hides(classes: list[str]) -> bool:
    """Whether a framework's classes hide the element on the desktop screen."""
    names = set(classes)
    if names & _READER_ONLY or names & _HIDDEN or names & GLYPH_CLASSES:
        return True
    visible_only = [match.group(1) for name in classes
                    if (match := _BOOTSTRAP3_VISIBLE.match(name))]
    if visible_only and "lg" not in visible_only:
        return True
    shown: bool | None = None
    for bootstrap, tailwind in zip(_BOOTSTRAP_STEPS, _TAILWIND_STEPS, strict=True):
        for name in classes:
            value = name[2 + len(bootstrap):] if name.startswith(f"d-{bootstrap}") else None
            if tailwind and name.startswith(tailwind):
                value = name[len(tailwind):]
            elif not tailwind and name in ("hidden", *_SHOWN) and name != "table":
                value = "none" if name == "hidden" else name
            if value == "none" or (tailwind and value == "hidden"):
                shown = False
            elif value in _SHOWN:
                shown = True
    return shown is False


# -- emphasis -------------------------------------------------------------------
# Office exports set their title in a cell whose class the <style> block makes
# bold, large or centred (Excel's .xl65 { font-weight: 700; font-size: 16pt }).

_CLASS_SELECTOR = re.compile(r"^[A-Za-z0-9]{0,10}\.([A-Za-z0-9_-]{1,60})$")
_EMPHASIS_WORDS = ("font-weight", "font-size", "text-align")
_BOLD = re.compile(r"^(?:bold|bolder|[6-9]00)$")
_SIZE = re.compile(r"^([0-9]{1,3}(?:\.[0-9]{1,3})?)(pt|px|em|rem|%)$")
_LARGE = {"pt": 12.5, "px": 16.5, "em": 1.1, "rem": 1.1, "%": 110.0}


def _emphasises(name: str, value: str) -> bool:
    if name == "font-weight":
        return _BOLD.match(value) is not None
    if name == "text-align":
        return value == "center"
    size = _SIZE.match(value)
    return size is not None and float(size.group(1)) >= _LARGE[size.group(2)]


def emphasis_classes(styles: tuple[str, ...]) -> frozenset[str]:
    """Classes the page's <style> blocks set in bold, large type or centred."""
    blocks = [css for css in styles if any(word in css for word in _EMPHASIS_WORDS)]
    if not blocks:
        return frozenset()
    import tinycss2  # noqa: PLC0415 - only for pages that style by class

    found: set[str] = set()
    for css in blocks:
        for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True):
            if getattr(rule, "type", "") != "qualified-rule":
                continue
            emphasised = any(
                _emphasises(item.lower_name, tinycss2.serialize(item.value).strip().lower())
                for item in tinycss2.parse_declaration_list(rule.content, skip_whitespace=True,
                                                            skip_comments=True)
                if getattr(item, "lower_name", None) in ("font-weight", "font-size",
                                                         "text-align")
            )
            if not emphasised:
                continue
            for selector in tinycss2.serialize(rule.prelude).split(","):
                match = _CLASS_SELECTOR.match(selector.strip())
                if match:
                    found.add(match.group(1))
    return frozenset(found)
