"""Reading page sources into reports, in input order, one failure per input.

:func:`read_pages` is the library's way to read what a user would give the
command line: files, folders, ``-`` and URLs. It yields, in input order, a
:class:`~followup_cli.model.Report` for each page read, a
:class:`~followup_cli.errors.FollowupError` for each input that could not be
read, and a :class:`~followup_cli.corpus.sources.SourceWarning` for what is
worth saying but fails nothing. A failing input never stops the others.

With ``jobs`` above 1 and enough files, files are parsed by a pool of worker
processes (:mod:`followup_cli.corpus.pool`); the order is the same either way.
URLs are read through one fetcher, passed in or made on first use. Nothing
held grows with the number of pages but the duplicate keys, which move to
disk past a few MB (:mod:`followup_cli.corpus.seen`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple, Protocol, cast, overload

import followup_cli
from followup_cli.corpus.seen import FirstSeen, page_digest
from followup_cli.corpus.select import MeasureFacts, RepeatedMeasures
from followup_cli.corpus.sources import (
    Source,
    SourceItem,
    Sources,
    SourceWarning,
    walk_sources,
)
from followup_cli.errors import FollowupError, InputReadError, NotAFollowupPageError
from followup_cli.model import Report
from followup_cli.page_file import bounded_read, os_reason, read_page_file

if TYPE_CHECKING:
    from followup_cli.fetch.client import FetchResponse

# Below this many files a process pool costs more to start than it saves.
MIN_FILES_FOR_POOL = 16
# How far ahead of reading the walk may look for those files before the pool
# is started anyway (a tree of a million duplicates gives warnings, not files).
_LOOK_AHEAD_ITEMS = 1_024

Render = Callable[[Report], bytes]
"""Turns a page's Report into the bytes to write: run where the page is parsed.

With ``jobs`` above 1 it runs in a worker process, so it must be picklable
(a module-level function, or an instance of a module-level class)."""


class RenderedPage(NamedTuple):
    """A page read and rendered where it was parsed, in place of its Report.

    ``output`` is what the ``render`` callable made of the Report; the rest is
    what the run needs across pages: the page's warnings, and its measures'
    facts (for repeated measures and the years found). A named tuple of
    bytes, text and tuples: the cheapest thing to send between processes.
    """

    source: str
    output: bytes
    warnings: tuple[str, ...]
    measures: tuple[MeasureFacts, ...]

    @classmethod
    def of(cls, report: Report, output: bytes) -> RenderedPage:
        return cls(
            source=report.source,
            output=output,
            warnings=report.warnings,
            measures=tuple(MeasureFacts.of(measure) for measure in report.measures),
        )


Outcome = Report | FollowupError | SourceWarning
RenderedOutcome = RenderedPage | FollowupError | SourceWarning
# What reading one page gives: a Report, or its rendering when asked for one.
PageOutcome = Report | RenderedPage | FollowupError
# A page's digest (None when it could not be read) and what reading it gave.
Parsed = tuple[bytes | None, PageOutcome]


class PageFetcher(Protocol):
    """What reading needs of an HTTP client: :class:`followup_cli.fetch.Fetcher` fits."""

    def get(self, url: str) -> FetchResponse: ...


class PageTask(NamedTuple):
    """Everything done to one page where it is read: parse, give a year, render.

    A worker process holds one (it is sent once, at the pool's start) and
    runs it on each file of its batches.
    """

    page_year: int | None = None
    render: Render | None = None

    def read(
        self, source: Source, stdin: BinaryIO | None = None, urls: UrlReader | None = None
    ) -> Parsed:
        try:
            data = source_bytes(source, stdin, urls)
        except FollowupError as error:
            return None, error
        return page_digest(data), self.finish(parse_page(source, data))

    def finish(self, outcome: Report | FollowupError) -> PageOutcome:
        if not isinstance(outcome, Report):
            return outcome
        if self.page_year is not None:
            outcome = given_year(outcome, self.page_year)
        if self.render is None:
            return outcome
        return RenderedPage.of(outcome, self.render(outcome))


def read_pages(
    paths: Sequence[str],
    *,
    jobs: int = 1,
    fetcher: PageFetcher | None = None,
    stdin: BinaryIO | None = None,
    page_year: int | None = None,
) -> Iterator[Outcome]:
    """Every page the paths lead to, read in input order.

    ``paths`` are what a user types (files, folders, ``-``, URLs; none means
    the current directory). ``jobs`` processes parse the files. ``fetcher``
    reads URLs (default: a polite :class:`~followup_cli.fetch.Fetcher`,
    closed at the end). ``stdin`` is read for ``-`` (default: the process's).
    ``page_year`` is the fiscal year of pages that do not tell their own.
    Folders are walked as pages are read: the first page comes before a
    large tree is listed, and memory does not grow with the number of pages.
    """
    yield from read_sources(
        walk_sources(paths), jobs=jobs, fetcher=fetcher, stdin=stdin, page_year=page_year
    )


@overload
def read_sources(
    sources: Sources | Iterable[SourceItem],
    *,
    jobs: int = 1,
    fetcher: PageFetcher | None = None,
    stdin: BinaryIO | None = None,
    page_year: int | None = None,
    render: None = None,
) -> Iterator[Outcome]: ...


@overload
def read_sources(
    sources: Sources | Iterable[SourceItem],
    *,
    jobs: int = 1,
    fetcher: PageFetcher | None = None,
    stdin: BinaryIO | None = None,
    page_year: int | None = None,
    render: Render,
) -> Iterator[RenderedOutcome]: ...


def read_sources(
    sources: Sources | Iterable[SourceItem],
    *,
    jobs: int = 1,
    fetcher: PageFetcher | None = None,
    stdin: BinaryIO | None = None,
    page_year: int | None = None,
    render: Render | None = None,
) -> Iterator[Outcome | RenderedOutcome]:
    """:func:`read_pages` for sources already found or being walked (:func:`walk_sources`).

    A page whose bytes are those of a page already read (the same file saved
    twice) is read once, with a warning naming both. A measure found again on
    another page of the same fiscal year is kept, with a warning. With
    ``render``, each page comes as a :class:`RenderedPage` holding
    ``render(report)``, made in the worker that parsed it, instead of the
    Report: the pages' text crosses between processes once, already written.
    """
    items = iter(sources.items if isinstance(sources, Sources) else sources)
    task = PageTask(page_year=page_year, render=render)
    head, enough = _look_ahead(items) if jobs > 1 else ([], False)
    stream: Iterator[tuple[SourceItem, Parsed | None]]
    if enough:
        from followup_cli.corpus.pool import read_in_order  # noqa: PLC0415 - only with a pool

        stream = read_in_order(itertools.chain(head, items), task, jobs)
    else:
        stream = ((item, None) for item in itertools.chain(head, items))
    urls = UrlReader(fetcher)
    pages = FirstSeen()
    repeats = RepeatedMeasures()
    try:
        for item, parsed in stream:
            if not isinstance(item, Source):
                yield item
                continue
            if item.kind == "warc":
                yield from _read_warc(item, task, pages, repeats)
                continue
            digest, outcome = parsed if parsed is not None else task.read(item, stdin, urls)
            if digest is not None:
                first = pages.earlier(digest, item.name)
                if first is not None:
                    yield SourceWarning(
                        item.name, f"the same page as {first} (identical bytes): read once"
                    )
                    continue
            yield from _outcomes(outcome, repeats)
    finally:
        urls.close()
        pages.close()
        repeats.close()
        close = getattr(stream, "close", None)
        if close is not None:
            close()


def _look_ahead(items: Iterator[SourceItem]) -> tuple[list[SourceItem], bool]:
    """The first items, and whether there are enough files for a pool (or may be)."""
    head: list[SourceItem] = []
    files = 0
    for item in items:
        head.append(item)
        if isinstance(item, Source) and item.kind == "file":
            files += 1
        if files >= MIN_FILES_FOR_POOL or len(head) >= _LOOK_AHEAD_ITEMS:
            return head, True
    return head, False


def _read_warc(
    source: Source, task: PageTask, pages: FirstSeen, repeats: RepeatedMeasures
) -> Iterator[Outcome | RenderedOutcome]:
    """Each HTML response of a WARC file as a page named by its target URI."""
    from followup_cli.fetch.warc_read import warc_pages  # noqa: PLC0415 - warcio only for WARC

    path = source.path if source.path is not None else Path(source.name)
    others = 0
    try:
        for page in warc_pages(path):
            first = pages.earlier(page_digest(page.content), page.uri)
            if first is not None:
                yield SourceWarning(
                    page.uri, f"the same page as {first} (identical bytes): read once"
                )
                continue
            outcome = parse_page(Source(page.uri, "url"), page.content)
            if isinstance(outcome, Report):
                outcome = dataclasses.replace(outcome, captured_at=page.date)
            if isinstance(outcome, NotAFollowupPageError):
                # A capture holds index pages and the like: counted, not each a failure.
                others += 1
                continue
            yield from _outcomes(task.finish(outcome), repeats)
    except FollowupError as error:
        yield InputReadError(source.name, error.reason)
    if others:
        what = (
            "response is not a follow-up page"
            if others == 1
            else ("responses are not follow-up pages")
        )
        yield SourceWarning(source.name, f"{others} HTML {what}: not read as reports")


def _outcomes(
    outcome: PageOutcome, repeats: RepeatedMeasures
) -> Iterator[Outcome | RenderedOutcome]:
    """A page read and its repeated-measure warnings."""
    yield outcome
    if isinstance(outcome, Report):
        yield from repeats.check(outcome)
    elif isinstance(outcome, RenderedPage):
        yield from repeats.check_facts(outcome.source, outcome.measures)


def parse_page(source: Source, data: bytes) -> Report | FollowupError:
    """The page's Report, or the FollowupError saying why it is not one."""
    try:
        return followup_cli.parse_html(data, source=source.url or source.name)
    except FollowupError as error:
        return error


def source_bytes(
    source: Source, stdin: BinaryIO | None = None, urls: UrlReader | None = None
) -> bytes:
    """The bytes of one source; FollowupError when they cannot be had."""
    if source.kind == "url":
        return (urls or UrlReader()).page_bytes(source.name)
    if source.kind == "stdin":
        try:
            return bounded_read(_stdin(stdin).read, source.name)
        except OSError as error:
            raise InputReadError(source.name, os_reason(error)) from None
    path = source.path if source.path is not None else Path(source.name)
    return read_page_file(path, source.name)


def _stdin(stdin: BinaryIO | None) -> BinaryIO:
    if stdin is not None:
        return stdin
    return cast("BinaryIO", getattr(sys.stdin, "buffer", sys.stdin))


def parse_source(
    source: Source, stdin: BinaryIO | None = None, urls: UrlReader | None = None
) -> Report:
    """Parse one source; raises FollowupError when it cannot be read as a page."""
    outcome = parse_page(source, source_bytes(source, stdin, urls))
    if isinstance(outcome, FollowupError):
        raise outcome
    return outcome


def given_year(report: Report, year: int) -> Report:
    """A page that does not tell its fiscal year takes ``year``; its own wins."""
    if report.fiscal_year is not None:
        return report
    return dataclasses.replace(
        report,
        fiscal_year=year,
        measures=tuple(
            dataclasses.replace(measure, fiscal_year=year)
            if measure.fiscal_year is None
            else measure
            for measure in report.measures
        ),
    )


class UrlReader:
    """The one place that knows about http(s) inputs.

    One HTTP client serves every URL of a run, so robots.txt is read once per
    host and the per-host delay holds across the arguments. httpx is imported
    only when a URL is read: runs over files never pay for it.
    """

    def __init__(self, fetcher: PageFetcher | None = None) -> None:
        self._owned = contextlib.ExitStack()
        self._fetcher = fetcher

    def page_bytes(self, url: str) -> bytes:
        if self._fetcher is None:
            from followup_cli.fetch.client import Fetcher  # noqa: PLC0415 - httpx is slow to load

            self._fetcher = self._owned.enter_context(Fetcher())
        return self._fetcher.get(url).content

    def close(self) -> None:
        self._owned.close()


def available_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
