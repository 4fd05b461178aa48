"""Cities whose measures live on from one fiscal year to the next.

A measure keeps its code from year to year, and is sometimes renamed, moved to
another department or renumbered; some of last year's comments come back, and
some replies are given again word for word or with only their brackets
changed. That history is what makes a diff of two generated years realistic.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from content import CommentSpec, MeasureSpec, SectionName
from vocabulary import DEPARTMENTS, comment_text, direction_text, measure_name, reply_text, topic_of

CODE_LETTERS = "ABCDEFGJKLMNPSTU"
CITY_HEADS = ("みなと", "さくら", "かわ", "みどり", "ひかり", "あさひ", "しらかば", "すずらん")
CITY_TAILS = ("野", "台", "原", "ヶ丘", "浜", "川", "沢", "山")

T = TypeVar("T")


@dataclass
class Lineage:
    """One measure followed through the years; ``comments`` are last year's."""

    code: str | None
    name: str
    department: str | None
    direction: str = ""
    comments: tuple[CommentSpec, ...] = field(default=())


class City:
    """A city's measures, advanced one fiscal year at a time."""

    def __init__(self, rng: random.Random, index: int, size: int) -> None:
        self.rng = rng
        self.slug = f"city{index:03d}"
        self.name = rng.choice(CITY_HEADS) + rng.choice(CITY_TAILS) + "市"
        self.size = size
        self.lineages: list[Lineage] = []
        self._codes: set[str] = set()
        self._names: set[str] = set()

    def advance(self) -> list[Lineage]:
        """The measures evaluated in the next fiscal year, in code order."""
        rng = self.rng
        kept: list[Lineage] = []
        for lineage in self.lineages:
            if rng.random() < 0.15:
                continue
            roll = rng.random()
            if roll < 0.06:
                lineage.name = self._rename(lineage.name)
            elif roll < 0.11:
                lineage.department = rng.choice(DEPARTMENTS)
            elif roll < 0.14 and lineage.code is not None:
                lineage.code = self._code()
            kept.append(lineage)
        while len(kept) < self.size:
            kept.append(self._new_lineage())
        self.lineages = sorted(kept, key=_code_order)
        return self.lineages

    def _new_lineage(self) -> Lineage:
        rng = self.rng
        code = None if rng.random() < 0.08 else self._code()
        department = None if rng.random() < 0.04 else rng.choice(DEPARTMENTS)
        return Lineage(code=code, name=self._unique_name(), department=department)

    def _code(self) -> str:
        while True:
            code = f"{self.rng.choice(CODE_LETTERS)}{self.rng.randint(1, 199)}"
            if code not in self._codes:
                self._codes.add(code)
                if self.rng.random() < 0.03:
                    # Full-width codes (Ｆ１) appear on hand-edited pages.
                    return code.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
                return code

    def _unique_name(self) -> str:
        name = measure_name(self.rng)
        attempt = 2
        while name in self._names:
            name = (
                f"{measure_name(self.rng)}（第{attempt}期）"
                if attempt > 6
                else measure_name(self.rng)
            )
            attempt += 1
        self._names.add(name)
        return name

    def _rename(self, name: str) -> str:
        renamed = name + "の充実" if not name.endswith("の充実") else name.removesuffix("の充実")
        if renamed in self._names:
            return name
        self._names.add(renamed)
        return renamed


def _code_order(lineage: Lineage) -> tuple[int, str]:
    return (lineage.code is None, lineage.code or lineage.name)


def weighted(rng: random.Random, choices: Sequence[tuple[T, float]]) -> T:
    """One of the values, drawn with the given weights."""
    return rng.choices([value for value, _ in choices], [weight for _, weight in choices])[0]


def _section(rng: random.Random) -> SectionName:
    return weighted(rng, (("overall", 0.6), ("issues", 0.37), ("other", 0.03)))


def _reformatted(reply: str) -> str:
    """The same reply with only its bracket width changed, as a reused reply often is."""
    if "（" in reply:
        return reply.replace("（", "(").replace("）", ")")
    return reply.replace("、", "，", 1)


def _returning(rng: random.Random, lineage: Lineage, year: int, budget: int) -> list[CommentSpec]:
    """Last year's comments made again, each with its reply kept, reformatted or new."""
    topic = topic_of(lineage.name)
    made: list[CommentSpec] = []
    used = 0
    for old in lineage.comments:
        if used >= budget or rng.random() >= 0.2 or old.span == 0:
            continue
        roll = rng.random()
        if roll < 0.35 and old.reply:
            reply = old.reply
        elif roll < 0.5 and old.reply:
            reply = _reformatted(old.reply)
        elif roll < 0.6:
            reply = ""
        else:
            reply = reply_text(rng, topic, year, rng.randint(40, 480))
        made.append(CommentSpec(old.section, old.text, reply))
        used += len(old.text) + len(reply)
    return made


def _comments(
    rng: random.Random, lineage: Lineage, year: int, budget: int
) -> tuple[CommentSpec, ...]:
    """Returning comments, then new ones until about ``budget`` characters, by section."""
    topic = topic_of(lineage.name)
    earlier_replies = [c.reply for c in lineage.comments if c.reply]
    made = _returning(rng, lineage, year, budget)
    used = sum(len(c.text) + len(c.reply) for c in made)
    while used < budget or not made:
        section = _section(rng)
        text = comment_text(rng, topic, rng.randint(60, 420))
        roll = rng.random()
        if roll < 0.18:
            reply = ""
        elif roll < 0.26 and earlier_replies:
            reply = rng.choice(earlier_replies)
        else:
            reply = reply_text(rng, topic, year, rng.randint(40, 480))
        if reply and rng.random() < 0.06:
            # A group of comments answered together by one reply (rowspan on the page).
            span = rng.randint(2, 3)
            made.append(CommentSpec(section, text, reply, span))
            for _ in range(span - 1):
                follower = comment_text(rng, topic, rng.randint(60, 200))
                made.append(CommentSpec(section, follower, reply, 0))
                used += len(follower)
        else:
            made.append(CommentSpec(section, text, reply))
        used += len(text) + len(reply)
    order: dict[SectionName, int] = {"overall": 0, "issues": 1, "other": 2}
    return tuple(sorted(made, key=lambda comment: order[comment.section]))


def measure_in_year(rng: random.Random, lineage: Lineage, year: int, budget: int) -> MeasureSpec:
    if not lineage.direction or rng.random() < 0.6:
        lineage.direction = direction_text(rng, topic_of(lineage.name))
    comments = _comments(rng, lineage, year, budget)
    lineage.comments = comments
    return MeasureSpec(
        code=lineage.code,
        name=lineage.name,
        department=lineage.department,
        direction=lineage.direction,
        comments=comments,
    )


def grown(rng: random.Random, measure: MeasureSpec, year: int) -> MeasureSpec:
    """The measure with one more comment, in its last section so the order holds."""
    topic = topic_of(measure.name)
    extra = CommentSpec(
        measure.comments[-1].section,
        comment_text(rng, topic, rng.randint(60, 420)),
        reply_text(rng, topic, year, rng.randint(40, 480)),
    )
    return replace(measure, comments=(*measure.comments, extra))


def trimmed(measure: MeasureSpec) -> MeasureSpec:
    """The measure without its last comment, shrinking the reply group it belonged to."""
    comments = list(measure.comments)
    removed = comments.pop()
    if removed.span == 0:
        head = max(i for i, comment in enumerate(comments) if comment.span > 0)
        comments[head] = replace(comments[head], span=comments[head].span - 1)
    return replace(measure, comments=tuple(comments))
