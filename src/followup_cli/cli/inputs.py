"""From the PATHS on the command line to parsed reports, for a command.

Reading is the library's (:func:`followup_cli.corpus.read_sources`); here its
failures and warnings become lines on stderr, and a progress bar is drawn
when many pages are read on a terminal. Pages come as the folders are
walked: nothing here holds more than one page at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import typer

from followup_cli.cli.progress import Progress
from followup_cli.cli.status import CommandError
from followup_cli.corpus import (
    Outcome,
    Render,
    RenderedOutcome,
    RenderedPage,
    Source,
    SourceItem,
    SourceWarning,
    available_cores,
    read_sources,
    walk_sources,
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
    --output file, may not be one of the inputs (a usage error when the walk
    reaches it, before that page is read, and the file is left as it was),
    and is not replaced when no page at all could be read: iterating then
    ends in a CommandError, inside the writing, which discards it. ``year``,
    the --year selector, is checked against what was read: a page of unknown
    year is named (it would be left out in silence), and a year no page has
    is said, with the years that were found.
    """
    outcomes = read_sources(
        _sources(arguments, output),
        jobs=jobs if jobs is not None else available_cores(),
        stdin=env.stdin,
        page_year=page_year,
    )
    for outcome in _reported(
        outcomes, env, reporter, allow_progress=allow_progress, output=output, year=year
    ):
        if isinstance(outcome, Report):
            yield outcome


class ReadOptions(NamedTuple):
    """The reading options of :func:`read_reports`, to pass on together."""

    jobs: int | None = None
    allow_progress: bool = True
    page_year: int | None = None
    output: Path | None = None
    year: int | None = None

    def reports(
        self, arguments: Sequence[str], env: Environment, reporter: Reporter
    ) -> Iterator[Report]:
        return read_reports(
            arguments,
            env,
            reporter,
            jobs=self.jobs,
            allow_progress=self.allow_progress,
            page_year=self.page_year,
            output=self.output,
            year=self.year,
        )


def read_rendered(
    arguments: Sequence[str],
    env: Environment,
    reporter: Reporter,
    render: Render,
    options: ReadOptions,
) -> Iterator[RenderedPage]:
    """:func:`read_reports`, each page rendered by ``render`` where it was parsed."""
    outcomes = read_sources(
        _sources(arguments, options.output),
        jobs=options.jobs if options.jobs is not None else available_cores(),
        stdin=env.stdin,
        page_year=options.page_year,
        render=render,
    )
    for outcome in _reported(
        outcomes,
        env,
        reporter,
        allow_progress=options.allow_progress,
        output=options.output,
        year=options.year,
    ):
        if isinstance(outcome, RenderedPage):
            yield outcome


def _sources(arguments: Sequence[str], output: Path | None) -> Iterator[SourceItem]:
    sources = walk_sources(arguments)
    if output is None:
        return sources
    return refuse_output_among_inputs(output, sources)


def _reported(
    outcomes: Iterator[Outcome | RenderedOutcome],
    env: Environment,
    reporter: Reporter,
    *,
    allow_progress: bool,
    output: Path | None,
    year: int | None,
) -> Iterator[Report | RenderedPage]:
    """The pages read; failures and warnings said, the progress bar advanced."""
    progress = Progress(env, reporter) if allow_progress and env.stderr_isatty else None
    read = 0
    years = YearCheck(year, reporter)
    try:
        for outcome in outcomes:
            if isinstance(outcome, FollowupError):
                reporter.failed(outcome)
            elif isinstance(outcome, SourceWarning):
                reporter.warning(outcome.source, outcome.message)
                continue
            else:
                for warning in outcome.warnings:
                    reporter.warning(outcome.source, warning)
                read += 1
                years.saw(outcome.source, [measure.fiscal_year for measure in outcome.measures])
            if progress is not None:
                progress.advance()
            if not isinstance(outcome, FollowupError):
                yield outcome
    finally:
        if progress is not None:
            progress.stop()
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

    def saw(self, source: str, fiscal_years: Iterable[int | None]) -> None:
        """A page's measures' fiscal years (None: cannot tell)."""
        if self.year is None:
            return
        unknown = False
        for fiscal_year in fiscal_years:
            if fiscal_year is None:
                unknown = True
            else:
                self.found.add(fiscal_year)
        if unknown:
            self.reporter.warning(
                source,
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


def refuse_output_among_inputs(
    output: Path, sources: Iterable[SourceItem]
) -> Iterator[SourceItem]:
    """``sources`` as they come; a usage error at the one that writing ``output`` would replace."""
    try:
        status = output.stat()
    except OSError:
        yield from sources
        return
    target = (status.st_dev, status.st_ino)
    for item in sources:
        if isinstance(item, Source) and item.path is not None:
            try:
                page = item.path.stat()
            except OSError:
                pass
            else:
                if (page.st_dev, page.st_ino) == target:
                    raise typer.BadParameter(
                        f"{output} is one of the pages to read ({item.name}); writing it "
                        "would replace that page: choose another file",
                        param_hint="--output",
                    )
        yield item
