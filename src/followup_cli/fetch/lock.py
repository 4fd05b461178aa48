"""One writer per archive: a lock file that a second `followup fetch` finds taken.

The lock is ``flock`` on ``DIR/.followup-fetch.lock``, so it is released by
the kernel when the process ends, however it ends (a SIGKILL included):
a stale lock file never blocks the next run. The file holds the writer's
process id and start time, for the message the second run prints.
"""

from __future__ import annotations

import fcntl
import os
import time

from followup_cli.errors import FollowupError
from followup_cli.fetch.manifest import utc_now

LOCK_NAME = ".followup-fetch.lock"


class ArchiveBusyError(FollowupError):
    """Another process is writing to the archive."""


def acquire(root_fd: int, shown: str, *, wait: float = 0.0) -> int:
    """Take the archive's lock, waiting up to ``wait`` seconds; the lock's descriptor.

    ArchiveBusyError when another process holds it past the wait.
    """
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
    fd = os.open(LOCK_NAME, flags, 0o644, dir_fd=root_fd)
    give_up = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= give_up:
                holder = _holder(fd)
                os.close(fd)
                raise ArchiveBusyError(
                    shown,
                    f"another followup fetch is writing to this archive{holder}; "
                    "run this one when it has finished",
                ) from None
            time.sleep(0.1)
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"pid {os.getpid()} since {utc_now()}\n".encode(), 0)
    return fd


def release(fd: int) -> None:
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


def _holder(fd: int) -> str:
    try:
        text = os.pread(fd, 200, 0).decode("utf-8", errors="replace").strip()
    except OSError:
        return ""
    return f" ({text})" if text else ""
