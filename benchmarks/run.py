"""Measure followup against the lxml floor, pandas, its own start-up, scale and diff.

    python benchmarks/run.py            # 20,000 pages; several minutes
    python benchmarks/run.py --quick    # 600 pages; under a minute (CI smoke test)

Everything runs in one process, side by side on the same generated pages
(see ``corpus.py``), with medians over repeated runs. A readable table is
printed, and the last line is one JSON object with the figures of issue 6:
``parse_vs_floor``, ``pandas_vs_followup``, ``cli_vs_import``,
``peak_rss_mb``, ``jobs2_speedup``, ``diff_vs_parse`` (null when a figure
could not be measured), then raw timings. The exit status is 1 when a
measurement failed or followup misread a page, never because a target was
missed: timings on shared machines are too noisy to gate on.
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
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contenders import (
    PANDAS_MATCH,
    Page,
    clear_caches,
    floor,
    followup,
    load,
    pandas_reader,
    spread,
    timed_pass,
)
from processes import ProcessRun, median_latency, run_measured
from report import Results, describe_corpus, print_table, profile, say

from corpus import DiffYears, PageRecord, write_diff_years, write_pages
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


QUICK = Settings(
    pages=600,
    sample=60,
    repeats=3,
    cli_runs=9,
    scale_repeats=2,
    diff_measures=200,
    diff_budget=8.0,
)
FULL = Settings(
    pages=20_000,
    sample=400,
    repeats=5,
    cli_runs=15,
    scale_repeats=1,
    diff_measures=2_000,
    diff_budget=120.0,
)


def check_followup(pages: Sequence[Page], results: Results, label: str) -> None:
    """Followup must find each page's measures, comments and year: a fast wrong parser is no use."""
    wrong: list[str] = []
    for page in pages:
        record = page.record
        try:
            report = parse_html(page.data, source=record.path)
        except Exception as error:  # any failure is reported; none stops the run
            wrong.append(f"{record.path} ({record.layout}): {error}")
            continue
        found = (
            len(report.measures),
            sum(len(m.comments) for m in report.measures),
            report.fiscal_year,
        )
        expected = (record.measures, record.comments, record.fiscal_year)
        if found != expected:
            wrong.append(
                f"{record.path} ({record.layout}, {record.encoding}): measures, comments, year "
                f"{found} != {expected}"
            )
    say(f"  followup read {len(pages) - len(wrong)}/{len(pages)} {label} as generated")
    for line in wrong[:5]:
        say(f"    {line}")
    if wrong:
        results.problems.append(f"followup misread {len(wrong)} {label}")


def measure_parsers(
    root: Path, records: Sequence[PageRecord], settings: Settings, results: Results
) -> None:
    pages = load(root, spread(records, settings.sample))
    size = sum(len(page.data) for page in pages)
    say(f"parsers: {len(pages)} pages ({size / 1e6:.1f} MB), median of {settings.repeats} passes")
    check_followup(pages, results, "sample pages")
    contenders: dict[str, Callable[[Page], object]] = {"floor": floor, "followup": followup}
    pandas = pandas_reader()
    if pandas is None:
        say(
            "  pandas is not installed (pip install pandas, or the bench extra): "
            "pandas_vs_followup is null"
        )
    else:
        contenders["pandas"] = pandas
        matched = sum(1 for page in pages if pandas(page))
        say(f"  pandas found a table matching {PANDAS_MATCH} in {matched}/{len(pages)} pages")
    timings: dict[str, list[float]] = {name: [] for name in contenders}
    names = list(contenders)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in names:  # warm-up: imports, caches, first-touch allocations
            timed_pass(contenders[name], pages[:10])
        for repeat in range(settings.repeats):
            # Rotate the order so no contender always runs first after a collection.
            for name in names[repeat % len(names) :] + names[: repeat % len(names)]:
                timings[name].append(timed_pass(contenders[name], pages))
    medians = {name: statistics.median(times) for name, times in timings.items()}
    per_page = {name: 1000 * seconds / len(pages) for name, seconds in medians.items()}
    results.raw["sample_pages"] = len(pages)
    results.raw["parse_seconds"] = {name: round(value, 4) for name, value in medians.items()}
    results.raw["parse_ms_per_page"] = {name: round(value, 3) for name, value in per_page.items()}
    # Every pass, so that a reader can see how far this machine's noise reaches.
    results.raw["parse_pass_seconds"] = {
        name: [round(seconds, 4) for seconds in times] for name, times in timings.items()
    }
    results.figures["parse_vs_floor"] = medians["followup"] / medians["floor"]
    results.details["parse_vs_floor"] = (
        f"followup {per_page['followup']:.2f} ms/page, floor {per_page['floor']:.2f} ms/page"
    )
    if "pandas" in medians:
        results.figures["pandas_vs_followup"] = medians["pandas"] / medians["followup"]
        results.details["pandas_vs_followup"] = f"pandas {per_page['pandas']:.2f} ms/page"
    for name in names:
        say(
            f"  {name:<9} {per_page[name]:8.2f} ms/page   {medians[name]:7.3f} s per pass "
            f"(passes {min(timings[name]):.3f}-{max(timings[name]):.3f} s)"
        )


# --- whole processes -------------------------------------------------------------------


def console_script() -> Path:
    return Path(sys.executable).parent / "followup"


def typical_page(records: Sequence[PageRecord]) -> PageRecord:
    singles = sorted((r for r in records if r.measures == 1), key=lambda r: r.size)
    return singles[len(singles) // 2]


def measure_cli(
    root: Path, records: Sequence[PageRecord], settings: Settings, results: Results
) -> None:
    script = console_script()
    if not script.exists():
        say(f"cli: no console script at {script}: install the package into this interpreter")
        results.problems.append("no followup console script")
        return
    page = typical_page(records)
    commands = [
        [str(script), "list", "--format", "json", str(root / page.path)],
        [sys.executable, "-c", "import typer, rich.console"],
    ]
    say(f"cli: median of {settings.cli_runs} runs, one {page.size / 1000:.1f} KB page")
    try:
        cli, baseline = median_latency(commands, settings.cli_runs)
    except Exception as error:  # reported; the other figures still run
        say(f"  failed: {error}")
        results.problems.append(f"cli latency: {error}")
        return
    results.figures["cli_vs_import"] = cli / baseline
    results.raw["cli_ms"] = round(1000 * cli, 1)
    results.raw["import_typer_rich_ms"] = round(1000 * baseline, 1)
    results.details["cli_vs_import"] = (
        f"followup list {1000 * cli:.0f} ms, import typer+rich {1000 * baseline:.0f} ms"
    )
    say(
        f"  followup list --format json: {1000 * cli:.0f} ms; "
        f"python -c 'import typer, rich.console': {1000 * baseline:.0f} ms"
    )


def _scale_command(directory: Path, jobs: int | None) -> list[str]:
    command = [str(console_script()), "list", str(directory), "--format", "jsonl"]
    return [*command, "--jobs", str(jobs)] if jobs is not None else command


def _jobs_supported(root: Path, records: Sequence[PageRecord]) -> tuple[bool, str]:
    probe = run_measured(
        [
            str(console_script()),
            "list",
            str(root / records[0].path),
            "--format",
            "jsonl",
            "--jobs",
            "1",
        ]
    )
    last = probe.stderr.strip().splitlines()[-1:] or [""]
    return probe.returncode == 0, last[0]


def _report_run(label: str, run: ProcessRun, pages: int) -> None:
    rate = pages / run.seconds
    say(
        f"  {label:<8} {run.seconds:7.2f} s  {rate:7.0f} pages/s  largest process "
        f"{run.peak_process_mb:6.1f} MB  tree {run.peak_tree_mb:6.1f} MB  "
        f"({run.processes_seen} processes)"
    )


def measure_scale(
    directory: Path, records: Sequence[PageRecord], settings: Settings, results: Results
) -> None:
    if not console_script().exists():
        return
    pages = len(records)
    say(
        f"scale: followup list DIR --format jsonl over {pages:,} pages, stdout to /dev/null, "
        f"{settings.scale_repeats} run(s) each"
    )
    supported, complaint = _jobs_supported(directory, records)
    variants: list[int | None] = [1, 2] if supported else [None]
    if not supported:
        say(
            f"  followup list does not take --jobs yet ({complaint}); "
            "measuring without it, jobs2_speedup is null"
        )
        results.problems.append("followup list has no --jobs option")
    runs: dict[int | None, list[ProcessRun]] = {jobs: [] for jobs in variants}
    for repeat in range(settings.scale_repeats):
        order = variants if repeat % 2 == 0 else variants[::-1]
        for jobs in order:
            run = run_measured(_scale_command(directory, jobs))
            label = f"jobs {jobs}" if jobs is not None else "default"
            if run.returncode != 0:
                tail = " | ".join(run.stderr.strip().splitlines()[-3:])
                say(f"  {label}: exit status {run.returncode}: {tail}")
                results.problems.append(f"followup list ({label}) failed")
                continue
            _report_run(label, run, pages)
            runs[jobs].append(run)
    done = {jobs: found for jobs, found in runs.items() if found}
    if not done:
        return
    seconds = {jobs: statistics.median(r.seconds for r in found) for jobs, found in done.items()}
    peak = max(r.peak_process_mb for found in done.values() for r in found)
    results.figures["peak_rss_mb"] = peak
    results.raw["scale_pages"] = pages
    for jobs, found in done.items():
        key = f"jobs{jobs}" if jobs is not None else "default_jobs"
        results.raw[f"{key}_seconds"] = round(seconds[jobs], 3)
        results.raw[f"{key}_pages_per_second"] = round(pages / seconds[jobs], 1)
        results.raw[f"{key}_peak_process_mb"] = round(max(r.peak_process_mb for r in found), 1)
        results.raw[f"{key}_peak_tree_mb"] = round(max(r.peak_tree_mb for r in found), 1)
    tree = max(r.peak_tree_mb for found in done.values() for r in found)
    results.details["peak_rss_mb"] = f"largest single process; whole tree {tree:.0f} MB"
    if 1 in seconds and 2 in seconds:
        results.figures["jobs2_speedup"] = seconds[1] / seconds[2]
        results.details["jobs2_speedup"] = (
            f"--jobs 1: {pages / seconds[1]:.0f} pages/s, --jobs 2: {pages / seconds[2]:.0f} "
            f"pages/s, {pages:,} pages"
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


def profile_parsers(root: Path, records: Sequence[PageRecord], settings: Settings) -> None:
    pages = load(root, spread(records, settings.sample))
    profile(
        f"followup on {len(pages)} pages",
        lambda: [followup(p) for p in pages],
        sorts=("tottime", "cumulative"),
    )
    profile(f"floor on {len(pages)} pages", lambda: [floor(p) for p in pages], top=10)


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
    parser.add_argument("--quick", action="store_true", help="600 pages: under a minute")
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="write the corpus to DIR and keep it"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also print cProfile tops of followup, the floor and the diff",
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
        measure_parsers(root / "pages", records, settings, results)
        measure_cli(root / "pages", records, settings, results)
        measure_scale(root / "pages", records, settings, results)
        measure_diff(root / "diff", years, settings, results, with_profile=args.profile)
        if args.profile:
            profile_parsers(root / "pages", records, settings)
    print_table(results)
    say(f"total {time.perf_counter() - started:.0f} s")
    summary: dict[str, Any] = {
        name: round(value, 3) if value is not None else None
        for name, value in results.figures.items()
    }
    summary.update(
        quick=args.quick, cpus=os.cpu_count(), raw=results.raw, problems=results.problems
    )
    print(json.dumps(summary, ensure_ascii=False))
    return 1 if results.problems else 0


if __name__ == "__main__":
    sys.exit(main())
