"""Parsing many files on several cores, results in input order.

Sources stream in (a folder is walked as it is read); consecutive ones are
cut into batches of :data:`BATCH_SIZE` files, each worker parses a batch and
sends back, per file, the digest of its bytes and its Report, rendering or
FollowupError. At most a few batches per worker are in flight, and the
sources between them wait beside them, so memory stays flat however many
pages a run reads, and output order is the order of the inputs, exactly as
with one process.

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
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult

from followup_cli.corpus.reading import PageTask, Parsed
from followup_cli.corpus.sources import Source, SourceItem

# Files per task: large enough that inter-process traffic is small next to
# parsing, small enough that the first results arrive at once.
BATCH_SIZE = 32
# A batch is sent with fewer files when this many other items (warnings,
# URLs) wait in it, so they are not held back without bound.
BATCH_ITEMS = 4 * BATCH_SIZE
# Batches queued per worker, so none waits while the parent writes output.
BATCHES_IN_FLIGHT_PER_WORKER = 3
# From <linux/prctl.h>.
_PR_SET_PDEATHSIG = 1
# How often a worker without PR_SET_PDEATHSIG looks for its parent.
_PARENT_WATCH_SECONDS = 0.5

# The task of this worker process, set once when it starts.
_task = PageTask()


def _parse_batch(sources: list[Source]) -> list[Parsed]:
    return [_task.read(source) for source in sources]


def _start_worker(parent: int, task: PageTask) -> None:
    global _task  # noqa: PLW0603 - one task per worker process, set at its start
    _task = task
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


def read_in_order(
    items: Iterable[SourceItem], task: PageTask, jobs: int
) -> Iterator[tuple[SourceItem, Parsed | None]]:
    """Each item in order, with what ``task`` gave for it when it is a file (else None)."""
    # fork starts workers in milliseconds and shares the imported parser;
    # elsewhere the platform's default start method is used.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    # Each batch: its items in order, and the results of its files.
    pending: deque[tuple[list[SourceItem], AsyncResult[list[Parsed]] | None]] = deque()
    limit = jobs * BATCHES_IN_FLIGHT_PER_WORKER
    pool = context.Pool(jobs, initializer=_start_worker, initargs=(os.getpid(), task))
    try:
        for members in _batches(items):
            files = [item for item in members if _pooled(item)]
            # A batch of warnings alone waits its turn without a trip to a worker.
            result = pool.apply_async(_parse_batch, (files,)) if files else None
            pending.append((members, result))
            if len(pending) >= limit:
                yield from _results(*pending.popleft())
        while pending:
            yield from _results(*pending.popleft())
        pool.close()
        pool.join()
    finally:
        # Whatever stopped us, no worker is left behind.
        with contextlib.suppress(Exception):
            pool.terminate()
            pool.join()


def _pooled(item: SourceItem) -> bool:
    return isinstance(item, Source) and item.kind == "file"


def _batches(items: Iterable[SourceItem]) -> Iterator[list[SourceItem]]:
    members: list[SourceItem] = []
    files = 0
    for item in items:
        members.append(item)
        files += _pooled(item)
        if files >= BATCH_SIZE or len(members) >= BATCH_ITEMS:
            yield members
            members, files = [], 0
    if members:
        yield members


def _results(
    members: list[SourceItem], outcomes: AsyncResult[list[Parsed]] | None
) -> Iterator[tuple[SourceItem, Parsed | None]]:
    parsed = iter(outcomes.get() if outcomes is not None else ())
    for item in members:
        yield item, next(parsed) if _pooled(item) else None
