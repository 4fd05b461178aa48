"""From the paths a user gives to the page sources to read, in a fixed order.

- a **file** is read whatever its extension;
- a **directory** is searched depth first, each directory's entries by name,
  for ``.html`` and ``.htm`` files (any case); hidden entries are skipped;
- ``-`` is standard input, an ``http://`` or ``https://`` argument a URL;
- a ``.warc`` or ``.warc.gz`` file is a WARC file, each HTML response in it
  a page whose source is the record's target URI;
- a page of an archive folder that `followup fetch` wrote has its URL, from
  the manifest, as its source (the file is the copy of that URL);
- no paths at all means the current directory.

Failures (a missing path, a directory that cannot be listed) and warnings
(a symbolic link loop) take their place among the sources, so a reader can
report each where it belongs and read everything else.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple

from followup_cli.corpus.seen import FirstSeen, key_of
from followup_cli.errors import FollowupError, InputReadError
from followup_cli.page_file import os_reason

PAGE_SUFFIXES = frozenset({".html", ".htm"})
# Read when named, never picked up from a folder: an archive's own capture
# would otherwise be read a second time beside its pages.
WARC_SUFFIXES = (".warc", ".warc.gz")
STDIN_NAME = "<stdin>"

SourceKind = Literal["file", "stdin", "url", "warc"]


class Source(NamedTuple):
    """One input to parse; ``name`` is how messages and records refer to it."""

    name: str
    kind: SourceKind
    path: Path | None = None
    url: str | None = None
    """The URL a file in an archive folder is the copy of: the page's source."""

    def __reduce__(self) -> tuple[object, ...]:
        # Sent to worker processes by the thousand: as plain text, several
        # times cheaper to pickle than the dataclass and its Path.
        path = None if self.path is None else os.fspath(self.path)
        return (_source, (self.name, self.kind, path, self.url))


def _source(name: str, kind: SourceKind, path: str | None, url: str | None) -> Source:
    return Source(name, kind, None if path is None else Path(path), url)


@dataclass(frozen=True, slots=True)
class SourceWarning:
    """Something worth telling about an input that fails nothing (a link loop)."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


SourceItem = Source | FollowupError | SourceWarning


@dataclass(frozen=True, slots=True)
class Sources:
    """Sources in input order, with failures and warnings in their places."""

    items: tuple[SourceItem, ...]

    @property
    def count(self) -> int:
        """How many pages there are to read."""
        return sum(1 for item in self.items if isinstance(item, Source))


def is_url(argument: str) -> bool:
    return argument[:8].lower().startswith(("http://", "https://"))


def source_name(path: str | os.PathLike[str]) -> str:
    """The path as text that can always be printed and written as JSON.

    File names that are not valid UTF-8 reach Python as lone surrogates, which
    no terminal or JSON encoder accepts; their bytes are shown escaped instead.
    """
    text = os.fspath(path)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def walk_sources(arguments: Sequence[str]) -> Iterator[SourceItem]:
    """Expand paths as they are walked: none means the current directory, ``-`` standard input.

    Sources come one at a time, each directory listed only when the walk
    reaches it, so reading can start at the first page of a million and no
    list of every path is ever held. A file or directory reached twice
    (``samples/ samples/``, a folder and a file in it, two links to one
    place) is listed once, with a warning naming both paths.
    """
    walk = _Walk()
    try:
        stdin_given = False
        for argument in arguments or ["."]:
            if argument == "-":
                if stdin_given:
                    yield SourceWarning(STDIN_NAME, "given twice: read once")
                else:
                    stdin_given = True
                    yield Source(STDIN_NAME, "stdin")
            elif is_url(argument):
                yield Source(argument, "url")
            else:
                yield from walk.argument(argument)
    finally:
        walk.close()


def find_sources(arguments: Sequence[str]) -> Sources:
    """Every source :func:`walk_sources` finds, in one tuple (to count them first)."""
    return Sources(tuple(walk_sources(arguments)))


# What a path is when it is neither a regular file nor a directory.
_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def special_kind(mode: int) -> str:
    """What a path that is not a regular file or a directory is, in words."""
    for test, kind in _SPECIAL_KINDS:
        if test(mode):
            return kind
    return "not a regular file"


class _Walk:
    """Every file and directory already reached, for a walk in progress."""

    def __init__(self) -> None:
        # (st_dev, st_ino) -> the name it was first reached by: one key a
        # file (bounded memory, see FirstSeen); directories are few.
        self.files = FirstSeen()
        self.directories: dict[tuple[int, int], str] = {}
        # Copies in archive folders -> the URL each is a copy of.
        self.archive_urls: dict[Path, str] = {}

    def close(self) -> None:
        self.files.close()

    def argument(self, argument: str) -> Iterator[SourceItem]:
        name = source_name(argument)
        try:
            status = Path(argument).stat()
        except FileNotFoundError:
            if os.path.lexists(argument):
                # A broken link: reading it gives the clear error.
                yield Source(name, "file", Path(argument))
            else:
                yield InputReadError(name, "no such file or directory")
            return
        except OSError as error:
            yield InputReadError(name, os_reason(error))
            return
        if stat.S_ISDIR(status.st_mode):
            found_any = False
            for item in self.directory(Path(argument), _identity(status), top=name):
                if isinstance(item, Source | FollowupError) or item.source == name:
                    found_any = True
                yield item
            if not found_any:
                yield InputReadError(name, "no .html or .htm files in this directory")
            return
        # A file named on the command line is read whatever its extension or
        # kind (a pipe from a shell's <(...) is one); reading is bounded.
        yield self.file(Path(argument), status)

    def file(self, path: Path, status: os.stat_result) -> SourceItem:
        name = source_name(path)
        if stat.S_ISREG(status.st_mode):
            first = self.files.earlier(key_of(status.st_dev, status.st_ino), name)
            if first is not None:
                same = "reached twice" if first == name else f"the same file as {first}"
                return SourceWarning(name, f"{same}: read once")
        kind: SourceKind = "warc" if path.name.lower().endswith(WARC_SUFFIXES) else "file"
        url = self.archive_urls.get(path) if self.archive_urls else None
        return Source(name, kind, path, url=url)

    def directory(
        self, root: Path, root_id: tuple[int, int], *, top: str | None = None
    ) -> Iterator[SourceItem]:
        """Pages under ``root``, depth first, each directory's entries by name.

        Symbolic links to directories are followed, but each directory is
        read once: a link back to an ancestor (a loop) is reported and
        skipped. Hidden entries (.git, .venv) are skipped, as ripgrep does.
        Only regular files are read: a FIFO would block the run for ever and
        a link to /dev/zero fill memory, so they are skipped with a warning.
        ``top`` is the directory's name when it was given as an argument.
        Each directory is listed when the walk reaches it, so what is held is
        one sorted listing per directory on the way down, never the tree.
        """
        first = self.directories.get(root_id)
        if first is not None:
            if top is not None:
                same = "given twice" if first == top else f"the same directory as {first}"
                yield SourceWarning(top, f"{same}: read once")
            return
        self.directories[root_id] = top or source_name(root)
        superseded = self._archive_copies(root)
        listed = _listing(root)
        if isinstance(listed, FollowupError):
            yield listed
            return
        # Each frame: the directory's remaining entries and its identity.
        stack: list[tuple[Iterator[Path], tuple[int, int]]] = [(iter(listed), root_id)]
        while stack:
            entries, _ = stack[-1]
            path = next(entries, None)
            if path is None:
                stack.pop()
            elif not path.name.startswith("."):
                found = self._entry(path, stack, superseded)
                if found is not None:
                    yield found

    def _entry(
        self,
        path: Path,
        stack: list[tuple[Iterator[Path], tuple[int, int]]],
        superseded: set[Path],
    ) -> SourceItem | None:
        """One directory entry: a page to read, a directory to enter, or neither."""
        try:
            status = path.stat()
        except FileNotFoundError:
            if path.suffix.lower() in PAGE_SUFFIXES:
                # Broken links are kept: reading them gives a clear error.
                return Source(source_name(path), "file", path)
            return None
        except OSError as error:
            return InputReadError(source_name(path), os_reason(error))
        if stat.S_ISDIR(status.st_mode):
            directory_id = _identity(status)
            if any(directory_id == frame_id for _, frame_id in stack):
                return SourceWarning(source_name(path), "symbolic link loop, not followed")
            if directory_id in self.directories:
                return None
            self.directories[directory_id] = source_name(path)
            superseded |= self._archive_copies(path)
            listed = _listing(path)
            if isinstance(listed, FollowupError):
                return listed
            stack.append((iter(listed), directory_id))
            return None
        if path.suffix.lower() not in PAGE_SUFFIXES or (superseded and path in superseded):
            return None
        if stat.S_ISREG(status.st_mode):
            return self.file(path, status)
        link = "a symbolic link to " if path.is_symlink() else ""
        kind = special_kind(status.st_mode)
        return SourceWarning(source_name(path), f"{link}{kind}, not a regular file: skipped")

    def _archive_copies(self, directory: Path) -> set[Path]:
        """The superseded copies of an archive folder; notes each current copy's URL."""
        superseded, urls = _archive_manifest(directory)
        self.archive_urls.update(urls)
        return superseded


def _archive_manifest(directory: Path) -> tuple[set[Path], dict[Path, str]]:
    """Older copies of changed pages in an archive that `followup fetch` wrote, and URLs.

    The archive keeps every version of a page; reading it as input should see
    each page once, as it was last fetched, so the manifest decides which
    copies are current. Each current copy is named by the URL its bytes came
    from (after redirects), which becomes the page's source.
    """
    manifest_path = directory / "manifest.jsonl"
    try:
        if not stat.S_ISREG(manifest_path.stat().st_mode):
            return set(), {}
    except OSError:
        return set(), {}
    from followup_cli.fetch.manifest import Manifest  # noqa: PLC0415 - only for archives

    manifest = Manifest(manifest_path)
    try:
        latest = manifest.latest_copies().values()
        every = {record.path for record in manifest.records() if record.has_copy}
    except (OSError, ValueError):
        return set(), {}
    current = {record.path for record in latest}
    urls = {
        directory / record.path: record.final_url or record.url for record in latest if record.path
    }
    return {directory / path for path in every - current if path}, urls


def _listing(directory: Path) -> list[Path] | FollowupError:
    try:
        with os.scandir(directory) as scan:
            names = sorted(entry.name for entry in scan)
    except OSError as error:
        return InputReadError(source_name(directory), f"cannot list directory: {os_reason(error)}")
    return [directory / name for name in names]


def _identity(status: os.stat_result) -> tuple[int, int]:
    return (status.st_dev, status.st_ino)
