"""Comments matched across years by text, and what changed in each match."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from diff_builders import (
    SEED_COMMENT_1,
    SEED_COMMENT_2,
    SEED_COMMENT_3,
    SEED_COMMENT_4,
    comment,
    measure,
)
from followup_cli.diff import COMMENT_MATCH_THRESHOLD, diff_measures
from followup_cli.diff.comments import match_comments, reply_change
from followup_cli.diff.fold import coarse, fold, similarity
from followup_cli.diff.model import MeasureDiff, ReportDiff
from followup_cli.model import Comment

NAME = "ICTの活用"


def _diff(old: tuple[Comment, ...], new: tuple[Comment, ...]) -> ReportDiff:
    return diff_measures(
        [measure(NAME, "S27", comments=old)],
        [measure(NAME, "S27", comments=new, fiscal_year=2021, source="r3.html")],
        old_year=2020,
        new_year=2021,
        old_sources=["r2.html"],
        new_sources=["r3.html"],
    )


def _only_changed(result: ReportDiff) -> MeasureDiff:
    (diff,) = result.changed
    return diff


def test_swapped_comments_match_by_text_not_position() -> None:
    old = (
        comment(SEED_COMMENT_1, "返答A", number=1),
        comment(SEED_COMMENT_2, "返答B", number=2),
    )
    new = (
        comment(SEED_COMMENT_2, "返答B", number=1),
        comment(SEED_COMMENT_1, "返答A", number=2),
    )
    result = _diff(old, new)
    assert result.changed == ()
    (diff,) = result.unchanged
    assert [(m.old.number, m.new.number) for m in diff.comment_matches] == [(2, 1), (1, 2)]


def test_lightly_edited_comment_matches_and_reports_its_text_change() -> None:
    edited = SEED_COMMENT_1.replace("抜本的な", "大胆な")
    result = _diff((comment(SEED_COMMENT_1),), (comment(edited),))
    (match,) = _only_changed(result).comment_matches
    assert match.text is not None
    assert (match.text.old, match.text.new, match.text.formatting_only) == (
        SEED_COMMENT_1,
        edited,
        False,
    )
    assert match.similarity >= COMMENT_MATCH_THRESHOLD


def test_unrelated_comments_are_added_and_removed() -> None:
    result = _diff((comment(SEED_COMMENT_3),), (comment(SEED_COMMENT_4),))
    diff = _only_changed(result)
    assert diff.comment_matches == ()
    assert [c.text for c in diff.comments_removed] == [SEED_COMMENT_3]
    assert [c.text for c in diff.comments_added] == [SEED_COMMENT_4]


def test_unrelated_seed_comments_score_far_below_the_threshold() -> None:
    seeds = [SEED_COMMENT_1, SEED_COMMENT_2, SEED_COMMENT_3, SEED_COMMENT_4]
    scores = [similarity(fold(a), fold(b)) for a in seeds for b in seeds if a != b]
    assert max(scores) < COMMENT_MATCH_THRESHOLD - 20


def test_comment_moved_to_another_section_still_matches() -> None:
    old = (comment(SEED_COMMENT_4, "返答", section="overall"),)
    new = (comment(SEED_COMMENT_4, "返答", section="issues"),)
    result = _diff(old, new)
    (diff,) = result.unchanged
    (match,) = diff.comment_matches
    assert (match.old.section, match.new.section) == ("overall", "issues")


def test_same_section_is_preferred_over_another_section() -> None:
    old = (comment(SEED_COMMENT_4, section="issues", number=1),)
    new = (
        comment(SEED_COMMENT_4, section="overall", number=1),
        comment(SEED_COMMENT_4, section="issues", number=1),
    )
    diff = _only_changed(_diff(old, new))
    (match,) = diff.comment_matches
    assert match.new.section == "issues"
    assert [c.section for c in diff.comments_added] == ["overall"]


def test_reply_answered_withdrawn_changed() -> None:
    old = (
        comment(SEED_COMMENT_1, None, number=1),
        comment(SEED_COMMENT_2, "検討します。", number=2),
        comment(SEED_COMMENT_3, "継続します。", number=3),
    )
    new = (
        comment(SEED_COMMENT_1, "導入しました。", number=1),
        comment(SEED_COMMENT_2, None, number=2),
        comment(SEED_COMMENT_3, "廃止します。", number=3),
    )
    diff = _only_changed(_diff(old, new))
    assert [(m.reply.kind, m.reply.old, m.reply.new) for m in diff.comment_matches] == [
        ("answered", None, "導入しました。"),
        ("withdrawn", "検討します。", None),
        ("changed", "継続します。", "廃止します。"),
    ]
    assert all(m.text is None for m in diff.comment_matches)


def test_blank_reply_counts_as_no_reply() -> None:
    assert reply_change(None, " \u3000").kind == "unchanged"
    assert reply_change("  ", "対応します。").kind == "answered"


def test_formatting_only_changes_are_marked() -> None:
    old = (comment("5台分（予定）ではありますが", "VPNを整備します（予定）。"),)
    new = (comment("5台分(予定)ではありますが", "VPNを整備します (予定)。"),)
    diff = _only_changed(_diff(old, new))
    (match,) = diff.comment_matches
    assert match.text is not None
    assert match.text.formatting_only
    assert (match.reply.kind, match.reply.formatting_only) == ("changed", True)
    assert diff.formatting_only


def test_formatting_only_direction_change_next_to_a_real_change() -> None:
    result = diff_measures(
        [measure(NAME, "S27", direction="継続（拡充）", department="情報課")],
        [measure(NAME, "S27", direction="継続(拡充)", department="DX推進課")],
        old_year=2020,
        new_year=2021,
        old_sources=[],
        new_sources=[],
    )
    diff = _only_changed(result)
    assert [(c.field, c.formatting_only) for c in diff.changes] == [
        ("department", False),
        ("direction", True),
    ]
    assert not diff.formatting_only


def test_match_comments_keeps_new_order() -> None:
    old = [comment(SEED_COMMENT_2, number=1), comment(SEED_COMMENT_1, number=2)]
    new = [comment(SEED_COMMENT_1, number=1), comment(SEED_COMMENT_2, number=2)]
    result = match_comments(old, new)
    assert [m.new.text for m in result.matches] == [SEED_COMMENT_1, SEED_COMMENT_2]


# Kana, kanji, full-width and ASCII characters, an astral ideograph and a lone
# surrogate: characters whose code points share low bytes, as coarse forms merge them.
COARSE_ALPHABET = "のノ乃を予定実施検討、。()（）ab01\U00020bb7\ud800"
TEXTS = st.text(alphabet=COARSE_ALPHABET, max_size=40)


@given(a=TEXTS, b=TEXTS)
def test_coarse_similarity_is_never_below_the_true_one(a: str, b: str) -> None:
    # The prefilter may keep pairs that fall short, never drop one that reaches a threshold.
    assert len(coarse(a)) == len(a)
    assert fuzz.ratio(coarse(a), coarse(b)) >= similarity(a, b)


@given(old=st.lists(TEXTS, max_size=5), new=st.lists(TEXTS, max_size=5))
def test_comments_are_matched_as_scoring_every_pair_would(old: list[str], new: list[str]) -> None:
    old_comments = tuple(comment(text, number=n + 1) for n, text in enumerate(old))
    new_comments = tuple(comment(text, number=n + 1) for n, text in enumerate(new))
    found = match_comments(old_comments, new_comments)
    for match in found.matches:
        assert match.similarity == similarity(fold(match.old.text), fold(match.new.text))
        assert match.similarity >= COMMENT_MATCH_THRESHOLD
    # Nothing left unmatched could have been matched to anything else left.
    for removed in found.removed:
        for added in found.added:
            assert similarity(fold(removed.text), fold(added.text)) < COMMENT_MATCH_THRESHOLD
