"""Broken, huge, deep and generated pages: only FollowupErrors, and nothing lost."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup_cli import FollowupError, parse_html
from fuzz_inputs import fuzz
from pages import MEASURE_ROWS, comment_table, page


def test_short_fuzz_round_finds_nothing() -> None:
    assert fuzz(iterations=400, seconds=120, seed=20261127, cli_every=20) == []


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_report_or_a_followup_error(data: bytes) -> None:
    try:
        parse_html(data, source="x.html")
    except FollowupError as error:
        assert str(error).startswith("x.html: ")


# Cell text as an editor would type it: Japanese, ASCII, markup characters and
# entities, but never whitespace-only (an empty cell holds nothing to keep).
cell_texts = st.text(
    alphabet=st.sampled_from(list("あいう漢字テスト（）【】ABC123<>&;\"' 　\n")),
    min_size=1,
    max_size=40,
).filter(lambda text: text.strip() != "")


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    measure=cell_texts,
    direction=cell_texts,
    rows=st.lists(st.tuples(cell_texts, st.none() | cell_texts), min_size=1, max_size=6),
    extra=st.lists(cell_texts, max_size=2),
)
def test_every_non_empty_cell_of_a_follow_up_table_reaches_the_model(
    measure: str, direction: str, rows: list[tuple[str, str | None]], extra: list[str]
) -> None:
    escaped = [(html.escape(comment), html.escape(reply or "")) for comment, reply in rows]
    extra_rows = "".join(f"<tr><td>{html.escape(text)}</td></tr>" for text in extra)
    body = (
        "<table>"
        + MEASURE_ROWS.format(measure=html.escape(measure), direction=html.escape(direction))
        + extra_rows
        + "</table>"
        + comment_table(escaped)
    )
    report = parse_html(page(body))
    model = report.to_dict()
    found = " ".join(str(value) for value in _strings(model))
    folded_found = "".join(found.split())
    # A sequence number before the measure's name (2　B11　子育て…) is its place in a
    # list, not part of the name: it is the one piece the measure may drop.
    numbered = re.match(r"\s*[0-9]{1,3}\s+(?=\S)", measure)
    named = measure[numbered.end() :] if numbered else measure
    for text in [named, direction, *extra, *(c for c, _ in rows), *(r for _, r in rows if r)]:
        # Whitespace is normalised and markup-looking text may be read as
        # escaped markup; every other character must be somewhere in the model.
        for piece in text.replace("<", " ").replace(">", " ").split():
            assert piece.replace("【", "").replace("】", "") in folded_found.replace(
                "【", ""
            ).replace("】", ""), (piece, found)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def test_a_large_page_with_thousands_of_comment_rows_keeps_them_all() -> None:
    rows = [(f"意見その{n}です。" * 20, f"返答その{n}です。" * 20) for n in range(4000)]
    html_page = page(
        "<table>"
        + MEASURE_ROWS.format(measure="Z1 大きな施策【課】", direction="継続")
        + "</table>"
        + comment_table(rows)
    )
    data = html_page.encode("utf-8")
    assert len(data) > 10_000_000 // 10
    (measure,) = parse_html(data).measures
    assert len(measure.comments) == 4000
    assert measure.comments[-1].text == "意見その3999です。" * 20


@pytest.mark.parametrize(
    "text",
    [
        "<p" + " a" * 50_000,
        "&lt;" * 50_000,
        "令和" + " " * 50_000 + "年度",
        "<span " + "x" * 100_000,
        "【" * 30_000 + "課",
    ],
)
def test_pathological_cell_text_is_read(text: str) -> None:
    body = "<table>" + MEASURE_ROWS.format(measure=html.escape(text), direction="x") + "</table>"
    (measure,) = parse_html(page(body), source="x.html").measures
    assert measure.name or measure.department
