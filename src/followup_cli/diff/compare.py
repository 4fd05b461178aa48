"""``diff_measures``: pair two years' measures and collect what differs."""

from __future__ import annotations

from collections.abc import Sequence

from followup_cli.diff.comments import match_comments, measure_changes
from followup_cli.diff.model import MeasureDiff, ReportDiff, ReusedReply
from followup_cli.diff.pairing import MeasurePair, pair_measures
from followup_cli.diff.reuse import CommentKey, find_reused_replies
from followup_cli.model import Comment, Measure


def diff_measures(
    old: Sequence[Measure],
    new: Sequence[Measure],
    *,
    old_year: int | None,
    new_year: int | None,
    old_sources: Sequence[str],
    new_sources: Sequence[str],
) -> ReportDiff:
    """Compare the measures of an OLD fiscal year with those of a NEW one.

    Measures are paired by code, then folded name, then fuzzy name (see
    ``pairing``); comments within a pair by text similarity (see
    ``comments``); replies given again are flagged (see ``reuse``).
    """
    pairing = pair_measures(old, new)
    partial = [_measure_diff(pair) for pair in pairing.pairs]

    counterparts: dict[CommentKey, CommentKey] = {}
    for pair, diff in zip(pairing.pairs, partial, strict=True):
        counterparts.update(_counterparts(pair, diff))
    located = find_reused_replies(old, new, counterparts=counterparts)

    reuse_by_measure: dict[int, list[ReusedReply]] = {}
    for flag in located:
        reuse_by_measure.setdefault(flag.measure_index, []).append(flag.reuse)
    diffs = [
        _with_reuse(diff, tuple(reuse_by_measure.get(pair.new_index, ())))
        for pair, diff in zip(pairing.pairs, partial, strict=True)
    ]
    return ReportDiff(
        old_year=old_year,
        new_year=new_year,
        old_sources=tuple(old_sources),
        new_sources=tuple(new_sources),
        added=pairing.added,
        removed=pairing.removed,
        changed=tuple(diff for diff in diffs if diff.changed),
        unchanged=tuple(diff for diff in diffs if not diff.changed),
        reused_replies=tuple(flag.reuse for flag in located),
    )


def _measure_diff(pair: MeasurePair) -> MeasureDiff:
    comments = match_comments(pair.old.comments, pair.new.comments)
    return MeasureDiff(
        old=pair.old,
        new=pair.new,
        matched_by=pair.matched_by,
        name_similarity=pair.name_similarity,
        changes=measure_changes(pair.old, pair.new),
        comments_added=comments.added,
        comments_removed=comments.removed,
        comment_matches=comments.matches,
        reused_replies=(),
    )


def _counterparts(pair: MeasurePair, diff: MeasureDiff) -> dict[CommentKey, CommentKey]:
    """NEW comment -> the OLD comment it was matched to, as positions in each year."""
    found: dict[CommentKey, CommentKey] = {}
    for match in diff.comment_matches:
        new_index = _position(pair.new.comments, match.new)
        old_index = _position(pair.old.comments, match.old)
        found[pair.new_index, new_index] = (pair.old_index, old_index)
    return found


def _position(comments: tuple[Comment, ...], comment: Comment) -> int:
    # By identity: two comments of one measure may be equal as values.
    return next(index for index, candidate in enumerate(comments) if candidate is comment)


def _with_reuse(diff: MeasureDiff, reused: tuple[ReusedReply, ...]) -> MeasureDiff:
    if not reused:
        return diff
    return MeasureDiff(
        old=diff.old,
        new=diff.new,
        matched_by=diff.matched_by,
        name_similarity=diff.name_similarity,
        changes=diff.changes,
        comments_added=diff.comments_added,
        comments_removed=diff.comments_removed,
        comment_matches=diff.comment_matches,
        reused_replies=reused,
    )
