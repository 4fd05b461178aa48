"""The reply index finds the near-copies a full comparison finds, without one."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from followup_cli.diff.reuse import REUSED_REPLY_THRESHOLD, ReplyIndex

PHRASES = (
    "テレワーク環境の整備について", "令和3年度予算に計上しました。", "職員研修を実施します。",
    "市民サービスの向上のため、", "関係機関と連携し、", "効果を検証しながら", "段階的に拡大します。",
    "窓口の混雑を緩和するため、", "オンライン申請を導入し、", "利用者アンケートを行います。",
)


# Kana and kanji to write the specific part of a reply with: departments say
# different things in shared stock phrases.
WORDS = "市民職員予算計画施設地域事業支援制度利用相談窓口整備推進検討実施確認あいうえおかきくけこさしすせそたちつてとなにぬねの"


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


@settings(max_examples=60)
@given(seed=st.integers(0, 10_000), edits=st.integers(0, 3))
def test_index_agrees_with_scoring_every_pair(seed: int, edits: int) -> None:
    rng = random.Random(seed)
    stored = [reply(rng) for _ in range(120)]
    index = ReplyIndex()
    for text in stored:
        index.add(text)
    queries = [edited(rng.choice(stored), rng, edits) for _ in range(20)] + [reply(rng)]
    for query in queries:
        expected = brute_force(query, stored)
        found = index.best(query)
        assert (found is None) == (expected is None)
        if found is not None and expected is not None:
            assert found[1] == expected[1]


def test_short_replies_are_compared_too() -> None:
    index = ReplyIndex()
    for text in ("実施団体への奨励金を見直します。", "検討します。継続して取り組みます"):
        index.add(text)
    assert index.best("実施団体への奨励金を見直します") is not None
    assert index.best("まったく別の返答です。") is None
