"""The figures of issue 6, their targets, and how the run reports them."""

from __future__ import annotations

import cProfile
import io
import pstats
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from corpus import PageRecord

FIGURES = (
    "parse_vs_floor",
    "pandas_vs_followup",
    "cli_vs_import",
    "peak_rss_mb",
    "jobs2_speedup",
    "diff_vs_parse",
)
# (comparison, bound): the figure must be <= or >= the bound.
TARGETS: dict[str, tuple[str, float]] = {
    "parse_vs_floor": ("<=", 2.0),
    "pandas_vs_followup": (">=", 8.0),
    "cli_vs_import": ("<=", 2.0),
    "peak_rss_mb": ("<=", 150.0),
    "jobs2_speedup": (">=", 1.7),
    "diff_vs_parse": ("<=", 0.5),
}


@dataclass
class Results:
    """What a run found; a figure stays None when it could not be measured."""

    figures: dict[str, float | None] = field(default_factory=lambda: dict.fromkeys(FIGURES))
    raw: dict[str, Any] = field(default_factory=dict)
    details: dict[str, str] = field(default_factory=dict)
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


def met(name: str, value: float | None) -> str:
    if value is None:
        return "n/a"
    comparison, bound = TARGETS[name]
    ok = value <= bound if comparison == "<=" else value >= bound
    return "yes" if ok else "NO"


def print_table(results: Results) -> None:
    say("\nfigure              value    target   met  detail")
    for name in FIGURES:
        value = results.figures[name]
        comparison, bound = TARGETS[name]
        shown = f"{value:8.2f}" if value is not None else "    null"
        say(
            f"{name:<18} {shown}  {comparison} {bound:<5g}  {met(name, value):<4} "
            f"{results.details.get(name, '')}"
        )
    for problem in results.problems:
        say(f"problem: {problem}")


def describe_corpus(records: Sequence[PageRecord], seconds: float) -> None:
    sizes = sorted(record.size for record in records)
    total = sum(sizes)
    say(
        f"corpus: {len(records):,} pages, {total / 1e6:.0f} MB, written in {seconds:.1f} s; "
        f"page size {sizes[0] / 1000:.1f} / {statistics.median(sizes) / 1000:.1f} / "
        f"{sizes[-1] / 1000:.1f} KB (min / median / max)"
    )
    for title, counter in (
        ("years", Counter(str(r.fiscal_year) for r in records)),
        ("encodings", Counter(r.encoding for r in records)),
        ("layouts", Counter(r.layout for r in records)),
    ):
        say(f"  {title}: " + ", ".join(f"{k} {v}" for k, v in sorted(counter.items())))
