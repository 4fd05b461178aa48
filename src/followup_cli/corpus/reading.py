"""Reading page sources into reports, in input order, one failure per input.

:func:`read_pages` is the library's way to read what a user would give the
command line: files, folders, ``-`` and URLs. It yields, in input order, a
:class:`~followup_cli.model.Report` for each page read, a
:class:`~followup_cli.errors.FollowupError` for each input that could not be
read, and a :class:`~followup_cli.corpus.sources.SourceWarning` for what is
worth saying but fails nothing. A failing input never stops the others.

With ``jobs`` above 1 and enough files, files are parsed by a pool of worker
processes (:mod:`followup_cli.corpus.pool`); the order is the same either way.
URLs are read through one fetcher, passed in or made on first use.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol, cast

import followup_cli
from followup_cli.corpus.select import RepeatedMeasures
from followup_cli.corpus.sources import (
    Source,
    Sources,
    SourceWarning,
    find_sources,
)
from followup_cli.errors import FollowupError, InputReadError, NotAFollowupPageError
from followup_cli.model import Report
from followup_cli.page_file import bounded_read, os_reason, read_page_file

if TYPE_CHECKING:
    from followup_cli.fetch.client import FetchResponse

# Below this many files a process pool costs more to start than it saves.
MIN_FILES_FOR_POOL = 16
# The largest page read: far above any published page (the fetcher stops at
# 20 MB), and a bound on what a link to /dev/zero can cost.

Outcome = Report | FollowupError | SourceWarning


class PageFetcher(Protocol):
    """What reading needs of an HTTP client: :class:`followup_cli.fetch.Fetcher` fits."""

    def get(self, url: str) -> FetchResponse: ...


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
    """
    yield from read_sources(
        find_sources(paths), jobs=jobs, fetcher=fetcher, stdin=stdin, page_year=page_year
    )


def read_sources(
    sources: Sources,
    *,
    jobs: int = 1,
    fetcher: PageFetcher | None = None,
    stdin: BinaryIO | None = None,
    page_year: int | None = None,
) -> Iterator[Outcome]:
    """:func:`read_pages` for sources already found (to count them first).

    A page whose bytes are those of a page already read (the same file saved
    twice) is read once, with a warning naming both. A measure found again on
    another page of the same fiscal year is kept, with a warning.
    """
    items = sources.items
    files = [item for item in items if isinstance(item, Source) and item.kind == "file"]
    pooled: Iterator[Parsed] | None = None
    if parallel_worth_it(len(files), jobs):
        from followup_cli.corpus.pool import parse_files  # noqa: PLC0415 - only with a pool

        pooled = parse_files(files, jobs)
    urls = UrlReader(fetcher)
    pages: dict[bytes, str] = {}
    repeats = RepeatedMeasures()
    try:
        for item in items:
            if not isinstance(item, Source):
                yield item
                continue
            if item.kind == "warc":
                yield from _read_warc(item, pages, repeats, page_year)
                continue
            if pooled is not None and item.kind == "file":
                digest, outcome = next(pooled)
            else:
                digest, outcome = _read_here(item, stdin, urls)
            if digest is not None:
                first = pages.setdefault(digest, item.name)
                if first != item.name:
                    yield SourceWarning(
                        item.name, f"the same page as {first} (identical bytes): read once"
                    )
                    continue
            yield from _outcomes(outcome, repeats, page_year)
    finally:
        urls.close()
        close = getattr(pooled, "close", None)
        if close is not None:
            close()


# A page's digest (None when it could not be read) and what parsing it gave.
Parsed = tuple[bytes | None, Report | FollowupError]


def _read_warc(
    source: Source, pages: dict[bytes, str], repeats: RepeatedMeasures, page_year: int | None
) -> Iterator[Outcome]:
    """Each HTML response of a WARC file as a page named by its target URI."""
    from followup_cli.fetch.warc_read import warc_pages  # noqa: PLC0415 - warcio only for WARC

    path = source.path if source.path is not None else Path(source.name)
    others = 0
    try:
        for page in warc_pages(path):
            first = pages.setdefault(page_digest(page.content), page.uri)
            if first != page.uri:
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
            yield from _outcomes(outcome, repeats, page_year)
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
    outcome: Report | FollowupError, repeats: RepeatedMeasures, page_year: int | None
) -> Iterator[Outcome]:
    """A parsed page (given ``page_year`` if it tells none) and its repeated-measure warnings."""
    if not isinstance(outcome, Report):
        yield outcome
        return
    if page_year is not None:
        outcome = given_year(outcome, page_year)
    yield outcome
    yield from repeats.check(outcome)


def _read_here(source: Source, stdin: BinaryIO | None, urls: UrlReader) -> Parsed:
    try:
        data = source_bytes(source, stdin, urls)
    except FollowupError as error:
        return None, error
    return page_digest(data), parse_page(source, data)


def parse_page(source: Source, data: bytes) -> Report | FollowupError:
    """The page's Report, or the FollowupError saying why it is not one."""
    try:
        return followup_cli.parse_html(data, source=source.url or source.name)
    except FollowupError as error:
        return error


def page_digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


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


def parallel_worth_it(file_count: int, jobs: int) -> bool:
    # Kept here rather than in pool.py so a one-page run never imports
    # multiprocessing.
    return jobs > 1 and file_count >= MIN_FILES_FOR_POOL
