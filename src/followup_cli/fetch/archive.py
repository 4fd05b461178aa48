"""Saving fetched pages under the archive directory, and nowhere else.

Layout: ``DIR/HOST/FISCAL_YEAR/NAME.html``, NAME being the URL's last path
segment made safe plus a short hash of the URL (two URLs ending in
``index.html`` must not collide). A page that changed is saved beside the old
copy as ``NAME.SHA8.html``; old bytes are never overwritten.

Every name is built from a URL, which the site controls, so names are
sanitised to a small alphabet, and every write goes through directory
descriptors that refuse symlinks at each component (see dirfd): ``..``,
``%2e%2e``, absolute paths, NUL and symlinks planted in the archive, even
during a run, all end in DisallowedError, not a write outside DIR.

Crash safety: a page's bytes go to a hidden temporary file first, and take
their final name only after the manifest line naming them is written and
flushed (:meth:`Archive.prepare`, then :meth:`PendingCopy.publish`). A run
killed at any point leaves either no page file or one the manifest names;
the next run, holding the archive's lock, removes the temporary files left.
Identical bytes are stored once: a page whose sha256 the archive already
holds points at that copy.
"""

from __future__ import annotations

import errno
import hashlib
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote, urlsplit

from followup_cli.fetch import dirfd
from followup_cli.fetch.errors import DisallowedError
from followup_cli.fetch.lock import acquire, release
from followup_cli.fetch.manifest import MANIFEST_NAME, Manifest

# Bytes, not characters: most file systems cap a name at 255 bytes, and a
# Japanese character takes three in UTF-8. Room is left for the hashes.
MAX_STEM_BYTES = 120
UNKNOWN_YEAR = "unknown"
PAGE_SUFFIX = ".html"

_ASCII_KEPT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")
_PAGE_EXTENSIONS = (".html", ".htm", ".shtml", ".xhtml", ".php", ".asp", ".aspx", ".jsp", ".cgi")


def _keep(char: str) -> bool:
    if char in _ASCII_KEPT:
        return True
    return ord(char) > 0x7F and unicodedata.category(char)[0] in "LN"


def _cap_bytes(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")


def sanitise(text: str) -> str:
    """Only [A-Za-z0-9._-] and non-ASCII letters and digits; no leading dots; capped."""
    folded = unicodedata.normalize("NFC", text)
    kept = "".join(char if _keep(char) else "_" for char in folded)
    while "__" in kept:
        kept = kept.replace("__", "_")
    # Leading dots make hidden files (and "..");  trailing ones vanish on Windows.
    stripped = kept.strip("._-")
    return _cap_bytes(stripped, MAX_STEM_BYTES).rstrip("._-")


def url_digest(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8", errors="surrogatepass")).hexdigest()[:8]


def archive_name(url: str) -> str:
    """NAME for a page: its last path segment, sanitised, plus a hash of the whole URL."""
    last_segment = urlsplit(url).path.rsplit("/", 1)[-1]
    stem = unquote(last_segment, errors="replace")
    lowered = stem.lower()
    for extension in _PAGE_EXTENSIONS:
        if lowered.endswith(extension):
            stem = stem[: -len(extension)]
            break
    return f"{sanitise(stem) or 'index'}-{url_digest(url)}"


def host_folder(url: str) -> str:
    """HOST folder: the host name, and the port when it is not the scheme's default."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    host = sanitise((parts.hostname or "").lower()) or "unknown-host"
    return f"{host}_{port}" if port is not None and port != default else host


def year_folder(fiscal_year: int | None) -> str:
    if fiscal_year is None or not 1900 <= fiscal_year <= 2200:
        return UNKNOWN_YEAR
    return str(fiscal_year)


@dataclass(frozen=True, slots=True)
class StoredCopy:
    """Where a page's bytes are; ``written`` is False when identical bytes were already there."""

    path: str
    sha256: str
    written: bool


@dataclass(slots=True)
class PendingCopy:
    """A page written to a temporary file, waiting for its manifest line before its name."""

    path: str
    sha256: str
    written: bool
    _folder_fd: int | None = field(default=None, repr=False)
    _temp_name: str | None = field(default=None, repr=False)
    _final_name: str = field(default="", repr=False)
    _on_publish: dict[str, str] | None = field(default=None, repr=False)

    def publish(self) -> StoredCopy:
        """Give the bytes their final name (call after the manifest line is flushed)."""
        if self._folder_fd is not None and self._temp_name is not None:
            try:
                dirfd.publish(self._folder_fd, self._temp_name, self._final_name)
            finally:
                self._close()
            if self._on_publish is not None:
                self._on_publish[self.sha256] = self.path
        return StoredCopy(self.path, self.sha256, self.written)

    def abandon(self) -> None:
        """Remove the temporary file: its manifest line could not be written."""
        if self._folder_fd is not None and self._temp_name is not None:
            dirfd.remove(self._folder_fd, self._temp_name)
        self._close()

    def _close(self) -> None:
        if self._folder_fd is not None:
            os.close(self._folder_fd)
            self._folder_fd = None


class Archive:
    """One archive directory: its saved pages and its manifest.

    With ``lock=True`` (what `followup fetch` uses) the archive's lock is
    taken, waiting up to ``lock_wait`` seconds, and temporary files left by
    a run that died are removed; ArchiveBusyError if another run holds it.
    Close it (or use it as a context manager) to release the lock.
    """

    def __init__(self, root: Path, *, lock: bool = False, lock_wait: float = 0.0) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.root = root
        self._root_fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        self._lock_fd: int | None = None
        self.removed_temp_files = 0
        try:
            if lock:
                self._lock_fd = acquire(self._root_fd, str(root), wait=lock_wait)
                self.removed_temp_files = self._remove_temp_files()
            self.manifest = Manifest(root / MANIFEST_NAME)
            if lock:
                self.manifest.write_fd = self._open_manifest()
        except BaseException:
            self.close()
            raise
        self._by_sha256: dict[str, str] | None = None

    @property
    def root_fd(self) -> int:
        """The archive folder's descriptor, for writers that work below it."""
        return self._root_fd

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        manifest = getattr(self, "manifest", None)
        if manifest is not None and manifest.write_fd is not None:
            os.close(manifest.write_fd)
            manifest.write_fd = None
        if self._lock_fd is not None:
            release(self._lock_fd)
            self._lock_fd = None
        if self._root_fd >= 0:
            os.close(self._root_fd)
            self._root_fd = -1

    def store(self, url: str, fiscal_year: int | None, content: bytes) -> StoredCopy:
        """Save ``content`` fetched from ``url`` at once; never overwrites different bytes."""
        return self.prepare(url, fiscal_year, content).publish()

    def prepare(self, url: str, fiscal_year: int | None, content: bytes) -> PendingCopy:
        """Write ``content`` under a temporary name and choose its final one.

        ``written`` is False when the archive already holds these bytes
        (then ``path`` names that copy and nothing was written).
        """
        digest = hashlib.sha256(content).hexdigest()
        known = self._known_copy(digest)
        if known is not None:
            return PendingCopy(known, digest, written=False)
        parts = (host_folder(url), year_folder(fiscal_year))
        shown = "/".join(parts)
        try:
            folder_fd = dirfd.open_folder(self._root_fd, parts, create=True, shown=shown)
        except DisallowedError as error:
            raise DisallowedError(url, f"{error.reason} (in {self.root})") from None
        try:
            name = archive_name(url)
            for candidate in (
                f"{name}{PAGE_SUFFIX}",
                f"{name}.{digest[:8]}{PAGE_SUFFIX}",
                f"{name}.{digest}{PAGE_SUFFIX}",
            ):
                relative = f"{shown}/{candidate}"
                if not dirfd.exists(folder_fd, candidate):
                    temp = dirfd.write_temp(folder_fd, candidate, content)
                    return PendingCopy(
                        relative, digest, True, folder_fd, temp, candidate, self._by_sha256
                    )
                held = dirfd.read_file(folder_fd, candidate)
                if held is not None and hashlib.sha256(held).hexdigest() == digest:
                    os.close(folder_fd)
                    return PendingCopy(relative, digest, written=False)
        except BaseException:
            os.close(folder_fd)
            raise
        os.close(folder_fd)
        raise DisallowedError(url, f"every archive name for this page is taken in {shown}")

    def read(self, relative: str) -> bytes | None:
        """The bytes of a saved copy named by a manifest record, or None if it is gone."""
        parts = relative.split("/")
        try:
            for part in parts:
                dirfd.check_part(part)
            folder_fd = dirfd.open_folder(self._root_fd, parts[:-1], create=False, shown=relative)
        except (DisallowedError, OSError):
            return None
        try:
            return dirfd.read_file(folder_fd, parts[-1])
        finally:
            os.close(folder_fd)

    def copy_matches(self, relative: str, sha256: str) -> bool:
        """True when the saved copy still exists and holds exactly these bytes."""
        content = self.read(relative)
        return content is not None and hashlib.sha256(content).hexdigest() == sha256

    def _known_copy(self, digest: str) -> str | None:
        """The path of a copy the manifest says holds these bytes, if it still does."""
        if self._by_sha256 is None:
            self._by_sha256 = {
                record.sha256: record.path
                for record in self.manifest.records()
                if record.has_copy and record.sha256 and record.path
            }
        path = self._by_sha256.get(digest)
        if path is not None and self.copy_matches(path, digest):
            return path
        return None

    def _open_manifest(self) -> int:
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
        try:
            return os.open(MANIFEST_NAME, flags, 0o644, dir_fd=self._root_fd)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise DisallowedError(
                    str(self.root / MANIFEST_NAME), "the manifest is a symbolic link: refused"
                ) from None
            raise

    def _remove_temp_files(self) -> int:
        removed = 0
        # Removed while walking: each folder's descriptor lives only for its step.
        for _folder, name, folder_fd in dirfd.temp_files(self._root_fd):
            dirfd.remove(folder_fd, name)
            removed += 1
        return removed
