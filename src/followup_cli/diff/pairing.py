"""Pairing the measures of two fiscal years.

Three passes, each only over what the previous ones left unpaired:

1. same code (folded), first occurrence on each side;
2. same name after folding (NFKC, whitespace), first occurrence on each side;
3. fuzzy name similarity (``name_similarity``: whole names, or names without
   their parenthesised notes, whichever scores higher) at or above
   ``FUZZY_NAME_THRESHOLD``, best scores first.

The fuzzy pass is quadratic in the measures still unpaired, never in all of
them: when codes match (the usual case) it has nothing left to score.
A second measure with an already-seen code or name on the same side (a page
listing a code twice) falls through to the later passes instead of being lost.

Every pass pairs within one municipality: two cities that both number a
measure C4 publish two measures, and a corpus of several cities must not
continue one city's C4 as the other's. A page that names no city
(``municipality`` None) counts as the city the other pages name when they name
exactly one (a site that began to give its name in one year is still one
city), the same rule as the statistics'; among several cities it pairs only
with pages that name none. Within a city, a page that names it comes first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from followup_cli.diff.fold import fold, similarity
from followup_cli.diff.model import MatchedBy
from followup_cli.model import Measure

# Names are short (10-60 characters), so one edited character in a 7-character
# name already costs 14 points; 80 keeps "道路の維持管理" → "道路の維持補修管理" (~88)
# paired and "公園の維持管理" / "道路の維持管理" (~71, two different measures) apart.
# Unrelated names score far lower (20-50).
FUZZY_NAME_THRESHOLD = 80.0

# A note in brackets after folding (NFKC turns （） into ()); bounded so the
# pattern stays linear.
_PARENTHESISED = re.compile(r"\([^()]{0,200}\)")


@dataclass(frozen=True, slots=True)
class MeasurePair:
    """One measure of OLD and the measure of NEW it continues as."""

    old_index: int
    new_index: int
    old: Measure
    new: Measure
    matched_by: MatchedBy
    name_similarity: float | None


@dataclass(frozen=True, slots=True)
class Pairing:
    pairs: tuple[MeasurePair, ...]  # in NEW's order
    removed: tuple[Measure, ...]  # in OLD's order
    added: tuple[Measure, ...]  # in NEW's order


def name_similarity(folded_old: str, folded_new: str) -> float:
    """The fuzzy pass's score of two folded names.

    The better of the whole names' similarity and that of the names without
    their parenthesised notes: a year that adds or drops a note such as
    "(拡充)" or a long "(…の実施、…の確保)" would otherwise fall far below the
    threshold although the measure is the same. (``_fuzzy_scores`` gives the
    same scores for many names at once.)
    """
    whole = similarity(folded_old, folded_new)
    old_base = _without_notes(folded_old)
    new_base = _without_notes(folded_new)
    if not old_base or not new_base:
        return whole
    return max(whole, similarity(old_base, new_base))


# Each leftover name is compared with every other: its note-less form is
# worked out once, not once per comparison.
@functools.lru_cache(maxsize=16_384)
def _without_notes(folded_name: str) -> str:
    return _PARENTHESISED.sub("", folded_name).strip()


def _fuzzy_scores(
    old_names: Sequence[str], new_names: Sequence[str]
) -> dict[tuple[int, int], float]:
    """``name_similarity`` of every pair reaching the threshold, by positions.

    Scored in rapidfuzz's own loop, two calls per OLD name (whole names, then
    names without notes) instead of a Python call per pair: after a
    reorganisation hundreds of names may be left on each side.
    """
    new_bases = {b: base for b, name in enumerate(new_names) if (base := _without_notes(name))}
    scores: dict[tuple[int, int], float] = {}
    for a, name in enumerate(old_names):
        base = _without_notes(name)
        for query, choices in ((name, new_names), (base, new_bases if base else {})):
            for _, score, b in process.extract(
                query, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_NAME_THRESHOLD, limit=None
            ):
                if score > scores.get((a, b), 0.0):
                    scores[a, b] = score
    return scores


class _Cities:
    """The city each measure of the two sides pairs within, folded ("" unknown)."""

    def __init__(self, old: Sequence[Measure], new: Sequence[Measure]) -> None:
        def own(measure: Measure) -> str:
            return fold(measure.municipality) if measure.municipality else ""

        old_own, new_own = [own(m) for m in old], [own(m) for m in new]
        named = {*old_own, *new_own} - {""}
        only = named.pop() if len(named) == 1 else ""
        self.old = [city or only for city in old_own]
        self.new = [city or only for city in new_own]

    def agree(self, old_index: int, new_index: int) -> bool:
        return self.old[old_index] == self.new[new_index]


def _named_first(measures: Sequence[Measure], left: list[int]) -> list[int]:
    return sorted(left, key=lambda index: not measures[index].municipality)


def _code_key(measure: Measure) -> str | None:
    if measure.code is None:
        return None
    return fold(measure.code) or None


def _name_key(measure: Measure) -> str | None:
    # An empty name is still a key: two nameless, codeless rows are as alike
    # as any pair, and a measure must never be unpaired from itself.
    return fold(measure.name)


_EXACT_PASSES: tuple[tuple[Callable[[Measure], str | None], MatchedBy], ...] = (
    (_code_key, "code"),
    (_name_key, "name"),
)


def pair_measures(old: Sequence[Measure], new: Sequence[Measure]) -> Pairing:
    old_left = list(range(len(old)))
    new_left = list(range(len(new)))
    pairs: list[MeasurePair] = []
    cities = _Cities(old, new)
    for key, matched_by in _EXACT_PASSES:
        found = _pair_by_key(old, new, old_left, new_left, key, cities=cities)
        pairs.extend(MeasurePair(i, j, old[i], new[j], matched_by, None) for i, j in found)
    pairs.extend(_pair_fuzzy(old, new, old_left, new_left, cities))
    pairs.sort(key=lambda pair: pair.new_index)
    return Pairing(
        pairs=tuple(pairs),
        removed=tuple(old[i] for i in old_left),
        added=tuple(new[j] for j in new_left),
    )


def _pair_by_key(
    old: Sequence[Measure],
    new: Sequence[Measure],
    old_left: list[int],
    new_left: list[int],
    key: Callable[[Measure], str | None],
    *,
    cities: _Cities,
) -> list[tuple[int, int]]:
    """Pair first occurrences of equal keys within a city; removes what it pairs
    from the left lists."""
    new_by_key: dict[tuple[str, str], int] = {}
    for j in _named_first(new, new_left):
        new_key = key(new[j])
        if new_key is not None:
            new_by_key.setdefault((cities.new[j], new_key), j)
    seen: set[tuple[str, str]] = set()
    found: list[tuple[int, int]] = []
    for i in _named_first(old, old_left):
        value = key(old[i])
        if value is None:
            continue
        old_key = (cities.old[i], value)
        if old_key in seen:
            continue
        seen.add(old_key)
        match = new_by_key.get(old_key)
        if match is not None:
            found.append((i, match))
    paired_old = {i for i, _ in found}
    paired_new = {j for _, j in found}
    old_left[:] = [i for i in old_left if i not in paired_old]
    new_left[:] = [j for j in new_left if j not in paired_new]
    return found


def _pair_fuzzy(
    old: Sequence[Measure],
    new: Sequence[Measure],
    old_left: list[int],
    new_left: list[int],
    cities: _Cities,
) -> list[MeasurePair]:
    """Greedy best-score-first assignment over the measures still unpaired, within cities."""
    if not old_left or not new_left:
        return []
    scores = _fuzzy_scores(
        [fold(old[i].name) for i in old_left], [fold(new[j].name) for j in new_left]
    )
    candidates = sorted((-score, old_left[a], new_left[b]) for (a, b), score in scores.items())
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[MeasurePair] = []
    for negated, i, j in candidates:
        if i in used_old or j in used_new or not cities.agree(i, j):
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append(MeasurePair(i, j, old[i], new[j], "fuzzy", -negated))
    old_left[:] = [i for i in old_left if i not in used_old]
    new_left[:] = [j for j in new_left if j not in used_new]
    return pairs
