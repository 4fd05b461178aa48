"""Pages out of WARC files: each HTML response record, with its target URI and date.

A capture written by `followup fetch`, or an extract of a public web crawl:
every ``response`` record with a 2xx status and an HTML content type (or
none) is a page; request, revisit, metadata and other records are passed
over. The body is given after content decoding, as a browser would read it.
warcio is imported when the first file is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from followup_cli.errors import InputReadError

WARC_SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class WarcPage:
    uri: str
    """WARC-Target-URI: the page's URL."""
    date: str
    """WARC-Date: when it was captured (ISO 8601)."""
    content: bytes


def is_warc_path(path: Path) -> bool:
    """True for names ending in .warc or .warc.gz."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def warc_pages(path: Path) -> Iterator[WarcPage]:
    """Every HTML response record of the WARC file at ``path``, in file order.

    InputReadError when the file cannot be opened or stops being a WARC
    file part-way (the pages before the break are still yielded).
    """
    from warcio.archiveiterator import ArchiveIterator  # noqa: PLC0415 - only WARC input
    from warcio.exceptions import ArchiveLoadFailed  # noqa: PLC0415

    try:
        stream = path.open("rb")
    except OSError as error:
        raise InputReadError(str(path), error.strerror or str(error)) from None
    with stream:
        try:
            for record in ArchiveIterator(stream):
                if not str(record.format).startswith("warc"):
                    raise InputReadError(
                        str(path), f"not a readable WARC file: a {record.format} record"
                    )
                page = _page(record)
                if page is not None:
                    yield page
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as error:
            raise InputReadError(str(path), f"not a readable WARC file: {error}") from None


def _page(record: Any) -> WarcPage | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return None
    media = (record.http_headers.get_header("Content-Type") or "").split(";", 1)[0]
    if media.strip() and media.strip().lower() not in _HTML_TYPES:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    date = record.rec_headers.get_header("WARC-Date") or ""
    return WarcPage(uri, date, record.content_stream().read())
