"""The figures, their targets, and how a run reports them.

Figures measured in time (or memory) are in ``Results.figures``; those
counted in CPU instructions (``--instructions``) in ``Results.instructions``,
under the same names. A target applies to one figure in one of the two
measures; the table says, for each, whether this run met it.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from corpus import PageRecord

Measure = Literal["time", "instructions"]

FIGURES = (
    "parse_vs_floor",
    "parse_vs_floor_frame",
    "lexbor_vs_floor",
    "lexbor_vs_floor_frame",
    "pandas_vs_followup",
    "pandas_vs_followup_frame",
    "cli_vs_import",
    "peak_rss_mb",
    "jobs2_speedup",
    "peak_rss_mb_million",
    "diff_vs_parse",
)
INSTRUCTION_FIGURES = FIGURES[:6]
# (comparison, bound): the figure must be <= or >= the bound.
TARGETS: dict[tuple[str, Measure], tuple[str, float]] = {
    ("parse_vs_floor", "instructions"): ("<=", 1.6),
    ("parse_vs_floor_frame", "instructions"): ("<=", 1.2),
    ("parse_vs_floor", "time"): ("<=", 2.2),
    ("pandas_vs_followup_frame", "time"): (">=", 4.0),
    ("cli_vs_import", "time"): ("<=", 1.5),
    ("jobs2_speedup", "time"): (">=", 1.8),
    ("peak_rss_mb_million", "time"): ("<=", 150.0),
    ("diff_vs_parse", "time"): ("<=", 0.5),
}
# A target set for a corpus of this many pages: (the raw key that holds the run's count, pages).
TARGET_PAGES = {
    "jobs2_speedup": ("scale_pages", 20_000),
    "peak_rss_mb_million": ("million_pages", 1_000_000),
}


@dataclass
class Results:
    """What a run found; a figure stays None when it could not be measured."""

    figures: dict[str, float | None] = field(default_factory=lambda: dict.fromkeys(FIGURES))
    # None until --instructions runs; then each figure, None where it could not be counted.
    instructions: dict[str, float | None] | None = None
    raw: dict[str, Any] = field(default_factory=dict)
    details: dict[str, str] = field(default_factory=dict)
    instruction_details: dict[str, str] = field(default_factory=dict)
    # Instructions per page of each contender, the sample's size, the load runs' totals.
    instruction_counts: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def say(text: str = "") -> None:
    print(text, flush=True)


def profile(
    title: str, work: Callable[[], object], top: int = 25, sorts: Sequence[str] = ("tottime",)
) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    work()
    profiler.disable()
    for sort in sorts:
        stream = io.StringIO()
        stats = pstats.Stats(profiler, stream=stream)
        stats.strip_dirs().sort_stats(sort).print_stats(top)
        say(f"\nprofile: {title} (top {top} by {sort})")
        lines = stream.getvalue().splitlines()
        start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
        for line in lines[start:]:
            if line.strip():
                say("  " + line.rstrip())


def met(results: Results, name: str, measure: Measure) -> bool | None:
    """Whether the run met the figure's target; None without a target or a value."""
    target = TARGETS.get((name, measure))
    values = results.figures if measure == "time" else results.instructions or {}
    value = values.get(name)
    if target is None or value is None:
        return None
    comparison, bound = target
    return value <= bound if comparison == "<=" else value >= bound


def _at_target_size(results: Results, name: str) -> bool:
    if name not in TARGET_PAGES:
        return True
    key, pages = TARGET_PAGES[name]
    return bool(results.raw.get(key) == pages)


def _rows(results: Results) -> list[tuple[str, Measure]]:
    rows: list[tuple[str, Measure]] = []
    for name in FIGURES:
        if results.instructions is not None and name in INSTRUCTION_FIGURES:
            rows.append((name, "instructions"))
        rows.append((name, "time"))
    return rows


def print_table(results: Results) -> None:
    say("\nfigure                   measure  value    target     met   detail")
    footnotes: list[str] = []
    for name, measure in _rows(results):
        values = results.figures if measure == "time" else results.instructions or {}
        details = results.details if measure == "time" else results.instruction_details
        value = values.get(name)
        shown = f"{value:8.2f}" if value is not None else "    null"
        target = TARGETS.get((name, measure))
        bound = f"{target[0]} {target[1]:<6g}" if target else "-        "
        verdict = {True: "yes", False: "NO", None: "n/a" if target else ""}[
            met(results, name, measure)
        ]
        if target and value is not None and not _at_target_size(results, name):
            key, pages = TARGET_PAGES[name]
            verdict = f"({verdict})"
            footnotes.append(
                f"({verdict[1:-1]}) {name}: the target is for {pages:,} pages; this run had "
                f"{results.raw.get(key, 0):,}"
            )
        unit = "instr" if measure == "instructions" else ("MB" if "rss" in name else "time")
        say(f"{name:<24} {unit:<7} {shown}  {bound}  {verdict:<5} {details.get(name, '')}".rstrip())
    for note in footnotes:
        say(f"  {note}")
    for problem in results.problems:
        say(f"problem: {problem}")


def summary(results: Results) -> dict[str, Any]:
    """The JSON line's figures: time figures at the top, instruction ones under a key."""
    found: dict[str, Any] = {
        name: round(value, 3) if value is not None else None
        for name, value in results.figures.items()
    }
    found["instructions"] = (
        None
        if results.instructions is None
        else {
            name: round(value, 3) if value is not None else None
            for name, value in results.instructions.items()
        }
        | results.instruction_counts
    )
    found["met"] = {
        # A target set for another corpus size is not judged (the table shows it in brackets).
        (name if measure == "time" else f"instructions.{name}"): (
            met(results, name, measure) if _at_target_size(results, name) else None
        )
        for name, measure in TARGETS
    }
    return found


def describe_corpus(records: Sequence[PageRecord], seconds: float) -> None:
    sizes = sorted(record.size for record in records)
    total = sum(sizes)
    say(
        f"corpus: {len(records):,} pages, {total / 1e6:.0f} MB, written in {seconds:.1f} s; "
        f"page size {sizes[0] / 1000:.1f} / {statistics.median(sizes) / 1000:.1f} / "
        f"{sizes[-1] / 1000:.1f} KB (min / median / max)"
    )
    for variant in ("plain", "frame"):
        found = sorted(r.size for r in records if r.variant == variant)
        if found:
            say(
                f"  {variant}: {len(found):,} pages, {found[0] / 1000:.1f} / "
                f"{statistics.median(found) / 1000:.1f} / {found[-1] / 1000:.1f} KB"
            )
    for title, counter in (
        ("years", Counter(str(r.fiscal_year) for r in records)),
        ("encodings", Counter(r.encoding for r in records)),
        ("layouts", Counter(r.layout for r in records)),
    ):
        say(f"  {title}: " + ", ".join(f"{k} {v}" for k, v in sorted(counter.items())))
