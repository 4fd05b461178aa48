"""`followup fetch URL... --archive DIR`: archive a city's follow-up pages.

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
from followup_cli.cli.safe_text import one_line, terminal_text
from followup_cli.cli.status import CommandError, ExitStatus

if TYPE_CHECKING:
    from followup_cli.fetch.crawl import CrawlEvent, CrawlSummary

_DEFAULT_MAX_BYTES = 20 * 1024 * 1024


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
        list[str],
        typer.Argument(
            metavar="URL...",
            help="Follow-up pages, or index pages (a city's 行政評価 page) linking to them.",
            show_default=False,
        ),
    ],
    archive: Annotated[
        Path,
        typer.Option(
            "--archive",
            metavar="DIR",
            help="Archive directory: pages go to DIR/HOST/FISCAL_YEAR/, records to "
            "DIR/manifest.jsonl. Created if missing.",
            file_okay=False,
            dir_okay=True,
            show_default=False,
        ),
    ],
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
            help="Give up on a server silent for this long.",
        ),
    ] = 30.0,
    max_bytes: Annotated[
        int,
        typer.Option("--max-bytes", min=1, metavar="BYTES", help="Refuse larger responses."),
    ] = _DEFAULT_MAX_BYTES,
) -> None:
    """Save follow-up pages and the reports an index page links to into an archive.

    Polite by default: robots.txt is obeyed, one request at a time per host
    with --delay between them. A second run asks only for what changed; a
    changed page is kept beside the old copy, never over it.
    """
    from followup_cli.fetch.client import FetchSettings  # noqa: PLC0415 - startup time
    from followup_cli.fetch.crawl import crawl  # noqa: PLC0415 - startup time

    env = current_environment(ctx)
    settings = FetchSettings(timeout=timeout, max_bytes=max_bytes, delay=delay)
    try:
        with _progress(env) as on_event:
            summary = crawl(
                urls, archive, settings=settings, depth=depth, match=match, on_event=on_event
            )
    except OSError as error:
        # The archive itself is unusable (not a directory, read-only, disk full):
        # no later URL could be saved either.
        reason = error.strerror or str(error)
        raise CommandError(f"cannot write to the archive {archive}: {reason}") from error
    _print_summary(env.stderr, summary, archive)
    raise typer.Exit(ExitStatus.INPUT_FAILED if summary.failed else ExitStatus.OK)


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
    stderr.write(
        f"fetched {len(fetched)}, unchanged {len(unchanged)}, failed {len(failed)}"
        f" (archive {terminal_text(str(archive))})\n"
    )
    for record in fetched:
        stderr.write(
            f"  fetched   {terminal_text(record.url)} -> {terminal_text(record.path or '')}\n"
        )
    for record in failed:
        stderr.write(
            f"  failed    {terminal_text(record.url)}: {terminal_text(record.error or '')}\n"
        )
    if not summary.records and summary.indexes:
        stderr.write(
            "no follow-up report links were found on the index pages; "
            "try --match REGEX or a larger --depth\n"
        )


EXAMPLE = """Examples:

  followup fetch https://www.city.example.jp/shisei/hyouka/ --archive reports/

  followup list reports/ --year R2
"""


def register(app: typer.Typer) -> None:
    app.command("fetch", epilog=EXAMPLE)(fetch_command)
