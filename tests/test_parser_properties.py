"""Property-based tests for the measure-cell and fiscal-year parsers."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from followup_cli.parse.measure_cell import parse_measure_cell
from followup_cli.years import era_label, parse_year_argument, year_in_path, year_in_text

# Names begin with Japanese text, as real measure names do, so no letter or
# digit run can be mistaken for the end of a code.
names = st.text(alphabet="ICTの活用子育て支援（）、・地域交通", min_size=1, max_size=30).filter(
    lambda name: name[0] not in "ICT（）、・" and name.strip() == name
)
codes = st.from_regex(r"[A-Z]{1,3}[0-9]{1,4}", fullmatch=True)
departments = st.text(alphabet="情報課こども企画推進部室", min_size=1, max_size=10)
spaces = st.sampled_from(["", " ", "\u3000", " \u3000 "])


@given(code=st.none() | codes, name=names, department=st.none() | departments, gap=spaces)
def test_measure_cell_round_trip(
    code: str | None, name: str, department: str | None, gap: str
) -> None:
    cell = (f"{code}{gap}" if code else "") + name + (f"【{department}】" if department else "")
    parsed = parse_measure_cell(cell)
    assert (parsed.code, parsed.name, parsed.department) == (code, name, department)


@given(st.text(max_size=200))
def test_measure_cell_never_loses_text(text: str) -> None:
    parsed = parse_measure_cell(text)
    # Whatever the cell holds, its characters survive in one of the three parts;
    # only whitespace, the department's brackets, a code's separator and a
    # sequence number before the name (2　B11…, （2）…) may go.
    rebuilt = Counter((parsed.code or "") + parsed.name + (parsed.department or ""))
    dropped = Counter(text) - rebuilt
    sequence = Counter(text.strip()[:6])
    assert all(char.isspace() or char in "【】:：.．、" or char in sequence for char in dropped)


@given(st.integers(min_value=1989, max_value=2099))
def test_era_label_reads_back_to_the_same_year(year: int) -> None:
    label = era_label(year)
    assert year_in_text(f"{label}外部評価実施後の対応状況表") == year
    assert parse_year_argument(label) == year
    assert parse_year_argument(str(year)) == year


@given(st.integers(min_value=1, max_value=30), st.sampled_from(["r", "R", "R0", "r-"]))
def test_reiwa_year_in_a_path(number: int, prefix: str) -> None:
    if prefix == "R0" and number >= 10:
        prefix = "R"
    assert year_in_path(f"archive/{prefix}{number}/page.html") == 2018 + number


@given(st.text(max_size=300))
def test_year_in_text_is_none_or_plausible(text: str) -> None:
    year = year_in_text(text)
    assert year is None or 1926 <= year <= 2099
