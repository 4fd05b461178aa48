"""Matching one measure's comments across two years, and what changed in each match.

Comments are matched by the similarity of their folded text, never by position:
a page that reorders or inserts comments must not turn every comment into a
change. Pairs within the same section are assigned first, then pairs across
sections among what is left; in each round the best-scoring pair is taken
first (greedy), ties going to the earlier comments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from followup_cli.diff.fold import coarse, fold, similarity
from followup_cli.diff.model import ChangedField, CommentMatch, ReplyChange, TextChange
from followup_cli.model import Comment, Measure

# Unrelated comments on one measure share topic words and particles and score
# 12-30 on the seed page; a comment that was lightly reworded or had a sentence
# added still scores 70 or more. 60 sits well between the two.
COMMENT_MATCH_THRESHOLD = 60.0


@dataclass(frozen=True, slots=True)
class CommentDiff:
    matches: tuple[CommentMatch, ...]  # in NEW's order
    added: tuple[Comment, ...]
    removed: tuple[Comment, ...]


def text_change(field: ChangedField, old: str | None, new: str | None) -> TextChange | None:
    """The change of one value, or None when it is the same as published."""
    if old == new:
        return None
    formatting_only = old is not None and new is not None and fold(old) == fold(new)
    return TextChange(field, old, new, formatting_only)


def measure_changes(old: Measure, new: Measure) -> tuple[TextChange, ...]:
    candidates = (
        text_change("code", old.code, new.code),
        text_change("name", old.name, new.name),
        text_change("department", old.department, new.department),
        text_change("direction", old.direction, new.direction),
    )
    return tuple(change for change in candidates if change is not None)


def _given(reply: str | None) -> str | None:
    # A blank cell is no answer, whatever the parser kept of its whitespace.
    return reply if reply is not None and fold(reply) else None


def reply_change(old: str | None, new: str | None) -> ReplyChange:
    old_reply, new_reply = _given(old), _given(new)
    if old_reply is None and new_reply is None:
        return ReplyChange("unchanged", old, new, formatting_only=False)
    if old_reply is None:
        return ReplyChange("answered", old, new, formatting_only=False)
    if new_reply is None:
        return ReplyChange("withdrawn", old, new, formatting_only=False)
    if old_reply == new_reply:
        return ReplyChange("unchanged", old, new, formatting_only=False)
    return ReplyChange("changed", old, new, formatting_only=fold(old_reply) == fold(new_reply))


def match_comments(old: Sequence[Comment], new: Sequence[Comment]) -> CommentDiff:
    old_texts = [fold(comment.text) for comment in old]
    new_texts = [fold(comment.text) for comment in new]
    used_old: set[int] = set()
    used_new: set[int] = set()
    assigned: list[tuple[int, int]] = []
    scores: dict[tuple[int, int], float] = {}
    # Comments made again word for word score 100, the best any pair can: the
    # greedy rounds below would take them first, in this same order, so they
    # are paired straight away and never scored against anything else.
    unmatched_new: dict[tuple[str, str], list[int]] = {}
    for j, text in enumerate(new_texts):
        unmatched_new.setdefault((new[j].section, text), []).append(j)
    for i, text in enumerate(old_texts):
        waiting = unmatched_new.get((old[i].section, text))
        if waiting:
            j = waiting.pop(0)
            used_old.add(i)
            used_new.add(j)
            assigned.append((i, j))
            scores[i, j] = 100.0
    # Most remaining pairs are unrelated. Their coarse forms rule them out
    # several times faster than their text could (see fold.coarse), in
    # rapidfuzz's own loop, one call per comment; only pairs that may reach
    # the threshold are scored exactly.
    remaining_new = {j: coarse(new_texts[j]) for j in range(len(new)) if j not in used_new}
    for i in range(len(old)):
        if i in used_old or not remaining_new:
            continue
        for _, _, j in process.extract(
            coarse(old_texts[i]),
            remaining_new,
            scorer=fuzz.ratio,
            score_cutoff=COMMENT_MATCH_THRESHOLD,
            limit=None,
        ):
            score = similarity(old_texts[i], new_texts[j], at_least=COMMENT_MATCH_THRESHOLD)
            if score >= COMMENT_MATCH_THRESHOLD:
                scores[i, j] = score
    for same_section_only in (True, False):
        candidates = sorted(
            (-score, i, j)
            for (i, j), score in scores.items()
            if not same_section_only or old[i].section == new[j].section
        )
        for _, i, j in candidates:
            if i in used_old or j in used_new:
                continue
            used_old.add(i)
            used_new.add(j)
            assigned.append((i, j))
    assigned.sort(key=lambda pair: pair[1])
    matches = tuple(
        CommentMatch(
            old=old[i],
            new=new[j],
            similarity=scores[i, j],
            text=text_change("text", old[i].text, new[j].text),
            reply=reply_change(old[i].reply, new[j].reply),
        )
        for i, j in assigned
    )
    return CommentDiff(
        matches=matches,
        added=tuple(comment for j, comment in enumerate(new) if j not in used_new),
        removed=tuple(comment for i, comment in enumerate(old) if i not in used_old),
    )
