"""Pairing measures across years: by code, then folded name, then fuzzy name."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diff_builders import measure
from followup_cli.diff import FUZZY_NAME_THRESHOLD, diff_measures, pairing
from followup_cli.diff.model import ReportDiff
from followup_cli.model import Measure

ICT_NAME = "ICTの活用（ICT化と業務改革の一体的な取組の実施、情報セキュリティの確保）"


def _diff(old: list[Measure], new: list[Measure]) -> ReportDiff:
    return diff_measures(
        old, new, old_year=2020, new_year=2021, old_sources=["r2.html"], new_sources=["r3.html"]
    )


def _paired(result: ReportDiff) -> list[tuple[str, str, str]]:
    return [
        (diff.old.name, diff.new.name, diff.matched_by)
        for diff in result.changed + result.unchanged
    ]


def test_same_code_pairs_by_code_even_when_the_name_changes() -> None:
    result = _diff([measure(ICT_NAME, "S27")], [measure("ICTの活用", "S27")])
    assert _paired(result) == [(ICT_NAME, "ICTの活用", "code")]
    (diff,) = result.changed
    assert [(c.field, c.old, c.new) for c in diff.changes] == [("name", ICT_NAME, "ICTの活用")]


def test_code_is_compared_folded() -> None:
    result = _diff([measure("甲", "S27")], [measure("乙", "Ｓ２７")])
    assert _paired(result) == [("甲", "乙", "code")]
    (diff,) = result.changed
    code_change = next(c for c in diff.changes if c.field == "code")
    assert code_change.formatting_only


def test_code_change_with_the_same_name_pairs_by_name() -> None:
    result = _diff([measure(ICT_NAME, "S27")], [measure(ICT_NAME, "S30")])
    assert _paired(result) == [(ICT_NAME, ICT_NAME, "name")]
    (diff,) = result.changed
    assert [(c.field, c.old, c.new, c.formatting_only) for c in diff.changes] == [
        ("code", "S27", "S30", False)
    ]


def test_name_pairing_folds_width_and_spaces() -> None:
    old = measure("ICTの活用（情報 セキュリティ）", None)
    new = measure("ICTの活用(情報セキュリティ)", None)
    result = _diff([old], [new])
    assert _paired(result) == [(old.name, new.name, "name")]
    (diff,) = result.changed
    assert diff.formatting_only


def test_slightly_edited_name_pairs_fuzzily() -> None:
    result = _diff([measure("道路の維持管理", "A1")], [measure("道路の維持補修管理", "B7")])
    (diff,) = result.changed
    assert diff.matched_by == "fuzzy"
    assert diff.name_similarity == pytest.approx(87.5)
    assert {c.field for c in diff.changes} == {"code", "name"}


def test_dropped_parenthesised_note_still_pairs_fuzzily() -> None:
    result = _diff([measure(ICT_NAME, None)], [measure("ICTの活用", None)])
    assert _paired(result) == [(ICT_NAME, "ICTの活用", "fuzzy")]


def test_different_measures_with_similar_names_stay_apart() -> None:
    old = measure("公園の維持管理", "A1")
    new = measure("道路の維持管理", "B1")
    result = _diff([old], [new])
    assert result.removed == (old,)
    assert result.added == (new,)
    assert result.changed == ()


def test_department_rename_with_the_same_code_is_reported() -> None:
    old = measure(ICT_NAME, "S27", department="情報課")
    new = measure(ICT_NAME, "S27", department="DX推進課")
    result = _diff([old], [new])
    (diff,) = result.changed
    assert diff.matched_by == "code"
    assert [(c.field, c.old, c.new) for c in diff.changes] == [("department", "情報課", "DX推進課")]


def test_unpaired_measures_are_added_or_removed() -> None:
    kept = measure(ICT_NAME, "S27")
    dropped = measure("公共施設の再配置", "S10")
    created = measure("子育て支援の充実", "S40")
    result = _diff([dropped, kept], [kept, created])
    assert result.removed == (dropped,)
    assert result.added == (created,)
    assert [diff.new for diff in result.unchanged] == [kept]


def test_fuzzy_pass_takes_the_best_score_first() -> None:
    old = [measure("市民活動の推進", None), measure("市民活動の推進支援", None)]
    new = [measure("市民活動の推進支援事業", None)]
    result = _diff(old, new)
    # 推進支援 → 推進支援事業 scores higher than 推進 → 推進支援事業.
    assert _paired(result) == [("市民活動の推進支援", "市民活動の推進支援事業", "fuzzy")]
    assert [m.name for m in result.removed] == ["市民活動の推進"]


def test_duplicate_codes_pair_first_occurrences_and_the_rest_by_name() -> None:
    old = [measure("甲の事業", "S1"), measure("乙の事業", "S1")]
    new = [measure("甲の事業", "S1"), measure("乙の事業", "S1")]
    result = _diff(old, new)
    assert _paired(result) == [("甲の事業", "甲の事業", "code"), ("乙の事業", "乙の事業", "name")]
    assert result.added == result.removed == ()


def test_duplicate_codes_on_one_side_do_not_lose_measures() -> None:
    old = [measure("甲の事業", "S1")]
    new = [measure("甲の事業", "S1"), measure("丙の事業", "S1")]
    result = _diff(old, new)
    assert _paired(result) == [("甲の事業", "甲の事業", "code")]
    assert [m.name for m in result.added] == ["丙の事業"]


def _count_scorer_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every (old, new) pair of names the fuzzy pass is asked to score."""
    calls: list[tuple[str, str]] = []
    real = pairing._fuzzy_scores

    def counting(
        old_names: Sequence[str], new_names: Sequence[str]
    ) -> dict[tuple[int, int], float]:
        calls.extend((old, new) for old in old_names for new in new_names)
        return real(old_names, new_names)

    monkeypatch.setattr(pairing, "_fuzzy_scores", counting)
    return calls


def test_code_matched_measures_never_reach_the_fuzzy_scorer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _count_scorer_calls(monkeypatch)
    # Every name differs, so only the codes can pair these.
    old = [measure(f"旧施策{n}", f"S{n}") for n in range(200)]
    new = [measure(f"新施策{n}", f"S{n}") for n in range(200)]
    result = _diff(old, new)
    assert len(result.changed) == 200
    assert all(diff.matched_by == "code" for diff in result.changed)
    assert calls == []


def test_fuzzy_scorer_runs_only_on_what_codes_and_names_left(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _count_scorer_calls(monkeypatch)
    old = [measure(f"旧施策{n}", f"S{n}") for n in range(100)]
    new = [measure(f"新施策{n}", f"S{n}") for n in range(100)]
    old.append(measure("道路の維持管理", None))
    new.append(measure("道路の維持補修管理", None))
    result = _diff(old, new)
    assert calls == [("道路の維持管理", "道路の維持補修管理")]
    assert result.changed[-1].matched_by == "fuzzy"


def test_threshold_is_documented_and_between_the_examples() -> None:
    assert pairing.name_similarity("公園の維持管理", "道路の維持管理") < FUZZY_NAME_THRESHOLD
    assert pairing.name_similarity("道路の維持管理", "道路の維持補修管理") >= FUZZY_NAME_THRESHOLD


NAME_PARTS = st.sampled_from(
    ["道路", "公園", "の", "維持", "補修", "管理", "事業", "(拡充)", "(新規)", "(", ")", " ", "Web"]
)
NAMES = st.lists(st.builds("".join, st.lists(NAME_PARTS, max_size=8)), min_size=1, max_size=6)


@given(old_names=NAMES, new_names=NAMES)
def test_bulk_scores_are_the_pairwise_scores(old_names: list[str], new_names: list[str]) -> None:
    expected = {
        (a, b): score
        for a, old in enumerate(old_names)
        for b, new in enumerate(new_names)
        if (score := pairing.name_similarity(old, new)) >= FUZZY_NAME_THRESHOLD
    }
    assert pairing._fuzzy_scores(old_names, new_names) == expected


def _city_pairs(result: ReportDiff) -> list[tuple[str | None, str | None, str]]:
    return sorted(
        ((diff.old.municipality, diff.new.municipality, diff.matched_by)
         for diff in result.changed + result.unchanged),
        key=str,
    )


def test_measures_pair_only_within_their_city() -> None:
    # Two cities both number a measure C4, and the new year lists the other city first.
    old = [measure("公園の管理", "C4", municipality="みどり市"),
           measure("水道の整備", "C4", municipality="さくら町")]
    new = [measure("水道の整備", "C4", municipality="さくら町"),
           measure("公園の管理", "C4", municipality="みどり市")]
    result = _diff(old, new)
    assert _city_pairs(result) == [("さくら町", "さくら町", "code"), ("みどり市", "みどり市", "code")]
    assert result.added == () and result.removed == ()


def test_the_same_name_in_two_cities_is_two_measures() -> None:
    old = [measure("公園の管理", municipality="みどり市")]
    new = [measure("公園の管理", municipality="さくら町")]
    result = _diff(old, new)
    assert _paired(result) == []
    assert [m.municipality for m in result.removed] == ["みどり市"]
    assert [m.municipality for m in result.added] == ["さくら町"]


def test_fuzzy_names_never_pair_across_cities() -> None:
    result = _diff([measure("道路の維持管理", municipality="みどり市")],
                   [measure("道路の維持補修管理", municipality="さくら町")])
    assert _paired(result) == []


def test_a_page_naming_no_city_continues_a_named_one() -> None:
    # The site began to name the city (og:site_name) in the new year: the only city named.
    old = [measure("公園の管理", "C4"), measure("道路の維持管理")]
    new = [measure("公園の管理", "C4", municipality="みどり市"),
           measure("道路の維持補修管理", municipality="みどり市")]
    assert _city_pairs(_diff(old, new)) == [(None, "みどり市", "code"), (None, "みどり市", "fuzzy")]


def test_a_named_city_pairs_with_itself_before_an_unnamed_page() -> None:
    old = [measure("公園の管理", "C4"), measure("公園の管理", "C4", municipality="みどり市")]
    new = [measure("公園の管理", "C4", municipality="みどり市")]
    result = _diff(old, new)
    assert _city_pairs(result) == [("みどり市", "みどり市", "code")]
    assert [m.municipality for m in result.removed] == [None]


def test_among_several_cities_a_page_naming_none_pairs_only_with_its_kind() -> None:
    old = [measure("ごみの減量", "E4"), measure("公園の管理", "C4", municipality="みどり市")]
    new = [measure("ごみ減量とリサイクルの推進", "E4", municipality="さくら町"),
           measure("公園の管理", "C4", municipality="みどり市"),
           measure("ごみの減量", "E9")]
    result = _diff(old, new)
    assert _city_pairs(result) == [("みどり市", "みどり市", "code"), (None, None, "name")]
    assert [m.municipality for m in result.added] == ["さくら町"]
