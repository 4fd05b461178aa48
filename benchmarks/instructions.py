"""CPU instructions of each contender's parser pass, counted under valgrind's callgrind.

Wall time on a shared machine moves by a factor of two between runs;
instruction counts do not, so their ratios can be compared across runs and
machines. For each contender, three child processes run under
``valgrind --tool=callgrind``, identical up to the work measured:

1. *load*: start Python, import the contender, read the sample pages (both
   variants, from a manifest), warm up on the first three pages of each
   variant, collect garbage and clear the library's caches;
2. *plain*: the same, then one pass over the plain sample;
3. *frame*: the same, then one pass over the frame-heavy sample.

Each child leaves with ``os._exit`` right after its work, so the
interpreter's teardown is in none of the counts, and every child runs with
the same ``PYTHONHASHSEED``, so dictionaries and sets are laid out alike.
A pass's instructions are its run's total less the *load* run's, divided by
the sample's pages. The children run two at a time.

valgrind is installed from the system packages (``apt-get install -y
valgrind``) when it is missing and we are root; otherwise every count is
null and the run says why.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path

from contenders import INSTALL_HINTS, clear_caches, load, reader, spread
from report import Results, say

from corpus import VARIANTS, PageRecord

# Pages of each variant in the counted passes (callgrind runs Python some 50 times slower).
SAMPLE = 60
CONTENDERS = ("floor", "followup", "lexbor", "pandas")
PHASES = ("load", *VARIANTS)
_WARM_UP_PAGES = 3
_HASH_SEED = "20240601"


def _valgrind() -> str | None:
    """valgrind's path, installing it from the system packages if we may."""
    found = shutil.which("valgrind")
    if found or shutil.which("apt-get") is None or os.geteuid() != 0:
        return found
    say("  valgrind is missing: apt-get install -y valgrind")
    install = ["apt-get", "install", "-y", "valgrind"]
    for commands in ([install], [["apt-get", "update"], install]):
        for command in commands:
            subprocess.run(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
            )
        found = shutil.which("valgrind")
        if found:
            return found
    return None


def _count(valgrind: str, work: Path, root: Path, name: str, phase: str) -> int:
    """Instructions of one child run, read from callgrind's output file."""
    out = work / f"{name}.{phase}.callgrind"
    command = [
        valgrind,
        "--tool=callgrind",
        f"--callgrind-out-file={out}",
        sys.executable,
        str(Path(__file__).resolve()),
        str(work / "manifest.json"),
        str(root),
        name,
        phase,
    ]
    environment = dict(os.environ, PYTHONHASHSEED=_HASH_SEED)
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not out.exists():
        tail = " | ".join(done.stderr.strip().splitlines()[-3:])
        raise RuntimeError(f"{name} ({phase}): exit status {done.returncode}: {tail}")
    for line in out.read_text().splitlines():
        if line.startswith(("summary:", "totals:")):
            return int(line.split()[1])
    raise RuntimeError(f"{name} ({phase}): no totals in {out.name}")


def measure_instructions(root: Path, records: Sequence[PageRecord], results: Results) -> None:
    sample = [
        record
        for variant in VARIANTS
        for record in spread([r for r in records if r.variant == variant], SAMPLE)
    ]
    counts = {variant: sum(1 for r in sample if r.variant == variant) for variant in VARIANTS}
    results.instructions = {}
    say(
        f"instructions: callgrind, one pass over {counts['plain']} plain and "
        f"{counts['frame']} frame-heavy pages, less a run that only loads them"
    )
    valgrind = _valgrind()
    if valgrind is None:
        say("  valgrind is not installed and could not be (apt-get install -y valgrind, as root)")
        results.problems.append("no valgrind: instruction counts are null")
        return
    names = []
    for name in CONTENDERS:
        if reader(name) is None:
            say(f"  {name} is not installed ({INSTALL_HINTS[name]}): its counts are null")
        else:
            names.append(name)
    with tempfile.TemporaryDirectory(prefix="followup-callgrind-") as directory:
        work = Path(directory)
        (work / "manifest.json").write_text(json.dumps([asdict(r) for r in sample]))
        jobs = [(name, phase) for name in names for phase in PHASES]
        with ThreadPoolExecutor(max_workers=2) as pool:
            futures = {job: pool.submit(_count, valgrind, work, root, *job) for job in jobs}
        totals: dict[tuple[str, str], int] = {}
        for job, future in futures.items():
            try:
                totals[job] = future.result()
            except RuntimeError as error:
                say(f"  failed: {error}")
                results.problems.append(f"callgrind: {error}")
    per_page = {
        name: {
            variant: (totals[name, variant] - totals[name, "load"]) / counts[variant]
            for variant in VARIANTS
        }
        for name in names
        if all((name, phase) in totals for phase in PHASES)
    }
    for name, found in per_page.items():
        say(
            f"  {name:<9} "
            + "   ".join(
                f"{variant} {found[variant] / 1e6:6.2f} M instructions/page" for variant in VARIANTS
            )
            + f"   (start-up and loading {totals[name, 'load'] / 1e6:,.0f} M)"
        )
    _figures(results, per_page)
    results.instruction_counts = {
        "sample_pages": counts,
        "per_page": {
            name: {variant: round(value) for variant, value in found.items()}
            for name, found in per_page.items()
        },
        "load_run": {name: totals[name, "load"] for name in per_page},
    }


def _figures(results: Results, per_page: dict[str, dict[str, float]]) -> None:
    figures = results.instructions if results.instructions is not None else {}
    for variant in VARIANTS:
        suffix = "" if variant == "plain" else "_frame"
        pages = f"instructions/page, {variant}"
        for figure, top, bottom in (
            ("parse_vs_floor", "followup", "floor"),
            ("lexbor_vs_floor", "lexbor", "floor"),
            ("pandas_vs_followup", "pandas", "followup"),
        ):
            if top in per_page and bottom in per_page:
                up, down = per_page[top][variant], per_page[bottom][variant]
                figures[figure + suffix] = up / down
                results.instruction_details[figure + suffix] = (
                    f"{top} {up / 1e6:.2f} M, {bottom} {down / 1e6:.2f} M {pages}"
                )
            else:
                figures[figure + suffix] = None


def child(manifest: Path, root: Path, name: str, phase: str) -> None:
    """One counted run: load the pages, warm up, then one pass if ``phase`` is a variant."""
    records = [PageRecord(**row) for row in json.loads(manifest.read_text())]
    parse = reader(name)
    if parse is None:
        raise SystemExit(f"{name} is not installed")
    pages = load(root, records)
    by_variant = {v: [p for p in pages if p.record.variant == v] for v in VARIANTS}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for found in by_variant.values():
            for page in found[:_WARM_UP_PAGES]:
                parse(page)
        gc.collect()
        clear_caches()
        if phase != "load":
            for page in by_variant[phase]:
                parse(page)
    sys.stdout.flush()
    # Leave without the interpreter's teardown, which the load run would not match.
    os._exit(0)


if __name__ == "__main__":
    manifest_path, root_path, contender, work_phase = sys.argv[1:]
    child(Path(manifest_path), Path(root_path), contender, work_phase)
