"""The diff's changed text as segments made short and visible: long unchanged runs
cut beside each edit, whitespace shown, text cut to a number of terminal cells."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len

from followup_cli.cli.safe_text import one_line
from followup_cli.diff import Segment

# Unchanged text kept on each side of an edit; the rest of a long unchanged
# run becomes "…". Enough to recognise the sentence the edit sits in.
CONTEXT_CHARS = 24


def edits(segments: Sequence[Segment]) -> list[tuple[str, str]]:
    """Each edit as (deleted, inserted), adjacent deletes and inserts joined."""
    found: list[tuple[str, str]] = []
    deleted = inserted = ""
    for segment in [*segments, Segment("equal", "")]:
        if segment.kind == "delete":
            deleted += segment.text
        elif segment.kind == "insert":
            inserted += segment.text
        elif deleted or inserted:
            found.append((deleted, inserted))
            deleted = inserted = ""
    return found


VISIBLE_SPACE = str.maketrans({" ": "␣", "\u3000": "␣", "\t": "␣", "\n": "↵", "\r": "↵"})


def visible(text: str) -> str:
    """Whitespace as ␣ and ↵, and nothing as ∅, so a formatting-only edit can be read."""
    return text.translate(VISIBLE_SPACE) if text else "∅"


def elide(segments: Sequence[Segment], context: int = CONTEXT_CHARS) -> list[Segment]:
    """Long unchanged runs cut to ``context`` characters next to each edit."""
    kept: list[Segment] = []
    last = len(segments) - 1
    for index, segment in enumerate(segments):
        if segment.kind != "equal":
            kept.append(segment)
            continue
        head = 0 if index == 0 else context
        tail = 0 if index == last else context
        text = segment.text
        # Cutting must save more than the ellipsis costs.
        if len(text) > head + tail + 1:
            text = text[:head] + "…" + (text[len(text) - tail :] if tail else "")
        kept.append(Segment("equal", text))
    return kept


def abbreviate(text: str, cells: int) -> str:
    """``text`` on one line, cut to at most ``cells`` terminal cells, "…" included."""
    line = one_line(text)
    if cell_len(line) <= cells:
        return line
    width = 0
    for index, character in enumerate(line):
        width += cell_len(character)
        if width > cells - 1:
            return line[:index] + "…"
    return line
