"""Reading one response: the body under the size limit and the deadline, and its capture.

The body is read raw (``iter_raw``) and decoded here by a BoundedDecoder,
so the size limit holds on decoded bytes as they stream; the raw bytes are
what the WARC capture keeps.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from followup_cli.fetch.deadline import Deadline
from followup_cli.fetch.decoding import BoundedDecoder, ContentTooLarge
from followup_cli.fetch.errors import FetchError
from followup_cli.fetch.exchange import Exchange, Recorder

if TYPE_CHECKING:
    import httpx

# Error pages and redirects are kept in the capture only up to this size.
OTHER_BODY_MAX_BYTES = 256 * 1024


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    reason: str
    headers: Mapping[str, str]
    content: bytes


def receive(
    response: httpx.Response,
    url: str,
    source: str,
    *,
    limit: int,
    started_at: datetime,
    deadline: Deadline,
    truncate: bool,
    recorder: Recorder | None,
) -> Answer:
    """Read the body under ``limit`` decoded bytes and the deadline; hand the exchange on.

    ``truncate`` keeps the first ``limit`` bytes where the limit would fail
    the request (robots.txt). Error pages, redirects and 304s are read only
    for the capture, up to 256 KiB.
    """
    status = response.status_code
    answer_headers = {key.lower(): value for key, value in response.headers.items()}
    location = response.extensions.get(LOCATION)
    if isinstance(location, str):
        answer_headers["location"] = location
    success = 200 <= status < 300
    if not success:
        # Error pages, redirects and 304s carry nothing we keep but in the capture.
        limit, truncate = OTHER_BODY_MAX_BYTES, True
    declared = answer_headers.get("content-length", "")
    if not truncate and declared.isdigit() and int(declared) > limit:
        raise FetchError(source, too_large(url, limit, f"{int(declared):,} bytes"))
    # Only bodies we keep are decoded: an error page's odd coding is no reason to fail.
    encoding = answer_headers.get("content-encoding")
    decoder = BoundedDecoder(source, url, encoding, limit) if success else None
    raw: list[bytes] = []
    decoded: list[bytes] = []
    received = 0
    truncated = False
    for chunk in raw_chunks(response):
        if deadline.expired:
            raise FetchError(source, timed_out(deadline.seconds, url))
        received += len(chunk)
        raw.append(chunk)
        try:
            if received > limit:
                raise ContentTooLarge  # noqa: TRY301 - the same signal as the decoder's
            if decoder is not None:
                decoded.append(decoder.feed(chunk))
        except ContentTooLarge:
            if not truncate:
                raise FetchError(source, too_large(url, limit, "more")) from None
            truncated = True
            break
    if decoder is not None and not truncated:
        decoder.finish()
    content = b"".join(decoded)[:limit] if success else b""
    if recorder is not None:
        recorder(exchange_of(response, url, started_at, b"".join(raw), truncated=truncated))
    return Answer(status, response.reason_phrase, answer_headers, content)


def exchange_of(
    response: httpx.Response,
    url: str,
    started_at: datetime,
    payload: bytes,
    *,
    truncated: bool,
) -> Exchange:
    """The request and response as sent and received, for the WARC capture."""
    request = response.request
    target = request.url.raw_path.decode("ascii", errors="replace")
    http_version = response.http_version or "HTTP/1.1"
    return Exchange(
        url=url,
        started_at=started_at,
        request_line=f"GET {target} {http_version}",
        request_headers=text_pairs(request.headers.raw),
        http_version=http_version,
        status=response.status_code,
        reason=response.reason_phrase,
        response_headers=text_pairs(response.extensions.get(RAW_HEADERS, response.headers.raw)),
        payload=payload,
        truncated=truncated,
    )


LOCATION = "followup.location"
RAW_HEADERS = "followup.raw_headers"


def hold_location(response: httpx.Response) -> None:
    """Take Location away from httpx, which parses it even when not following redirects.

    A Location of javascript: or with a space in the host would raise
    InvalidURL there, outside any request error; the Fetcher checks it itself.
    """
    location = response.headers.get("location")
    if location is None:
        return
    response.extensions[RAW_HEADERS] = list(response.headers.raw)
    response.extensions[LOCATION] = location
    del response.headers["location"]


def raw_chunks(response: httpx.Response) -> Iterator[bytes]:
    """The body as received; transports that read it first (httpx.MockTransport) hand it whole."""
    if response.is_stream_consumed:
        yield response.content
        return
    yield from response.iter_raw()


def text_pairs(pairs: list[tuple[bytes, bytes]]) -> tuple[tuple[str, str], ...]:
    return tuple((key.decode("latin-1"), value.decode("latin-1")) for key, value in pairs)


def timed_out(seconds: float, url: str) -> str:
    return f"timed out after {seconds:g} s waiting for {url}"


def too_large(url: str, max_bytes: int, size: str) -> str:
    return f"response larger than the {max_bytes:,}-byte limit ({size}) from {url}"
