"""Content decoding that counts the bytes it makes, as it makes them.

httpx inflates each received chunk in one call, so 3 KB of stacked gzip
becomes gigabytes in memory before any limit can look at it. Here every
call to zlib is told how much it may produce (``max_length``), so no more
than the limit plus one byte is ever held, whatever the compression ratio.

One content coding is decoded (gzip or deflate, the two we ask for); a
response naming more than one is refused: no honest server stacks them,
and a hostile one does it to multiply the ratio.
"""

from __future__ import annotations

import zlib

from followup_cli.fetch.errors import FetchError

ACCEPT_ENCODING = "gzip, deflate"


class ContentTooLarge(Exception):  # noqa: N818 - a signal to the client, not an error kind
    """The decoded content passed the limit."""


def content_codings(header: str | None) -> list[str]:
    """The codings a Content-Encoding header names, in the order they were applied."""
    if not header:
        return []
    codings = [part.strip().lower() for part in header.split(",")]
    return [coding for coding in codings if coding and coding != "identity"]


class BoundedDecoder:
    """Decodes one response body chunk by chunk, never making more than ``limit + 1`` bytes."""

    def __init__(self, source: str, url: str, content_encoding: str | None, limit: int) -> None:
        codings = content_codings(content_encoding)
        if len(codings) > 1:
            raise FetchError(
                source,
                f"refused a response with stacked content encodings ({', '.join(codings)}) "
                f"from {url}",
            )
        self._coding = codings[0] if codings else None
        if self._coding not in (None, "gzip", "x-gzip", "deflate"):
            raise FetchError(source, f"unsupported content encoding {self._coding!r} from {url}")
        self._source = source
        self._url = url
        self._limit = limit
        self._made = 0
        self._zlib: zlib._Decompress | None = None
        self._head = b""
        if self._coding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16)

    @property
    def made(self) -> int:
        return self._made

    def feed(self, data: bytes) -> bytes:
        """Decoded bytes for ``data``; ContentTooLarge once more than ``limit`` were made."""
        if self._coding is None:
            return self._count(data)
        if self._coding == "deflate" and self._zlib is None:
            # "deflate" should be zlib-wrapped; many servers send it raw. Two
            # bytes tell which, so a first chunk of one byte waits for more.
            self._head += data
            if len(self._head) < 2:
                return b""
            data, self._head = self._head, b""
            wrapped = _zlib_wrapped(data)
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        decoder = self._zlib
        if decoder is None:
            return b""
        parts: list[bytes] = []
        pending = data
        try:
            while pending and not decoder.eof:
                room = self._limit + 1 - self._made
                part = decoder.decompress(pending, room)
                parts.append(self._count(part))
                pending = decoder.unconsumed_tail
        except zlib.error as error:
            raise FetchError(
                self._source, f"cannot decode the {self._coding} content from {self._url}: {error}"
            ) from None
        return b"".join(parts)

    def finish(self) -> None:
        """FetchError when compressed content ended before its end marker."""
        if self._coding is not None and (self._zlib is None or not self._zlib.eof):
            raise FetchError(
                self._source, f"the {self._coding} content from {self._url} is cut short"
            )

    def _count(self, part: bytes) -> bytes:
        self._made += len(part)
        if self._made > self._limit:
            raise ContentTooLarge
        return part


def _zlib_wrapped(data: bytes) -> bool:
    """True when ``data`` starts with a zlib header (RFC 1950) rather than raw deflate."""
    return (data[0] & 0x0F) == 8 and ((data[0] << 8) | data[1]) % 31 == 0
