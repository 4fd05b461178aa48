"""The archive's manifest: one JSON line per fetch attempt, appended, never rewritten.

The manifest is the archive's memory. Its last good record for a URL
supplies the ETag and Last-Modified for the next run's conditional request,
and the sha256 that tells a changed page from an unchanged one. Appending
only means an interrupted run loses at most its last line, and the history
of every page stays readable.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

Outcome = Literal["fetched", "unchanged", "failed", "skipped"]
OUTCOMES: tuple[Outcome, ...] = ("fetched", "unchanged", "failed", "skipped")

MANIFEST_NAME = "manifest.jsonl"


def utc_now() -> str:
    """The current time as ISO 8601 UTC, to the second: 2024-05-01T09:30:00Z."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class ManifestRecord:
    """One attempt to fetch one URL, and where its bytes are in the archive."""

    url: str
    final_url: str | None
    fetched_at: str
    status: int | None
    content_type: str | None
    etag: str | None
    last_modified: str | None
    sha256: str | None
    fiscal_year: int | None
    path: str | None
    """Relative to the archive directory, with forward slashes."""
    outcome: Outcome
    error: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "url": self.url,
            "final_url": self.final_url,
            "fetched_at": self.fetched_at,
            "status": self.status,
            "content_type": self.content_type,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "sha256": self.sha256,
            "fiscal_year": self.fiscal_year,
            "path": self.path,
            "outcome": self.outcome,
            "error": self.error,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> ManifestRecord:
        """Read a record back; ValueError or TypeError when a field is wrong."""
        outcome = data.get("outcome")
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        url = data.get("url")
        fetched_at = data.get("fetched_at")
        if not isinstance(url, str) or not isinstance(fetched_at, str):
            raise TypeError("url and fetched_at must be strings")
        return cls(
            url=url,
            final_url=_optional_str(data, "final_url"),
            fetched_at=fetched_at,
            status=_optional_int(data, "status"),
            content_type=_optional_str(data, "content_type"),
            etag=_optional_str(data, "etag"),
            last_modified=_optional_str(data, "last_modified"),
            sha256=_optional_str(data, "sha256"),
            fiscal_year=_optional_int(data, "fiscal_year"),
            path=_optional_str(data, "path"),
            outcome=outcome,
            error=_optional_str(data, "error"),
        )

    @property
    def has_copy(self) -> bool:
        """True when this record points at bytes saved in the archive."""
        return self.outcome in ("fetched", "unchanged") and self.path is not None


def _optional_str(data: dict[str, object], key: str) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"{key} must be a string or null")


def _optional_int(data: dict[str, object], key: str) -> int | None:
    value = data.get(key)
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise TypeError(f"{key} must be an integer or null")


@dataclass(slots=True)
class Manifest:
    """The manifest file of one archive directory."""

    path: Path
    skipped_lines: int = field(default=0, init=False)
    """Lines that could not be read (a run killed mid-write leaves half a line)."""
    write_fd: int | None = field(default=None, init=False)
    """Set by the archive: appends go through this descriptor, opened without following links."""

    def records(self) -> Iterator[ManifestRecord]:
        """Every readable record, oldest first."""
        self.skipped_lines = 0
        if not self.path.is_file():
            return
        with self.path.open(encoding="utf-8", errors="replace") as lines:
            for line in lines:
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                    if not isinstance(data, dict):
                        raise TypeError("not an object")  # noqa: TRY301 - one handler for all
                    yield ManifestRecord.from_dict(data)
                except (TypeError, ValueError):
                    self.skipped_lines += 1

    def latest_copies(self) -> dict[str, ManifestRecord]:
        """The newest record with saved bytes for each URL: what the next run compares with."""
        latest: dict[str, ManifestRecord] = {}
        for record in self.records():
            if record.has_copy:
                latest[record.url] = record
        return latest

    def append(self, record: ManifestRecord) -> None:
        """Add one line and flush it to disk, so a crash later in the run keeps it."""
        line = json.dumps(record.to_dict(), ensure_ascii=False) + "\n"
        if self.write_fd is not None:
            data = ("\n" if self._ends_without_newline() else "") + line
            os.write(self.write_fd, data.encode("utf-8"))
            os.fsync(self.write_fd)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        needs_newline = self._ends_without_newline()
        with self.path.open("a", encoding="utf-8") as out:
            if needs_newline:
                out.write("\n")
            out.write(line)
            out.flush()

    def _ends_without_newline(self) -> bool:
        """True after a run died mid-line: the next record must start on its own line."""
        if not self.path.is_file() or self.path.stat().st_size == 0:
            return False
        with self.path.open("rb") as raw:
            raw.seek(-1, 2)
            return raw.read(1) != b"\n"
