"""Fetching published pages: URL inputs, archives built by `followup fetch`, WARC files.

Importing this package costs no httpx, Protego or warcio: each is imported
when first needed, so commands that read only files start as fast as before.

- :func:`fetch_url_bytes` reads one URL given in place of a file.
- :func:`crawl` fetches pages and the reports index pages link to into an
  archive directory (DIR/HOST/FISCAL_YEAR/NAME.html, DIR/manifest.jsonl and
  a WARC capture per run in DIR/warc/).
- :func:`check_archive` lists where an archive folder and its manifest disagree.
- :func:`warc_pages` reads the HTML response records of a WARC file.
"""

from __future__ import annotations

from followup_cli.fetch.archive import Archive
from followup_cli.fetch.check import ArchiveCheck, ArchiveProblem, check_archive
from followup_cli.fetch.client import Fetcher, FetchResponse, FetchSettings, fetch_url_bytes
from followup_cli.fetch.crawl import CrawlEvent, CrawlSummary, crawl, detect_fiscal_year
from followup_cli.fetch.errors import DisallowedError, FetchError
from followup_cli.fetch.lock import ArchiveBusyError
from followup_cli.fetch.manifest import MANIFEST_NAME, Manifest, ManifestRecord
from followup_cli.fetch.urls import is_http_url
from followup_cli.fetch.warc_read import WarcPage, is_warc_path, warc_pages

__all__ = [
    "MANIFEST_NAME",
    "Archive",
    "ArchiveBusyError",
    "ArchiveCheck",
    "ArchiveProblem",
    "CrawlEvent",
    "CrawlSummary",
    "DisallowedError",
    "FetchError",
    "FetchResponse",
    "FetchSettings",
    "Fetcher",
    "Manifest",
    "ManifestRecord",
    "WarcPage",
    "check_archive",
    "crawl",
    "detect_fiscal_year",
    "fetch_url_bytes",
    "is_http_url",
    "is_warc_path",
    "warc_pages",
]
