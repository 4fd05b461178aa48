"""Building and refreshing an archive: fetch pages, follow index links, save, record.

Each start URL is fetched; a page the parser accepts as a follow-up page is
saved in the archive, and a page it calls not a follow-up page is read as an
index whose report links are followed, up to ``depth`` links away from the
start. Links to PDF, Excel and Word files that look like reports are
recorded as skipped. Every saved page, skipped link and failure gets a
manifest record; index pages are only read. No failure of one URL ends the
run: each is recorded, and the next URL is fetched.

A second run asks the server whether each page changed since the manifest's
last copy (If-None-Match / If-Modified-Since), so pages that did not change
are neither downloaded again nor saved twice.

Hosts are fetched side by side (``hosts`` at a time), each host one request
at a time; every exchange also goes to the run's WARC capture.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from followup_cli.fetch.archive import Archive
from followup_cli.fetch.classify import classify, detect_fiscal_year, is_html
from followup_cli.fetch.client import Fetcher, FetchResponse, FetchSettings, default_user_agent
from followup_cli.fetch.errors import FetchError
from followup_cli.fetch.links import (
    LinkMatcher,
    document_kind,
    matcher_from_regex,
    page_and_document_links,
)
from followup_cli.fetch.manifest import ManifestRecord, Outcome, utc_now
from followup_cli.fetch.schedule import Job, Schedule
from followup_cli.fetch.summary import CrawlEvent, CrawlSummary, EventKind
from followup_cli.fetch.urls import checked_url
from followup_cli.fetch.warc_write import Earlier, WarcCapture

__all__ = ["DEFAULT_MAX_PAGES", "CrawlEvent", "CrawlSummary", "crawl", "detect_fiscal_year"]

DEFAULT_HOSTS = 4
DEFAULT_MAX_PAGES = 1000


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
    capture: WarcCapture
    matcher: LinkMatcher
    on_event: Callable[[CrawlEvent], None] | None
    latest: dict[str, ManifestRecord]
    schedule: Schedule
    records: list[ManifestRecord] = field(default_factory=list)
    indexes: list[str] = field(default_factory=list)
    # Re-entrant: a save holds it across prepare, record and publish, and
    # record takes it too. Saves are serialised so that two hosts serving the
    # same bytes at once still store them once.
    _lock: threading.RLock = field(default_factory=threading.RLock)
    closed: bool = False

    def emit(
        self, kind: EventKind, url: str, *, record: ManifestRecord | None = None, links: int = 0
    ) -> None:
        if self.on_event is not None:
            schedule = self.schedule
            done = schedule.done
            total = done + schedule.in_flight() + schedule.queued()
            self.on_event(CrawlEvent(kind, url, done, total, record=record, links=links))

    def run(self, hosts: int) -> None:
        if hosts <= 1:
            self.work()
            return
        workers = [
            threading.Thread(target=self.work, name=f"followup-fetch-{number}", daemon=True)
            for number in range(hosts)
        ]
        for worker in workers:
            worker.start()
        try:
            for worker in workers:
                worker.join()
        except BaseException:
            self.schedule.stop()
            raise

    def work(self) -> None:
        """Take jobs until none are left; a job's failure is recorded, never raised."""
        while (job := self.schedule.next()) is not None:
            try:
                self.job(job)
            finally:
                self.schedule.finish(job)

    def job(self, job: Job) -> None:
        with self._lock:
            self.emit("fetching", job.url)
        try:
            page = self.visit(job.url)
            added = self.follow_links(page, job.depth) if page and job.depth > 0 else 0
        except Exception as error:
            self.failed(job.url, f"unexpected {type(error).__name__}: {error}")
            return
        if job.url in self.indexes:
            with self._lock:
                self.emit("index", job.url, links=added)

    def record(self, record: ManifestRecord) -> None:
        with self._lock:
            if self.closed:
                # Interrupted: a worker finishing its request after the run ended.
                return
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
        if previous is not None:
            earlier = Earlier(previous.final_url or previous.url, previous.fetched_at)
            self.capture.refers_to(url, earlier)
        try:
            response = self.fetcher.get(url, headers=conditional)
        except FetchError as error:
            self.failed(url, error.reason, _HttpFacts(status=error.status))
            return None
        self.schedule.mark_seen(response.final_url)
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
        if not is_html(response.content_type):
            self.failed(response.url, f"not an HTML page ({response.content_type})", facts)
            return None
        kind = classify(response.content, response.final_url)
        if kind.kind == "refused":
            self.failed(response.url, f"not saved: {kind.problem}", facts)
            return None
        if kind.kind == "index":
            with self._lock:
                self.indexes.append(response.url)
            return page
        return self.save(response, previous, kind.fiscal_year, facts)

    def save(
        self,
        response: FetchResponse,
        previous: ManifestRecord | None,
        fiscal_year: int | None,
        facts: _HttpFacts,
    ) -> _Page | None:
        """Write the page, record it, and only then give it its name."""
        import hashlib  # noqa: PLC0415 - cheap; kept beside its one use

        page = (response.content, response.final_url)
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
        with self._lock:
            try:
                pending = self.archive.prepare(response.final_url, fiscal_year, response.content)
            except FetchError as error:
                self.failed(response.url, error.reason, facts)
                return None
            except OSError as error:
                self.failed(response.url, f"cannot save: {error}", facts)
                return None
            record = facts.record(
                response.url, "fetched", sha256=digest, fiscal_year=fiscal_year, path=pending.path
            )
            try:
                self.record(record)
            except BaseException:
                pending.abandon()
                raise
            try:
                pending.publish()
            except OSError as error:
                self.failed(response.url, f"cannot save: {error}", facts)
                return None
        return page

    def follow_links(self, page: _Page, depth: int) -> int:
        """Queue the page's report links, record its document links; how many were new."""
        content, final_url = page
        pages, documents = page_and_document_links(content, final_url, matcher=self.matcher)
        added = 0
        for link in pages:
            if not self.schedule.is_seen(link.url):
                added += int(self.schedule.add(link.url, depth - 1))
        for link in documents:
            if self.schedule.is_seen(link.url):
                continue
            self.schedule.mark_seen(link.url)
            kind = document_kind(link.url) or "a document"
            self.record(
                _HttpFacts().record(
                    link.url, "skipped", error=f"{kind}, not an HTML page: not fetched"
                )
            )
        return added


def crawl(
    urls: Sequence[str],
    archive_dir: Path,
    *,
    settings: FetchSettings | None = None,
    depth: int = 1,
    match: str | None = None,
    on_event: Callable[[CrawlEvent], None] | None = None,
    fetcher: Fetcher | None = None,
    hosts: int = DEFAULT_HOSTS,
    max_pages: int = DEFAULT_MAX_PAGES,
    lock_wait: float = 0.0,
) -> CrawlSummary:
    """Fetch ``urls`` (and the reports they link to) into the archive at ``archive_dir``.

    ``match`` is a regex replacing the default test for which links name a
    report; ``depth`` counts links followed away from a start URL (0: only
    the start URLs); ``hosts`` hosts are fetched at once; at most
    ``max_pages`` URLs are fetched. Failures are recorded, not raised; the
    archive and its manifest are created when missing. ``re.error`` for a
    bad ``match``; ArchiveBusyError when another run holds the archive.
    """
    matcher = matcher_from_regex(match)
    with Archive(archive_dir, lock=True, lock_wait=lock_wait) as archive:
        own_fetcher = fetcher is None
        active = fetcher or Fetcher(settings)
        capture = WarcCapture(archive.root_fd, software=default_user_agent())
        previous_recorder = active.recorder
        active.recorder = capture.record
        state = _Crawl(
            archive=archive,
            fetcher=active,
            capture=capture,
            matcher=matcher,
            on_event=on_event,
            latest=archive.manifest.latest_copies(),
            schedule=Schedule(max_pages=max(max_pages, 0)),
        )
        try:
            for url in urls:
                try:
                    state.schedule.add(checked_url(url), max(depth, 0))
                except FetchError as error:
                    state.failed(url, error.reason)
            state.run(hosts)
        finally:
            with state._lock:
                state.closed = True
            active.recorder = previous_recorder
            if own_fetcher:
                active.close()
            warc = capture.close()
    return CrawlSummary(
        tuple(state.records),
        tuple(state.indexes),
        left_over=tuple(state.schedule.left_over),
        warc=warc,
    )
