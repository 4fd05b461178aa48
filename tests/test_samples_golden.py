"""The evaluation gate: every sample page parses exactly to its golden file.

``samples/NAME.html`` must parse to ``samples/NAME.expected.json``, written by
hand from what a careful person records from the page as a browser shows it.
Pages that are not follow-up pages live in ``tests/refused/`` beside a golden
file saying what the refusal must mention. A regression names the sample,
the measure, the comment and the field, one line each, so one run shows
every difference at once instead of the first.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from followup_cli import NotAFollowupPageError, parse_file

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLES = REPO_ROOT / "samples"
REFUSED = REPO_ROOT / "tests" / "refused"
# Relative to samples/: the city story at the top, other cities' pages in cities/.
SAMPLE_NAMES = sorted(
    str(path.relative_to(SAMPLES)) for path in SAMPLES.rglob("*.htm*") if path.is_file()
)
REFUSED_NAMES = sorted(path.name for path in REFUSED.glob("*.htm*")) if REFUSED.is_dir() else []


def _golden_path(folder: Path, name: str) -> Path:
    return folder / Path(name).parent / (Path(name).stem + ".expected.json")


def _expected(folder: Path, name: str) -> dict[str, object]:
    path = _golden_path(folder, name)
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _differences(where: str, got: object, want: object) -> list[str]:
    """One line per differing leaf, named by its path through the record."""
    if isinstance(got, dict) and isinstance(want, dict):
        lines: list[str] = []
        for key in sorted(set(got) | set(want), key=str):
            if key not in got:
                lines.append(f"{where}.{key}: missing, want {want[key]!r}")
            elif key not in want:
                lines.append(f"{where}.{key}: unexpected {got[key]!r}")
            else:
                lines.extend(_differences(f"{where}.{key}", got[key], want[key]))
        return lines
    if isinstance(got, list) and isinstance(want, list):
        lines = []
        if len(got) != len(want):
            lines.append(f"{where}: {len(got)} items, want {len(want)}")
        for index, (item, wanted) in enumerate(zip(got, want, strict=False)):
            lines.extend(_differences(f"{where}[{_name(wanted, index)}]", item, wanted))
        return lines
    return [] if got == want else [f"{where}: got {got!r}, want {want!r}"]


def _name(item: object, index: int) -> str:
    """measures[S27], comments[overall #2]: how a person finds the record."""
    if isinstance(item, dict):
        if "section" in item and "number" in item:
            return f"{item['section']} #{item['number']}"
        if "name" in item:
            return str(item.get("code") or item["name"])[:20]
    return str(index)


def test_every_sample_has_its_golden_file() -> None:
    assert len(SAMPLE_NAMES) >= 9
    for name in SAMPLE_NAMES:
        assert _golden_path(SAMPLES, name).is_file(), name
    for name in REFUSED_NAMES:
        assert _golden_path(REFUSED, name).is_file(), name


def test_every_sample_parses_as_its_golden_file(monkeypatch: pytest.MonkeyPatch) -> None:
    # The source field records the path as given, so parse from the repo root
    # with the same relative path the golden file names.
    monkeypatch.chdir(REPO_ROOT)
    lines: list[str] = []
    for name in SAMPLE_NAMES:
        report = parse_file(Path("samples") / name)
        lines.extend(_differences(name, report.to_dict(), _expected(SAMPLES, name)))
    assert not lines, "\n" + "\n".join(lines)


@pytest.mark.parametrize("name", REFUSED_NAMES)
def test_pages_that_are_not_follow_up_pages_are_refused_with_a_reason(name: str) -> None:
    expected = _expected(REFUSED, name)
    with pytest.raises(NotAFollowupPageError) as raised:
        parse_file(REFUSED / name)
    mentions = expected["reason_mentions"]
    assert isinstance(mentions, list)
    for word in mentions:
        assert str(word) in raised.value.reason, (name, raised.value.reason)


def test_samples_cover_several_years_and_measures() -> None:
    years: set[int] = set()
    measures: set[str] = set()
    for name in SAMPLE_NAMES:
        expected = _expected(SAMPLES, name)
        year = expected["fiscal_year"]
        # A page may state no year at all (facts_kusunoki_torikumi): null, never a guess.
        assert year is None or isinstance(year, int)
        if isinstance(year, int):
            years.add(year)
        found = expected["measures"]
        assert isinstance(found, list)
        for measure in found:
            measures.add(measure["code"] or measure["name"])
    assert len(years) >= 3
    assert len(measures) >= 6
