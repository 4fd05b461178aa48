"""From the PATHS on the command line to parsed reports, in input order.

Three steps, kept apart so each can change alone:

1. :func:`resolve_sources` turns arguments into sources (files found in
   directories, ``-``, URLs), in a deterministic order;
2. :func:`parse_sources` is the one loop that parses them; ``--jobs`` will
   replace it with a process pool that yields in the same order;
3. :func:`read_reports` reports failures and warnings on stderr and yields the
   reports that parsed, so a failing input never stops the others.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal

from followup_cli import parse_file, parse_html
from followup_cli.errors import FollowupError, InputReadError
from followup_cli.model import Report

if TYPE_CHECKING:
    from followup_cli.cli.environment import Environment
    from followup_cli.cli.messages import Reporter
    from followup_cli.fetch.client import Fetcher

PAGE_SUFFIXES = frozenset({".html", ".htm"})
STDIN_NAME = "<stdin>"
# Below this many inputs a run is too quick for a progress bar to help.
PROGRESS_THRESHOLD = 20
# Below this many files a process pool costs more to start than it saves.
MIN_FILES_FOR_POOL = 16

SourceKind = Literal["file", "stdin", "url"]


@dataclass(frozen=True)
class Source:
    """One input to parse; ``name`` is how messages and records refer to it."""

    name: str
    kind: SourceKind
    path: Path | None = None


@dataclass(frozen=True)
class Resolution:
    """Sources in input order, with arguments that failed already in place."""

    items: tuple[Source | FollowupError, ...]
    # (where, what): things worth saying that fail nothing, like a symlink loop.
    notes: tuple[tuple[str, str], ...] = field(default=())

    @property
    def source_count(self) -> int:
        return sum(1 for item in self.items if isinstance(item, Source))


def is_url(argument: str) -> bool:
    return argument[:8].lower().startswith(("http://", "https://"))


def resolve_sources(arguments: Sequence[str]) -> Resolution:
    """Expand PATHS: none means the current directory, ``-`` standard input."""
    items: list[Source | FollowupError] = []
    notes: list[tuple[str, str]] = []
    for argument in arguments or ["."]:
        if argument == "-":
            items.append(Source(STDIN_NAME, "stdin"))
        elif is_url(argument):
            items.append(Source(argument, "url"))
        elif Path(argument).is_dir():
            found = list(_walk(Path(argument), notes))
            if not found:
                found.append(InputReadError(argument, "no .html or .htm files in this directory"))
            items.extend(found)
        elif os.path.lexists(argument):
            # A file named on the command line is read whatever its extension.
            items.append(Source(argument, "file", Path(argument)))
        else:
            items.append(InputReadError(argument, "no such file or directory"))
    return Resolution(tuple(items), tuple(notes))


def _walk(root: Path, notes: list[tuple[str, str]]) -> Iterator[Source | FollowupError]:
    """Pages under ``root``, depth first, each directory's entries by name.

    Symbolic links to directories are followed, but each directory is read
    once: a link back to an ancestor (a loop) is reported and skipped. Hidden
    entries (.git, .venv) are skipped, as ripgrep does.
    """
    try:
        root_id = _directory_id(root)
    except OSError as error:
        yield InputReadError(str(root), _os_reason(error))
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
                yield InputReadError(str(path), _os_reason(error))
                continue
            if any(directory_id == frame_id for _, frame_id in stack):
                notes.append((str(path), "symbolic link loop, not followed"))
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
            yield Source(str(path), "file", path)


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
        return InputReadError(str(directory), f"cannot list directory: {_os_reason(error)}")
    return [directory / name for name in names]


def _directory_id(path: Path) -> tuple[int, int]:
    status = path.stat()
    return (status.st_dev, status.st_ino)


def _os_reason(error: OSError) -> str:
    return error.strerror or str(error)


def parse_source(
    source: Source, stdin_data: bytes | None = None, urls: UrlReader | None = None
) -> Report:
    """Parse one source; raises FollowupError when it cannot be read as a page."""
    if source.kind == "url":
        return (urls or UrlReader()).parse(source.name)
    if source.kind == "stdin":
        return parse_html(stdin_data or b"", source=source.name)
    return parse_file(source.path if source.path is not None else Path(source.name))


class UrlReader:
    """The one place that knows about http(s) inputs.

    One HTTP client serves every URL of a run, so robots.txt is read once per
    host and the per-host delay holds across the arguments. httpx is imported
    only when a URL is read: runs over files never pay for it.
    """

    def __init__(self) -> None:
        self._client = contextlib.ExitStack()
        self._fetcher: Fetcher | None = None

    def parse(self, url: str) -> Report:
        from followup_cli.fetch.client import Fetcher, fetch_url_bytes  # noqa: PLC0415

        if self._fetcher is None:
            self._fetcher = self._client.enter_context(Fetcher())
        content, _final_url = fetch_url_bytes(url, fetcher=self._fetcher)
        return parse_html(content, source=url)

    def close(self) -> None:
        self._client.close()
        self._fetcher = None


def parse_sources(
    items: Sequence[Source | FollowupError], stdin: BinaryIO, *, jobs: int = 1
) -> Iterator[tuple[str, Report | FollowupError]]:
    """Parse every source in order; a failure is yielded, not raised.

    With ``jobs`` above 1 and enough files, the files are parsed by a process
    pool (:mod:`followup_cli.cli.parallel`); the results keep input order
    either way, and standard input and URLs are read here, in this process.
    """
    files = [
        item.path
        for item in items
        if isinstance(item, Source) and item.kind == "file" and item.path is not None
    ]
    pooled: Iterator[Report | FollowupError] | None = None
    if parallel_worth_it(len(files), jobs):
        from followup_cli.cli.parallel import parse_files  # noqa: PLC0415 - only with a pool

        pooled = parse_files(files, jobs)
    urls = UrlReader()
    try:
        yield from _parse_in_order(items, stdin, pooled, urls)
    finally:
        urls.close()


def _parse_in_order(
    items: Sequence[Source | FollowupError],
    stdin: BinaryIO,
    pooled: Iterator[Report | FollowupError] | None,
    urls: UrlReader,
) -> Iterator[tuple[str, Report | FollowupError]]:
    stdin_data: bytes | None = None
    for item in items:
        if isinstance(item, FollowupError):
            yield item.source, item
            continue
        if pooled is not None and item.kind == "file" and item.path is not None:
            yield item.name, next(pooled)
            continue
        if item.kind == "stdin" and stdin_data is None:
            try:
                stdin_data = stdin.read()
            except OSError as error:
                yield item.name, InputReadError(item.name, _os_reason(error))
                continue
        try:
            yield item.name, parse_source(item, stdin_data, urls)
        except FollowupError as error:
            yield item.name, error


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def parallel_worth_it(file_count: int, jobs: int) -> bool:
    # Kept here rather than in parallel.py so a one-page run never imports
    # multiprocessing and concurrent.futures.
    return jobs > 1 and file_count >= MIN_FILES_FOR_POOL


def read_reports(
    arguments: Sequence[str],
    env: Environment,
    reporter: Reporter,
    *,
    jobs: int | None = None,
    allow_progress: bool = True,
) -> Iterator[Report]:
    """The reports that parsed; failures and warnings go to the reporter.

    ``jobs`` processes parse the files (None: one per core).
    """
    resolution = resolve_sources(arguments)
    for where, note in resolution.notes:
        reporter.warning(where, note)
    results = parse_sources(
        resolution.items, env.stdin, jobs=jobs if jobs is not None else available_cores()
    )
    if allow_progress and env.stderr_isatty and resolution.source_count > PROGRESS_THRESHOLD:
        results = _with_progress(results, resolution.source_count, env, reporter)
    for _, outcome in results:
        if isinstance(outcome, FollowupError):
            reporter.failed(outcome)
            continue
        for warning in outcome.warnings:
            reporter.warning(outcome.source, warning)
        yield outcome


def _with_progress(
    results: Iterator[tuple[str, Report | FollowupError]],
    total: int,
    env: Environment,
    reporter: Reporter,
) -> Iterator[tuple[str, Report | FollowupError]]:
    # Imported here: rich.progress costs import time most runs never need.
    from rich.console import Console  # noqa: PLC0415 - startup time
    from rich.progress import (  # noqa: PLC0415 - startup time
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
    )

    console = Console(
        file=env.stderr,
        force_terminal=True,
        no_color=env.no_color,
        highlight=False,
        emoji=False,
        markup=False,
    )
    progress = Progress(
        TextColumn("Reading pages"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    )
    with progress:
        task = progress.add_task("read", total=total)
        reporter.console = console
        try:
            for item in results:
                # Advance before handing on: a warning printed for this item
                # then lands above an up-to-date bar.
                progress.advance(task)
                yield item
        finally:
            reporter.console = None
