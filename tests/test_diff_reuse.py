"""Reused replies: pasted from last year, or given again within one year."""

from __future__ import annotations

import pytest

from diff_builders import (
    SEED_COMMENT_1,
    SEED_COMMENT_2,
    SEED_COMMENT_3,
    SEED_COMMENT_4,
    SEED_REPLY_ISSUES,
    SEED_REPLY_OVERALL,
    comment,
    measure,
)
from followup_cli.diff import REUSED_REPLY_MIN_CHARS, REUSED_REPLY_THRESHOLD, diff_measures
from followup_cli.diff.model import ReportDiff
from followup_cli.model import Comment, Measure, Section


def _diff(old: list[Measure], new: list[Measure]) -> ReportDiff:
    return diff_measures(
        old, new, old_year=2020, new_year=2021, old_sources=["r2.html"], new_sources=["r3.html"]
    )


def _shared_cell(
    texts: list[str], reply: str, section: Section, *, first_marked: bool = True
) -> tuple[Comment, ...]:
    """Comments answered by one rowspan reply cell, as the seed's tables are."""
    return tuple(
        comment(
            text,
            reply,
            section=section,
            number=number,
            reply_shared=first_marked or number > 1,
        )
        for number, text in enumerate(texts, start=1)
    )


def _seed_measure(
    *, first_marked: bool = True, fiscal_year: int = 2020, source: str = "r2.html"
) -> Measure:
    comments = _shared_cell(
        [SEED_COMMENT_1, SEED_COMMENT_2], SEED_REPLY_OVERALL, "overall", first_marked=first_marked
    ) + _shared_cell(
        [SEED_COMMENT_3, SEED_COMMENT_4], SEED_REPLY_ISSUES, "issues", first_marked=first_marked
    )
    return measure("ICTの活用", "S27", comments=comments, fiscal_year=fiscal_year, source=source)


@pytest.mark.parametrize("first_marked", [True, False])
def test_seed_second_section_reuses_the_first_sections_reply(first_marked: bool) -> None:
    seed = _seed_measure(first_marked=first_marked, fiscal_year=2021, source="r3.html")
    result = _diff([], [seed])
    (flag,) = result.reused_replies
    assert flag.kind == "within_year"
    assert (flag.comment.section, flag.comment.number) == ("issues", 1)
    assert (flag.original.section, flag.original.number) == ("overall", 1)
    assert flag.comment.reply == SEED_REPLY_ISSUES
    assert flag.original.reply == SEED_REPLY_OVERALL
    # Two edits (確かめる→確認する, （予定）→(予定)); the brackets fold away.
    assert not flag.exact
    assert REUSED_REPLY_THRESHOLD <= flag.similarity < 100
    assert result.counts.reused_within_year == 1


def test_rowspan_reply_is_not_a_reuse() -> None:
    texts = [SEED_COMMENT_1, SEED_COMMENT_2, SEED_COMMENT_3, SEED_COMMENT_4]
    shared = measure(
        "ICTの活用", "S27", comments=_shared_cell(texts, SEED_REPLY_OVERALL, "overall")
    )
    assert _diff([], [shared]).reused_replies == ()


def test_same_reply_pasted_on_separate_rows_is_a_reuse() -> None:
    # Same text, but two cells (no rowspan): the department wrote it twice.
    comments = (
        comment(SEED_COMMENT_1, SEED_REPLY_OVERALL, number=1),
        comment(SEED_COMMENT_2, SEED_REPLY_OVERALL, number=2),
    )
    result = _diff([], [measure("ICTの活用", "S27", comments=comments)])
    (flag,) = result.reused_replies
    assert (flag.kind, flag.exact, flag.similarity) == ("within_year", True, 100.0)


def test_last_years_reply_pasted_under_new_comments_is_flagged() -> None:
    old = measure("ICTの活用", "S27", comments=(comment(SEED_COMMENT_1, SEED_REPLY_OVERALL),))
    new = measure(
        "ICTの活用",
        "S27",
        comments=(comment(SEED_COMMENT_4, SEED_REPLY_ISSUES),),
        fiscal_year=2021,
        source="r3.html",
    )
    result = _diff([old], [new])
    (flag,) = result.reused_replies
    assert flag.kind == "across_years"
    assert (flag.comment.fiscal_year, flag.comment.source) == (2021, "r3.html")
    assert (flag.original.fiscal_year, flag.original.source) == (2020, "r2.html")
    assert not flag.exact
    (diff,) = result.changed
    assert diff.reused_replies == (flag,)
    assert result.counts.reused_across_years == 1


def test_exact_reuse_from_another_measure_is_flagged() -> None:
    old = measure(
        "公共施設の再配置", "S10", comments=(comment(SEED_COMMENT_1, SEED_REPLY_OVERALL),)
    )
    new = measure(
        "ICTの活用",
        "S27",
        comments=(comment(SEED_COMMENT_4, "  " + SEED_REPLY_OVERALL),),
        fiscal_year=2021,
    )
    result = _diff([old], [new])
    (flag,) = result.reused_replies
    assert (flag.kind, flag.exact) == ("across_years", True)
    assert (flag.original.code, flag.original.measure) == ("S10", "公共施設の再配置")
    assert (flag.comment.code, flag.comment.measure) == ("S27", "ICTの活用")


def test_comment_made_again_and_answered_with_last_years_reply_is_flagged() -> None:
    # The same reply also stands under another 2020 measure, listed first; the
    # flag names the repeated comment's own 2020 reply as the original.
    elsewhere = measure(
        "公共施設の再配置", "S10", comments=(comment(SEED_COMMENT_3, SEED_REPLY_ISSUES),)
    )
    old = measure("ICTの活用", "S27", comments=(comment(SEED_COMMENT_1, SEED_REPLY_OVERALL),))
    new = measure(
        "ICTの活用",
        "S27",
        comments=(comment(SEED_COMMENT_1, SEED_REPLY_ISSUES),),
        fiscal_year=2021,
    )
    result = _diff([elsewhere, old], [new])
    (flag,) = result.reused_replies
    assert (flag.kind, flag.exact) == ("across_years", False)
    assert (flag.original.code, flag.original.reply) == ("S27", SEED_REPLY_OVERALL)
    (diff,) = result.changed
    (match,) = diff.comment_matches
    assert match.reply.kind == "changed"


def test_unchanged_reply_to_a_repeated_comment_is_flagged() -> None:
    reply = "実施団体への奨励金の単価を見直します。"
    old = measure("ごみ減量", "E4", comments=(comment(SEED_COMMENT_2, reply),))
    new = measure("ごみ減量", "E4", comments=(comment(SEED_COMMENT_2, reply),), fiscal_year=2021)
    result = _diff([old], [new])
    (flag,) = result.reused_replies
    assert (flag.kind, flag.exact, flag.similarity) == ("across_years", True, 100.0)
    # Nothing in the measure changed, so the flag is listed only at the top level.
    assert result.changed == ()


def test_self_diff_of_the_seed_flags_reuse_but_has_no_differences() -> None:
    seed = _seed_measure()
    result = _diff([seed], [seed])
    assert [flag.kind for flag in result.reused_replies] == [
        "across_years",
        "across_years",
        "within_year",
    ]
    # Each reply is reported against its own comment's reply, not its look-alike.
    assert [(f.comment.section, f.original.section) for f in result.reused_replies[:2]] == [
        ("overall", "overall"),
        ("issues", "issues"),
    ]
    assert not result.has_differences


def test_stock_short_replies_are_not_flagged() -> None:
    assert len("検討します。") < REUSED_REPLY_MIN_CHARS
    comments = (
        comment(SEED_COMMENT_1, "検討します。", number=1),
        comment(SEED_COMMENT_2, "検討します。", number=2),
    )
    old = measure("ICTの活用", "S27", comments=(comment(SEED_COMMENT_3, "検討します。"),))
    result = _diff([old], [measure("ICTの活用", "S27", comments=comments)])
    assert result.reused_replies == ()


def test_different_replies_on_one_topic_are_not_flagged() -> None:
    comments = (
        comment(SEED_COMMENT_1, SEED_REPLY_OVERALL, number=1),
        comment(SEED_COMMENT_2, SEED_COMMENT_4, number=2),
    )
    assert _diff([], [measure("ICTの活用", "S27", comments=comments)]).reused_replies == ()
