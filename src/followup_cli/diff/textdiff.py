"""Character-level inline diff that reads as phrases.

Japanese has no spaces between words, so a word diff has nothing to split on
and the diff works on characters. A raw character diff of two rewritten
sentences is confetti: it keeps every の, を and 。 the two happen to share.
The cleanup here folds such short coincidental matches into the edits around
them, so the reader sees one deleted phrase and one inserted phrase.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

SegmentKind = Literal["equal", "delete", "insert"]

# An unchanged run between two edits is folded into them when it is at most
# this many characters: one or two shared characters (particles, punctuation)
# between edits are coincidence, not text the reader needs to see kept.
ABSORB_EQUAL_CHARS = 2
# ... or when it is at most this fraction of the smaller edit beside it
# (an edit's size is the longer of its deleted and inserted text): a short
# shared phrase inside a rewrite of a whole clause reads as part of the rewrite.
ABSORB_EQUAL_RATIO = 0.5


@dataclass(frozen=True, slots=True)
class Segment:
    """One run of an inline diff: text kept, deleted from old, or inserted in new."""

    kind: SegmentKind
    text: str

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True, slots=True)
class _Edit:
    deleted: str
    inserted: str

    @property
    def size(self) -> int:
        return max(len(self.deleted), len(self.inserted))


_Run = str | _Edit  # a str is an unchanged run


def inline_diff(old: str, new: str) -> tuple[Segment, ...]:
    """Segments that turn ``old`` into ``new``, cleaned up to read as phrases.

    Concatenating the equal and delete texts gives ``old``; the equal and
    insert texts give ``new``. Within one edit the delete comes before the
    insert, and no two neighbouring segments have the same kind.
    """
    if old == new:
        return (Segment("equal", old),) if old else ()
    return _segments(_absorb_short_equals(_raw_runs(old, new)))


def render_plain(segments: tuple[Segment, ...]) -> str:
    """The diff as one plain string, git ``--word-diff=plain`` style:
    ``[-deleted-]{+inserted+}``. For logs, tests and terminals without colour."""
    parts: list[str] = []
    for segment in segments:
        if segment.kind == "delete":
            parts.append(f"[-{segment.text}-]")
        elif segment.kind == "insert":
            parts.append(f"{{+{segment.text}+}}")
        else:
            parts.append(segment.text)
    return "".join(parts)


def _raw_runs(old: str, new: str) -> list[_Run]:
    # autojunk would treat frequent characters (の, 、) in long texts as junk
    # and miss real matches; the texts here are short enough to do without.
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    runs: list[_Run] = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            runs.append(old[old_start:old_end])
            continue
        edit = _Edit(old[old_start:old_end], new[new_start:new_end])
        previous = runs[-1] if runs else None
        if isinstance(previous, _Edit):
            runs[-1] = _Edit(previous.deleted + edit.deleted, previous.inserted + edit.inserted)
        else:
            runs.append(edit)
    return runs


def _absorbable(equal: str, before: _Edit, after: _Edit) -> bool:
    if len(equal) <= ABSORB_EQUAL_CHARS:
        return True
    return len(equal) <= ABSORB_EQUAL_RATIO * min(before.size, after.size)


def _absorb_short_equals(runs: list[_Run]) -> list[_Run]:
    # One pass with a stack: when an edit grows by absorbing, only the equal
    # just before it has a neighbour that changed, so only that one is re-checked.
    stack: list[_Run] = []
    for run in runs:
        current = run
        while isinstance(current, _Edit) and len(stack) >= 2:
            equal, before = stack[-1], stack[-2]
            if not (
                isinstance(equal, str)
                and isinstance(before, _Edit)
                and _absorbable(equal, before, current)
            ):
                break
            del stack[-2:]
            current = _Edit(
                before.deleted + equal + current.deleted,
                before.inserted + equal + current.inserted,
            )
        stack.append(current)
    return stack


def _segments(runs: list[_Run]) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    for run in runs:
        if isinstance(run, str):
            if run:
                segments.append(Segment("equal", run))
            continue
        if run.deleted:
            segments.append(Segment("delete", run.deleted))
        if run.inserted:
            segments.append(Segment("insert", run.inserted))
    return tuple(segments)
