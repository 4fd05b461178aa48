"""Folding text before comparing it, and the similarity score used on folded text.

Pages are typed by hand, so the same words arrive with full-width or
half-width brackets and digits, and with stray spaces from the page layout.
Folding removes exactly that noise; it is used only to compare or match, never
to store or print (the diff shows text as published).
"""

from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz

from followup_cli.normalize import nfkc

# After collapsing, a space that touches a non-ASCII character is layout:
# Japanese puts no spaces between words, so it carries no meaning there.
_SPACE_BY_WIDE = re.compile(r" (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) ")


# A diff folds each reply for matching and again for reuse detection; the
# cache makes the second time free. Bounded, so a huge corpus cannot grow it.
@functools.lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """NFKC, then whitespace folded: runs collapse to one space, ends are
    stripped, and spaces next to Japanese characters are dropped.

    ``（予定）`` and ``(予定)`` fold to the same string; so do ``Web 会議`` and
    ``Web会議``. Spaces between two ASCII words (``VPN connection``) are kept.
    """
    collapsed = " ".join(nfkc(text).split())
    return _SPACE_BY_WIDE.sub("", collapsed) if " " in collapsed else collapsed


def fold_optional(text: str | None) -> str | None:
    return None if text is None else fold(text)


def similarity(folded_a: str, folded_b: str, *, at_least: float = 0.0) -> float:
    """Similarity 0-100 of two folded texts: rapidfuzz's normalised Indel ratio.

    ``fuzz.ratio`` works on characters, which suits Japanese (no word
    boundaries to tokenise on), and it is symmetric. Token-based scorers
    (token_sort_ratio and friends) split on spaces and would see a Japanese
    sentence as one token. Scores below ``at_least`` come back as 0, which
    lets rapidfuzz give up early on pairs that cannot reach it.
    """
    return fuzz.ratio(folded_a, folded_b, score_cutoff=at_least)
