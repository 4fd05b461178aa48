"""The one progress bar: pages read so far, on standard error.

Drawn only when standard error is a terminal and enough pages are read for
it to help; transient, so the terminal is left as it was. Folders are walked
as they are read, so how many pages there will be is not known until the
end: the bar counts the pages read (and inputs failed) and the time taken,
and pulses rather than filling.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

    from followup_cli.cli.environment import Environment
    from followup_cli.cli.messages import Reporter

# Below this many inputs a run is too quick for a progress bar to help.
PROGRESS_THRESHOLD = 20

# The bar being drawn, if any: a run ended by a signal or a closed pipe clears
# it at once, before the suspended generator that owns it is collected.
_drawn: list[RichProgress] = []


def stop_progress() -> None:
    """Clear the progress bar from the terminal, if one is drawn."""
    while _drawn:
        with contextlib.suppress(Exception):
            _drawn.pop().stop()


class Progress:
    """Counts inputs read; draws the bar once more than PROGRESS_THRESHOLD are."""

    def __init__(self, env: Environment, reporter: Reporter) -> None:
        self._env = env
        self._reporter = reporter
        self._count = 0
        self._bar: tuple[RichProgress, TaskID] | None = None

    def advance(self) -> None:
        """One more input read (or failed)."""
        self._count += 1
        if self._bar is None:
            if self._count > PROGRESS_THRESHOLD:
                self._bar = self._start()
            return
        progress, task = self._bar
        progress.update(task, completed=self._count)

    def stop(self) -> None:
        if self._bar is None:
            return
        progress, task = self._bar
        progress.update(task, completed=self._count)
        self._reporter.console = None
        if progress in _drawn:
            _drawn.remove(progress)
        progress.stop()
        self._bar = None

    def _start(self) -> tuple[RichProgress, TaskID]:
        # Imported here: rich.progress costs import time most runs never need.
        from rich.console import Console  # noqa: PLC0415 - startup time
        from rich.progress import (  # noqa: PLC0415 - startup time
            BarColumn,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.progress import Progress as RichProgress  # noqa: PLC0415 - startup time

        console = Console(
            file=self._env.stderr,
            force_terminal=True,
            no_color=self._env.no_color,
            highlight=False,
            emoji=False,
            markup=False,
        )
        progress = RichProgress(
            TextColumn("Reading pages"),
            BarColumn(),
            TextColumn("{task.completed:,.0f} read"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        progress.start()
        task = progress.add_task("read", total=None, completed=self._count)
        # A warning printed from now on lands above the bar, not through it.
        self._reporter.console = console
        _drawn.append(progress)
        return progress, task
