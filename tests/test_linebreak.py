"""The kinsoku line breaker: rules on every line, nothing lost, linear cost."""

from __future__ import annotations

import itertools
import time

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from followup_cli.cli.linebreak import (
    NO_LINE_END,
    NO_LINE_START,
    break_offsets,
    longest_unit,
    shorten,
    units,
    wrap,
)

# Japanese text with the characters the rules are about, ASCII words, spaces.
PIECES = st.sampled_from(
    ["市", "民", "の", "協", "働", "、", "。", "）", "（", "「", "」", "っ", "ャ", "ー", "…",
     "Web", "OK.", "2021", "Ｆ１", " ", "ZOOM", "(予定)", "[-", "-]", "{+", "+}", "①"]
)
TEXTS = st.lists(PIECES, min_size=1, max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(min_value=2, max_value=40))
def test_lines_fit_and_lose_nothing_but_spaces(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(min_value=2, max_value=40))
def test_rules_hold_whenever_every_unit_fits(text: str, width: int) -> None:
    if longest_unit(text) > width:
        return
    lines = [line for line in wrap(text, width) if line]
    for before, after in itertools.pairwise(lines):
        assert after[0] not in NO_LINE_START, (before, after)
        assert before[-1] not in NO_LINE_END, (before, after)
        assert not before.endswith(("[-", "{+")), (before, after)
        assert not after.startswith(("-]", "+}")), (before, after)


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.integers(min_value=2, max_value=40))
def test_break_offsets_point_at_the_lines(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert [text[start:end] for start, end in break_offsets(text, width)] == lines


def test_ascii_words_codes_and_numbers_are_units() -> None:
    assert units("はOK.かえって") == ["は", "OK.", "か", "えっ", "て"]
    assert "（２０２１" in units("令和３年（２０２１年）")
    assert wrap("ＩＣＴの活用ZOOM会議", 6) == ["ＩＣＴ", "の活用", "ZOOM会", "議"]


def test_a_line_never_starts_with_a_closing_mark_or_small_kana() -> None:
    text = "テレワークを、実施します。「会議」（予定）ちょっと"
    # From the widest unit up (ちょっ: 6 cells); below it a cut is unavoidable.
    assert longest_unit(text) == 6
    for width in range(6, 30):
        for line in wrap(text, width)[1:]:
            assert line[0] not in NO_LINE_START, (width, line)


def test_shorten_cuts_between_units_with_an_ellipsis() -> None:
    assert shorten("令和3年度予算に、5台分のテレワーク", 12) == "令和3年度予…"
    assert shorten("短い", 12) == "短い"
    assert cell_len(shorten("Web会議運用ガイドラインを策定", 9)) <= 9


def test_cost_grows_linearly_with_the_text() -> None:
    sentence = "市民協働を行う点からZOOM等の有償ライセンスを継続する必要性がある。（予定）"

    def cost(copies: int) -> float:
        text = sentence * copies
        start = time.perf_counter()
        for _ in range(3):
            wrap(text, 30)
        return time.perf_counter() - start

    cost(5)
    small, large = min(cost(20) for _ in range(3)), min(cost(400) for _ in range(3))
    # Twenty times the text: about twenty times the work, far from 400.
    assert large / small < 60
