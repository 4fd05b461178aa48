"""What a run has already seen, and the name it was first seen by, in bounded memory.

Reading a corpus once per page (a file reached twice, the same bytes saved
twice, a measure published again) needs, for every page, a key and the name
to quote when the key comes back. Held in a dict that costs about 180 bytes
a page: 180 MB at a million pages. So a :class:`FirstSeen` holds its first
:data:`SPILL_AT` keys in a dict, then moves them into a private temporary
SQLite database (the standard library's; SQLite deletes the file when the
connection closes) whose page cache is bounded, so memory stays flat
however many pages a run reads; the file grows by about 70 bytes a key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

try:
    # BLAKE2 is CPython's own code in _blake2, where hashlib would first load
    # OpenSSL's bindings, a start-up cost every run would pay for one hash.
    from _blake2 import blake2b
except ImportError:  # another Python: the same function through hashlib
    from hashlib import blake2b

if TYPE_CHECKING:
    import sqlite3

# Keys held in memory before they move to disk: a few MB of dict, and runs
# of ordinary size never load sqlite3.
SPILL_AT = 20_000
# SQLite's page cache, in KiB (a negative cache_size is KiB): the memory a
# spilled index may use, whatever its size on disk.
CACHE_KIB = 4_096


def key_of(*parts: str | int) -> bytes:
    """A 16-byte key for text and numbers (collisions: about 1 in 2**64 at 2**32 keys)."""
    text = "\x00".join(str(part) for part in parts)
    return blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).digest()


def page_digest(data: bytes) -> bytes:
    """The 16-byte key of a page's bytes: two pages with the same key are one page."""
    return blake2b(data, digest_size=16).digest()


class FirstSeen:
    """Keys seen so far, each with the name it was first seen by."""

    def __init__(self, *, spill_at: int | None = None) -> None:
        self._spill_at = SPILL_AT if spill_at is None else spill_at
        self._memory: dict[bytes, str] = {}
        self._database: sqlite3.Connection | None = None

    @property
    def spilled(self) -> bool:
        """Whether the keys are on disk now."""
        return self._database is not None

    def earlier(self, key: bytes, name: str) -> str | None:
        """The name ``key`` was first seen by, or None when it is new (then kept with ``name``)."""
        if self._database is not None:
            found = self._database.execute("SELECT name FROM seen WHERE key = ?", (key,)).fetchone()
            if found is not None:
                return str(found[0])
            self._database.execute("INSERT INTO seen VALUES (?, ?)", (key, name))
            return None
        first = self._memory.get(key)
        if first is None:
            self._memory[key] = name
            if len(self._memory) > self._spill_at:
                self._spill()
        return first

    def close(self) -> None:
        """Forget every key (and delete the file, if there is one)."""
        self._memory = {}
        if self._database is not None:
            self._database.close()
            self._database = None

    def _spill(self) -> None:
        import sqlite3  # noqa: PLC0415 - only runs of many pages pay for it

        # "" is a private temporary database on disk, removed when closed;
        # nothing else ever opens it, so no journal and no syncing.
        database = sqlite3.connect("", isolation_level=None, check_same_thread=False)
        database.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        database.execute("PRAGMA journal_mode = OFF")
        database.execute("PRAGMA synchronous = OFF")
        database.execute("CREATE TABLE seen (key BLOB PRIMARY KEY, name TEXT) WITHOUT ROWID")
        database.execute("BEGIN")
        database.executemany("INSERT INTO seen VALUES (?, ?)", self._memory.items())
        self._database = database
        self._memory = {}
