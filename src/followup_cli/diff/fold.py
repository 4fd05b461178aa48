"""The similarity score the diff uses, on text folded by :func:`followup_cli.normalize.fold`."""

from __future__ import annotations

from rapidfuzz import fuzz

from followup_cli.normalize import fold

__all__ = ["fold", "similarity"]

def similarity(folded_a: str, folded_b: str, *, at_least: float = 0.0) -> float:
    """Similarity 0-100 of two folded texts: rapidfuzz's normalised Indel ratio.

    ``fuzz.ratio`` works on characters, which suits Japanese (no word
    boundaries to tokenise on), and it is symmetric. Token-based scorers
    (token_sort_ratio and friends) split on spaces and would see a Japanese
    sentence as one token. Scores below ``at_least`` come back as 0, which
    lets rapidfuzz give up early on pairs that cannot reach it.
    """
    return fuzz.ratio(folded_a, folded_b, score_cutoff=at_least)
