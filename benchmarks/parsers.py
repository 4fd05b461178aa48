"""The parser figures: followup, lexbor and pandas against the lxml floor, per corpus variant.

Each variant (plain, frame-heavy; see ``corpus``) has its own sample of
pages. A pass is one contender over one variant's sample; the passes are
interleaved, every contender once per round in an order rotated each round,
so a slow moment of the machine falls on all of them. A figure is the ratio
of the medians of those passes. The overall figures (both variants) are the
medians of each round's sum.
"""

from __future__ import annotations

import statistics
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from contenders import (
    INSTALL_HINTS,
    PANDAS_MATCH,
    Page,
    floor,
    followup,
    load,
    optional_contenders,
    spread,
    timed_pass,
)
from report import Results, profile, say

from corpus import VARIANTS, PageRecord
from followup_cli import parse_html

# Figure names per variant: the plain corpus keeps the names of earlier runs.
SUFFIX = {"plain": "", "frame": "_frame"}
VARIANT_TITLES = {"plain": "plain pages", "frame": "frame-heavy pages"}


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
                f"{record.path} ({record.layout}, {record.encoding}, {record.variant}): "
                f"measures, comments, year {found} != {expected}"
            )
    say(f"  followup read {len(pages) - len(wrong)}/{len(pages)} {label} as generated")
    for line in wrong[:5]:
        say(f"    {line}")
    if wrong:
        results.problems.append(f"followup misread {len(wrong)} {label}")


def samples(root: Path, records: Sequence[PageRecord], count: int) -> dict[str, list[Page]]:
    """``count`` pages of each variant, spread over its layouts, encodings and years."""
    return {
        variant: load(root, spread([r for r in records if r.variant == variant], count))
        for variant in VARIANTS
    }


def _contenders(
    pages: dict[str, list[Page]], results: Results
) -> dict[str, Callable[[Page], object]]:
    found: dict[str, Callable[[Page], object]] = {"floor": floor, "followup": followup}
    for name, parse in optional_contenders().items():
        if parse is None:
            say(f"  {name} is not installed ({INSTALL_HINTS[name]}): its figures are null")
        else:
            found[name] = parse
    if "pandas" in found:
        pandas = found["pandas"]
        for variant, sample in pages.items():
            matched = sum(1 for page in sample if pandas(page))
            say(
                f"  pandas found a table matching {PANDAS_MATCH} in {matched}/{len(sample)} "
                f"{VARIANT_TITLES[variant]}"
            )
    return found


def _ratio(results: Results, name: str, top: float, bottom: float, detail: str) -> None:
    results.figures[name] = top / bottom
    results.details[name] = detail


def measure_parsers(
    root: Path, records: Sequence[PageRecord], sample: int, repeats: int, results: Results
) -> None:
    pages = samples(root, records, sample)
    for variant, found in pages.items():
        size = sum(len(page.data) for page in found) / len(found)
        say(f"parsers, {VARIANT_TITLES[variant]}: {len(found)} pages ({size / 1000:.1f} KB a page)")
        check_followup(found, results, f"sample {VARIANT_TITLES[variant]}")
    contenders = _contenders(pages, results)
    names = list(contenders)
    timings: dict[tuple[str, str], list[float]] = {(n, v): [] for n in names for v in VARIANTS}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in names:  # warm-up: imports, caches, first-touch allocations
            for found in pages.values():
                timed_pass(contenders[name], found[:10])
        for repeat in range(repeats):
            # Rotate the order so no contender always runs first after a collection.
            shift = repeat % len(names)
            for name in names[shift:] + names[:shift]:
                for variant in VARIANTS if repeat % 2 == 0 else VARIANTS[::-1]:
                    timings[name, variant].append(timed_pass(contenders[name], pages[variant]))
    say(f"  median of {repeats} interleaved passes (range of the passes in brackets)")
    per_page: dict[str, dict[str, float]] = {}
    for variant in VARIANTS:
        count = len(pages[variant])
        medians = {name: statistics.median(timings[name, variant]) for name in names}
        per_page[variant] = {name: 1000 * value / count for name, value in medians.items()}
        _variant_figures(results, variant, per_page[variant])
        for name in names:
            times = timings[name, variant]
            say(
                f"  {VARIANT_TITLES[variant]:<17} {name:<9} {per_page[variant][name]:7.2f} ms/page"
                f"  [{1000 * min(times) / count:.2f}-{1000 * max(times) / count:.2f}]"
            )
    overall = {
        name: statistics.median(sum(timings[name, v][i] for v in VARIANTS) for i in range(repeats))
        for name in names
    }
    total = sum(len(found) for found in pages.values())
    results.raw["sample_pages"] = {variant: len(found) for variant, found in pages.items()}
    results.raw["parse_ms_per_page"] = {
        variant: {name: round(value, 3) for name, value in found.items()}
        for variant, found in per_page.items()
    }
    results.raw["parse_ms_per_page"]["overall"] = {
        name: round(1000 * value / total, 3) for name, value in overall.items()
    }
    results.raw["parse_vs_floor_overall"] = round(overall["followup"] / overall["floor"], 3)
    # Every pass, so that a reader can see how far this machine's noise reaches.
    results.raw["parse_pass_seconds"] = {
        variant: {name: [round(s, 4) for s in timings[name, variant]] for name in names}
        for variant in VARIANTS
    }
    say(
        f"  both variants: followup {1000 * overall['followup'] / total:.2f} ms/page, "
        f"floor {1000 * overall['floor'] / total:.2f} ms/page, parse_vs_floor "
        f"{overall['followup'] / overall['floor']:.2f}"
    )


def _variant_figures(results: Results, variant: str, ms: dict[str, float]) -> None:
    suffix = SUFFIX[variant]
    _ratio(
        results,
        f"parse_vs_floor{suffix}",
        ms["followup"],
        ms["floor"],
        f"followup {ms['followup']:.2f} ms/page, floor {ms['floor']:.2f} ms/page",
    )
    if "lexbor" in ms:
        _ratio(
            results,
            f"lexbor_vs_floor{suffix}",
            ms["lexbor"],
            ms["floor"],
            f"lexbor {ms['lexbor']:.2f} ms/page: the fastest any Python parser gets",
        )
    if "pandas" in ms:
        _ratio(
            results,
            f"pandas_vs_followup{suffix}",
            ms["pandas"],
            ms["followup"],
            f"pandas {ms['pandas']:.2f} ms/page",
        )


def _each(parse: Callable[[Page], object], pages: Sequence[Page]) -> Callable[[], object]:
    return lambda: [parse(page) for page in pages]


def profile_parsers(root: Path, records: Sequence[PageRecord], sample: int) -> None:
    for variant, pages in samples(root, records, sample).items():
        title = f"{len(pages)} {VARIANT_TITLES[variant]}"
        profile(f"followup on {title}", _each(followup, pages), sorts=("tottime", "cumulative"))
        profile(f"floor on {title}", _each(floor, pages), top=10)
