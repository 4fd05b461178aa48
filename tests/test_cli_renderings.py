"""Golden renderings of list, filter, show and diff at 60, 100 and 200 columns.

Each rendering is compared with its file in tests/golden/render/ (run with
FOLLOWUP_UPDATE_GOLDEN=1 to rewrite them after a deliberate change, then read
the diff), and every line of every rendering is checked against the rules a
reader relies on: inside the width, no trailing spaces, no line of Japanese
text starting with 、。）」 or a small kana or ending with （「, no ASCII word,
number or code split over two lines.
"""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from cli_support import REPO_ROOT, run
from followup_cli.cli.linebreak import CLOSING_MARKS, NO_LINE_END, NO_LINE_START, OPENING_MARKS
from followup_cli.cli.status import ExitStatus

GOLDEN = REPO_ROOT / "tests" / "golden" / "render"
WIDTHS = (60, 100, 200)
CASES = {
    "list": ["list", "samples/minatono/"],
    "filter": ["filter", "samples/minatono/", "--year", "2021"],
    "show": ["show", "S27", "samples/minatono/"],
    "diff": ["diff", "samples/minatono/", "--from", "2020", "--to", "2021"],
}
# An elided run ("…") may open a quoted fragment; it is not a broken line.
ALLOWED_AT_START = frozenset("…")
_ASCII_END = re.compile(r"[A-Za-z0-9]+$")
_ASCII_START = re.compile(r"^[A-Za-z0-9]+")


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)


def render(name: str, width: int) -> str:
    result = run(CASES[name], tty=True, width=width)
    assert result.exit_code == ExitStatus.OK, result.stderr
    return result.stdout


def segments(line: str) -> list[str]:
    """The pieces of text on a line: between box rules, or two or more spaces."""
    pieces = re.split(r"[│┃|]| {2,}", line)
    return [piece.strip() for piece in pieces if piece.strip()]


def broken_rules(text: str, width: int) -> list[str]:
    problems: list[str] = []
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        if cell_len(line) > width:
            problems.append(f"line {number} is {cell_len(line)} cells wide: {line}")
        if line != line.rstrip():
            problems.append(f"line {number} ends with spaces: {line!r}")
        for piece in segments(line):
            first, last = piece[0], piece[-1]
            if first in NO_LINE_START and first not in ALLOWED_AT_START:
                problems.append(f"line {number} starts a piece with {first}: {line}")
            if last in NO_LINE_END or piece.endswith(OPENING_MARKS):
                problems.append(f"line {number} ends a piece with {last}: {line}")
            if piece.startswith(CLOSING_MARKS):
                problems.append(f"line {number} starts a piece with {piece[:2]}: {line}")
    problems.extend(_split_words(lines))
    return problems


def _published_words() -> frozenset[str]:
    """Every ASCII word in the samples' text (ZOOM, LGWAN, 2021, Q&A...)."""
    paths = sorted((REPO_ROOT / "samples").rglob("*.expected.json"))
    assert paths, "no samples to read the words from"
    text = " ".join(path.read_text(encoding="utf-8") for path in paths)
    return frozenset(re.findall(r"[A-Za-z0-9]{2,}", text))


def _split_words(lines: list[str], words: frozenset[str] | None = None) -> list[str]:
    """In boxed tables, a cell's lines: an ASCII word must not continue below.

    Two lines ending and starting with letters are a split word when joined
    they make a word of the published text (a break at a space makes none).
    """
    words = _published_words() if words is None else words
    problems = []
    for number, (above, below) in enumerate(itertools.pairwise(lines), 1):
        if not (above.startswith("│") and below.startswith("│")):
            continue
        upper, lower = above.split("│"), below.split("│")
        if len(upper) != len(lower):
            continue
        for column, (top, bottom) in enumerate(zip(upper, lower, strict=True)):
            head, tail = _ASCII_END.search(top.strip()), _ASCII_START.search(bottom.strip())
            if head and tail and any(head.group() + tail.group() in word for word in words):
                problems.append(f"lines {number}-{number + 1}, column {column}: {above} / {below}")
    return problems


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_rendering_matches_its_golden_file(name: str, width: int) -> None:
    text = render(name, width)
    path = GOLDEN / f"{name}_{width}.txt"
    if os.environ.get("FOLLOWUP_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_every_line_keeps_the_line_breaking_rules(name: str, width: int) -> None:
    assert broken_rules(render(name, width), width) == []


def test_the_rule_checker_catches_what_it_checks() -> None:
    bad = "\n".join(
        [
            "│ 令和3年度予算に、5台分 │",
            "│ 。テレワーク（       │",
            "│ 計上しました。Web    │",
            "│ 会議ZOOM   │ x │",
            "trailing ",
        ]
    )
    problems = " ".join(broken_rules(bad, 20))
    assert "starts a piece with 。" in problems
    assert "ends a piece with （" in problems
    assert "ends with spaces" in problems
    assert "cells wide" in problems


def test_the_word_checker_catches_a_split_word() -> None:
    assert _split_words(["│ 会議はZO │", "│ OMで行う │"], frozenset({"ZOOM"}))
    assert not _split_words(["│ 会議はno │", "│ replyで │"], frozenset({"ZOOM"}))


@pytest.mark.parametrize("width", WIDTHS)
def test_narrow_tables_name_what_they_hide(width: int) -> None:
    text = render("filter", width)
    if width == 60:
        assert "hidden: department, section" in text
        assert "│ measure" in text
    else:
        assert "hidden:" not in text


def test_wide_keeps_every_column() -> None:
    result = run(["list", "samples/minatono/", "--wide"], tty=True, width=60)
    assert result.exit_code == ExitStatus.OK
    header = result.stdout.splitlines()[0].split()
    assert header == ["year", "code", "name", "department", "replied", "direction"]
    assert "hidden:" not in result.stdout


def test_years_codes_and_counts_are_never_split_at_any_width() -> None:
    for width in range(40, 121, 7):
        text = run(["list", "samples/minatono/"], tty=True, width=width).stdout
        for line in text.splitlines()[2:]:
            first = line.split()
            if first and first[0].isdigit():
                assert len(first[0]) == 4, (width, line)


def test_goldens_exist_for_every_case() -> None:
    expected = {f"{name}_{width}.txt" for name in CASES for width in WIDTHS}
    assert expected <= {path.name for path in Path(GOLDEN).glob("*.txt")}


def test_a_measures_comments_show_its_name_once_and_their_sections() -> None:
    text = run(["filter", "samples/minatono/", "--year", "2021", "-c", "S27"], tty=True, width=60).stdout
    assert text.count("ICTの活") == 1
    numbers = [line.split("│")[4].strip() for line in text.splitlines() if line.startswith("│2021")]
    assert numbers == ["全1", "全2", "課1", "課2"]
