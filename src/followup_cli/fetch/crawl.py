"""Building and refreshing an archive: fetch pages, follow index links, save, record.

Each start URL is fetched; a page that parses as a follow-up page is saved
in the archive, and any other page is read as an index whose report links
are followed, up to ``depth`` links away from the start. Every saved page
and every failure gets a manifest record; index pages are only read.

A second run asks the server whether each page changed since the manifest's
last copy (If-None-Match / If-Modified-Since), so pages that did not change
are neither downloaded again nor saved twice.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

from followup_cli.errors import DecodeError, FollowupError, NotAFollowupPageError
from followup_cli.fetch.archive import Archive
from followup_cli.fetch.client import Fetcher, FetchResponse, FetchSettings
from followup_cli.fetch.errors import FetchError
from followup_cli.fetch.links import LinkMatcher, matcher_from_regex, report_links
from followup_cli.fetch.manifest import ManifestRecord, Outcome, utc_now
from followup_cli.fetch.urls import checked_url
from followup_cli.years import year_in_path

EventKind = Literal["fetching", "saved", "index"]


@dataclass(frozen=True, slots=True)
class CrawlEvent:
    """Progress for a caller's progress bar: ``done`` of ``total`` URLs known so far."""

    kind: EventKind
    url: str
    done: int
    total: int
    record: ManifestRecord | None = None
    """Set for "saved": the manifest record just written."""
    links: int = 0
    """Set for "index": how many report links the page added."""


@dataclass(frozen=True, slots=True)
class CrawlSummary:
    """What one run did: a manifest record per page, plus the index pages read."""

    records: tuple[ManifestRecord, ...]
    indexes: tuple[str, ...]

    def with_outcome(self, outcome: Outcome) -> tuple[ManifestRecord, ...]:
        return tuple(record for record in self.records if record.outcome == outcome)

    @property
    def fetched(self) -> tuple[ManifestRecord, ...]:
        return self.with_outcome("fetched")

    @property
    def unchanged(self) -> tuple[ManifestRecord, ...]:
        return self.with_outcome("unchanged")

    @property
    def failed(self) -> tuple[ManifestRecord, ...]:
        return self.with_outcome("failed")

    def to_dict(self) -> dict[str, object]:
        return {
            "records": [record.to_dict() for record in self.records],
            "indexes": list(self.indexes),
        }


@dataclass(frozen=True, slots=True)
class _PageKind:
    kind: Literal["report", "index", "unreadable"]
    fiscal_year: int | None
    problem: str | None = None


def detect_fiscal_year(content: bytes, url: str) -> int | None:
    """The page's fiscal year as the parser reads it, else the year its URL path names."""
    return _classify(content, url).fiscal_year


def _classify(content: bytes, url: str) -> _PageKind:
    from followup_cli.parse import parse_html  # noqa: PLC0415 - only crawling needs the parser

    path_year = year_in_path(unquote(urlsplit(url).path, errors="replace"))
    try:
        report = parse_html(content, source=url)
    except NotAFollowupPageError:
        return _PageKind("index", path_year)
    except DecodeError as error:
        return _PageKind("unreadable", path_year, problem=error.reason)
    except FollowupError:
        # A follow-up page the parser trips on is still worth keeping byte for byte.
        return _PageKind("report", path_year)
    year = report.fiscal_year if report.fiscal_year is not None else path_year
    return _PageKind("report", year)


def _is_html(content_type: str | None) -> bool:
    if not content_type:
        return True
    media = content_type.split(";", 1)[0].strip().lower()
    return media.startswith("text/") or "html" in media or "xml" in media


@dataclass(frozen=True, slots=True)
class _HttpFacts:
    """What the server said about a page, copied into its manifest record."""

    final_url: str | None = None
    status: int | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @classmethod
    def of(cls, response: FetchResponse) -> _HttpFacts:
        return cls(
            response.final_url,
            response.status,
            response.content_type,
            response.etag,
            response.last_modified,
        )

    def record(
        self,
        url: str,
        outcome: Outcome,
        *,
        sha256: str | None = None,
        fiscal_year: int | None = None,
        path: str | None = None,
        error: str | None = None,
    ) -> ManifestRecord:
        return ManifestRecord(
            url=url,
            final_url=self.final_url,
            fetched_at=utc_now(),
            status=self.status,
            content_type=self.content_type,
            etag=self.etag,
            last_modified=self.last_modified,
            sha256=sha256,
            fiscal_year=fiscal_year,
            path=path,
            outcome=outcome,
            error=error,
        )


# (bytes, final URL) of a page whose links may be followed.
_Page = tuple[bytes, str]


@dataclass
class _Crawl:
    archive: Archive
    fetcher: Fetcher
    matcher: LinkMatcher
    on_event: Callable[[CrawlEvent], None] | None
    latest: dict[str, ManifestRecord]
    queue: deque[tuple[str, int]] = field(default_factory=deque)
    seen: set[str] = field(default_factory=set)
    records: list[ManifestRecord] = field(default_factory=list)
    indexes: list[str] = field(default_factory=list)
    done: int = 0
    in_flight: int = 0

    def emit(
        self, kind: EventKind, url: str, *, record: ManifestRecord | None = None, links: int = 0
    ) -> None:
        if self.on_event is not None:
            total = self.done + self.in_flight + len(self.queue)
            self.on_event(CrawlEvent(kind, url, self.done, total, record=record, links=links))

    def enqueue(self, url: str, depth: int) -> None:
        if url not in self.seen:
            self.seen.add(url)
            self.queue.append((url, depth))

    def run(self) -> None:
        while self.queue:
            url, depth = self.queue.popleft()
            self.in_flight = 1
            self.emit("fetching", url)
            page = self.visit(url)
            added = self.follow_links(page, depth) if page is not None and depth > 0 else 0
            self.in_flight = 0
            self.done += 1
            if url in self.indexes:
                self.emit("index", url, links=added)

    def record(self, record: ManifestRecord) -> None:
        self.archive.manifest.append(record)
        self.records.append(record)
        self.emit("saved", record.url, record=record)

    def failed(self, url: str, error: str, facts: _HttpFacts | None = None) -> None:
        self.record((facts or _HttpFacts()).record(url, "failed", error=error))

    def visit(self, url: str) -> _Page | None:
        """Fetch one URL and record what happened."""
        previous = self.latest.get(url)
        if previous is not None and not (
            previous.path
            and previous.sha256
            and self.archive.copy_matches(previous.path, previous.sha256)
        ):
            previous = None  # the old copy is gone or altered: fetch afresh
        conditional: dict[str, str] = {}
        if previous is not None and previous.etag:
            conditional["If-None-Match"] = previous.etag
        if previous is not None and previous.last_modified:
            conditional["If-Modified-Since"] = previous.last_modified
        try:
            response = self.fetcher.get(url, headers=conditional)
        except FetchError as error:
            self.failed(url, error.reason, _HttpFacts(status=error.status))
            return None
        self.seen.add(response.final_url)
        if response.status == 304:
            return self.not_modified(response, previous)
        return self.received(response, previous)

    def not_modified(
        self, response: FetchResponse, previous: ManifestRecord | None
    ) -> _Page | None:
        facts = _HttpFacts.of(response)
        if previous is None or previous.path is None:
            self.failed(response.url, "HTTP 304 Not Modified for a page we hold no copy of", facts)
            return None
        facts = _HttpFacts(
            response.final_url,
            304,
            previous.content_type,
            response.etag or previous.etag,
            response.last_modified or previous.last_modified,
        )
        self.record(
            facts.record(
                response.url,
                "unchanged",
                sha256=previous.sha256,
                fiscal_year=previous.fiscal_year,
                path=previous.path,
            )
        )
        content = self.archive.read(previous.path)
        return (content, response.final_url) if content is not None else None

    def received(self, response: FetchResponse, previous: ManifestRecord | None) -> _Page | None:
        facts = _HttpFacts.of(response)
        page = (response.content, response.final_url)
        if not _is_html(response.content_type):
            self.failed(response.url, f"not an HTML page ({response.content_type})", facts)
            return None
        kind = _classify(response.content, response.final_url)
        if kind.kind == "unreadable":
            self.failed(response.url, kind.problem or "cannot decode the page", facts)
            return None
        if kind.kind == "index":
            self.indexes.append(response.url)
            return page
        digest = hashlib.sha256(response.content).hexdigest()
        if previous is not None and previous.sha256 == digest and previous.path:
            # The server ignored our conditional request, but the bytes tell the same.
            self.record(
                facts.record(
                    response.url,
                    "unchanged",
                    sha256=digest,
                    fiscal_year=previous.fiscal_year,
                    path=previous.path,
                )
            )
            return page
        try:
            stored = self.archive.store(response.final_url, kind.fiscal_year, response.content)
        except FetchError as error:
            self.failed(response.url, error.reason, facts)
            return None
        except OSError as error:
            self.failed(response.url, f"cannot save: {error}", facts)
            return None
        self.record(
            facts.record(
                response.url,
                "fetched",
                sha256=stored.sha256,
                fiscal_year=kind.fiscal_year,
                path=stored.path,
            )
        )
        return page

    def follow_links(self, page: _Page, depth: int) -> int:
        """Queue the page's report links; how many were new."""
        content, final_url = page
        before = len(self.queue)
        for link in report_links(content, final_url, matcher=self.matcher):
            self.enqueue(link.url, depth - 1)
        return len(self.queue) - before


def crawl(
    urls: Sequence[str],
    archive_dir: Path,
    *,
    settings: FetchSettings | None = None,
    depth: int = 1,
    match: str | None = None,
    on_event: Callable[[CrawlEvent], None] | None = None,
    fetcher: Fetcher | None = None,
) -> CrawlSummary:
    """Fetch ``urls`` (and the reports they link to) into the archive at ``archive_dir``.

    ``match`` is a regex replacing the default test for which links name a
    report; ``depth`` counts links followed away from a start URL (0: only
    the start URLs). Failures are recorded, not raised; the archive and its
    manifest are created when missing. ``re.error`` for a bad ``match``.
    """
    matcher = matcher_from_regex(match)
    archive = Archive(archive_dir)
    state = _Crawl(
        archive=archive,
        fetcher=fetcher or Fetcher(settings),
        matcher=matcher,
        on_event=on_event,
        latest=archive.manifest.latest_copies(),
    )
    try:
        for url in urls:
            try:
                state.enqueue(checked_url(url), max(depth, 0))
            except FetchError as error:
                state.failed(url, error.reason)
        state.run()
    finally:
        if fetcher is None:
            state.fetcher.close()
    return CrawlSummary(tuple(state.records), tuple(state.indexes))
