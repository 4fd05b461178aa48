"""Every exit code the program uses, in one place.

Scripts branch on these numbers, so they are part of the public contract and
documented in README; nothing in the CLI calls ``sys.exit`` with a bare
integer.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Process exit codes; several names share a value where meanings coincide."""

    OK = 0
    # Some input failed; the results of the others were still printed.
    INPUT_FAILED = 1
    # A failure that is not about one input (a measure not found, a bug).
    ERROR = 1
    # `diff --exit-code`: the two sides differ (git's convention).
    DIFFERENCES = 1
    # Bad command line; Typer reports these itself with this code.
    USAGE = 2
    # Ctrl-C: 128 + SIGINT, as shells report it.
    INTERRUPTED = 130


class CommandError(Exception):
    """A command cannot produce what was asked (not about one input file).

    The app prints it as one ``Error: ...`` line and exits with ``status``.
    """

    def __init__(self, message: str, status: ExitStatus = ExitStatus.ERROR) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
