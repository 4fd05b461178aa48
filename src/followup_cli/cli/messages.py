"""Lines for the user on standard error: errors and parser warnings.

Standard output carries only data; everything said to the user goes through
one :class:`Reporter`, which also counts failed inputs for the exit status.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from followup_cli.cli.safe_text import terminal_text
from followup_cli.cli.status import ExitStatus
from followup_cli.errors import FollowupError

if TYPE_CHECKING:
    from rich.console import Console


class Reporter:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.failures = 0
        # While a progress bar is drawn, lines go through its console so they
        # appear above the bar instead of through it.
        self.console: Console | None = None

    def failed(self, error: FollowupError) -> None:
        """One input failed; the run goes on and exits with INPUT_FAILED."""
        self.failures += 1
        self.error(str(error))

    def error(self, message: str) -> None:
        self._line(f"Error: {message}")

    def warning(self, source: str, message: str) -> None:
        self._line(f"warning: {source}: {message}")

    @property
    def exit_status(self) -> ExitStatus:
        return ExitStatus.FAILED if self.failures else ExitStatus.OK

    def _line(self, text: str) -> None:
        # File names and reasons can quote page text: it must not act on the terminal.
        text = terminal_text(text).replace("\n", " ")
        if self.console is not None:
            from rich.text import Text  # noqa: PLC0415 - startup time

            self.console.print(Text(text), soft_wrap=True)
            return
        self._stream.write(text + "\n")
        self._stream.flush()
