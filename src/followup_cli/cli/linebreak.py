"""Where a line of Japanese text may break: the kinsoku rules (JIS X 4051).

Japanese has no spaces between words, so a terminal folds it at any
character, and a line may then start with 、 or 。 or end with 「. Here a
line breaks only between units:

- a run of ASCII letters, digits and their punctuation (``Web``, ``OK.``,
  ``2021``, ``Q&A``) is one unit, and so is a run of full-width letters and
  digits (``Ｆ１``, ``２０２１``): words, codes and numbers are never split;
- every other character is a unit of its own;
- a character that may not start a line (、。，．）」』】, small kana, ー, …)
  sticks to the unit before it; one that may not end a line (（「『【) to the
  unit after it;
- a space is a break of its own and disappears at the end of a line.

Only a unit wider than the whole line is cut, character by character.
Widths are terminal cells (a kanji is two). The rules are a few sets of
characters: BudouX would also keep phrases together, but costs a dependency
and its model on every table, and still needs these rules for lines that
break inside a phrase.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

# 行頭禁則: closing brackets, punctuation, small kana, the long-vowel mark,
# iteration marks and ellipses never start a line.
NO_LINE_START = frozenset(
    "、。，．,.)）]］｝〕〉》」』】〙〗〟’”»"
    "・：；？！:;?!ー‐゠–〜～…‥"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "々〻ゝゞヽヾ%％"
)
# 行末禁則: opening brackets never end a line.
NO_LINE_END = frozenset("(（[［｛〔〈《「『【〘〖〝‘“«")

# The diff's markers ([-deleted-]{+inserted+}) bracket like parentheses.
OPENING_MARKS = ("[-", "{+")
CLOSING_MARKS = ("-]", "+}")

# One unit: an ASCII run, a full-width alphanumeric run, or one character.
_UNIT = re.compile(r"[!-~]+|[０-９Ａ-Ｚａ-ｚ]+|\s|.", re.DOTALL)


def units(text: str) -> list[str]:
    """``text`` cut where a line may break (spaces are units of their own)."""
    glued: list[str] = []
    pending_open = ""
    for match in _UNIT.finditer(text):
        unit = match.group()
        if unit.isspace():
            if pending_open:
                # "（ 市": an opening bracket keeps its space and what follows.
                pending_open += unit
            else:
                glued.append(unit)
            continue
        unit = pending_open + unit
        pending_open = ""
        if glued and _cannot_start(unit):
            # "市 、" too: a closing mark takes the space before it along.
            previous = glued.pop()
            if previous.isspace() and glued:
                previous = glued.pop() + previous
            unit = previous + unit
        if _cannot_end(unit):
            pending_open = unit
        else:
            glued.append(unit)
    if pending_open:
        glued.append(pending_open)
    return glued


def _cannot_start(unit: str) -> bool:
    return unit[0] in NO_LINE_START or unit.startswith(CLOSING_MARKS)


def _cannot_end(unit: str) -> bool:
    return unit[-1] in NO_LINE_END or unit.endswith(OPENING_MARKS)


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` cells, broken between units.

    Line breaks in ``text`` are kept; spaces at a break are dropped.
    """
    width = max(width, 1)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width))
    return lines


def _wrap_paragraph(paragraph: str, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    used = 0
    for unit in units(paragraph):
        size = cell_len(unit)
        if unit.isspace():
            if line and used + size <= width:
                line += unit
                used += size
            elif line:
                lines.append(line.rstrip())
                line, used = "", 0
            continue
        if used + size <= width:
            line += unit
            used += size
            continue
        if line.strip():
            lines.append(line.rstrip())
        rest = unit
        while size > width:
            # Wider than a whole line: cut it, as little as possible.
            head, rest = _cut(rest, width)
            lines.append(head)
            size = cell_len(rest)
        line, used = rest, size
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _cut(unit: str, width: int) -> tuple[str, str]:
    """The longest head of ``unit`` within ``width`` cells, cut where the rules
    allow if anywhere does (``ちょっと`` at 4 cells: ``ち`` / ``ょっと`` would
    start with a small kana, so ``ちょっ`` is not the cut either way)."""
    used = 0
    fits = len(unit)
    for index, character in enumerate(unit):
        used += cell_len(character)
        if used > width:
            fits = max(index, 1)
            break
    if fits >= len(unit):
        return unit, ""
    for cut in range(fits, 0, -1):
        if unit[cut] not in NO_LINE_START and unit[cut - 1] not in NO_LINE_END:
            return unit[:cut], unit[cut:]
    return unit[:fits], unit[fits:]


def shorten(text: str, width: int) -> str:
    """``text`` on one line of at most ``width`` cells, cut between units with "…"."""
    line = " ".join(text.split())
    if cell_len(line) <= width:
        return line
    kept = ""
    for unit in units(line):
        if cell_len(kept + unit) > width - 1:
            break
        kept += unit
    if not kept:
        kept = _cut(line, width - 1)[0]
    return kept.rstrip() + "…"


def break_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Where each line of ``wrap(text, width)`` starts and ends in ``text``.

    For styled text: the caller cuts its own spans at these offsets.
    """
    spans: list[tuple[int, int]] = []
    position = 0
    for line in wrap(text, width):
        if line:
            # Lines are pieces of the text in order; only whitespace lies between.
            position = text.find(line, position)
        spans.append((position, position + len(line)))
        position += len(line)
    return spans


def longest_unit(text: str) -> int:
    """The widest unit of ``text``: a column narrower than that splits a word."""
    return max((cell_len(unit) for unit in units(text) if not unit.isspace()), default=0)
