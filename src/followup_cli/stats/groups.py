"""Groups and their counts: the dimensions, each group's key and figures."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from followup_cli.model import SECTIONS, Comment, Measure, Section

Dimension = Literal["department", "fiscal_year", "measure", "section", "municipality"]
DIMENSIONS: tuple[Dimension, ...] = (
    "department", "fiscal_year", "measure", "section", "municipality",
)
# The word users type for a fiscal year; records still say fiscal_year.
_ALIASES: dict[str, Dimension] = {"year": "fiscal_year"}

# The record fields a dimension contributes, in order.
KEY_FIELDS: dict[Dimension, tuple[str, ...]] = {
    "department": ("municipality", "department"),
    "fiscal_year": ("fiscal_year",),
    "measure": ("municipality", "code", "name"),
    "section": ("section",),
    "municipality": ("municipality",),
}
# Record names: comment_count and replied_count, as in list's records, since
# `comments` is the list of comments everywhere else.
COUNT_FIELDS: tuple[str, ...] = (
    "measures",
    "comment_count",
    "replied_count",
    "unanswered",
    "reply_rate",
    "shared_replies",
    "reused_replies",
)
_COUNT_ATTRIBUTES = {"comment_count": "comments", "replied_count": "replied"}
DEFAULT_SORT = "reply_rate"

GroupKey = tuple[object, ...]


def parse_dimensions(text: str) -> tuple[Dimension, ...]:
    """``department``, ``department,fiscal_year`` (``year`` also names fiscal_year).

    Raises ValueError naming what is wrong: an unknown name, a repeat, more than two.
    """
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    if not names:
        raise ValueError("give one or two of " + ", ".join(DIMENSIONS))
    dimensions: list[Dimension] = []
    for name in names:
        dimension = _ALIASES.get(name, name)
        if dimension not in DIMENSIONS:
            raise ValueError(f"unknown {name!r}; choose from " + ", ".join(DIMENSIONS))
        if dimension in dimensions:
            raise ValueError(f"{dimension} is given twice")
        dimensions.append(dimension)
    if len(dimensions) > 2:
        raise ValueError("give at most two dimensions (e.g. department,fiscal_year)")
    return tuple(dimensions)


def key_fields(dimensions: Sequence[Dimension]) -> tuple[str, ...]:
    """The record fields of a group's key, each once (municipality,department is department)."""
    return tuple(dict.fromkeys(name for dimension in dimensions for name in KEY_FIELDS[dimension]))


def sort_fields(dimensions: Sequence[Dimension]) -> tuple[str, ...]:
    """What ``--sort`` accepts for these dimensions."""
    return (*key_fields(dimensions), *COUNT_FIELDS)


@dataclass(frozen=True, slots=True)
class StatsRow:
    """One group's figures. ``key`` holds the values of ``key_fields(dimensions)``."""

    dimensions: tuple[Dimension, ...]
    key: GroupKey
    measures: int
    comments: int
    replied: int
    shared_replies: int
    # None when fewer than two fiscal years were read: nothing to reuse from.
    reused_replies: int | None

    @property
    def unanswered(self) -> int:
        return self.comments - self.replied

    @property
    def reply_rate(self) -> float | None:
        """Replied comments over comments, 0 to 1; None for a group without comments."""
        return self.replied / self.comments if self.comments else None

    def value(self, name: str) -> object:
        """A record field by name (a key field or a count)."""
        fields = key_fields(self.dimensions)
        if name in fields:
            return self.key[fields.index(name)]
        if name in COUNT_FIELDS:
            return getattr(self, _COUNT_ATTRIBUTES.get(name, name))
        raise KeyError(name)

    def key_value(self, dimension: Dimension) -> object:
        """The group's value for one dimension: a tuple of its key fields when it has
        several ((municipality, department) for a department)."""
        fields = KEY_FIELDS[dimension]
        values = tuple(self.value(name) for name in fields)
        return values if len(values) > 1 else values[0]

    def to_dict(self) -> dict[str, object]:
        record: dict[str, object] = dict(zip(key_fields(self.dimensions), self.key, strict=True))
        record.update(
            measures=self.measures,
            comment_count=self.comments,
            replied_count=self.replied,
            unanswered=self.unanswered,
            reply_rate=None if self.reply_rate is None else round(self.reply_rate, 4),
            shared_replies=self.shared_replies,
            reused_replies=self.reused_replies,
        )
        return record


@dataclass
class _Tally:
    measures: set[int] = field(default_factory=set)
    comments: int = 0
    replied: int = 0
    shared: int = 0
    reused: int = 0


def several_municipalities(rows: Iterable[StatsRow]) -> bool:
    """Whether the rows' groups belong to more than one municipality (None counts as one)."""
    cities = {
        row.value("municipality") for row in rows if "municipality" in key_fields(row.dimensions)
    }
    return len(cities) > 1


def key_label(value: object, *, with_municipality: bool) -> str | None:
    """One dimension's value as one line: ``C4 公園の管理``, ``こども課（みどり市）``.

    ``value`` is what :meth:`StatsRow.key_value` gives; the municipality is
    named only when asked (the rows hold several). None: nothing is known.
    """
    if not isinstance(value, tuple):
        return None if value is None else str(value)
    city, *rest = value
    parts = [str(part) for part in rest if part is not None]
    if not parts:
        return str(city) if with_municipality and city is not None else None
    text = " ".join(parts)
    if with_municipality and city is not None:
        text += f"（{city}）"
    return text


def fiscal_years(measures: Iterable[Measure]) -> list[int]:
    """The known fiscal years among the measures, oldest first."""
    return sorted({m.fiscal_year for m in measures if m.fiscal_year is not None})


def compute_stats(
    measures: Sequence[Measure],
    by: Sequence[Dimension] = ("department",),
    *,
    reused: frozenset[tuple[int, int]] | None = None,
) -> list[StatsRow]:
    """One row per group of ``by`` (no dimensions: one row for everything).

    ``reused`` holds (measure index, comment index) of replies reused from the
    year before (see :func:`reused_comments`); None means "not computed" and
    gives ``reused_replies`` None. Rows come in the natural order of the keys
    (see :func:`sort_rows` for others).
    """
    dimensions = tuple(by)
    only_city = only_municipality(measures)
    tallies: dict[GroupKey, _Tally] = {}
    for measure_index, measure in enumerate(measures):
        measure_key = _measure_key(measure, dimensions, only_city)
        if "section" not in dimensions:
            tallies.setdefault(measure_key, _Tally()).measures.add(measure_index)
        for comment_index, comment in enumerate(measure.comments):
            key = _with_section(measure_key, dimensions, comment.section)
            tally = tallies.setdefault(key, _Tally())
            tally.measures.add(measure_index)
            _count(tally, comment, reused is not None and (measure_index, comment_index) in reused)
    rows = [
        StatsRow(
            dimensions=dimensions,
            key=key,
            measures=len(tally.measures),
            comments=tally.comments,
            replied=tally.replied,
            shared_replies=tally.shared,
            reused_replies=None if reused is None else tally.reused,
        )
        for key, tally in tallies.items()
    ]
    return sorted(rows, key=natural_key)


def _count(tally: _Tally, comment: Comment, is_reused: bool) -> None:
    tally.comments += 1
    if comment.reply is not None:
        tally.replied += 1
        tally.shared += comment.reply_shared
        tally.reused += is_reused


def only_municipality(measures: Iterable[Measure]) -> str | None:
    """The municipality the measures name, when they name exactly one."""
    named = {measure.municipality for measure in measures if measure.municipality}
    return named.pop() if len(named) == 1 else None


def _measure_key(
    measure: Measure, dimensions: Sequence[Dimension], only_city: str | None
) -> GroupKey:
    values: list[object] = []
    for name in key_fields(dimensions):
        if name == "municipality":
            values.append(measure.municipality or only_city)
        elif name == "section":
            values.append(None)  # the comment's: filled in per comment
        else:
            values.append(getattr(measure, name))
    return tuple(values)


def _with_section(key: GroupKey, dimensions: Sequence[Dimension], section: Section) -> GroupKey:
    if "section" not in dimensions:
        return key
    position = key_fields(dimensions).index("section")
    return (*key[:position], section, *key[position + 1 :])


def natural_key(row: StatsRow) -> tuple[object, ...]:
    # None (unknown department or year) last; sections in page order (a
    # department that happens to be called "issues" is still sorted by name).
    parts: list[object] = []
    for name, value in zip(key_fields(row.dimensions), row.key, strict=True):
        if name == "section" and value in SECTIONS:
            parts.append((0, SECTIONS.index(value), ""))
        elif value is None:
            parts.append((2, 0, ""))
        elif isinstance(value, int):
            parts.append((0, value, ""))
        else:
            parts.append((1, 0, str(value)))
    return tuple(parts)
