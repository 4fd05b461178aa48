"""Whole-process measurements: wall time and peak memory of a command and its workers.

Peak memory is taken two ways, because neither alone sees everything:

- ``ru_maxrss`` of the command's children, read by a small helper process
  that starts the command, is the largest single process that ended inside
  the tree (the command, or a process pool's worker it waited for);
- polling ``/proc`` while the command runs gives each live descendant's
  ``VmHWM`` (its own peak) and the sum of their ``VmRSS`` (the whole tree at
  one moment), which also covers workers nobody waited for.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# Each poll reads /proc/*/stat (a few ms): rare enough not to slow what it watches.
_POLL_SECONDS = 0.25
_PROC = Path("/proc")


@dataclass(frozen=True)
class ProcessRun:
    """One finished command: exit code, wall seconds, peak memory in MB, stderr text."""

    returncode: int
    seconds: float
    # Largest single process in the tree (ru_maxrss via wait4, or a polled VmHWM).
    peak_process_mb: float
    # Largest sum of VmRSS over the live tree at one poll (0 when /proc is absent).
    peak_tree_mb: float
    processes_seen: int
    # The end of stderr (its last 64 KB).
    stderr: str
    # Lines the command wrote to stdout, when they were counted (else 0).
    stdout_lines: int = 0


def _status_kb(pid: int, field: str) -> int:
    try:
        text = (_PROC / str(pid) / "status").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith(field):
            return int(line.split()[1])
    return 0


def _descendants(root: int) -> list[int]:
    """``root`` and every live process below it, found from /proc/*/stat parent ids."""
    parents: dict[int, list[int]] = {}
    for entry in _PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: fields follow the last ")".
        fields = stat[stat.rfind(")") + 2 :].split()
        parents.setdefault(int(fields[1]), []).append(int(entry.name))
    found = [root]
    for pid in found:
        found.extend(parents.get(pid, ()))
    return found


# Started between us and the command, so that the command's ru_maxrss is its own:
# Linux folds the pre-exec size of the forking process into the child's maxrss,
# and this benchmark's process holds whole corpora and pandas. A bare Python
# forking is smaller than any command measured here.
# With "count" first, it reads the command's stdout and counts its lines instead of
# sending it to /dev/null.
_HELPER = """
import json, resource, subprocess, sys, time
count = sys.argv[1] == "count"
start = time.perf_counter()
lines = 0
if count:
    child = subprocess.Popen(sys.argv[2:], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
    while chunk := child.stdout.read(1 << 20):
        lines += chunk.count(b"\\n")
    code = child.wait()
else:
    code = subprocess.call(sys.argv[2:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"returncode": code, "seconds": seconds, "maxrss_kb": usage.ru_maxrss,
                  "lines": lines}))
"""
_STDERR_KEPT = 65_536


def run_measured(command: Sequence[str], *, count_lines: bool = False) -> ProcessRun:
    """Run ``command`` to the end with stdout to /dev/null (or counted); time it and its memory."""
    polling = _PROC.is_dir()
    peak_process_kb = 0
    peak_tree_kb = 0
    seen: set[int] = set()
    with tempfile.TemporaryFile() as errors:
        helper = subprocess.Popen(
            [sys.executable, "-c", _HELPER, "count" if count_lines else "drop", *command],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=errors,
        )
        while helper.poll() is None:
            if polling:
                tree_kb = 0
                # The helper itself is left out: only the command and its workers count.
                for pid in _descendants(helper.pid)[1:]:
                    seen.add(pid)
                    peak_process_kb = max(peak_process_kb, _status_kb(pid, "VmHWM:"))
                    tree_kb += _status_kb(pid, "VmRSS:")
                peak_tree_kb = max(peak_tree_kb, tree_kb)
            time.sleep(_POLL_SECONDS)
        output, _ = helper.communicate()
        outcome = json.loads(output)
        size = errors.seek(0, 2)
        errors.seek(max(0, size - _STDERR_KEPT))
        stderr = errors.read().decode("utf-8", "replace")
    # Linux reports ru_maxrss in kilobytes.
    peak_process_kb = max(peak_process_kb, outcome["maxrss_kb"])
    return ProcessRun(
        returncode=outcome["returncode"],
        seconds=outcome["seconds"],
        peak_process_mb=peak_process_kb / 1024,
        peak_tree_mb=peak_tree_kb / 1024,
        processes_seen=len(seen),
        stderr=stderr,
        stdout_lines=outcome["lines"],
    )


def median_latency(commands: Sequence[Sequence[str]], runs: int) -> list[float]:
    """Median wall seconds of each command over ``runs`` rounds, run in turn each round.

    Interleaving the commands spreads any slow moment of the machine over all
    of them instead of one. A first untimed round warms the file cache.
    """
    timings: list[list[float]] = [[] for _ in commands]
    for round_number in range(runs + 1):
        for index, command in enumerate(commands):
            start = time.perf_counter()
            subprocess.run(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=True,
            )
            if round_number:
                timings[index].append(time.perf_counter() - start)
    return [statistics.median(times) for times in timings]
