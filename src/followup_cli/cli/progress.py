"""The one progress bar: pages read out of pages found, on standard error.

Drawn only when standard error is a terminal and enough pages are read for
it to help; transient, so the terminal is left as it was.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from rich.progress import Progress

    from followup_cli.cli.environment import Environment
    from followup_cli.cli.messages import Reporter

T = TypeVar("T")

# Below this many inputs a run is too quick for a progress bar to help.
PROGRESS_THRESHOLD = 20

# The bar being drawn, if any: a run ended by a signal or a closed pipe clears
# it at once, before the suspended generator that owns it is collected.
_drawn: list[Progress] = []


def stop_progress() -> None:
    """Clear the progress bar from the terminal, if one is drawn."""
    while _drawn:
        with contextlib.suppress(Exception):
            _drawn.pop().stop()


def with_progress(
    items: Iterator[T], total: int, env: Environment, reporter: Reporter
) -> Iterator[T]:
    """``items`` unchanged, advancing a bar of ``total`` steps for each."""
    # Imported here: rich.progress costs import time most runs never need.
    from rich.console import Console  # noqa: PLC0415 - startup time
    from rich.progress import (  # noqa: PLC0415 - startup time
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
    )

    console = Console(
        file=env.stderr,
        force_terminal=True,
        no_color=env.no_color,
        highlight=False,
        emoji=False,
        markup=False,
    )
    progress = Progress(
        TextColumn("Reading pages"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    )
    with progress:
        task = progress.add_task("read", total=total)
        reporter.console = console
        _drawn.append(progress)
        try:
            for item in items:
                # Advance before handing on: a warning printed for this item
                # then lands above an up-to-date bar.
                progress.advance(task)
                yield item
        finally:
            reporter.console = None
            if progress in _drawn:
                _drawn.remove(progress)
