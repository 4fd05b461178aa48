"""Flat records shared by commands: one comment with its measure's fields.

``filter`` prints these, and ``show`` prints them for csv and tsv, where a
measure's nested comments need one row each. The keys are a public contract
documented in README.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from followup_cli.cli.output import Cell, Column
from followup_cli.model import Comment, Measure

# How tables mark a comment without a reply: in words, so it shows without colour.
NO_REPLY = "（未回答）/ no reply"


@dataclass(frozen=True, slots=True)
class CommentRow:
    """One comment, carrying its measure's year, source, code, name and department."""

    measure: Measure
    comment: Comment

    def to_dict(self) -> dict[str, object]:
        measure, comment = self.measure, self.comment
        return {
            "year": measure.fiscal_year,
            "source": measure.source,
            "code": measure.code,
            "name": measure.name,
            "department": measure.department,
            "section": comment.section,
            "section_label": comment.section_label,
            "number": comment.number,
            "text": comment.text,
            "reply": comment.reply,
            "reply_shared": comment.reply_shared,
        }

    def cells(self) -> Sequence[Cell]:
        """The values of :data:`COMMENT_COLUMNS`, in their order."""
        measure, comment = self.measure, self.comment
        return (
            measure.fiscal_year,
            measure.source,
            measure.code,
            measure.name,
            measure.department,
            comment.section,
            comment.section_label,
            comment.number,
            comment.text,
            comment.reply,
            comment.reply_shared,
        )


COMMENT_COLUMNS: tuple[Column, ...] = (
    Column("year", "year", numeric=True),
    Column("source", "source"),
    Column("code", "code"),
    Column("name", "name"),
    Column("department", "department"),
    Column("section", "section"),
    Column("section_label", "section label"),
    Column("number", "no.", numeric=True),
    Column("text", "comment", ratio=1),
    Column("reply", "reply", missing=NO_REPLY, ratio=1),
    Column("reply_shared", "shared reply"),
)


def comment_rows(measure: Measure) -> Iterator[CommentRow]:
    for comment in measure.comments:
        yield CommentRow(measure, comment)
