"""Reused replies: a department's answer pasted again instead of written anew.

Two findings, both about NEW:

- across years: a reply in NEW equal or nearly equal to a reply in OLD. This
  includes a comment made again (matched to an OLD comment) that gets last
  year's answer again: after a year the department had nothing new to say.
  When that comment's own OLD reply qualifies, it is the one reported;
- within the year: one reply given again to a different comment in NEW, on the
  same measure or another.

A reply cell spanning several comments (``reply_shared``, the page's rowspan)
is one reply given once, so it counts once and is never a reuse of itself.
Replies are compared folded (NFKC, whitespace), scored with ``fuzz.ratio``.

Cost: scoring every NEW reply against every OLD one is quadratic (16,000
replies a year would be 256 million scores), so each reply is scored only
against the replies it could plausibly copy: the same text, or one sharing an
uncommon run of characters (ReplyIndex). A pasted reply keeps most of its runs
intact; stock phrases shared by many replies are not evidence and are skipped.
"""

from __future__ import annotations

import functools
import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from followup_cli.diff.fold import coarse, fold, similarity
from followup_cli.diff.model import CommentRef, ReusedReply, ReuseKind
from followup_cli.model import Comment, Measure

# A pasted reply edited in a word or two keeps 95 or more (the seed's second
# reply, with 確かめる→確認する and （）→(), scores 99.5 against its first);
# two genuinely different replies on one topic score 12-30. 90 leaves room for
# a pasted reply with a changed date or figure while staying clear of replies
# that merely share stock phrases.
REUSED_REPLY_THRESHOLD = 90.0
# Stock answers such as "検討します。" or "継続します。" repeat by nature;
# flagging them would bury the pasted answers readers care about. Ten folded
# characters keeps one-sentence specific replies ("実施団体への奨励金の単価を
# 見直します。", 19) in and the bare stock phrases out.
REUSED_REPLY_MIN_CHARS = 10

# Runs of this many characters are the evidence that one reply copies another.
RUN_LENGTH = 8
# Runs start after punctuation and the topic and object particles; in the
# coarse form, also after a kanji sharing one's low byte (by content alone, so
# a copy has the same anchors).
_ANCHORS = "、。,.!?・をは"
_TO_ANCHOR = bytes.maketrans(bytes(ord(char) & 0xFF for char in _ANCHORS), b"\x01" * len(_ANCHORS))
# Past this many runs a reply indexes about a third of them, those whose last
# byte is a multiple of three: chosen by content, so a copy keeps the same
# ones, and as telling, for a third of the work.
MANY_RUNS = 12
# A run found in more replies than this is a stock phrase, not evidence.
MAX_REPLIES_PER_RUN = 16
# How many of a reply's rarest runs name the replies it is scored against.
RAREST_RUNS = 4
# Texts with fewer runs than this are short: they are scored against every
# indexed text of a similar length instead.
MIN_RUNS = 3
# fuzz.ratio >= 90 is impossible when one text is this much shorter than the other.
_LENGTH_RATIO = REUSED_REPLY_THRESHOLD / (200.0 - REUSED_REPLY_THRESHOLD)

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


def _shares_cell(previous: Comment | None, comment: Comment) -> bool:
    return (
        comment.reply_shared
        and previous is not None
        and previous.section == comment.section
        and previous.reply == comment.reply
    )


@functools.lru_cache(maxsize=65_536)
def _anchored_runs(text: str) -> frozenset[bytes]:
    """The runs that start at the text's anchors: its start, its end, and after
    each punctuation mark or common particle.

    Anchors depend on the text itself, not on positions, so a copy with a word
    inserted or removed still has the same runs everywhere else; and a reply
    has a few dozen of them, not one per character. Runs are taken from the
    text's coarse form (fold.coarse), where anchors are found by a byte
    translation and a split instead of a regex over Japanese text (15% fewer
    instructions). Coarse runs of eight
    characters from two different sentences are as good as never equal, and a
    false candidate would only be scored, never reported.
    """
    # Cached: a new reply is looked up, then added for the within-year search.
    text_bytes = coarse(text)
    pieces = text_bytes.translate(_TO_ANCHOR).split(b"\x01")
    # The k-th anchor ends the k-th piece: it sits after k earlier anchors.
    starts = [end + k + 1 for k, end in enumerate(itertools.accumulate(map(len, pieces[:-1])))]
    last_start = len(text_bytes) - RUN_LENGTH
    runs = [text_bytes[start : start + RUN_LENGTH] for start in starts if start <= last_start]
    if len(runs) > MANY_RUNS:
        runs = [run for run in runs if run[-1] % 3 == 0]
    runs.append(text_bytes[:RUN_LENGTH])
    runs.append(text_bytes[-RUN_LENGTH:])
    return frozenset(runs)


@dataclass(slots=True)
class ReplyIndex:
    """Folded replies, searchable for the best near-copy of a new one."""

    texts: list[str] = field(default_factory=list)
    _exact: dict[str, int] = field(default_factory=dict)
    _runs: defaultdict[bytes, list[int]] = field(default_factory=lambda: defaultdict(list))
    _short: list[int] = field(default_factory=list)

    def add(self, text: str) -> None:
        index = len(self.texts)
        self.texts.append(text)
        self._exact.setdefault(text, index)
        if len(text) < RUN_LENGTH * MIN_RUNS:
            self._short.append(index)
        for run in _anchored_runs(text):
            self._runs[run].append(index)

    def best(self, text: str) -> tuple[int, float] | None:
        """The earliest indexed text scoring highest at or above the threshold."""
        exact = self._exact.get(text)
        if exact is not None:
            return exact, 100.0
        # A copy keeps most of the original's runs, its rarest ones included:
        # the texts holding the query's rarest known runs are the candidates.
        postings = [
            found
            for run in _anchored_runs(text)
            if (found := self._runs.get(run)) is not None and len(found) <= MAX_REPLIES_PER_RUN
        ]
        postings.sort(key=len)
        candidates = {index for found in postings[:RAREST_RUNS] for index in found}
        if len(text) < RUN_LENGTH * MIN_RUNS * 2:
            candidates.update(self._short)
        if not candidates:  # most replies are nobody's copy
            return None
        low, high = len(text) * _LENGTH_RATIO, len(text) / _LENGTH_RATIO
        ordered = [index for index in sorted(candidates) if low <= len(self.texts[index]) <= high]
        found_best = process.extractOne(
            text,
            [self.texts[index] for index in ordered],
            scorer=fuzz.ratio,
            score_cutoff=REUSED_REPLY_THRESHOLD,
        )
        return None if found_best is None else (ordered[found_best[2]], found_best[1])


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
    counterparts: Mapping[CommentKey, CommentKey],
) -> tuple[LocatedReuse, ...]:
    """Reuse flags across years, then within NEW, each in NEW's order.

    ``counterparts`` maps a NEW comment to the OLD comment it was matched to.
    """
    new_cells = reply_cells(new)
    return _across_years(reply_cells(old), new_cells, counterparts) + _within_year(new_cells)


def _across_years(
    old_cells: list[ReplyCell],
    new_cells: list[ReplyCell],
    counterparts: Mapping[CommentKey, CommentKey],
) -> tuple[LocatedReuse, ...]:
    old_by_key = {key: cell for cell in old_cells for key in cell.keys}
    index = ReplyIndex()
    for cell in old_cells:
        index.add(cell.folded)
    flags: list[LocatedReuse] = []
    for cell in new_cells:
        flag = _against_counterpart(cell, counterparts, old_by_key)
        if flag is None:
            best = index.best(cell.folded)
            if best is not None:
                flag = _flag("across_years", cell, old_cells[best[0]], best[1])
        if flag is not None:
            flags.append(flag)
    return tuple(flags)


def _against_counterpart(
    cell: ReplyCell,
    counterparts: Mapping[CommentKey, CommentKey],
    old_by_key: Mapping[CommentKey, ReplyCell],
) -> LocatedReuse | None:
    # The same comment's own reply last year is the most telling original.
    for key in cell.keys:
        old_key = counterparts.get(key)
        original = None if old_key is None else old_by_key.get(old_key)
        if original is None:
            continue
        score = similarity(original.folded, cell.folded)
        if score >= REUSED_REPLY_THRESHOLD:
            return _flag("across_years", cell, original, score)
    return None


def _within_year(cells: list[ReplyCell]) -> tuple[LocatedReuse, ...]:
    earlier = ReplyIndex()
    flags: list[LocatedReuse] = []
    for cell in cells:
        best = earlier.best(cell.folded)
        if best is not None:
            flags.append(_flag("within_year", cell, cells[best[0]], best[1]))
        earlier.add(cell.folded)
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
