"""Comparing two fiscal years of follow-up data (the library behind ``followup diff``).

``diff_measures(old, new, ...)`` returns a ``ReportDiff``; its ``to_dict()``
is the documented JSON (see ``followup_cli.diff.model``). ``inline_diff``
gives the character-level diff of two texts as phrase-sized segments for
display.
"""

from followup_cli.diff.comments import COMMENT_MATCH_THRESHOLD
from followup_cli.diff.compare import diff_measures
from followup_cli.diff.fold import fold
from followup_cli.diff.model import (
    CommentMatch,
    CommentRef,
    DiffCounts,
    MatchedBy,
    MeasureDiff,
    ReplyChange,
    ReplyChangeKind,
    ReportDiff,
    ReusedReply,
    ReuseKind,
    TextChange,
)
from followup_cli.diff.pairing import FUZZY_NAME_THRESHOLD
from followup_cli.diff.reuse import REUSED_REPLY_MIN_CHARS, REUSED_REPLY_THRESHOLD
from followup_cli.diff.textdiff import Segment, SegmentKind, inline_diff, render_plain

__all__ = [
    "COMMENT_MATCH_THRESHOLD",
    "FUZZY_NAME_THRESHOLD",
    "REUSED_REPLY_MIN_CHARS",
    "REUSED_REPLY_THRESHOLD",
    "CommentMatch",
    "CommentRef",
    "DiffCounts",
    "MatchedBy",
    "MeasureDiff",
    "ReplyChange",
    "ReplyChangeKind",
    "ReportDiff",
    "ReuseKind",
    "ReusedReply",
    "Segment",
    "SegmentKind",
    "TextChange",
    "diff_measures",
    "fold",
    "inline_diff",
    "render_plain",
]
