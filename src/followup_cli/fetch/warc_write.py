"""The WARC capture of a run: every exchange, as sent and received (ISO 28500).

Each `followup fetch` run writes ``DIR/warc/followup-TIME-PID.warc.gz``: a
warcinfo record, then for each exchange a response record (redirects and
error answers too) and the request record that asked for it, linked by
WARC-Concurrent-To; a 304 becomes a revisit record with the
server-not-modified profile, naming the copy it refers to when the archive
holds one. Payloads are the bodies as received, before content decoding,
so `warcio check` verifies their digests and replay tools serve them as the
server did. Transfer-Encoding is dropped from the stored headers because the
stored body is already de-chunked.

The file is written under a temporary name and gets its own when the run
ends, like page files: a killed run leaves no half-written capture, only
its temporary file, which the next run removes. warcio is imported here
only, when a capture is opened.
"""

from __future__ import annotations

import io
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from followup_cli.fetch import dirfd
from followup_cli.fetch.exchange import Exchange

WARC_FOLDER = "warc"
_NOT_MODIFIED_PROFILE = "http://netpreserve.org/warc/1.0/revisit/server-not-modified"
_DROPPED_HEADERS = frozenset({"transfer-encoding"})


@dataclass(frozen=True, slots=True)
class Earlier:
    """The capture a 304 refers to: its URL and when it was fetched (ISO 8601)."""

    url: str
    fetched_at: str


def warc_date(moment: datetime) -> str:
    """WARC-Date: ISO 8601 UTC to the second, 2024-05-01T09:30:00Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class WarcCapture:
    """A run's WARC file below ``root_fd``; thread-safe ``record``; ``close`` names it."""

    def __init__(self, root_fd: int, *, software: str, started: datetime | None = None) -> None:
        from warcio.warcwriter import WARCWriter  # noqa: PLC0415 - only fetching needs it

        started = started or datetime.now(UTC)
        stamp = started.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        self._folder_fd = dirfd.open_folder(root_fd, [WARC_FOLDER], create=True, shown=WARC_FOLDER)
        # Runs are serialised by the archive's lock, so a free name stays free.
        self.name = f"followup-{stamp}-{os.getpid()}.warc.gz"
        number = 1
        while dirfd.exists(self._folder_fd, self.name):
            number += 1
            self.name = f"followup-{stamp}-{os.getpid()}-{number}.warc.gz"
        self.path = f"{WARC_FOLDER}/{self.name}"
        self._buffer = io.BytesIO()
        self._temp: str | None = None
        self._lock = threading.Lock()
        self._earlier: dict[str, Earlier] = {}
        self._writer: Any = WARCWriter(self._buffer, gzip=True)
        self.records = 0
        info = self._writer.create_warcinfo_record(
            self.name, {"software": software, "format": "WARC File Format 1.0"}
        )
        self._write(info)

    def __enter__(self) -> WarcCapture:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def refers_to(self, url: str, earlier: Earlier) -> None:
        """Say which earlier capture a 304 for ``url`` will mean."""
        with self._lock:
            self._earlier[url] = earlier

    def record(self, exchange: Exchange) -> None:
        """Write the exchange's response (or revisit) and request records."""
        from warcio.statusandheaders import StatusAndHeaders  # noqa: PLC0415

        date = warc_date(exchange.started_at)
        headers = [
            (name, value)
            for name, value in exchange.response_headers
            if name.lower() not in _DROPPED_HEADERS
        ]
        http_headers = StatusAndHeaders(
            f"{exchange.status} {exchange.reason}".rstrip(), headers, protocol=exchange.http_version
        )
        warc_headers: dict[str, str] = {"WARC-Date": date}
        with self._lock:
            if self._folder_fd < 0:
                return  # closed: the run was interrupted while this request ran
            if exchange.status == 304:
                warc_headers["WARC-Profile"] = _NOT_MODIFIED_PROFILE
                earlier = self._earlier.get(exchange.url)
                if earlier is not None:
                    warc_headers["WARC-Refers-To-Target-URI"] = earlier.url
                    warc_headers["WARC-Refers-To-Date"] = earlier.fetched_at
                answer = self._writer.create_warc_record(
                    exchange.url,
                    "revisit",
                    http_headers=http_headers,
                    warc_headers_dict=warc_headers,
                )
            else:
                if exchange.truncated:
                    warc_headers["WARC-Truncated"] = "length"
                answer = self._writer.create_warc_record(
                    exchange.url,
                    "response",
                    payload=io.BytesIO(exchange.payload),
                    length=len(exchange.payload),
                    http_headers=http_headers,
                    warc_headers_dict=warc_headers,
                )
            request = self._writer.create_warc_record(
                exchange.url,
                "request",
                http_headers=StatusAndHeaders(
                    exchange.request_line, list(exchange.request_headers), is_http_request=True
                ),
                warc_headers_dict={
                    "WARC-Date": date,
                    "WARC-Concurrent-To": answer.rec_headers.get_header("WARC-Record-ID"),
                },
            )
            self._write(answer)
            self._write(request)

    def close(self) -> str | None:
        """Give the capture its name; the path relative to the archive, or None if closed."""
        with self._lock:
            if self._folder_fd < 0:
                return None
            try:
                if self._temp is not None:
                    dirfd.publish(self._folder_fd, self._temp, self.name)
            finally:
                os.close(self._folder_fd)
                self._folder_fd = -1
        return self.path

    def _write(self, record: Any) -> None:
        """Append one record (a gzip member of its own) to the temporary file, flushed."""
        self._writer.write_record(record)
        self.records += 1
        data = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        if self._temp is None:
            self._temp = dirfd.write_temp(self._folder_fd, self.name, data)
            return
        flags = os.O_WRONLY | os.O_APPEND | os.O_NOFOLLOW | os.O_CLOEXEC
        fd = os.open(self._temp, flags, dir_fd=self._folder_fd)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
