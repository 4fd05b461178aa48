"""What a benchmark page says, before any layout draws it: measures, comments, frame."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from frames import Chrome

SectionName = Literal["overall", "issues", "other"]


@dataclass(frozen=True)
class CommentSpec:
    """One evaluator comment; ``span`` > 1 opens a group answered by one reply."""

    section: SectionName
    text: str
    reply: str
    span: int = 1


@dataclass(frozen=True)
class MeasureSpec:
    """One measure as a page shows it in one fiscal year."""

    code: str | None
    name: str
    department: str | None
    direction: str
    comments: tuple[CommentSpec, ...]


@dataclass(frozen=True)
class PageFrame:
    """What surrounds the tables: everything that carries the city, year and charset."""

    title: str
    heading: str
    charset_meta: str
    city: str
    # A line of body text, sometimes naming another fiscal year (a budget year).
    lead: str
    # The heavy CMS frame of the frame-heavy variant; plain pages have a light one.
    chrome: Chrome | None = None
