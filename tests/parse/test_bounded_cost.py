"""Hostile pages cost time in proportion to their size: each generator's page is
parsed at two sizes four times apart, and the larger may cost about four times
as much, never the sixteen times a step quadratic in the page would cost."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

import pytest

from followup_cli import FollowupError, parse_html

HEADER = "<tr><th>全体に対する外部評価実施者意見</th><th>担当課返答</th></tr>"


def _table(rows: str) -> str:
    return f"<html><body><table>{HEADER}{rows}</table></body></html>"


GENERATORS: dict[str, Callable[[int], str]] = {
    "rows of huge spans": lambda n: _table(
        "".join(f"<tr><td rowspan=65534 colspan=100000>x{i}</td></tr>" for i in range(n))
    ),
    "one row of huge spans": lambda n: _table(
        "<tr>" + "".join("<td rowspan=65534 colspan=1000>x</td>" for _ in range(n)) + "</tr>"
        "<tr><td>a</td><td>b</td></tr>"
    ),
    "a header of huge spans": lambda n: _table(
        "<tr>" + "<th colspan=1000>意見</th><th colspan=1000>返答</th>" * n + "</tr>"
        + "<tr><td>a</td><td>b</td></tr>" * 20
    ),
    "a flood of attributes": lambda n: _table(
        "<tr><td " + " ".join(f"a{i}=1" for i in range(n * 20)) + ">意見</td><td>返答</td></tr>"
    ),
    "many tables": lambda n: "<html><body>" + "".join(
        f"<table>{HEADER}<tr><td>意見{i}</td><td>返答</td></tr></table>" for i in range(n)
    ) + "</body></html>",
}


def _cost(html: str) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        # Refusals cost time too: only the time matters here.
        with contextlib.suppress(FollowupError):
            parse_html(html)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_a_hostile_page_four_times_larger_costs_about_four_times_as_much(name: str) -> None:
    small, large = GENERATORS[name](800), GENERATORS[name](3200)
    assert len(large) > 3.5 * len(small)
    ratio = _cost(large) / max(_cost(small), 1e-4)
    # Linear work grows 4x, quadratic 16x; the margin absorbs a busy machine.
    assert ratio < 8, f"{name}: {ratio:.2f}x for four times the size"


def test_control_characters_anywhere_are_removed_with_a_warning_never_a_refusal() -> None:
    body = "<table><tr><th>事業又は施策名</th><td>S1 施策</td></tr></table>" + (
        "<table>" + HEADER + "<tr><td>意見\x00に&#x1b;[31mNUL&#0;</td><td>返答\x07</td></tr></table>"
    )
    html = ("<html><head><meta charset='utf-8'></head><body>\x00" + body + "</body></html>").encode()
    report = parse_html(html)
    (comment,) = report.measures[0].comments
    assert (comment.text, comment.reply) == ("意見に[31mNUL", "返答")
    assert any("control character" in warning for warning in report.warnings)
