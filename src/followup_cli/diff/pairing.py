"""Pairing the measures of two fiscal years.

Three passes, each only over what the previous ones left unpaired (the first
two within each municipality, then across, see below):

1. same code (folded), first occurrence on each side;
2. same name after folding (NFKC, whitespace), first occurrence on each side;
3. fuzzy name similarity (``name_similarity``: whole names, or names without
   their parenthesised notes, whichever scores higher) at or above
   ``FUZZY_NAME_THRESHOLD``, best scores first.

The fuzzy pass is quadratic in the measures still unpaired, never in all of
them: when codes match (the usual case) it has nothing left to score.
A second measure with an already-seen code or name on the same side (a page
listing a code twice) falls through to the later passes instead of being lost.

Measures pair only within one municipality: two cities that both number a
measure C4 publish two measures, and a corpus of several cities must not
continue one city's C4 as the other's. A page that does not name its city
(``municipality`` None) may continue, or be continued by, any city's measure,
but only after the measures of named cities have paired among themselves.
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


def _city(measure: Measure) -> str:
    """The municipality folded for matching; "" when the page does not name it."""
    return fold(measure.municipality) if measure.municipality else ""


def _in_city(key: Callable[[Measure], str | None]) -> Callable[[Measure], str | None]:
    def city_key(measure: Measure) -> str | None:
        value = key(measure)
        return None if value is None else f"{_city(measure)}\x00{value}"

    return city_key


def pair_measures(old: Sequence[Measure], new: Sequence[Measure]) -> Pairing:
    old_left = list(range(len(old)))
    new_left = list(range(len(new)))
    pairs: list[MeasurePair] = []
    # Code and name within each city first; only then a page that names no
    # city with a named one, so that no measure is taken from its own city.
    for across_cities in (False, True):
        for key, matched_by in _EXACT_PASSES:
            found = _pair_by_key(old, new, old_left, new_left,
                                 key if across_cities else _in_city(key),
                                 across_cities=across_cities)
            pairs.extend(MeasurePair(i, j, old[i], new[j], matched_by, None) for i, j in found)
    pairs.extend(_pair_fuzzy(old, new, old_left, new_left))
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
    across_cities: bool = False,
) -> list[tuple[int, int]]:
    """Pair first occurrences of equal keys; removes what it pairs from the left lists.

    ``across_cities``: only pairs of which one side names its municipality
    and the other does not (pairs within one city, or between two pages that
    name none, have had their own pass).
    """
    new_by_key: dict[str, list[int]] = {}
    for j in new_left:
        new_key = key(new[j])
        if new_key is not None:
            new_by_key.setdefault(new_key, []).append(j)
    if across_cities:
        # A measure with a match left in its own city (a listed-twice one,
        # falling through) is not taken across: it waits for its own.
        in_city = _in_city(key)
        old_in_city = {in_city(old[i]) for i in old_left}
        new_in_city = {in_city(new[j]) for j in new_left}
    seen: set[str] = set()
    taken: set[int] = set()
    found: list[tuple[int, int]] = []
    for i in old_left:
        old_key = key(old[i])
        if old_key is None or old_key in seen:
            continue
        candidates = new_by_key.get(old_key, [])
        if across_cities:
            if in_city(old[i]) in new_in_city:
                continue
            named = bool(_city(old[i]))
            candidates = [
                j for j in candidates
                if named != bool(_city(new[j])) and in_city(new[j]) not in old_in_city
            ]
        else:
            seen.add(old_key)
        match = next((j for j in candidates if j not in taken), None)
        if match is not None:
            seen.add(old_key)
            taken.add(match)
            found.append((i, match))
    paired_old = {i for i, _ in found}
    paired_new = {j for _, j in found}
    old_left[:] = [i for i in old_left if i not in paired_old]
    new_left[:] = [j for j in new_left if j not in paired_new]
    return found


def _cities_agree(old: Measure, new: Measure) -> bool:
    old_city, new_city = _city(old), _city(new)
    return not old_city or not new_city or old_city == new_city


def _pair_fuzzy(
    old: Sequence[Measure],
    new: Sequence[Measure],
    old_left: list[int],
    new_left: list[int],
) -> list[MeasurePair]:
    """Greedy best-score-first assignment over the measures still unpaired."""
    if not old_left or not new_left:
        return []
    scores = _fuzzy_scores(
        [fold(old[i].name) for i in old_left], [fold(new[j].name) for j in new_left]
    )
    # At equal scores, a pair within one city before one across.
    candidates = sorted(
        (-score, _city(old[old_left[a]]) != _city(new[new_left[b]]), old_left[a], new_left[b])
        for (a, b), score in scores.items()
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[MeasurePair] = []
    for negated, _, i, j in candidates:
        if i in used_old or j in used_new or not _cities_agree(old[i], new[j]):
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append(MeasurePair(i, j, old[i], new[j], "fuzzy", -negated))
    old_left[:] = [i for i in old_left if i not in used_old]
    new_left[:] = [j for j in new_left if j not in used_new]
    return pairs
