"""From the PATHS on the command line to parsed reports, for a command.

Reading is the library's (:func:`followup_cli.corpus.read_sources`); here its
failures and warnings become lines on stderr, and a progress bar is drawn
when many pages are read on a terminal.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from followup_cli.cli.progress import PROGRESS_THRESHOLD, with_progress
from followup_cli.cli.status import CommandError
from followup_cli.corpus import (
    Source,
    Sources,
    SourceWarning,
    available_cores,
    find_sources,
    read_sources,
)
from followup_cli.errors import FollowupError
from followup_cli.model import Report
from followup_cli.years import era_label

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
    output: Path | None = None,
    year: int | None = None,
) -> Iterator[Report]:
    """The reports that parsed; failures and warnings go to the reporter.

    ``jobs`` processes parse the files (None: one per core); ``page_year``
    is the fiscal year of pages that do not tell their own. ``output``, the
    --output file, may not be one of the inputs (refused before anything is
    read), and is not replaced when no page at all could be read: iterating
    then ends in a CommandError, inside the writing, which discards it.
    ``year``, the --year selector, is checked against what was read: a page
    of unknown year is named (it would be left out in silence), and a year
    no page has is said, with the years that were found.
    """
    sources = find_sources(arguments)
    if output is not None:
        refuse_output_among_inputs(output, sources)
    outcomes = read_sources(
        sources,
        jobs=jobs if jobs is not None else available_cores(),
        stdin=env.stdin,
        page_year=page_year,
    )
    if allow_progress and env.stderr_isatty and sources.count > PROGRESS_THRESHOLD:
        outcomes = with_progress(outcomes, sources.count, env, reporter)
    read = 0
    years = YearCheck(year, reporter)
    for outcome in outcomes:
        if isinstance(outcome, FollowupError):
            reporter.failed(outcome)
        elif isinstance(outcome, SourceWarning):
            reporter.warning(outcome.source, outcome.message)
        else:
            for warning in outcome.warnings:
                reporter.warning(outcome.source, warning)
            read += 1
            years.saw(outcome)
            yield outcome
    if output is not None and not read:
        raise CommandError(f"no page could be read, so {output} is left as it was")
    if read:
        years.done()


class YearCheck:
    """What --year leaves out, said rather than dropped in silence."""

    def __init__(self, year: int | None, reporter: Reporter) -> None:
        self.year = year
        self.reporter = reporter
        self.found: set[int] = set()

    def saw(self, report: Report) -> None:
        if self.year is None:
            return
        unknown = False
        for measure in report.measures:
            if measure.fiscal_year is None:
                unknown = True
            else:
                self.found.add(measure.fiscal_year)
        if unknown:
            self.reporter.warning(
                report.source,
                f"cannot tell the fiscal year, so --year {self.year} leaves it out; "
                f"give it one with --page-year (--page-year {self.year})",
            )

    def done(self) -> None:
        if self.year is None or self.year in self.found:
            return
        found = ", ".join(str(year) for year in sorted(self.found)) or "none"
        self.reporter.warning(
            f"--year {self.year}",
            f"no measures of fiscal year {self.year} ({era_label(self.year)}) in the pages "
            f"read; fiscal years found: {found}",
        )


def refuse_output_among_inputs(output: Path, sources: Sources) -> None:
    """A usage error if writing ``output`` would replace a page being read."""
    try:
        status = output.stat()
    except OSError:
        return
    target = (status.st_dev, status.st_ino)
    for item in sources.items:
        if not isinstance(item, Source) or item.path is None:
            continue
        try:
            page = item.path.stat()
        except OSError:
            continue
        if (page.st_dev, page.st_ino) == target:
            raise typer.BadParameter(
                f"{output} is one of the pages to read ({item.name}); writing it would "
                "replace that page: choose another file",
                param_hint="--output",
            )
