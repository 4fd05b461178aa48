"""The similarity score the diff uses, on text folded by :func:`followup_cli.normalize.fold`."""

from __future__ import annotations

from rapidfuzz import fuzz

from followup_cli.normalize import fold

__all__ = ["coarse", "fold", "similarity"]


def similarity(folded_a: str, folded_b: str, *, at_least: float = 0.0) -> float:
    """Similarity 0-100 of two folded texts: rapidfuzz's normalised Indel ratio.

    ``fuzz.ratio`` works on characters, which suits Japanese (no word
    boundaries to tokenise on), and it is symmetric. Token-based scorers
    (token_sort_ratio and friends) split on spaces and would see a Japanese
    sentence as one token. Scores below ``at_least`` come back as 0, which
    lets rapidfuzz give up early on pairs that cannot reach it.
    """
    return fuzz.ratio(folded_a, folded_b, score_cutoff=at_least)


def coarse(folded: str) -> bytes:
    """Each character of a folded text reduced to the low byte of its code point.

    For ruling pairs out, never for scoring them. Equal characters stay
    equal, so every common subsequence of two texts is one of their coarse
    forms too, of the same length: the coarse similarity is never below the
    true one. rapidfuzz scores bytes through a direct table, where Japanese
    text needs a hash lookup per character: about a quarter of the time on
    300-character comments. UTF-32 keeps one unit per character, astral ones
    and lone surrogates included, so lengths, and with them the bound, hold.
    """
    return folded.encode("utf-32-le", "surrogatepass")[::4]
