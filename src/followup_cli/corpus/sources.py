"""From the paths a user gives to the page sources to read, in a fixed order.

- a **file** is read whatever its extension;
- a **directory** is searched depth first, each directory's entries by name,
  for ``.html`` and ``.htm`` files (any case); hidden entries are skipped;
- ``-`` is standard input, an ``http://`` or ``https://`` argument a URL;
- no paths at all means the current directory.

Failures (a missing path, a directory that cannot be listed) and warnings
(a symbolic link loop) take their place among the sources, so a reader can
report each where it belongs and read everything else.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from followup_cli.errors import FollowupError, InputReadError

PAGE_SUFFIXES = frozenset({".html", ".htm"})
STDIN_NAME = "<stdin>"

SourceKind = Literal["file", "stdin", "url"]


@dataclass(frozen=True, slots=True)
class Source:
    """One input to parse; ``name`` is how messages and records refer to it."""

    name: str
    kind: SourceKind
    path: Path | None = None


@dataclass(frozen=True, slots=True)
class SourceWarning:
    """Something worth telling about an input that fails nothing (a link loop)."""

    source: str
    message: str


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


def find_sources(arguments: Sequence[str]) -> Sources:
    """Expand paths: none means the current directory, ``-`` standard input."""
    items: list[SourceItem] = []
    for argument in arguments or ["."]:
        if argument == "-":
            items.append(Source(STDIN_NAME, "stdin"))
        elif is_url(argument):
            items.append(Source(argument, "url"))
        elif Path(argument).is_dir():
            found = list(_walk(Path(argument)))
            if not any(isinstance(item, Source | FollowupError) for item in found):
                found.append(InputReadError(argument, "no .html or .htm files in this directory"))
            items.extend(found)
        elif os.path.lexists(argument):
            # A file named on the command line is read whatever its extension.
            items.append(Source(source_name(argument), "file", Path(argument)))
        else:
            items.append(InputReadError(source_name(argument), "no such file or directory"))
    return Sources(tuple(items))


def _walk(root: Path) -> Iterator[SourceItem]:
    """Pages under ``root``, depth first, each directory's entries by name.

    Symbolic links to directories are followed, but each directory is read
    once: a link back to an ancestor (a loop) is reported and skipped. Hidden
    entries (.git, .venv) are skipped, as ripgrep does.
    """
    try:
        root_id = _directory_id(root)
    except OSError as error:
        yield InputReadError(source_name(root), os_reason(error))
        return
    visited = {root_id}
    superseded = _superseded_copies(root)
    # Each frame: the directory's remaining entries and its identity.
    stack: list[tuple[Iterator[Path], tuple[int, int]]] = []
    listed = _listing(root)
    if isinstance(listed, FollowupError):
        yield listed
        return
    stack.append((iter(listed), root_id))
    while stack:
        entries, _ = stack[-1]
        path = next(entries, None)
        if path is None:
            stack.pop()
            continue
        if path.name.startswith("."):
            continue
        if path.is_dir():
            try:
                directory_id = _directory_id(path)
            except OSError as error:
                yield InputReadError(source_name(path), os_reason(error))
                continue
            if any(directory_id == frame_id for _, frame_id in stack):
                yield SourceWarning(source_name(path), "symbolic link loop, not followed")
                continue
            if directory_id in visited:
                continue
            visited.add(directory_id)
            superseded |= _superseded_copies(path)
            listed = _listing(path)
            if isinstance(listed, FollowupError):
                yield listed
                continue
            stack.append((iter(listed), directory_id))
        elif path.suffix.lower() in PAGE_SUFFIXES and path not in superseded:
            # Broken links are kept: reading them gives a clear error.
            yield Source(source_name(path), "file", path)


def _superseded_copies(directory: Path) -> set[Path]:
    """Older copies of changed pages in an archive that `followup fetch` wrote.

    The archive keeps every version of a page; reading it as input should see
    each page once, as it was last fetched, so the manifest decides which
    copies are current.
    """
    manifest_path = directory / "manifest.jsonl"
    if not manifest_path.is_file():
        return set()
    from followup_cli.fetch.manifest import Manifest  # noqa: PLC0415 - only for archives

    manifest = Manifest(manifest_path)
    try:
        current = {record.path for record in manifest.latest_copies().values()}
        every = {record.path for record in manifest.records() if record.has_copy}
    except (OSError, ValueError):
        return set()
    return {directory / path for path in every - current if path}


def _listing(directory: Path) -> list[Path] | FollowupError:
    try:
        with os.scandir(directory) as scan:
            names = sorted(entry.name for entry in scan)
    except OSError as error:
        return InputReadError(source_name(directory), f"cannot list directory: {os_reason(error)}")
    return [directory / name for name in names]


def _directory_id(path: Path) -> tuple[int, int]:
    status = path.stat()
    return (status.st_dev, status.st_ino)


def os_reason(error: OSError) -> str:
    return error.strerror or str(error)
