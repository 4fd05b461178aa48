"""What ``followup diff`` finds, as frozen dataclasses; ``ReportDiff.to_dict()`` is the JSON.

JSON shape of ``ReportDiff.to_dict()`` (field names are the public contract)::

    {
      "from": {"fiscal_year": 2020, "sources": ["r2/a.html", ...]},
      "to":   {"fiscal_year": 2021, "sources": ["r3/a.html", ...]},
      "added":   [Measure.to_dict(), ...],          # only in NEW, in NEW's order
      "removed": [Measure.to_dict(), ...],          # only in OLD, in OLD's order
      "changed": [                                  # paired and different, in NEW's order
        {
          "code": "S27",                            # NEW's code and name
          "name": "ICTの活用",
          "matched_by": "code",                     # "code" | "name" | "fuzzy"
          "name_similarity": null,                  # 0-100 when matched_by is "fuzzy"
          "formatting_only": false,                 # true: every change vanishes under folding
          "sources": {"old": "r2/a.html", "new": "r3/a.html"},
          "changes": [                              # code, name, department, direction
            {"field": "department", "old": "情報課", "new": "DX推進課",
             "formatting_only": false}
          ],
          "comments": {
            "added":   [Comment.to_dict(), ...],
            "removed": [Comment.to_dict(), ...],
            "changed": [                            # matched comments that differ
              {"old": {"section": "overall", "number": 1},
               "new": {"section": "overall", "number": 2},
               "similarity": 96.4,                  # folded comment texts, 0-100
               "text": {"field": "text", "old": "...", "new": "...",
                        "formatting_only": false},  # null when the text is the same
               "reply": {"kind": "answered",        # answered | withdrawn | changed | unchanged
                         "old": null, "new": "...", "formatting_only": false}}
            ],
            "unchanged": [                          # matched comments that are identical
              {"old": {"section": "issues", "number": 1},
               "new": {"section": "issues", "number": 1}}
            ]
          },
          "reused_replies": [ReusedReply, ...]      # flags whose comment is in this measure
        }
      ],
      "unchanged": [{"code": "S28", "name": "...", "matched_by": "code"}, ...],
      "reused_replies": [                           # every flag, across years first
        {"kind": "across_years",                    # or "within_year" (both in NEW)
         "comment":  CommentRef,                    # where the reply is given (again)
         "original": CommentRef,                    # the reply it repeats (OLD, or earlier in NEW)
         "similarity": 99.5,                        # folded replies, 0-100
         "exact": false}                            # true: equal after folding
      ],
      "counts": {"added": 1, "removed": 0, "changed": 3, "changed_formatting_only": 1,
                 "unchanged": 20, "comments_added": 9, "comments_removed": 8,
                 "comments_changed": 1, "replies_answered": 1, "replies_withdrawn": 0,
                 "replies_changed": 2, "reused_across_years": 1, "reused_within_year": 1}
    }

    CommentRef = {"fiscal_year": 2021, "source": "r3/a.html", "code": "S27",
                  "measure": "ICTの活用", "section": "issues", "number": 1,
                  "reply": "..."}

Text values are as published; folding (NFKC and whitespace) is used only to
decide what matches and whether a change is ``formatting_only``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from followup_cli.diff.textdiff import Segment, inline_diff
from followup_cli.model import Comment, Measure, Section

MatchedBy = Literal["code", "name", "fuzzy"]
ChangedField = Literal["code", "name", "department", "direction", "text"]
ReplyChangeKind = Literal["answered", "withdrawn", "changed", "unchanged"]
ReuseKind = Literal["across_years", "within_year"]


def _score(value: float) -> float:
    return round(value, 1)


def _position(comment: Comment) -> dict[str, object]:
    return {"section": comment.section, "number": comment.number}


@dataclass(frozen=True, slots=True)
class TextChange:
    """One value that differs between the two years (a measure field or a comment's text)."""

    field: ChangedField
    old: str | None
    new: str | None
    formatting_only: bool

    def segments(self) -> tuple[Segment, ...]:
        """The inline character diff of old to new, for display."""
        return inline_diff(self.old or "", self.new or "")

    def to_dict(self) -> dict[str, object]:
        return {
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "formatting_only": self.formatting_only,
        }


@dataclass(frozen=True, slots=True)
class ReplyChange:
    """How the department's reply to one matched comment moved between the years."""

    kind: ReplyChangeKind
    old: str | None
    new: str | None
    formatting_only: bool

    def segments(self) -> tuple[Segment, ...]:
        return inline_diff(self.old or "", self.new or "")

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "old": self.old,
            "new": self.new,
            "formatting_only": self.formatting_only,
        }


@dataclass(frozen=True, slots=True)
class CommentMatch:
    """A comment in OLD and one in NEW judged the same comment (by text, not position)."""

    old: Comment
    new: Comment
    similarity: float
    text: TextChange | None
    reply: ReplyChange

    @property
    def changed(self) -> bool:
        return self.text is not None or self.reply.kind != "unchanged"

    @property
    def formatting_only(self) -> bool:
        """Changed, but only in ways folding removes."""
        text_ok = self.text is None or self.text.formatting_only
        reply_ok = self.reply.kind == "unchanged" or (
            self.reply.kind == "changed" and self.reply.formatting_only
        )
        return self.changed and text_ok and reply_ok

    def to_dict(self) -> dict[str, object]:
        return {
            "old": _position(self.old),
            "new": _position(self.new),
            "similarity": _score(self.similarity),
            "text": None if self.text is None else self.text.to_dict(),
            "reply": self.reply.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class CommentRef:
    """Where a reply was given: which year, page, measure and comment."""

    fiscal_year: int | None
    source: str
    code: str | None
    measure: str
    section: Section
    number: int
    reply: str

    @classmethod
    def of(cls, measure: Measure, comment: Comment, reply: str) -> CommentRef:
        return cls(
            fiscal_year=measure.fiscal_year,
            source=measure.source,
            code=measure.code,
            measure=measure.name,
            section=comment.section,
            number=comment.number,
            reply=reply,
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "fiscal_year": self.fiscal_year,
            "source": self.source,
            "code": self.code,
            "measure": self.measure,
            "section": self.section,
            "number": self.number,
            "reply": self.reply,
        }


@dataclass(frozen=True, slots=True)
class ReusedReply:
    """A reply given again: last year's reply pasted, or one reply given to several comments."""

    kind: ReuseKind
    comment: CommentRef
    original: CommentRef
    similarity: float
    exact: bool

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "comment": self.comment.to_dict(),
            "original": self.original.to_dict(),
            "similarity": _score(self.similarity),
            "exact": self.exact,
        }


@dataclass(frozen=True, slots=True)
class MeasureDiff:
    """One measure of OLD paired with one of NEW, and everything that differs."""

    old: Measure
    new: Measure
    matched_by: MatchedBy
    name_similarity: float | None
    changes: tuple[TextChange, ...]
    comments_added: tuple[Comment, ...]
    comments_removed: tuple[Comment, ...]
    comment_matches: tuple[CommentMatch, ...]
    reused_replies: tuple[ReusedReply, ...]

    @property
    def changed(self) -> bool:
        return bool(
            self.changes
            or self.comments_added
            or self.comments_removed
            or any(match.changed for match in self.comment_matches)
        )

    @property
    def formatting_only(self) -> bool:
        """Changed, and every change vanishes under NFKC and whitespace folding."""
        if not self.changed or self.comments_added or self.comments_removed:
            return False
        return all(change.formatting_only for change in self.changes) and all(
            match.formatting_only for match in self.comment_matches if match.changed
        )

    def summary_dict(self) -> dict[str, object]:
        return {"code": self.new.code, "name": self.new.name, "matched_by": self.matched_by}

    def to_dict(self) -> dict[str, object]:
        return {
            **self.summary_dict(),
            "name_similarity": (
                None if self.name_similarity is None else _score(self.name_similarity)
            ),
            "formatting_only": self.formatting_only,
            "sources": {"old": self.old.source, "new": self.new.source},
            "changes": [change.to_dict() for change in self.changes],
            "comments": {
                "added": [comment.to_dict() for comment in self.comments_added],
                "removed": [comment.to_dict() for comment in self.comments_removed],
                "changed": [m.to_dict() for m in self.comment_matches if m.changed],
                "unchanged": [
                    {"old": _position(m.old), "new": _position(m.new)}
                    for m in self.comment_matches
                    if not m.changed
                ],
            },
            "reused_replies": [reuse.to_dict() for reuse in self.reused_replies],
        }


@dataclass(frozen=True, slots=True)
class DiffCounts:
    """The numbers ``--stat`` prints."""

    added: int
    removed: int
    changed: int
    changed_formatting_only: int
    unchanged: int
    comments_added: int
    comments_removed: int
    comments_changed: int
    replies_answered: int
    replies_withdrawn: int
    replies_changed: int
    reused_across_years: int
    reused_within_year: int

    def to_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "changed_formatting_only": self.changed_formatting_only,
            "unchanged": self.unchanged,
            "comments_added": self.comments_added,
            "comments_removed": self.comments_removed,
            "comments_changed": self.comments_changed,
            "replies_answered": self.replies_answered,
            "replies_withdrawn": self.replies_withdrawn,
            "replies_changed": self.replies_changed,
            "reused_across_years": self.reused_across_years,
            "reused_within_year": self.reused_within_year,
        }


@dataclass(frozen=True, slots=True)
class ReportDiff:
    """Two fiscal years' measures compared."""

    old_year: int | None
    new_year: int | None
    old_sources: tuple[str, ...]
    new_sources: tuple[str, ...]
    added: tuple[Measure, ...]
    removed: tuple[Measure, ...]
    changed: tuple[MeasureDiff, ...]
    unchanged: tuple[MeasureDiff, ...]
    reused_replies: tuple[ReusedReply, ...]

    @property
    def has_differences(self) -> bool:
        """Whether ``--exit-code`` should exit 1. Reused replies are findings
        about NEW, not differences, so they do not count."""
        return bool(self.added or self.removed or self.changed)

    @property
    def has_substantive_differences(self) -> bool:
        """Differences left once formatting-only changes are collapsed
        (what ``--exit-code`` means without ``--exact``)."""
        return bool(
            self.added or self.removed or any(not diff.formatting_only for diff in self.changed)
        )

    @property
    def counts(self) -> DiffCounts:
        matches = [m for diff in self.changed for m in diff.comment_matches]
        reply_kinds = [m.reply.kind for m in matches]
        return DiffCounts(
            added=len(self.added),
            removed=len(self.removed),
            changed=len(self.changed),
            changed_formatting_only=sum(1 for diff in self.changed if diff.formatting_only),
            unchanged=len(self.unchanged),
            comments_added=sum(len(diff.comments_added) for diff in self.changed),
            comments_removed=sum(len(diff.comments_removed) for diff in self.changed),
            comments_changed=sum(1 for m in matches if m.changed),
            replies_answered=reply_kinds.count("answered"),
            replies_withdrawn=reply_kinds.count("withdrawn"),
            replies_changed=reply_kinds.count("changed"),
            reused_across_years=sum(1 for r in self.reused_replies if r.kind == "across_years"),
            reused_within_year=sum(1 for r in self.reused_replies if r.kind == "within_year"),
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "from": {"fiscal_year": self.old_year, "sources": list(self.old_sources)},
            "to": {"fiscal_year": self.new_year, "sources": list(self.new_sources)},
            "added": [measure.to_dict() for measure in self.added],
            "removed": [measure.to_dict() for measure in self.removed],
            "changed": [diff.to_dict() for diff in self.changed],
            "unchanged": [diff.summary_dict() for diff in self.unchanged],
            "reused_replies": [reuse.to_dict() for reuse in self.reused_replies],
            "counts": self.counts.to_dict(),
        }
