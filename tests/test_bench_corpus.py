"""The benchmark harness: seeded corpus bytes, the frame-heavy third, the million tree, targets."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from followup_cli import parse_html

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from frames import MAX_FRAME_BYTES, MIN_FRAME_BYTES
from million import link_tree
from report import Results, summary

from corpus import PageRecord, write_pages


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.html"))}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[PageRecord]]:
    root = tmp_path_factory.mktemp("corpus")
    return root, write_pages(root, 45)


def test_the_same_seed_writes_the_same_bytes(
    corpus: tuple[Path, list[PageRecord]], tmp_path: Path
) -> None:
    root, _ = corpus
    write_pages(tmp_path, 45)
    assert _tree(tmp_path) == _tree(root)


def test_a_third_is_frame_heavy_and_the_plain_pages_do_not_depend_on_it(
    corpus: tuple[Path, list[PageRecord]], tmp_path: Path
) -> None:
    root, records = corpus
    assert [r.variant for r in records] == ["plain"] * 30 + ["frame"] * 15
    # 30 plain pages alone are the same pages, byte for byte: the frame-heavy ones
    # come from a stream of their own, so plain figures stay comparable across runs.
    alone = write_pages(tmp_path, 45 + 1)[:30]
    assert alone == records[:30]
    for record in records[:30]:
        assert (tmp_path / record.path).read_bytes() == (root / record.path).read_bytes()


def test_frame_heavy_pages_carry_a_cms_frame(corpus: tuple[Path, list[PageRecord]]) -> None:
    root, records = corpus
    plain = [r.size for r in records if r.variant == "plain"]
    heavy = [r for r in records if r.variant == "frame"]
    assert min(r.size for r in heavy) > MIN_FRAME_BYTES
    assert max(r.size for r in heavy) < max(plain) + MAX_FRAME_BYTES
    for record in heavy:
        text = record.decode((root / record.path).read_bytes())
        for part in (
            "文字サイズ",
            "このページに関するお問い合わせ",
            "application/ld+json",
            "更新日",
        ):
            assert part in text
        assert text.count("<a ") > 60


def test_followup_reads_every_page_as_drawn(corpus: tuple[Path, list[PageRecord]]) -> None:
    root, records = corpus
    for record in records:
        report = parse_html((root / record.path).read_bytes(), source=record.path)
        found = (
            len(report.measures),
            sum(len(m.comments) for m in report.measures),
            report.fiscal_year,
        )
        assert found == (record.measures, record.comments, record.fiscal_year), record


def test_the_million_tree_links_every_page_in_folders_of_a_few_thousand(
    corpus: tuple[Path, list[PageRecord]], tmp_path: Path
) -> None:
    root, records = corpus
    folders = link_tree(root, records, tmp_path / "tree", 500)
    files = sorted((tmp_path / "tree").rglob("*.html"))
    assert len(files) == 500
    assert folders == len({f.parent for f in files})
    # Every name is a link to a corpus page, and the copy's number names no fiscal year.
    inodes = {(root / r.path).stat().st_ino for r in records}
    assert {f.stat().st_ino for f in files} == inodes
    assert all("-c" in f.stem and f.stat().st_nlink > 1 for f in files)


def test_copies_differ_so_that_followup_reads_every_one(
    corpus: tuple[Path, list[PageRecord]], tmp_path: Path
) -> None:
    root, records = corpus
    link_tree(root, records, tmp_path / "tree", 90, copies=True)
    files = sorted((tmp_path / "tree").rglob("*.html"))
    assert len({f.read_bytes() for f in files}) == 90
    page = next(f for f in files if f.name.startswith(Path(records[0].path).stem + "-c01"))
    report = parse_html(page.read_bytes(), source=str(page))
    assert len(report.measures) == records[0].measures


def test_a_target_for_another_corpus_size_is_not_judged() -> None:
    results = Results()
    results.figures["jobs2_speedup"] = 1.9
    results.raw["scale_pages"] = 600
    assert summary(results)["met"]["jobs2_speedup"] is None
    results.raw["scale_pages"] = 20_000
    assert summary(results)["met"]["jobs2_speedup"] is True
    results.figures["jobs2_speedup"] = 1.5
    assert summary(results)["met"]["jobs2_speedup"] is False
