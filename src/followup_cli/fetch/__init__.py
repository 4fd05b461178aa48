"""Fetching published pages: URL inputs, and archives built by `followup fetch`.

Importing this package costs no httpx: the client imports it when the first
request is made, so commands that read only files start as fast as before.

- :func:`fetch_url_bytes` reads one URL given in place of a file.
- :func:`crawl` fetches pages and the reports index pages link to into an
  archive directory (DIR/HOST/FISCAL_YEAR/NAME.html plus DIR/manifest.jsonl).
"""

from __future__ import annotations

from followup_cli.fetch.archive import Archive
from followup_cli.fetch.client import Fetcher, FetchResponse, FetchSettings, fetch_url_bytes
from followup_cli.fetch.crawl import CrawlEvent, CrawlSummary, crawl, detect_fiscal_year
from followup_cli.fetch.errors import DisallowedError, FetchError
from followup_cli.fetch.manifest import MANIFEST_NAME, Manifest, ManifestRecord
from followup_cli.fetch.urls import is_http_url

__all__ = [
    "MANIFEST_NAME",
    "Archive",
    "CrawlEvent",
    "CrawlSummary",
    "DisallowedError",
    "FetchError",
    "FetchResponse",
    "FetchSettings",
    "Fetcher",
    "Manifest",
    "ManifestRecord",
    "crawl",
    "detect_fiscal_year",
    "fetch_url_bytes",
    "is_http_url",
]
