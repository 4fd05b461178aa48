"""From the PATHS on the command line to parsed reports, for a command.

Reading is the library's (:func:`followup_cli.corpus.read_sources`); here its
failures and warnings become lines on stderr, and a progress bar is drawn
when many pages are read on a terminal.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from followup_cli.cli.progress import PROGRESS_THRESHOLD, with_progress
from followup_cli.corpus import SourceWarning, available_cores, find_sources, read_sources
from followup_cli.errors import FollowupError
from followup_cli.model import Report

if TYPE_CHECKING:
    from followup_cli.cli.environment import Environment
    from followup_cli.cli.messages import Reporter


def read_reports(
    arguments: Sequence[str],
    env: Environment,
    reporter: Reporter,
    *,
    jobs: int | None = None,
    allow_progress: bool = True,
    page_year: int | None = None,
) -> Iterator[Report]:
    """The reports that parsed; failures and warnings go to the reporter.

    ``jobs`` processes parse the files (None: one per core).
    """
    sources = find_sources(arguments)
    outcomes = read_sources(
        sources,
        jobs=jobs if jobs is not None else available_cores(),
        stdin=env.stdin,
        page_year=page_year,
    )
    if allow_progress and env.stderr_isatty and sources.count > PROGRESS_THRESHOLD:
        outcomes = with_progress(outcomes, sources.count, env, reporter)
    for outcome in outcomes:
        if isinstance(outcome, FollowupError):
            reporter.failed(outcome)
        elif isinstance(outcome, SourceWarning):
            reporter.warning(outcome.source, outcome.message)
        else:
            for warning in outcome.warnings:
                reporter.warning(outcome.source, warning)
            yield outcome
