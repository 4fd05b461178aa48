"""The reply index finds the near-copies a full comparison finds, without one."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from followup_cli.diff.reuse import REUSED_REPLY_THRESHOLD, ReplyIndex

PHRASES = (
    "テレワーク環境の整備について",
    "令和3年度予算に計上しました。",
    "職員研修を実施します。",
    "市民サービスの向上のため、",
    "関係機関と連携し、",
    "効果を検証しながら",
    "段階的に拡大します。",
    "窓口の混雑を緩和するため、",
    "オンライン申請を導入し、",
    "利用者アンケートを行います。",
)


# Kana, kanji and the particles and punctuation that real sentences are full
# of, to write the specific part of a reply with: departments say different
# things between shared stock phrases.
WORDS = "市民職員予算計画施設地域事業支援制度利用相談窓口整備推進検討実施確認あいうえおかきくけこさしすせそたちつてとなぬねのをはがにで、。"


def reply(rng: random.Random) -> str:
    specific = "".join(rng.choice(WORDS) for _ in range(rng.randint(20, 120)))
    return rng.choice(PHRASES) + specific + rng.choice(PHRASES)


def edited(text: str, rng: random.Random, edits: int) -> str:
    chars = list(text)
    for _ in range(edits):
        at = rng.randrange(len(chars))
        chars[at] = rng.choice("のをにはがで予定実施検討")
    return "".join(chars)


def brute_force(query: str, texts: list[str]) -> tuple[int, float] | None:
    found = process.extractOne(query, texts, scorer=fuzz.ratio, score_cutoff=REUSED_REPLY_THRESHOLD)
    return None if found is None else (found[2], found[1])


@settings(max_examples=40)
@given(seed=st.integers(0, 10_000))
def test_index_finds_the_copies_a_full_comparison_finds(seed: int) -> None:
    rng = random.Random(seed)
    stored = [reply(rng) for _ in range(150)]
    index = ReplyIndex()
    for text in stored:
        index.add(text)
    queries = [edited(rng.choice(stored), rng, rng.randint(0, 3)) for _ in range(40)]
    queries += [reply(rng) for _ in range(10)]
    expected_found = index_found = 0
    for query in queries:
        expected = brute_force(query, stored)
        found = index.best(query)
        if found is not None:
            # Never a match the full comparison would not make, never a worse one.
            assert expected is not None
            assert found[1] == expected[1]
        expected_found += expected is not None
        index_found += found is not None
    # The index looks only where a copy shares an uncommon run: a short reply
    # edited in every run can slip through, nothing more.
    assert index_found >= 0.9 * expected_found


def test_short_replies_are_compared_too() -> None:
    index = ReplyIndex()
    for text in ("実施団体への奨励金を見直します。", "検討します。継続して取り組みます"):
        index.add(text)
    assert index.best("実施団体への奨励金を見直します") is not None
    assert index.best("まったく別の返答です。") is None
