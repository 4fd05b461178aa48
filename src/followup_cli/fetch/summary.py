"""What a crawl tells its caller: progress events as it goes, a summary at the end."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from followup_cli.fetch.manifest import ManifestRecord, Outcome

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
    """What one run did: a manifest record per URL, the index pages read, what was left."""

    records: tuple[ManifestRecord, ...]
    indexes: tuple[str, ...]
    left_over: tuple[str, ...] = ()
    """Links not fetched because the run reached its page cap."""
    warc: str | None = None
    """The run's WARC capture, relative to the archive."""

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

    @property
    def skipped(self) -> tuple[ManifestRecord, ...]:
        return self.with_outcome("skipped")

    def to_dict(self) -> dict[str, object]:
        return {
            "records": [record.to_dict() for record in self.records],
            "indexes": list(self.indexes),
            "left_over": list(self.left_over),
            "warc": self.warc,
        }
