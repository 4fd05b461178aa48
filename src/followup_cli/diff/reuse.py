"""Reused replies: a department's answer pasted again instead of written anew.

Two findings, both about NEW:

- across years: a reply in NEW equal or nearly equal to a reply in OLD, except
  where the comment itself carried over and kept (nearly) its reply, which is
  the same answer to the same comment, reported as a reply change or none;
- within the year: one reply given again to a different comment in NEW, on the
  same measure or another.

A reply cell spanning several comments (``reply_shared``, the page's rowspan)
is one reply given once, so it counts once and is never a reuse of itself.
Replies are compared folded (NFKC, whitespace), scored with ``fuzz.ratio``.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from followup_cli.diff.fold import fold, similarity
from followup_cli.diff.model import CommentRef, ReusedReply, ReuseKind
from followup_cli.model import Comment, Measure

# A pasted reply edited in a word or two keeps 95 or more (the seed's second
# reply, with 確かめる→確認する and （）→(), scores 99.5 against its first);
# two genuinely different replies on one topic score 12-30. 90 leaves room for
# a pasted reply with a changed date or figure while staying clear of replies
# that merely share stock phrases.
REUSED_REPLY_THRESHOLD = 90.0
# Stock answers such as "ご意見として承ります。" or "検討します。" repeat by
# nature; flagging them would bury the pasted paragraphs readers care about.
REUSED_REPLY_MIN_CHARS = 20

CommentKey = tuple[int, int]
"""(measure index, comment index) within one year's measure list."""


@dataclass(frozen=True, slots=True)
class ReplyCell:
    """One reply as published: the comments it answers and its text."""

    measure_index: int
    measure: Measure
    comments: tuple[tuple[int, Comment], ...]
    reply: str
    folded: str

    @property
    def keys(self) -> tuple[CommentKey, ...]:
        return tuple((self.measure_index, index) for index, _ in self.comments)

    def ref(self) -> CommentRef:
        return CommentRef.of(self.measure, self.comments[0][1], self.reply)


@dataclass(frozen=True, slots=True)
class LocatedReuse:
    """A reuse flag with the index in NEW of the measure whose comment it is on."""

    measure_index: int
    reuse: ReusedReply


def replies_near_equal(old: str | None, new: str | None) -> bool:
    if old is None or new is None:
        return False
    return similarity(fold(old), fold(new)) >= REUSED_REPLY_THRESHOLD


def _shares_cell(previous: Comment | None, comment: Comment) -> bool:
    return (
        comment.reply_shared
        and previous is not None
        and previous.section == comment.section
        and previous.reply == comment.reply
    )


def reply_cells(measures: Sequence[Measure]) -> list[ReplyCell]:
    """Every reply of these measures long enough to count, one per cell."""
    cells: list[ReplyCell] = []
    for measure_index, measure in enumerate(measures):
        previous: Comment | None = None
        current: list[tuple[int, Comment]] | None = None
        for comment_index, comment in enumerate(measure.comments):
            if current is not None and _shares_cell(previous, comment):
                current.append((comment_index, comment))
            else:
                if current is not None:
                    cells.append(_cell(measure_index, measure, current))
                current = [(comment_index, comment)] if comment.reply is not None else None
            previous = comment
        if current is not None:
            cells.append(_cell(measure_index, measure, current))
    return [cell for cell in cells if len(cell.folded) >= REUSED_REPLY_MIN_CHARS]


def _cell(measure_index: int, measure: Measure, comments: list[tuple[int, Comment]]) -> ReplyCell:
    reply = comments[0][1].reply or ""
    return ReplyCell(measure_index, measure, tuple(comments), reply, fold(reply))


def find_reused_replies(
    old: Sequence[Measure],
    new: Sequence[Measure],
    *,
    carried_over: Set[CommentKey],
) -> tuple[LocatedReuse, ...]:
    """Reuse flags across years, then within NEW, each in NEW's order.

    ``carried_over`` holds the NEW comments matched to an OLD comment whose
    reply they keep (nearly) unchanged; their cells are not checked against OLD.
    """
    new_cells = reply_cells(new)
    return _across_years(reply_cells(old), new_cells, carried_over) + _within_year(new_cells)


def _across_years(
    old_cells: list[ReplyCell], new_cells: list[ReplyCell], carried_over: Set[CommentKey]
) -> tuple[LocatedReuse, ...]:
    originals: dict[str, ReplyCell] = {}
    for cell in old_cells:
        originals.setdefault(cell.folded, cell)
    choices = list(originals)
    cells = list(originals.values())
    flags: list[LocatedReuse] = []
    for cell in new_cells:
        if any(key in carried_over for key in cell.keys):
            continue
        best = process.extractOne(
            cell.folded, choices, scorer=fuzz.ratio, score_cutoff=REUSED_REPLY_THRESHOLD
        )
        if best is not None:
            flags.append(_flag("across_years", cell, cells[best[2]], best[1]))
    return tuple(flags)


def _within_year(cells: list[ReplyCell]) -> tuple[LocatedReuse, ...]:
    earlier_texts: list[str] = []
    flags: list[LocatedReuse] = []
    for cell in cells:
        best = process.extractOne(
            cell.folded, earlier_texts, scorer=fuzz.ratio, score_cutoff=REUSED_REPLY_THRESHOLD
        )
        if best is not None:
            flags.append(_flag("within_year", cell, cells[best[2]], best[1]))
        earlier_texts.append(cell.folded)
    return tuple(flags)


def _flag(kind: ReuseKind, cell: ReplyCell, original: ReplyCell, score: float) -> LocatedReuse:
    reuse = ReusedReply(
        kind=kind,
        comment=cell.ref(),
        original=original.ref(),
        similarity=score,
        exact=cell.folded == original.folded,
    )
    return LocatedReuse(cell.measure_index, reuse)
