"""Golden files: every samples/NAME.html parses to samples/NAME.expected.json.

The expected JSON was written by hand from the extraction rules, so a
difference is either a parser bug or a rule the parser reads differently.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from followup_cli import parse_file

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLES = REPO_ROOT / "samples"
SAMPLE_NAMES = sorted(path.name for path in SAMPLES.glob("*.html"))


def _expected(name: str) -> dict[str, object]:
    path = SAMPLES / (Path(name).stem + ".expected.json")
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_every_sample_has_its_golden_file() -> None:
    assert len(SAMPLE_NAMES) >= 9
    for name in SAMPLE_NAMES:
        assert (SAMPLES / (Path(name).stem + ".expected.json")).is_file(), name


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_matches_golden(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The source field records the path as given, so parse from the repo root
    # with the same relative path the golden file names.
    monkeypatch.chdir(REPO_ROOT)
    report = parse_file(Path("samples") / name)
    assert report.to_dict() == _expected(name)


def test_samples_cover_several_years_and_measures() -> None:
    years: set[int] = set()
    measures: set[str] = set()
    for name in SAMPLE_NAMES:
        expected = _expected(name)
        year = expected["fiscal_year"]
        assert isinstance(year, int)
        years.add(year)
        found = expected["measures"]
        assert isinstance(found, list)
        for measure in found:
            measures.add(measure["code"] or measure["name"])
    assert len(years) >= 3
    assert len(measures) >= 6
