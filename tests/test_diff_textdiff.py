"""The inline character diff: segments a reader can follow on Japanese text."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from followup_cli.diff import Segment, inline_diff, render_plain


def _kinds(segments: tuple[Segment, ...]) -> list[str]:
    return [segment.kind for segment in segments]


def test_identical_strings_are_one_equal_segment() -> None:
    text = "令和3年度予算に、5台分のテレワーク環境の整備について計上しています。"
    assert inline_diff(text, text) == (Segment("equal", text),)


def test_two_empty_strings_have_no_segments() -> None:
    assert inline_diff("", "") == ()


def test_one_phrase_replaced_in_a_long_sentence() -> None:
    old = "令和3年度予算に、5台分のテレワーク環境の整備について計上しています。"
    new = "令和3年度予算に、5台分のウェブ会議システムの整備について計上しています。"
    # テ is in both phrases; the cleanup must not leave it standing alone.
    assert inline_diff(old, new) == (
        Segment("equal", "令和3年度予算に、5台分の"),
        Segment("delete", "テレワーク環境"),
        Segment("insert", "ウェブ会議システム"),
        Segment("equal", "の整備について計上しています。"),
    )


def test_confetti_of_shared_single_characters_collapses() -> None:
    old = "あいうえおかきくけこ"
    new = "あXうYおZきWけV"
    # A raw character diff alternates keep/replace nine times here.
    assert inline_diff(old, new) == (
        Segment("equal", "あ"),
        Segment("delete", "いうえおかきくけこ"),
        Segment("insert", "XうYおZきWけV"),
    )


def test_short_shared_run_between_two_edits_is_absorbed() -> None:
    # 予定 sits between two bracket edits; alone it would read as noise.
    segments = inline_diff("5台分（予定）では", "5台分[予定]では")
    assert segments == (
        Segment("equal", "5台分"),
        Segment("delete", "（予定）"),
        Segment("insert", "[予定]"),
        Segment("equal", "では"),
    )


def test_a_real_phrase_between_edits_is_kept() -> None:
    old = "一時的な教育だけでなく継続的な啓発活動"
    new = "一時的な研修だけでなく定期的な啓発活動"
    assert render_plain(inline_diff(old, new)) == (
        "一時的な[-教育-]{+研修+}だけでなく[-継続-]{+定期+}的な啓発活動"
    )


def test_pure_insertion_and_pure_deletion() -> None:
    assert inline_diff("検討します。", "早急に検討します。") == (
        Segment("insert", "早急に"),
        Segment("equal", "検討します。"),
    )
    assert inline_diff("早急に検討します。", "検討します。") == (
        Segment("delete", "早急に"),
        Segment("equal", "検討します。"),
    )


def test_render_plain_marks_deleted_and_inserted_runs() -> None:
    segments = (
        Segment("equal", "効果を"),
        Segment("delete", "確かめる"),
        Segment("insert", "確認する"),
    )
    assert render_plain(segments) == "効果を[-確かめる-]{+確認する+}"


_JAPANESE = st.text(alphabet="のをにはがする市民会議在宅勤務。、（）()予定 ", max_size=40)


@given(_JAPANESE, _JAPANESE)
def test_segments_rebuild_both_texts(old: str, new: str) -> None:
    segments = inline_diff(old, new)
    assert "".join(s.text for s in segments if s.kind != "insert") == old
    assert "".join(s.text for s in segments if s.kind != "delete") == new
    assert all(segment.text for segment in segments)
    # Neighbours never share a kind, and an insert never comes before its delete.
    for before, after in pairwise(segments):
        assert before.kind != after.kind
        assert (before.kind, after.kind) != ("insert", "delete")
