"""ReportDiff as a whole: the JSON contract, counts, and diffing a year against itself."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from diff_builders import SEED_COMMENT_1, SEED_COMMENT_2, SEED_REPLY_OVERALL, comment, measure
from followup_cli.diff import diff_measures
from followup_cli.diff.model import ReportDiff
from followup_cli.model import SECTIONS, Comment, Measure

TOP_LEVEL_KEYS = {
    "from",
    "to",
    "added",
    "removed",
    "changed",
    "unchanged",
    "reused_replies",
    "counts",
}


def _diff(old: list[Measure], new: list[Measure]) -> ReportDiff:
    return diff_measures(
        old, new, old_year=2020, new_year=2021, old_sources=["r2.html"], new_sources=["r3.html"]
    )


def _two_years() -> tuple[list[Measure], list[Measure]]:
    old = [
        measure(
            "ICTの活用",
            "S27",
            department="情報課",
            comments=(
                comment(SEED_COMMENT_1, None, number=1),
                comment(SEED_COMMENT_2, "検討します。", number=2),
            ),
        ),
        measure("公共施設の再配置", "S10"),
        measure("道路の維持管理", "S30"),
    ]
    new = [
        measure(
            "ICTの活用",
            "S27",
            department="DX推進課",
            comments=(
                comment(SEED_COMMENT_2, "検討します。", number=1),
                comment(SEED_COMMENT_1, "導入しました。", number=2),
                comment("新しい意見です。", SEED_REPLY_OVERALL, section="issues", number=1),
            ),
            fiscal_year=2021,
            source="r3.html",
        ),
        measure("道路の維持管理", "S30", fiscal_year=2021, source="r3.html"),
        measure("子育て支援の充実", "S40", fiscal_year=2021, source="r3.html"),
    ]
    return old, new


def test_to_dict_is_the_documented_json() -> None:
    old, new = _two_years()
    data = _diff(old, new).to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert set(data) == TOP_LEVEL_KEYS
    assert data["from"] == {"fiscal_year": 2020, "sources": ["r2.html"]}
    assert data["to"] == {"fiscal_year": 2021, "sources": ["r3.html"]}
    assert data["added"] == [new[2].to_dict()]
    assert data["removed"] == [old[1].to_dict()]
    assert data["unchanged"] == [{"code": "S30", "name": "道路の維持管理", "matched_by": "code"}]
    assert data["changed"] == [
        {
            "code": "S27",
            "name": "ICTの活用",
            "matched_by": "code",
            "name_similarity": None,
            "formatting_only": False,
            "sources": {"old": "r2.html", "new": "r3.html"},
            "changes": [
                {
                    "field": "department",
                    "old": "情報課",
                    "new": "DX推進課",
                    "formatting_only": False,
                }
            ],
            "comments": {
                "added": [new[0].comments[2].to_dict()],
                "removed": [],
                "changed": [
                    {
                        "old": {"section": "overall", "number": 1},
                        "new": {"section": "overall", "number": 2},
                        "similarity": 100.0,
                        "text": None,
                        "reply": {
                            "kind": "answered",
                            "old": None,
                            "new": "導入しました。",
                            "formatting_only": False,
                        },
                    }
                ],
                "unchanged": [
                    {
                        "old": {"section": "overall", "number": 2},
                        "new": {"section": "overall", "number": 1},
                    }
                ],
            },
            "reused_replies": [],
        }
    ]
    assert data["reused_replies"] == []
    assert data["counts"] == {
        "added": 1,
        "removed": 1,
        "changed": 1,
        "changed_formatting_only": 0,
        "unchanged": 1,
        "comments_added": 1,
        "comments_removed": 0,
        "comments_changed": 1,
        "replies_answered": 1,
        "replies_withdrawn": 0,
        "replies_changed": 0,
        "reused_across_years": 0,
        "reused_within_year": 0,
    }


def test_reuse_flags_appear_top_level_and_on_their_measure() -> None:
    old, new = _two_years()
    old[1] = measure("公共施設の再配置", "S10", comments=(comment("旧意見", SEED_REPLY_OVERALL),))
    data = _diff(old, new).to_dict()
    flag = {
        "kind": "across_years",
        "comment": {
            "fiscal_year": 2021,
            "source": "r3.html",
            "code": "S27",
            "measure": "ICTの活用",
            "section": "issues",
            "number": 1,
            "reply": SEED_REPLY_OVERALL,
        },
        "original": {
            "fiscal_year": 2020,
            "source": "r2.html",
            "code": "S10",
            "measure": "公共施設の再配置",
            "section": "overall",
            "number": 1,
            "reply": SEED_REPLY_OVERALL,
        },
        "similarity": 100.0,
        "exact": True,
    }
    assert data["reused_replies"] == [flag]
    changed = data["changed"]
    assert isinstance(changed, list)
    assert changed[0]["reused_replies"] == [flag]


def test_has_differences() -> None:
    old, new = _two_years()
    assert _diff(old, new).has_differences
    assert _diff(old, new).has_substantive_differences
    assert not _diff(old, old).has_differences
    assert _diff([], []).to_dict()["changed"] == []


def test_formatting_only_change_is_a_difference_but_counted_apart() -> None:
    result = _diff([measure("ICTの活用（拡充）", "S27")], [measure("ICTの活用(拡充)", "S27")])
    assert result.has_differences
    assert not result.has_substantive_differences
    assert (result.counts.changed, result.counts.changed_formatting_only) == (1, 1)


_CODES = st.sampled_from([None, "S1", "S2", "Ｓ１", " S2 "])
_NAMES = st.sampled_from(
    [
        "ICTの活用",
        "ICTの活用（拡充）",
        "ICTの活用(拡充)",
        "道路の維持管理",
        "道路の維持補修管理",
        "",
        " ",
    ]
)
_TEXTS = st.sampled_from(
    [SEED_COMMENT_1, SEED_COMMENT_2, SEED_COMMENT_1 + " ", "", "意見", "5台分（予定）"]
)
_REPLIES = st.sampled_from(
    [None, "", "検討します。", SEED_REPLY_OVERALL, SEED_REPLY_OVERALL + "。"]
)

_comments = st.builds(
    Comment,
    section=st.sampled_from(SECTIONS),
    section_label=st.just("全体に対する外部評価実施者意見"),
    number=st.integers(1, 4),
    text=_TEXTS,
    reply=_REPLIES,
    reply_shared=st.booleans(),
)
_measures = st.builds(
    Measure,
    source=st.just("r2.html"),
    fiscal_year=st.just(2020),
    code=_CODES,
    name=_NAMES,
    department=st.sampled_from([None, "情報課", "DX推進課"]),
    direction=st.sampled_from([None, "継続", "継続（拡充）"]),
    comments=st.lists(_comments, max_size=4).map(tuple),
)


@settings(max_examples=200)
@given(st.lists(_measures, max_size=8))
def test_a_year_diffed_against_itself_has_no_changes(measures: list[Measure]) -> None:
    result = _diff(measures, measures)
    assert result.added == result.removed == ()
    assert result.changed == ()
    assert [diff.new for diff in result.unchanged] == measures
    assert all(diff.old is diff.new for diff in result.unchanged)
    assert not result.has_differences


@settings(max_examples=200)
@given(st.lists(_measures, max_size=8), st.lists(_measures, max_size=8))
def test_every_measure_is_paired_added_or_removed_once(
    old: list[Measure], new: list[Measure]
) -> None:
    result = _diff(old, new)
    pairs = result.changed + result.unchanged
    # By identity: equal measures listed twice must each be accounted for.
    assert sorted(map(id, [d.new for d in pairs] + list(result.added))) == sorted(map(id, new))
    assert sorted(map(id, [d.old for d in pairs] + list(result.removed))) == sorted(map(id, old))
    json.dumps(result.to_dict(), ensure_ascii=False)
