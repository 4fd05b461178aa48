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
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol, cast

import followup_cli
from followup_cli.corpus.sources import (
    Source,
    Sources,
    SourceWarning,
    find_sources,
    os_reason,
)
from followup_cli.errors import FollowupError, InputReadError
from followup_cli.model import Report

if TYPE_CHECKING:
    from followup_cli.fetch.client import FetchResponse

# Below this many files a process pool costs more to start than it saves.
MIN_FILES_FOR_POOL = 16

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
    """:func:`read_pages` for sources already found (to count them first)."""
    items = sources.items
    files = [item for item in items if isinstance(item, Source) and item.kind == "file"]
    pooled: Iterator[Report | FollowupError] | None = None
    if parallel_worth_it(len(files), jobs):
        from followup_cli.corpus.pool import parse_files  # noqa: PLC0415 - only with a pool

        pooled = parse_files(files, jobs)
    urls = UrlReader(fetcher)
    try:
        for outcome in _in_order(items, stdin, pooled, urls):
            if isinstance(outcome, Report) and page_year is not None:
                yield given_year(outcome, page_year)
            else:
                yield outcome
    finally:
        urls.close()
        if pooled is not None:
            close = getattr(pooled, "close", None)
            if close is not None:
                close()


def _in_order(
    items: Sequence[Source | FollowupError | SourceWarning],
    stdin: BinaryIO | None,
    pooled: Iterator[Report | FollowupError] | None,
    urls: UrlReader,
) -> Iterator[Outcome]:
    stdin_data: bytes | None = None
    for item in items:
        if not isinstance(item, Source):
            yield item
            continue
        if pooled is not None and item.kind == "file":
            yield next(pooled)
            continue
        if item.kind == "stdin" and stdin_data is None:
            try:
                stdin_data = _stdin(stdin).read()
            except OSError as error:
                yield InputReadError(item.name, os_reason(error))
                continue
        try:
            yield parse_source(item, stdin_data, urls)
        except FollowupError as error:
            yield error


def _stdin(stdin: BinaryIO | None) -> BinaryIO:
    if stdin is not None:
        return stdin
    return cast("BinaryIO", getattr(sys.stdin, "buffer", sys.stdin))


def parse_source(
    source: Source, stdin_data: bytes | None = None, urls: UrlReader | None = None
) -> Report:
    """Parse one source; raises FollowupError when it cannot be read as a page."""
    if source.kind == "url":
        return (urls or UrlReader()).parse(source.name)
    if source.kind == "stdin":
        return followup_cli.parse_html(stdin_data or b"", source=source.name)
    path = source.path if source.path is not None else Path(source.name)
    return followup_cli.parse_html(read_page_file(path, source.name), source=source.name)


def read_page_file(path: Path, name: str) -> bytes:
    """The bytes of one saved page; InputReadError in words a person can act on."""
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise InputReadError(name, "is a directory, not a page") from None
    except FileNotFoundError:
        raise InputReadError(name, "no such file") from None
    except PermissionError:
        raise InputReadError(name, "permission denied: the file cannot be read") from None
    except OSError as error:
        raise InputReadError(name, f"cannot be read: {os_reason(error)}") from None


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

    def parse(self, url: str) -> Report:
        if self._fetcher is None:
            from followup_cli.fetch.client import Fetcher  # noqa: PLC0415 - httpx is slow to load

            self._fetcher = self._owned.enter_context(Fetcher())
        response = self._fetcher.get(url)
        return followup_cli.parse_html(response.content, source=url)

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
