"""Finding measures by what a person types: a code or a name (``followup show``).

In order, the first that finds something wins:

1. the code, folded (``s27`` and ``Ｓ２７`` are S27);
2. the whole name, folded;
3. part of the name, folded (``適正配置`` finds 公共施設の適正配置);
4. nothing: the closest names are suggested, each with its fiscal years.

Folding is the one matching fold of :func:`followup_cli.corpus.select.fold`
(NFKC, whitespace, case), so matching agrees with ``--code`` and ``--grep``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from followup_cli.corpus.select import fold
from followup_cli.model import Measure

MatchedBy = Literal["code", "name", "part of the name"]
# A part of a name that matches more distinct names than this is too vague.
MAX_PARTIAL_NAMES = 5
# Suggestions: at most this many, scoring at least this (rapidfuzz, 0-100).
SUGGESTIONS = 3
MIN_SUGGESTION_SCORE = 40.0


@dataclass(frozen=True)
class Suggestion:
    """A measure's name (and code) with every fiscal year it appears in."""

    code: str | None
    name: str
    fiscal_years: tuple[int, ...]

    def __str__(self) -> str:
        years = ", ".join(str(year) for year in self.fiscal_years)
        label = f"{self.code} {self.name}" if self.code else self.name
        return f"{label} ({years})" if years else label


@dataclass(frozen=True)
class Lookup:
    """What a query found: measures and how, or suggestions (or a vague part)."""

    measures: tuple[Measure, ...]
    matched_by: MatchedBy | None
    suggestions: tuple[Suggestion, ...] = ()
    # Set when part of a name matched too many different measures.
    too_many: tuple[Suggestion, ...] = ()


def find_measures(query: str, measures: Sequence[Measure]) -> Lookup:
    wanted = fold(query)
    if not wanted:
        return Lookup((), None)
    by_code = tuple(m for m in measures if m.code is not None and fold(m.code) == wanted)
    if by_code:
        return Lookup(by_code, "code")
    by_name = tuple(m for m in measures if fold(m.name) == wanted)
    if by_name:
        return Lookup(by_name, "name")
    partial = tuple(m for m in measures if wanted in fold(m.name))
    if partial:
        names = _grouped(partial)
        if len(names) > MAX_PARTIAL_NAMES:
            return Lookup((), None, too_many=names)
        return Lookup(partial, "part of the name")
    return Lookup((), None, suggestions=suggest(wanted, measures))


def suggest(wanted: str, measures: Sequence[Measure]) -> tuple[Suggestion, ...]:
    """The names (and codes) closest to ``wanted``, already folded."""
    # rapidfuzz loads only when nothing matched.
    from rapidfuzz import fuzz, process  # noqa: PLC0415 - import cost

    groups = _grouped(measures)
    if not groups:
        return ()
    names = [fold(f"{group.code or ''} {group.name}") for group in groups]
    codes = [fold(group.code or "") for group in groups]
    scores: dict[int, float] = {}
    # A mistyped code (S72 for S27) is closest to a code; a name to a name.
    for choices, scorer in ((names, fuzz.WRatio), (codes, fuzz.ratio)):
        for _, score, index in process.extract(
            wanted, choices, scorer=scorer, limit=SUGGESTIONS, score_cutoff=MIN_SUGGESTION_SCORE
        ):
            scores[index] = max(score, scores.get(index, 0.0))
    best = sorted(scores, key=lambda index: (-scores[index], index))[:SUGGESTIONS]
    return tuple(groups[index] for index in best)


def _grouped(measures: Sequence[Measure]) -> tuple[Suggestion, ...]:
    """One entry per (folded code, folded name), its years sorted."""
    years: dict[tuple[str, str], set[int]] = {}
    first: dict[tuple[str, str], Measure] = {}
    for measure in measures:
        key = (fold(measure.code or ""), fold(measure.name))
        first.setdefault(key, measure)
        found = years.setdefault(key, set())
        if measure.fiscal_year is not None:
            found.add(measure.fiscal_year)
    return tuple(
        Suggestion(first[key].code, first[key].name, tuple(sorted(years[key]))) for key in first
    )
