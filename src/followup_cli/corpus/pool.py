"""Parsing many files on several cores, results in input order.

Each worker parses a small batch of files and sends back, per file, the
digest of its bytes and its Report (or FollowupError); at most a few batches
per worker are in flight, so memory stays flat however many pages a run
reads, and output order is the order of the inputs, exactly as with one
process.

Workers never outlive the process that started them: on Linux the kernel
sends them SIGKILL when it dies (PR_SET_PDEATHSIG), whatever killed it, even
SIGKILL; elsewhere a thread in each worker watches the parent's pid. When
reading stops early (an error, Ctrl-C, a closed pipe), the pool is
terminated at once rather than left to finish its queue.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from multiprocessing.pool import AsyncResult

from followup_cli.corpus.reading import Parsed, UrlReader, _read_here
from followup_cli.corpus.sources import Source

# Files per task: large enough that inter-process traffic is small next to
# parsing, small enough that the first results arrive at once.
BATCH_SIZE = 32
# Batches queued per worker, so none waits while the parent writes output.
BATCHES_IN_FLIGHT_PER_WORKER = 3
# From <linux/prctl.h>.
_PR_SET_PDEATHSIG = 1
# How often a worker without PR_SET_PDEATHSIG looks for its parent.
_PARENT_WATCH_SECONDS = 0.5


def _parse_batch(sources: Sequence[Source]) -> list[Parsed]:
    urls = UrlReader()
    return [_read_here(source, None, urls) for source in sources]


def _start_worker(parent: int) -> None:
    # Ctrl-C reaches the whole process group: the parent handles it and
    # terminates the pool; a worker printing its own traceback would only
    # clutter the terminal.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent's own handlers (SIGTERM ending it like Ctrl-C) are not for
    # workers: terminating the pool must simply end them.
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, signal.SIG_DFL)
    if not _die_with_parent():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:
        # The parent died before the request above took effect.
        os._exit(1)


def _die_with_parent() -> bool:
    """Ask the kernel to SIGKILL this process when its parent dies (Linux)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        # The running program's own symbols include libc's: no library search
        # (ctypes.util.find_library would start ldconfig in every worker).
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_PARENT_WATCH_SECONDS)
    os._exit(1)


def parse_files(sources: Sequence[Source], jobs: int) -> Iterator[Parsed]:
    """Each file's digest and Report or FollowupError, in the order of ``sources``."""
    # fork starts workers in milliseconds and shares the imported parser;
    # elsewhere the platform's default start method is used.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    batches = [
        sources[start : start + BATCH_SIZE] for start in range(0, len(sources), BATCH_SIZE)
    ]
    pending: deque[AsyncResult[list[Parsed]]] = deque()
    limit = jobs * BATCHES_IN_FLIGHT_PER_WORKER
    pool = context.Pool(jobs, initializer=_start_worker, initargs=(os.getpid(),))
    try:
        queued = iter(batches)
        for batch in queued:
            pending.append(pool.apply_async(_parse_batch, (batch,)))
            if len(pending) >= limit:
                break
        while pending:
            outcomes = pending.popleft().get()
            next_batch = next(queued, None)
            if next_batch is not None:
                pending.append(pool.apply_async(_parse_batch, (next_batch,)))
            yield from outcomes
        pool.close()
        pool.join()
    finally:
        # Whatever stopped us, no worker is left behind.
        with contextlib.suppress(Exception):
            pool.terminate()
            pool.join()
