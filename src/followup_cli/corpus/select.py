"""Which measures and comments the selectors keep, and the order measures sort in.

Matching folds both sides the way the diff does (NFKC, whitespace, spaces
beside Japanese dropped) and ignores case, so ``-k ｉｃｔ`` finds "ICT",
``-k Web会議`` finds "Web 会議" and ``-c s27`` finds "S27"; the text printed
stays as published.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from followup_cli import normalize
from followup_cli.corpus.seen import FirstSeen, key_of
from followup_cli.corpus.sources import SourceWarning
from followup_cli.model import Comment, Measure, Report
from followup_cli.normalize import nfkc


def fold(text: str) -> str:
    """The form in which two spellings of the same words compare equal."""
    return normalize.fold(text).casefold()


class Selection(NamedTuple):
    """The selectors of one command line, already folded for matching."""

    year: int | None = None
    department: str | None = None
    codes: frozenset[str] = frozenset()
    section: str | None = None
    grep: str | None = None
    unanswered: bool = False

    @classmethod
    def build(
        cls,
        *,
        year: int | None = None,
        department: str | None = None,
        codes: Sequence[str] | None = None,
        section: str | None = None,
        grep: str | None = None,
        unanswered: bool = False,
    ) -> Selection:
        return cls(
            year=year,
            department=fold(department) if department else None,
            codes=frozenset(fold(code) for code in codes or ()),
            section=section,
            grep=fold(grep) if grep else None,
            unanswered=unanswered,
        )

    def keeps_measure(self, measure: Measure) -> bool:
        """Year, department and code: what identifies a measure."""
        if self.year is not None and measure.fiscal_year != self.year:
            return False
        if self.department is not None and (
            measure.department is None or self.department not in fold(measure.department)
        ):
            return False
        return not self.codes or (measure.code is not None and fold(measure.code) in self.codes)

    def keeps_comment(self, comment: Comment) -> bool:
        """Section, unanswered and --grep on the comment or its reply."""
        if self.section is not None and comment.section != self.section:
            return False
        if self.unanswered and comment.reply is not None:
            return False
        return self.grep is None or _contains(self.grep, (comment.text, comment.reply))

    def grep_keeps_measure(self, measure: Measure) -> bool:
        """--grep for whole measures (list): name, direction, comments or replies."""
        if self.grep is None:
            return True
        texts: list[str | None] = [measure.name, measure.direction]
        for comment in measure.comments:
            texts.extend((comment.text, comment.reply))
        return _contains(self.grep, texts)


def _contains(needle: str, texts: Iterable[str | None]) -> bool:
    return any(text is not None and needle in fold(text) for text in texts)


def code_matches(code: str, measure: Measure) -> bool:
    """``show CODE``: the same folding as --code."""
    return measure.code is not None and fold(measure.code) == fold(code)


_DIGITS = re.compile(r"(\d+)")


def measure_order(measure: Measure) -> tuple[object, ...]:
    """Year, then code in natural order (S3 before S27); unknowns last."""
    code = nfkc(measure.code).casefold() if measure.code else None
    code_key: tuple[tuple[int, int | str], ...] = ()
    if code is not None:
        code_key = tuple(
            (0, int(part)) if part.isdigit() else (1, part) for part in _DIGITS.split(code) if part
        )
    return (
        measure.fiscal_year is None,
        measure.fiscal_year or 0,
        code is None,
        code_key,
        measure.name,
        measure.source,
    )


def measure_key(measure: Measure) -> str:
    """What makes two measures of one fiscal year the same: the code, else the name.

    Within one municipality: two cities both numbering a measure C4 publish
    two measures. A page whose municipality cannot be told counts as one
    more municipality of its own kind.
    """
    city = fold(measure.municipality) if measure.municipality else ""
    if measure.code:
        return f"{city}\x00code:{fold(measure.code)}"
    return f"{city}\x00name:{fold(measure.name)}"


def measure_label(measure: Measure) -> str:
    return measure.code or measure.name


class MeasureFacts(NamedTuple):
    """What a run checks across pages about one measure, without the measure itself.

    A named tuple: a page's facts cross between processes, and a tuple is
    several times cheaper to pickle than a dataclass.
    """

    fiscal_year: int | None
    key: str
    label: str

    @classmethod
    def of(cls, measure: Measure) -> MeasureFacts:
        return cls(measure.fiscal_year, measure_key(measure), measure_label(measure))


class RepeatedMeasures:
    """Finds a measure published again on another page of the same fiscal year.

    Both are kept (the pages may differ, and each is what its page says), but
    a count or a diff over them would see the measure twice: the reader is
    told, and the diff pairs it once. One key is kept per measure of a known
    year, in bounded memory (:class:`~followup_cli.corpus.seen.FirstSeen`).
    """

    def __init__(self) -> None:
        # (fiscal_year, measure_key) -> the page it was first seen on.
        self._first = FirstSeen()

    def check(self, report: Report) -> list[SourceWarning]:
        return self.check_facts(report.source, [MeasureFacts.of(m) for m in report.measures])

    def check_facts(self, source: str, measures: Iterable[MeasureFacts]) -> list[SourceWarning]:
        """:meth:`check` for a page known by its measures' facts (rendered where it was read)."""
        warnings: list[SourceWarning] = []
        for measure in measures:
            if measure.fiscal_year is None:
                continue
            first = self._first.earlier(key_of(measure.fiscal_year, measure.key), source)
            if first is not None and first != source:
                warnings.append(
                    SourceWarning(
                        source,
                        f"{measure.label} of fiscal year {measure.fiscal_year} is also "
                        f"on {first}: both are kept; diff pairs it once",
                    )
                )
        return warnings

    def close(self) -> None:
        self._first.close()
