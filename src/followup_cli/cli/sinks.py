"""Where command output goes: standard output, or a file that appears whole.

A write that fails is one Error line naming what could not be written; an
``--output`` file replaces the old one only once everything is written.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from followup_cli.cli.status import CommandError, StdoutWriteError
from followup_cli.file_modes import replacement_mode

if TYPE_CHECKING:
    from followup_cli.cli.environment import Environment


@contextlib.contextmanager
def text_sink(path: Path | None, env: Environment) -> Iterator[TextIO]:
    """Standard output, or the --output file replaced once everything is written."""
    if path is None:
        with stdout_errors():
            yield env.stdout
            env.stdout.flush()
        return
    with atomic_text_file(path) as out:
        yield out


@contextlib.contextmanager
def stdout_errors() -> Iterator[None]:
    """A write to standard output that fails (a full disk behind ``>``) is one Error line.

    A closed pipe is not an error: it goes on to end the run quietly.
    """
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        raise StdoutWriteError(
            f"cannot write to standard output: {error.strerror or error}"
        ) from error


@contextlib.contextmanager
def atomic_text_file(path: Path) -> Iterator[TextIO]:
    """A UTF-8 file that replaces ``path`` only if the block completes.

    The temporary file sits beside ``path`` (same file system, so the rename
    is atomic); on any failure it is removed and ``path`` is left as it was.
    """
    # tempfile pulls in random and hashlib: only runs with --output pay for them.
    import tempfile  # noqa: PLC0415 - startup time

    directory = path.parent
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=directory, prefix=f".{path.name}.", suffix=".part"
        )
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror or error}") from error
    try:
        with open(  # noqa: PTH123 (os-level descriptor from mkstemp)
            descriptor, "w", encoding="utf-8", newline="", errors="backslashreplace"
        ) as out:
            try:
                yield out
                out.flush()
                os.fsync(out.fileno())
            except OSError as error:
                # Disk full, quota, file too large, a read-only remount: said
                # in words, naming the file, which is left as it was.
                _drop_buffer(out)
                raise CommandError(f"cannot write {path}: {error.strerror or error}") from error
        os.chmod(temporary, replacement_mode(path))  # noqa: PTH101 (a str path from mkstemp)
        os.replace(temporary, path)  # noqa: PTH105
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)  # noqa: PTH108
        raise


def _drop_buffer(out: TextIO) -> None:
    # Closing would flush what the disk just refused, and fail again.
    with contextlib.suppress(OSError, ValueError):
        descriptor = out.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, descriptor)
        os.close(devnull)
