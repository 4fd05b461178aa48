"""Whole processes: the CLI's start-up, a directory of pages on one and two cores, a million pages.

Every command runs with stdout to /dev/null under ``processes.run_measured``,
which times it and follows the peak memory of it and its workers.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

from processes import ProcessRun, median_latency, run_measured
from report import Results, say

from corpus import PageRecord


def console_script() -> Path:
    return Path(sys.executable).parent / "followup"


def typical_page(records: Sequence[PageRecord]) -> PageRecord:
    """A plain page of one measure and median size: the same page as before the variants."""
    singles = sorted(
        (r for r in records if r.measures == 1 and r.variant == "plain"), key=lambda r: r.size
    )
    return singles[len(singles) // 2]


def measure_cli(root: Path, records: Sequence[PageRecord], runs: int, results: Results) -> None:
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
    say(f"cli: median of {runs} runs, one {page.size / 1000:.1f} KB page")
    try:
        cli, baseline = median_latency(commands, runs)
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
    directory: Path, records: Sequence[PageRecord], repeats: int, results: Results
) -> None:
    if not console_script().exists():
        return
    pages = len(records)
    say(
        f"scale: followup list DIR --format jsonl over {pages:,} pages, stdout to /dev/null, "
        f"{repeats} run(s) each"
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
    for repeat in range(repeats):
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
