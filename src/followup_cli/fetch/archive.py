"""Saving fetched pages under the archive directory, and nowhere else.

Layout: ``DIR/HOST/FISCAL_YEAR/NAME.html``, NAME being the URL's last path
segment made safe plus a short hash of the URL (two URLs ending in
``index.html`` must not collide). A page that changed is saved beside the old
copy as ``NAME.SHA8.html``; old bytes are never overwritten.

Every name is built from a URL, which the site controls, so names are
sanitised to a small alphabet, and every path is resolved and checked to lie
inside DIR before a byte is written: ``..``, ``%2e%2e``, absolute paths, NUL
and symlinks planted in the archive all end in DisallowedError, not a write.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from followup_cli.fetch.errors import DisallowedError
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


class Archive:
    """One archive directory: its saved pages and its manifest."""

    def __init__(self, root: Path) -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.root = root
        self._real_root = root.resolve()
        self.manifest = Manifest(self.inside(root / MANIFEST_NAME))

    def inside(self, path: Path) -> Path:
        """``path`` itself if it resolves to somewhere under the archive; else DisallowedError."""
        if "\x00" in str(path):
            raise DisallowedError(str(path), "a path with a NUL character")
        resolved = path.resolve()
        if resolved == self._real_root or not resolved.is_relative_to(self._real_root):
            raise DisallowedError(str(path), f"would be outside the archive {self.root}")
        return path

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def store(self, url: str, fiscal_year: int | None, content: bytes) -> StoredCopy:
        """Save ``content`` fetched from ``url``; never overwrites different bytes."""
        digest = hashlib.sha256(content).hexdigest()
        folder = self.inside(self.root / host_folder(url) / year_folder(fiscal_year))
        folder.mkdir(parents=True, exist_ok=True)
        # Checked again once the folders exist, in case one was a planted symlink.
        self.inside(folder)
        name = archive_name(url)
        candidates = (
            folder / f"{name}{PAGE_SUFFIX}",
            folder / f"{name}.{digest[:8]}{PAGE_SUFFIX}",
            folder / f"{name}.{digest}{PAGE_SUFFIX}",
        )
        for candidate in candidates:
            target = self.inside(candidate)
            if _write_new(target, content):
                return StoredCopy(self.relative(target), digest, written=True)
            if target.is_file() and _sha256_of(target) == digest:
                return StoredCopy(self.relative(target), digest, written=False)
        raise DisallowedError(url, f"every archive name for this page is taken in {folder}")

    def read(self, relative: str) -> bytes | None:
        """The bytes of a saved copy named by a manifest record, or None if it is gone."""
        try:
            path = self.inside(self.root / relative)
        except DisallowedError:
            return None
        try:
            return path.read_bytes()
        except OSError:
            return None

    def copy_matches(self, relative: str, sha256: str) -> bool:
        """True when the saved copy still exists and holds exactly these bytes."""
        content = self.read(relative)
        return content is not None and hashlib.sha256(content).hexdigest() == sha256


def _write_new(path: Path, content: bytes) -> bool:
    """Create ``path`` with ``content``; False if it exists (O_EXCL: symlinks count as existing)."""
    try:
        out = path.open("xb")
    except FileExistsError:
        return False
    with out:
        try:
            out.write(content)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
    return True


def _sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
