"""`followup fetch URL... --archive DIR`: archive a city's follow-up pages; `--check DIR`.

The work is done by followup_cli.fetch; this module turns options into
settings, draws the progress bar and prints the summary, all on stderr
(stdout stays empty: fetch prints no data). The library and httpx are
imported when the command runs, not when the CLI starts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from followup_cli.cli.environment import Environment, current_environment
from followup_cli.cli.options import ColorOption, NoColorOption
from followup_cli.cli.safe_text import one_line, terminal_text
from followup_cli.cli.status import CommandError, ExitStatus

if TYPE_CHECKING:
    from followup_cli.fetch.check import ArchiveCheck
    from followup_cli.fetch.crawl import CrawlEvent, CrawlSummary

_DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_DEFAULT_TIMEOUT = 60.0
# Kept equal to the library's defaults (fetch.crawl), which the CLI must not import at startup.
_DEFAULT_HOSTS = 4
_DEFAULT_MAX_PAGES = 1000


def _regex(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        re.compile(value)
    except re.error as error:
        raise typer.BadParameter(f"not a valid regular expression: {error}") from error
    return value


def fetch_command(
    ctx: typer.Context,
    *,
    urls: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="URL...",
            help="Follow-up pages, or index pages (a city's 行政評価 page) linking to them.",
            show_default=False,
        ),
    ] = None,
    archive: Annotated[
        Path | None,
        typer.Option(
            "--archive",
            metavar="DIR",
            help="Archive directory: pages go to DIR/HOST/FISCAL_YEAR/, records to "
            "DIR/manifest.jsonl, the run's capture to DIR/warc/. Created if missing.",
            file_okay=False,
            dir_okay=True,
            show_default=False,
        ),
    ] = None,
    match: Annotated[
        str | None,
        typer.Option(
            "--match",
            metavar="REGEX",
            parser=_regex,
            help="Follow links whose text or target matches REGEX, instead of the default "
            "(対応状況, 外部評価, 行政評価 ...).",
            show_default=False,
        ),
    ] = None,
    depth: Annotated[
        int,
        typer.Option("--depth", min=0, help="How many links away from a URL to follow (0: none)."),
    ] = 1,
    delay: Annotated[
        float,
        typer.Option(
            "--delay", min=0.0, metavar="SECONDS", help="Pause between requests to one host."
        ),
    ] = 1.0,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=0.001,
            metavar="SECONDS",
            help="Give up on a request taking longer than this in all (connect, headers, body).",
        ),
    ] = _DEFAULT_TIMEOUT,
    max_bytes: Annotated[
        int,
        typer.Option(
            "--max-bytes", min=1, metavar="BYTES", help="Refuse larger responses (decoded)."
        ),
    ] = _DEFAULT_MAX_BYTES,
    hosts: Annotated[
        int,
        typer.Option("--hosts", min=1, metavar="N", help="Fetch from this many hosts at once."),
    ] = _DEFAULT_HOSTS,
    max_pages: Annotated[
        int,
        typer.Option(
            "--max-pages",
            min=1,
            metavar="N",
            help="Fetch at most N URLs in this run; the rest are named in the summary.",
        ),
    ] = _DEFAULT_MAX_PAGES,
    wait: Annotated[
        float,
        typer.Option(
            "--wait",
            min=0.0,
            metavar="SECONDS",
            help="Wait this long for another fetch into DIR to finish (0: refuse at once).",
        ),
    ] = 0.0,
    check: Annotated[
        Path | None,
        typer.Option(
            "--check",
            metavar="DIR",
            help="Fetch nothing: list where the archive DIR and its manifest disagree.",
            file_okay=False,
            dir_okay=True,
            show_default=False,
        ),
    ] = None,
    color: ColorOption = None,
    no_color: NoColorOption = False,
) -> None:
    """Save follow-up pages and the reports an index page links to into an archive.

    Polite by default: robots.txt is obeyed, one request at a time per host
    with --delay between them. A second run asks only for what changed; a
    changed page is kept beside the old copy, never over it.
    """
    env = current_environment(ctx)
    if check is not None:
        if urls or archive is not None:
            raise typer.BadParameter("--check DIR takes no URL and no --archive")
        _run_check(env, check)
    if not urls:
        raise typer.BadParameter("give at least one URL (or --check DIR)", param_hint="URL...")
    if archive is None:
        raise typer.BadParameter("--archive DIR is required", param_hint="--archive")
    from followup_cli.errors import FollowupError  # noqa: PLC0415 - startup time
    from followup_cli.fetch.client import FetchSettings  # noqa: PLC0415 - startup time
    from followup_cli.fetch.crawl import crawl  # noqa: PLC0415 - startup time

    settings = FetchSettings(timeout=timeout, max_bytes=max_bytes, delay=delay)
    try:
        with _progress(env) as on_event:
            summary = crawl(
                urls,
                archive,
                settings=settings,
                depth=depth,
                match=match,
                on_event=on_event,
                hosts=hosts,
                max_pages=max_pages,
                lock_wait=wait,
            )
    except FollowupError as error:
        # The archive refuses the run as a whole (busy, a planted symlink).
        raise CommandError(terminal_text(str(error))) from error
    except OSError as error:
        # The archive itself is unusable (not a directory, read-only, disk full):
        # no later URL could be saved either.
        reason = error.strerror or str(error)
        raise CommandError(f"cannot write to the archive {archive}: {reason}") from error
    _print_summary(env.stderr, summary, archive)
    raise typer.Exit(ExitStatus.FAILED if summary.failed else ExitStatus.OK)


def _run_check(env: Environment, root: Path) -> None:
    """Print each disagreement as KIND<TAB>PATH<TAB>DETAIL on stdout; exit 1 if any."""
    from followup_cli.fetch.check import check_archive  # noqa: PLC0415 - startup time

    if not (root / "manifest.jsonl").is_file():
        raise CommandError(f"{root}: no manifest.jsonl: not an archive written by followup fetch")
    result = check_archive(root)
    for problem in result.problems:
        env.stdout.write(f"{problem.kind}\t{problem.path}\t{problem.detail}\n")
    _print_check_summary(env.stderr, result, root)
    raise typer.Exit(ExitStatus.OK if result.ok else ExitStatus.FAILED)


def _print_check_summary(stderr: TextIO, result: ArchiveCheck, root: Path) -> None:
    stderr.write(
        f"checked {terminal_text(str(root))}: {result.records} records, {result.copies} copies, "
        f"{len(result.problems)} problems"
    )
    if result.unreadable_lines:
        stderr.write(f", {result.unreadable_lines} unreadable manifest lines")
    stderr.write("\n")


@contextmanager
def _progress(env: Environment) -> Iterator[Callable[[CrawlEvent], None] | None]:
    """A progress bar on stderr when it is a terminal; silence otherwise."""
    if not env.stderr_isatty:
        yield None
        return
    from rich.console import Console  # noqa: PLC0415 - startup time
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn  # noqa: PLC0415

    console = Console(
        file=env.stderr,
        force_terminal=True,
        no_color=env.no_color,
        width=env.width,
        highlight=False,
        emoji=False,
        markup=False,
    )
    progress = Progress(
        TextColumn("Fetching"),
        BarColumn(),
        MofNCompleteColumn(),
        # The URL comes from a page: markup=False keeps "[...]" in it literal.
        TextColumn("{task.description}", markup=False),
        console=console,
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    )
    with progress:
        task = progress.add_task("", total=None)

        def on_event(event: CrawlEvent) -> None:
            label = one_line(terminal_text(event.url))
            progress.update(task, completed=event.done, total=event.total, description=label)

        yield on_event


def _print_summary(stderr: TextIO, summary: CrawlSummary, archive: Path) -> None:
    fetched, unchanged, failed = summary.fetched, summary.unchanged, summary.failed
    skipped = summary.skipped
    stderr.write(
        f"fetched {len(fetched)}, unchanged {len(unchanged)}, failed {len(failed)}, "
        f"skipped {len(skipped)} (archive {terminal_text(str(archive))})\n"
    )
    for record in fetched:
        stderr.write(
            f"  fetched   {terminal_text(record.url)} -> {terminal_text(record.path or '')}\n"
        )
    for record in failed:
        stderr.write(
            f"  failed    {terminal_text(record.url)}: {terminal_text(record.error or '')}\n"
        )
    for record in skipped:
        stderr.write(
            f"  skipped   {terminal_text(record.url)}: {terminal_text(record.error or '')}\n"
        )
    if summary.left_over:
        stderr.write(
            f"{len(summary.left_over)} more links were not fetched (--max-pages reached); "
            "run again to continue, or raise --max-pages:\n"
        )
        for url in summary.left_over:
            stderr.write(f"  not fetched {terminal_text(url)}\n")
    if summary.warc:
        stderr.write(f"capture: {terminal_text(str(archive / summary.warc))}\n")
    if not summary.records and summary.indexes:
        stderr.write(
            "no follow-up report links were found on the index pages; "
            "try --match REGEX or a larger --depth\n"
        )


EXAMPLE = """Examples:

  followup fetch https://www.city.example.jp/shisei/hyouka/ --archive reports/

  followup list reports/ --year R2

  followup fetch --check reports/
"""


def register(app: typer.Typer) -> None:
    app.command(
        "fetch",
        epilog=EXAMPLE,
        short_help="Save follow-up pages into an archive.",
    )(fetch_command)
