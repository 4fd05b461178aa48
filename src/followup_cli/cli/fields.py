"""The one vocabulary of field names, and how each command's records use it.

Every record format of every command (json and jsonl keys, csv headers, the
columns of tsv) takes its names from :data:`FIELDS`; README's field table
lists the same names, and a test checks both. A name means one thing
everywhere: ``fiscal_year`` is the year (never ``year``), ``comments`` is the
list of comments and ``comment_count`` how many there are.

A command describes its records as :class:`Fields`: how to get each field
of an item, which fields json prints by default and which csv and tsv print.
``--fields`` and ``--json FIELDS`` choose among the same names.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

from followup_cli.model import Comment, Measure

T = TypeVar("T")
Cell = str | int | bool | None

# name -> what it holds; README's "Output fields" table says the same.
FIELDS: Mapping[str, str] = {
    "source": "the file or URL the measure was read from",
    "fiscal_year": "the Western year the fiscal year starts in (令和2年度 → 2020)",
    "municipality": "the city or town that published the page",
    "code": "the measure's code as published (S27, Ｆ１)",
    "name": "the measure's name (事業又は施策名)",
    "department": "the department in charge (担当課)",
    "direction": "the city's direction (今後の市の方向性)",
    "notes": "notes printed with the measure (※…)",
    "comments": "the evaluators' comments with their replies",
    "comment_count": "how many comments the measure has",
    "replied_count": "how many of them have a reply",
    "section": "overall, issues or other: the block a comment is in",
    "section_label": "that block's header as published",
    "number": "the comment's number within its section",
    "text": "the comment (外部評価実施者意見)",
    "reply": "the department's reply (担当課返答)",
    "reply_shared": "true when one reply cell answers several comments",
    # stats: one record per group.
    "measures": "how many measures the group has",
    "unanswered": "how many of its comments have no reply",
    "reply_rate": "replied_count over comment_count, 0 to 1",
    "shared_replies": "how many comments share one reply cell with others",
    "reused_replies": "how many replies diff finds pasted from the year before",
}


class CommentRow(NamedTuple):
    """One comment with its measure's fields; ``comment`` is None for a
    measure without comments (``show`` still prints it in csv)."""

    measure: Measure
    comment: Comment | None


def comment_rows(measure: Measure, *, keep_empty: bool = False) -> list[CommentRow]:
    rows = [CommentRow(measure, comment) for comment in measure.comments]
    if not rows and keep_empty:
        rows.append(CommentRow(measure, None))
    return rows


MEASURE_GETTERS: Mapping[str, Callable[[Measure], object]] = {
    "source": lambda m: m.source,
    "fiscal_year": lambda m: m.fiscal_year,
    "municipality": lambda m: m.municipality,
    "code": lambda m: m.code,
    "name": lambda m: m.name,
    "department": lambda m: m.department,
    "direction": lambda m: m.direction,
    "comments": lambda m: [comment.to_dict() for comment in m.comments],
    "notes": lambda m: list(m.notes),
    "comment_count": lambda m: len(m.comments),
    "replied_count": lambda m: m.replied_count,
}


def _of_comment(name: str) -> Callable[[CommentRow], object]:
    def get(row: CommentRow) -> object:
        return None if row.comment is None else getattr(row.comment, name)

    return get


def _of_measure(name: str) -> Callable[[CommentRow], object]:
    getter = MEASURE_GETTERS[name]
    return lambda row: getter(row.measure)


COMMENT_ROW_GETTERS: Mapping[str, Callable[[CommentRow], object]] = {
    **{
        name: _of_measure(name)
        for name in (
            "fiscal_year",
            "source",
            "municipality",
            "code",
            "name",
            "department",
            "direction",
            "notes",
        )
    },
    **{
        name: _of_comment(name)
        for name in ("section", "section_label", "number", "text", "reply", "reply_shared")
    },
}

# Positions are a contract for tsv (no header: `cut -f9` is the comment), so
# fields added later go at the end.
COMMENT_ROW_DEFAULT = (
    "fiscal_year",
    "source",
    "code",
    "name",
    "department",
    "section",
    "section_label",
    "number",
    "text",
    "reply",
    "reply_shared",
    "direction",
    "municipality",
)


@dataclass(frozen=True)
class Fields(Generic[T]):
    """The fields of one kind of item, and the defaults of each format."""

    getters: Mapping[str, Callable[[T], object]]
    # json and jsonl without --fields.
    record_default: tuple[str, ...]
    # csv and tsv without --fields, in column order.
    row_default: tuple[str, ...]

    def __post_init__(self) -> None:
        unknown = [name for name in self.getters if name not in FIELDS]
        if unknown:
            raise ValueError(f"not in the field vocabulary: {', '.join(unknown)}")

    def record(self, item: T, names: Sequence[str] | None = None) -> dict[str, object]:
        return {name: self.getters[name](item) for name in names or self.record_default}

    def row(self, item: T, names: Sequence[str] | None = None) -> list[Cell]:
        return [as_cell(self.getters[name](item)) for name in names or self.row_default]


MEASURE_FIELDS: Fields[Measure] = Fields(
    getters=MEASURE_GETTERS,
    # Exactly Measure.to_dict(), in its order.
    record_default=(
        "source",
        "fiscal_year",
        "municipality",
        "code",
        "name",
        "department",
        "direction",
        "comments",
        "notes",
    ),
    # `cut -f2` is the code; fields added later go at the end.
    row_default=(
        "fiscal_year",
        "code",
        "name",
        "department",
        "comment_count",
        "replied_count",
        "direction",
        "source",
        "municipality",
        "notes",
    ),
)


COMMENT_FIELDS: Fields[CommentRow] = Fields(
    getters=COMMENT_ROW_GETTERS,
    record_default=COMMENT_ROW_DEFAULT,
    row_default=COMMENT_ROW_DEFAULT,
)

def as_cell(value: object) -> Cell:
    """A field's value in one csv or tsv cell: lists of text one a line,
    nested records as compact JSON."""
    if value is None or isinstance(value, str | int | bool):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "\n".join(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def parse_field_list(text: str) -> tuple[str, ...]:
    """``code,name, department`` -> the names, in order, without repeats."""
    names: list[str] = []
    for part in text.split(","):
        name = part.strip()
        if name and name not in names:
            names.append(name)
    return tuple(names)


def unknown_fields(requested: Sequence[str], valid: Sequence[str]) -> list[str]:
    return [name for name in requested if name not in valid]
