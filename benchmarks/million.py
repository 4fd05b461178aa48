"""Peak memory over an archive of a million pages: links to (or copies of) the corpus, as a tree.

A researcher's archive is many folders (a city, a capture, a fiscal year)
of a few thousand files each. The tree built here has that shape: under
``gNN/cityNNN/`` are the corpus's pages of one city, linked again under
names of their own (``p00012-c07.html``: the page's name and the copy's
number, which names no fiscal year) until each folder holds about
``FILES_PER_FOLDER`` files. Links cost a directory entry each, not the
page's bytes, so a million pages take seconds to lay out and little disk.

``followup list TREE --format jsonl --jobs 2`` then reads the whole tree
with stdout to /dev/null; ``peak_rss_mb_million`` is the largest single
process's peak (the parent or a worker), as ``peak_rss_mb`` is at 20,000.

followup reads a file once however many names it has (it knows a file by
its device and inode), so over hard links it parses each corpus page once
and warns "the same file as ..." for every other name: the walk and the
warnings are a million, the parsed records only the corpus's. It also
reads identical bytes once, so ``copies`` writes real copies that differ by
a trailing comment naming the copy (``<!-- copy 7 -->``, which no parser
reads as content): every name is then a page parsed and a record written,
at the cost of the corpus's size on disk for every time it is repeated. The
run says how many records followup wrote.
"""

from __future__ import annotations

import os
import shutil
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from processes import run_measured
from report import Results, say
from scale import console_script

from corpus import PageRecord

MILLION = 1_000_000
FILES_PER_FOLDER = 2_000


def link_tree(
    pages: Path, records: Sequence[PageRecord], tree: Path, count: int, *, copies: bool = False
) -> int:
    """Lay out ``count`` hard links to (or copies of) the corpus's pages; return the folders."""

    def place(source: Path, target: Path, copy: int) -> None:
        if copies:
            target.write_bytes(source.read_bytes() + f"<!-- copy {copy} -->\n".encode("ascii"))
        else:
            os.link(source, target)

    by_city: dict[str, list[str]] = defaultdict(list)
    for record in records:
        city, _, name = record.path.rpartition("/")
        by_city[city].append(name)
    folders: set[Path] = set()
    made = 0
    copy = 0
    while made < count:
        for city, names in by_city.items():
            group = copy * len(names) // FILES_PER_FOLDER
            folder = tree / f"g{group:02d}" / city
            if folder not in folders:
                folder.mkdir(parents=True, exist_ok=True)
                folders.add(folder)
            source = pages / city
            for name in names[: count - made]:
                stem, dot, suffix = name.rpartition(".")
                place(source / name, folder / f"{stem}-c{copy:02d}{dot}{suffix}", copy)
            made += min(len(names), count - made)
            if made >= count:
                break
        copy += 1
    return len(folders)


def _enough_disk(tree: Path, records: Sequence[PageRecord], count: int) -> bool:
    mean = sum(r.size for r in records) / len(records)
    # Each copy takes whole 4 KB blocks; twice that leaves room for everyone else.
    needed = 2 * count * (mean + 4096)
    free = shutil.disk_usage(tree.parent).free
    if free >= needed:
        return True
    say(
        f"  copies of {count:,} pages need about {needed / 2e9:.1f} GB and leave room for "
        f"others only with {needed / 1e9:.1f} GB free; {free / 1e9:.1f} GB are"
    )
    return False


def measure_million(
    pages: Path,
    records: Sequence[PageRecord],
    tree: Path,
    count: int,
    results: Results,
    *,
    copies: bool = False,
) -> None:
    if not console_script().exists():
        return
    if copies and not _enough_disk(tree, records, count):
        results.problems.append(f"no room to copy {count:,} pages")
        return
    start = time.perf_counter()
    kind = "copies of" if copies else "hard links to"
    try:
        folders = link_tree(pages, records, tree, count, copies=copies)
        say(
            f"million: {count:,} {kind} the {len(records):,} pages in {folders:,} folders, "
            f"laid out in {time.perf_counter() - start:.0f} s; followup list TREE --format jsonl "
            "--jobs 2, stdout counted and dropped"
        )
        run = run_measured(
            [str(console_script()), "list", str(tree), "--format", "jsonl", "--jobs", "2"],
            count_lines=True,
        )
    finally:
        shutil.rmtree(tree, ignore_errors=True)
    if run.returncode != 0:
        tail = " | ".join(run.stderr.strip().splitlines()[-3:])
        say(f"  exit status {run.returncode}: {tail}")
        results.problems.append(f"followup list over {count:,} pages failed")
        return
    rate = count / run.seconds
    # Over links, followup parses each corpus page once: the rate is of names walked.
    unit = "pages/s" if copies else "names/s"
    parsed = count if copies else min(count, len(records))
    say(
        f"  {run.seconds:7.0f} s  {rate:5.0f} {unit}  largest process "
        f"{run.peak_process_mb:6.1f} MB  tree {run.peak_tree_mb:6.1f} MB  "
        f"({run.processes_seen} processes)"
    )
    say(f"  followup wrote {run.stdout_lines:,} records (one a measure) for {count:,} names")
    results.figures["peak_rss_mb_million"] = run.peak_process_mb
    results.details["peak_rss_mb_million"] = (
        f"largest single process over {count:,} {kind} pages ({parsed:,} parsed); "
        f"whole tree {run.peak_tree_mb:.0f} MB, {rate:.0f} {unit}"
    )
    results.raw.update(
        million_pages=count,
        million_seconds=round(run.seconds, 1),
        million_names_per_second=round(rate, 1),
        million_pages_parsed=parsed,
        million_peak_process_mb=round(run.peak_process_mb, 1),
        million_peak_tree_mb=round(run.peak_tree_mb, 1),
        million_records=run.stdout_lines,
        million_copies=copies,
    )
