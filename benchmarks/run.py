"""Measure followup against the lxml floor, lexbor, pandas, its own start-up, scale and diff.

    python benchmarks/run.py                 # 20,000 pages, then 1,000,000 linked; ~9 minutes
    python benchmarks/run.py --quick         # 600 pages; well under a minute (CI smoke test)
    python benchmarks/run.py --quick --instructions   # also CPU instructions, under callgrind
    python benchmarks/run.py --scale-pages 0 # the full run without the million-page tree

Everything runs side by side on the same generated pages (see ``corpus.py``:
two-thirds plain pages, a third frame-heavy), with medians over interleaved
passes. A readable table lists each figure with its target and whether this
run met it; the last line is one JSON object:

- ``parse_vs_floor`` / ``parse_vs_floor_frame``: followup's time over the
  floor's (lxml's tree and every cell's text), on plain / frame-heavy pages;
- ``lexbor_vs_floor`` / ``lexbor_vs_floor_frame``: lexbor (selectolax)
  parsing and reading every cell over the floor, the fastest any Python
  parser gets on the same pages;
- ``pandas_vs_followup`` / ``pandas_vs_followup_frame``: ``pandas.read_html``
  over followup;
- ``cli_vs_import``, ``peak_rss_mb``, ``jobs2_speedup``,
  ``peak_rss_mb_million`` (full runs and ``--million``; ``million.py``),
  ``diff_vs_parse``;
- ``instructions``: with ``--instructions``, the same parser ratios counted
  in CPU instructions, and instructions per page of each contender
  (``instructions.py``); null without it;
- ``met``: each target's verdict; ``raw``: timings; ``problems``.

A figure is null when it could not be measured (an optional contender not
installed, say). The exit status is 1 when a measurement failed or followup
misread a page, never because a target was missed: timings on shared
machines are too noisy to gate on.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from contenders import Page, clear_caches, load
from instructions import SAMPLE as INSTRUCTION_SAMPLE
from instructions import measure_instructions
from million import MILLION, measure_million
from parsers import check_followup, measure_parsers, profile_parsers
from report import Results, describe_corpus, print_table, profile, say, summary
from scale import measure_cli, measure_scale

from corpus import DiffYears, write_diff_years, write_pages
from followup_cli import Measure, parse_html
from followup_cli.diff import diff_measures


@dataclass(frozen=True)
class Settings:
    pages: int
    sample: int
    repeats: int
    cli_runs: int
    scale_repeats: int
    diff_measures: int
    # Stop repeating the diff once this many seconds are spent (at least one run).
    diff_budget: float
    # Pages of the tree for peak_rss_mb_million unless --scale-pages says (0: none).
    million_pages: int


QUICK = Settings(
    pages=600,
    sample=60,
    repeats=3,
    cli_runs=9,
    scale_repeats=2,
    diff_measures=200,
    diff_budget=8.0,
    million_pages=0,
)
FULL = Settings(
    pages=20_000,
    sample=400,
    repeats=5,
    cli_runs=15,
    scale_repeats=1,
    diff_measures=2_000,
    diff_budget=120.0,
    # Hard links take seconds to lay out and followup parses each page once: minutes.
    million_pages=MILLION,
)


# --- diff ------------------------------------------------------------------------------


def _parse_year(pages: Sequence[Page]) -> list[Measure]:
    return [
        measure
        for page in pages
        for measure in parse_html(page.data, source=page.record.path).measures
    ]


def measure_diff(
    root: Path, years: DiffYears, settings: Settings, results: Results, *, with_profile: bool
) -> None:
    old_pages = load(root, years.old_pages)
    new_pages = load(root, years.new_pages)
    say(
        f"diff: {years.old_year} ({len(old_pages)} pages) against {years.new_year} "
        f"({len(new_pages)} pages)"
    )
    check_followup([*old_pages, *new_pages], results, "diff pages")
    parse_times: list[float] = []
    old: list[Measure] = []
    new: list[Measure] = []
    for _ in range(settings.repeats):
        gc.collect()
        clear_caches()
        start = time.perf_counter()
        old = _parse_year(old_pages)
        new = _parse_year(new_pages)
        parse_times.append(time.perf_counter() - start)
    diff_times: list[float] = []
    counts: dict[str, object] = {}
    while len(diff_times) < settings.repeats and (
        not diff_times or sum(diff_times) < settings.diff_budget
    ):
        gc.collect()
        clear_caches()
        start = time.perf_counter()
        report = diff_measures(
            old,
            new,
            old_year=years.old_year,
            new_year=years.new_year,
            old_sources=[p.record.path for p in old_pages],
            new_sources=[p.record.path for p in new_pages],
        )
        diff_times.append(time.perf_counter() - start)
        counts = report.counts.to_dict()
    parse_s = statistics.median(parse_times)
    diff_s = statistics.median(diff_times)
    results.figures["diff_vs_parse"] = diff_s / parse_s
    results.raw.update(
        diff_measures={"old": len(old), "new": len(new)},
        diff_seconds=round(diff_s, 3),
        diff_runs=len(diff_times),
        diff_parse_seconds=round(parse_s, 3),
        diff_counts=counts,
    )
    results.details["diff_vs_parse"] = (
        f"diff {diff_s:.2f} s ({len(diff_times)} runs), parse {parse_s:.2f} s, "
        f"{len(old):,} + {len(new):,} measures"
    )
    say(
        f"  parse {parse_s:.2f} s (median of {len(parse_times)}), diff {diff_s:.2f} s "
        f"(median of {len(diff_times)}); {len(old):,} and {len(new):,} measures"
    )
    say("  " + ", ".join(f"{key} {value}" for key, value in counts.items()))
    if with_profile:
        limit = min(300, len(old), len(new))
        profile(
            f"diff_measures on the first {limit} measures of each year",
            lambda: diff_measures(
                old[:limit],
                new[:limit],
                old_year=years.old_year,
                new_year=years.new_year,
                old_sources=[],
                new_sources=[],
            ),
        )


@contextlib.contextmanager
def corpus_root(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="followup-bench-") as directory:
        yield Path(directory)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="600 pages: well under a minute")
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="write the corpus to DIR and keep it"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also print cProfile tops of followup, the floor and the diff",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help=f"also count CPU instructions of the parser passes under callgrind "
        f"({INSTRUCTION_SAMPLE} pages of each variant; a few minutes)",
    )
    parser.add_argument(
        "--million",
        action="store_const",
        const=MILLION,
        dest="scale_pages",
        help="read 1,000,000 pages (hard links to the corpus) for peak_rss_mb_million, as the "
        "full run does; with --quick, links to its 600 pages",
    )
    parser.add_argument(
        "--scale-pages",
        type=int,
        metavar="N",
        help="as --million, with N pages (0: no such run)",
    )
    parser.add_argument(
        "--scale-copies",
        action="store_true",
        help="with --million or --scale-pages: real copies, not hard links, so that followup "
        "parses every one (it reads a hard-linked file once); needs the corpus's size per copy",
    )
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    results = Results()
    started = time.perf_counter()
    say(
        f"followup benchmarks ({'quick' if args.quick else 'full'}): Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, {platform.platform()}"
    )
    with corpus_root(args.keep) as root:
        start = time.perf_counter()
        records = write_pages(root / "pages", settings.pages)
        describe_corpus(records, time.perf_counter() - start)
        years = write_diff_years(root / "diff", settings.diff_measures)
        pages = root / "pages"
        measure_parsers(pages, records, settings.sample, settings.repeats, results)
        if args.instructions:
            measure_instructions(pages, records, results)
        measure_cli(pages, records, settings.cli_runs, results)
        measure_scale(pages, records, settings.scale_repeats, results)
        measure_diff(root / "diff", years, settings, results, with_profile=args.profile)
        million = settings.million_pages if args.scale_pages is None else args.scale_pages
        if million:
            measure_million(
                pages,
                records,
                root / "million",
                million,
                results,
                copies=args.scale_copies,
            )
        if args.profile:
            profile_parsers(pages, records, settings.sample)
    print_table(results)
    say(f"total {time.perf_counter() - started:.0f} s")
    found = summary(results)
    found.update(quick=args.quick, cpus=os.cpu_count(), raw=results.raw, problems=results.problems)
    print(json.dumps(found, ensure_ascii=False))
    return 1 if results.problems else 0


if __name__ == "__main__":
    sys.exit(main())
