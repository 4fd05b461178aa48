"""Every exit code the program uses, in one place.

Scripts branch on these numbers, so they are part of the public contract and
documented in README; nothing in the CLI calls ``sys.exit`` with a bare
integer.
"""

from __future__ import annotations

from enum import IntEnum, unique


@unique
class ExitStatus(IntEnum):
    """Process exit codes, one name per value (``@unique``).

    1 means "something failed" to every command, and also "the years differ"
    to ``diff --exit-code`` (git's convention): that second meaning is
    :class:`DiffExitStatus`, so a failing test names the meaning it expected.
    """

    OK = 0
    # Some input failed (the results of the others were still printed), or
    # the command failed as a whole (a measure not found, a bug).
    FAILED = 1
    # Bad command line; Typer reports these itself with this code.
    USAGE = 2
    # Ended by a signal: 128 + its number, as shells report it (the numbers
    # are POSIX's, written out so the module loads where signal lacks SIGHUP).
    HANGUP = 128 + 1
    INTERRUPTED = 128 + 2
    TERMINATED = 128 + 15


@unique
class DiffExitStatus(IntEnum):
    """``followup diff --exit-code``: whether the two years differ."""

    SAME = 0
    DIFFERENT = 1


def signal_status(signum: int) -> ExitStatus:
    """The exit status of a run ended by signal ``signum``."""
    return ExitStatus(128 + signum)


class CommandError(Exception):
    """A command cannot produce what was asked (not about one input file).

    The app prints it as one ``Error: ...`` line and exits with ``status``.
    """

    def __init__(self, message: str, status: ExitStatus = ExitStatus.FAILED) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class StdoutWriteError(CommandError):
    """Standard output refused what was written (a full disk behind ``>``)."""
