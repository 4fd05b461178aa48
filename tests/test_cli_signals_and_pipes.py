"""Signals, closed pipes and full disks, through a real `followup` process.

These need a process of their own: a signal, a pipe closed by `head` or a
write refused by the disk cannot be played inside the test's own process.
Each test checks what is left behind: the old output file, temporary
files, and worker processes.
"""

from __future__ import annotations

import os
import pty
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cli_support import REPO_ROOT, distinct_pages
from followup_cli.cli.progress import PROGRESS_THRESHOLD
from followup_cli.cli.status import ExitStatus

FOLLOWUP = [sys.executable, "-m", "followup_cli"]
OLD_OUTPUT = '{"the": "previous output"}\n'


def _children(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text(encoding="utf-8")
        except OSError:
            continue
        fields = dict(line.split(":\t", 1) for line in status.splitlines() if ":\t" in line)
        if fields.get("PPid", "").strip() == str(pid) and not fields.get("State", "").startswith(
            "Z"
        ):
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _wait_for(condition: Callable[[], bool], what: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


@pytest.fixture
def stalled_run(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], Path, list[int]]]:
    """`followup list -j 2 PAGES FIFO -o out.jsonl`, stalled on the FIFO.

    Twenty pages keep a pool of two workers busy first; the FIFO has a writer
    (this test) that never writes, so the run then waits for ever with its
    workers alive and its temporary output file open: the moment to signal.
    """
    pages = tmp_path / "pages"
    pages.mkdir()
    distinct_pages(pages, 20)
    fifo = tmp_path / "slow.html"
    os.mkfifo(fifo)
    writer = os.open(fifo, os.O_RDWR)
    output = tmp_path / "out.jsonl"
    output.write_text(OLD_OUTPUT, encoding="utf-8")
    process = subprocess.Popen(
        [*FOLLOWUP, "list", str(pages), str(fifo), "-j", "2", "-f", "jsonl", "-o", str(output)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(lambda: len(_children(process.pid)) >= 2, "two workers")
        _wait_for(lambda: any(tmp_path.glob(".out.jsonl.*.part")), "the temporary output")
        workers = _children(process.pid)
        yield process, output, workers
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
        os.close(writer)


@pytest.mark.parametrize(
    ("signum", "status"),
    [
        (signal.SIGTERM, ExitStatus.TERMINATED),
        (signal.SIGHUP, ExitStatus.HANGUP),
        (signal.SIGINT, ExitStatus.INTERRUPTED),
    ],
)
def test_a_signal_ends_the_run_like_ctrl_c(
    stalled_run: tuple[subprocess.Popen[bytes], Path, list[int]],
    signum: signal.Signals,
    status: ExitStatus,
) -> None:
    process, output, workers = stalled_run
    process.send_signal(signum)
    _, err = process.communicate(timeout=30)
    assert process.returncode == status, err.decode()
    assert b"Traceback" not in err
    assert output.read_text(encoding="utf-8") == OLD_OUTPUT
    assert list(output.parent.glob(".out.jsonl.*")) == []
    _wait_for(lambda: not any(_alive(pid) for pid in workers), "the workers to end", 10)


def test_workers_do_not_outlive_a_killed_parent(
    stalled_run: tuple[subprocess.Popen[bytes], Path, list[int]],
) -> None:
    process, output, workers = stalled_run
    assert len(workers) >= 2
    process.kill()
    process.wait(timeout=30)
    # Nothing in the parent ran: the kernel ends the workers (PR_SET_PDEATHSIG).
    _wait_for(lambda: not any(_alive(pid) for pid in workers), "the workers to end", 10)
    assert output.read_text(encoding="utf-8") == OLD_OUTPUT


def test_a_closed_pipe_ends_the_run_quietly_with_success(tmp_path: Path) -> None:
    # 300 pages of JSON lines: far more than a pipe holds, so writing hits the close.
    distinct_pages(tmp_path, 300)
    master, slave = pty.openpty()
    with subprocess.Popen(
        [*FOLLOWUP, "list", str(tmp_path), "-f", "jsonl", "-j", "1"],
        stdout=subprocess.PIPE,
        stderr=slave,
    ) as process:
        os.close(slave)
        assert process.stdout is not None
        assert process.stdout.readline().startswith(b'{"source": ')
        # The bar is drawn once more pages than PROGRESS_THRESHOLD are read
        # (how many there are is not known ahead): read on until it is.
        sources: set[bytes] = set()
        while len(sources) <= PROGRESS_THRESHOLD + 1:
            sources.add(process.stdout.readline().split(b'"', 4)[3])
        process.stdout.close()
        process.wait(timeout=60)
    terminal = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        terminal += chunk
    os.close(master)
    assert process.returncode == ExitStatus.OK, terminal.decode(errors="replace")
    assert b"Error" not in terminal
    assert b"Traceback" not in terminal
    # The progress bar was drawn on the terminal (stderr), and then erased:
    # the last thing written is the erase of its line, the cursor shown again.
    assert b"Reading pages" in terminal
    last_bar = terminal.rindex(b"Reading pages")
    assert b"\x1b[?25h" in terminal[last_bar:]
    assert terminal.endswith(b"\x1b[2K")


def test_a_full_disk_behind_stdout_is_one_error_line() -> None:
    with Path("/dev/full").open("wb") as full:
        result = subprocess.run(
            [*FOLLOWUP, "list", "samples/minatono/", "-f", "json"],
            stdout=full,
            stderr=subprocess.PIPE,
            cwd=REPO_ROOT,
            check=False,
        )
    assert result.returncode == ExitStatus.FAILED
    assert result.stderr.decode() == (
        "Error: cannot write to standard output: No space left on device\n"
    )


def _small_file_limit() -> None:
    # What a full disk or quota does to a write, in a way a test can arrange:
    # writes past 2,000 bytes fail (EFBIG) instead of raising SIGXFSZ.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))


def test_a_write_refused_half_way_names_the_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    output = tmp_path / "out.json"
    output.write_text(OLD_OUTPUT, encoding="utf-8")
    result = subprocess.run(
        [*FOLLOWUP, "list", "samples/minatono/", "-o", str(output)],
        capture_output=True,
        cwd=REPO_ROOT,
        preexec_fn=_small_file_limit,
        check=False,
    )
    assert result.returncode == ExitStatus.FAILED
    assert result.stderr.decode() == f"Error: cannot write {output}: File too large\n"
    assert output.read_text(encoding="utf-8") == OLD_OUTPUT
    assert list(tmp_path.iterdir()) == [output]
