"""The published follow-up data as frozen dataclasses.

The field names are the public JSON contract: every command that prints
records prints exactly ``to_dict()`` of these classes, so renaming a field is a
breaking change for every script that reads our output.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Section = Literal["overall", "issues", "other"]
SECTIONS: tuple[Section, ...] = ("overall", "issues", "other")


def _field_values(record: Comment | Measure | Report) -> tuple[object, ...]:
    # Records cross process boundaries under --jobs: rebuilt from a tuple of
    # their fields, they unpickle a third faster than through slot state.
    return tuple(getattr(record, name) for name in record.__slots__)


@dataclass(frozen=True, slots=True)
class Comment:
    """One evaluator's comment and the department's reply to it."""

    section: Section
    section_label: str
    number: int
    text: str
    reply: str | None
    reply_shared: bool

    def __reduce__(self) -> tuple[type[Comment], tuple[object, ...]]:
        return (Comment, _field_values(self))

    def to_dict(self) -> dict[str, object]:
        return {
            "section": self.section,
            "section_label": self.section_label,
            "number": self.number,
            "text": self.text,
            "reply": self.reply,
            "reply_shared": self.reply_shared,
        }


@dataclass(frozen=True, slots=True)
class Measure:
    """One evaluated measure (事業又は施策) with its direction and comments."""

    source: str
    fiscal_year: int | None
    municipality: str | None
    code: str | None
    name: str
    department: str | None
    direction: str | None
    comments: tuple[Comment, ...]
    notes: tuple[str, ...]

    def __reduce__(self) -> tuple[type[Measure], tuple[object, ...]]:
        return (Measure, _field_values(self))

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "fiscal_year": self.fiscal_year,
            "municipality": self.municipality,
            "code": self.code,
            "name": self.name,
            "department": self.department,
            "direction": self.direction,
            "comments": [comment.to_dict() for comment in self.comments],
            "notes": list(self.notes),
        }

    @property
    def replied_count(self) -> int:
        return sum(1 for comment in self.comments if comment.reply is not None)


@dataclass(frozen=True, slots=True)
class Report:
    """Everything read from one published page."""

    source: str
    fiscal_year: int | None
    title: str | None
    measures: tuple[Measure, ...]
    warnings: tuple[str, ...]
    # When the page was captured (WARC-Date, ISO 8601), for a page read from a WARC file.
    captured_at: str | None = None

    def __reduce__(self) -> tuple[type[Report], tuple[object, ...]]:
        return (Report, _field_values(self))

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "fiscal_year": self.fiscal_year,
            "title": self.title,
            "measures": [measure.to_dict() for measure in self.measures],
            "warnings": list(self.warnings),
            "captured_at": self.captured_at,
        }
