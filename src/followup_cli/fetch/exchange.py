"""One HTTP request and its answer, as sent and received: what a WARC file keeps.

The client hands every finished exchange (pages, index pages, robots.txt,
redirects, errors, 304s) to a recorder; ``followup fetch`` writes them to
the run's WARC capture. The payload is the body as it came over the wire,
before content decoding, so the capture holds what the server sent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Exchange:
    url: str
    started_at: datetime
    """When the request was sent (UTC): the WARC-Date of both records."""
    request_line: str
    """``GET /path?query HTTP/1.1``"""
    request_headers: tuple[tuple[str, str], ...]
    http_version: str
    status: int
    reason: str
    response_headers: tuple[tuple[str, str], ...]
    payload: bytes
    """The body as received, still content-encoded; empty for 304s."""
    truncated: bool = False
    """True when only the start of the body was read (a robots.txt over 500 KiB)."""

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        for key, value in self.response_headers:
            if key.lower() == wanted:
                return value
        return None


Recorder = Callable[[Exchange], None]
