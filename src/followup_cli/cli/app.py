"""The ``followup`` command: the Typer app, global options and error handling.

The library raises :class:`~followup_cli.errors.FollowupError`; here it
becomes one ``Error: ...`` line on stderr. Anything else is a bug: one line
saying so, and the traceback only with ``--debug``. Every exit code comes
from :class:`~followup_cli.cli.status.ExitStatus`.
"""

from __future__ import annotations

import contextlib
import inspect
import os
import re
import signal
import sys
import traceback
from typing import Annotated, Any

import typer
from typer import Context as TyperContext
from typer._click.exceptions import NoSuchOption
from typer.core import TyperGroup

from followup_cli import __version__
from followup_cli.cli.commands import LazyCommands
from followup_cli.cli.environment import current_environment
from followup_cli.cli.help_format import CellHelpFormatter
from followup_cli.cli.progress import stop_progress
from followup_cli.cli.safe_text import terminal_text
from followup_cli.cli.status import CommandError, ExitStatus, StdoutWriteError, signal_status
from followup_cli.errors import FollowupError

DEBUG_ENVIRONMENT_VARIABLE = "FOLLOWUP_DEBUG"


# A --json value is a field list when it is names and commas only, and no
# file or folder of that name exists.
_FIELD_LIST = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*)*,?")


def gh_style_json(args: list[str]) -> list[str]:
    """``--json`` alone or ``--json code,name`` (as gh takes it), as one token.

    ``--json`` is an option with a value, and Click would take whatever
    follows as that value: ``followup list --json samples/`` must still read
    samples/. So the value is attached here (``--json=code,name``) only when
    the next word is a field list, and ``--json`` alone becomes ``--json=``
    (every field).
    """
    rewritten: list[str] = []
    index = 0
    while index < len(args):
        word = args[index]
        if word == "--":
            rewritten.extend(args[index:])
            break
        if word == "--json":
            following = args[index + 1] if index + 1 < len(args) else None
            if (
                following is not None
                and _FIELD_LIST.fullmatch(following)
                and not os.path.lexists(following)
            ):
                rewritten.append(f"--json={following}")
                index += 2
                continue
            rewritten.append("--json=")
        else:
            rewritten.append(word)
        index += 1
    return rewritten


# Options people bring from gh, csvkit and friends, and where they went here.
_OPTION_HINTS = {
    "--jq": "pipe --json into jq instead: followup list --json | jq '.[].name'",
    "--ndjson": "JSON lines are --jsonl (or --nl, --format jsonl)",
    "--yaml": "the formats are table, json, jsonl, csv and tsv (--format)",
    "--xml": "the formats are table, json, jsonl, csv and tsv (--format)",
    "--html": "the formats are table, json, jsonl, csv and tsv (--format); "
    "followup report writes an HTML page",
}


class FollowupContext(TyperContext):
    formatter_class = CellHelpFormatter


class FollowupGroup(TyperGroup):
    """Turns the exceptions of every command into exit statuses and one line."""

    context_class = FollowupContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = LazyCommands()

    # Any: Click's Context, which typer does not export.
    def list_commands(self, ctx: Any) -> list[str]:
        # The names alone: Typer's version builds every command to list them.
        return list(self.commands)

    # Any: Click's Context and Command, which typer does not export.
    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            # Each command's help is formatted the same way (kinsoku, cells).
            command.context_class = FollowupContext
            if not command.short_help and command.help:
                # Click would cut the summary at 45 characters with "..."; the
                # whole first paragraph is wrapped instead.
                first = inspect.cleandoc(command.help).split("\n\n", 1)[0]
                command.short_help = " ".join(first.split())
        return command

    # Any: the base class takes Click's Context, which typer does not export.
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args and not ctx.resilient_parsing:
            # `followup` alone is a question, not a mistake: help, status 0.
            typer.echo(ctx.get_help())
            ctx.exit(ExitStatus.OK)
        return super().parse_args(ctx, gh_style_json(args))

    # Any: the base class takes Click's Context, which typer does not export.
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except NoSuchOption as error:
            hint = _OPTION_HINTS.get(error.option_name)
            if hint:
                error.message = f"{error.message}; {hint}"
                error.possibilities = None
            raise
        except (typer.TyperException, typer.Exit, typer.Abort):
            # Typer's own: usage errors and exits.
            raise
        except KeyboardInterrupt as error:
            # Ctrl-C, or SIGTERM and SIGHUP (see main): the output file's
            # temporary copy and the pool are gone by now; the bar is cleared.
            stop_progress()
            raise typer.Exit(signal_status(getattr(error, "signum", signal.SIGINT))) from None
        except BrokenPipeError:
            # `followup list | head -1`: the reader has all it wanted. Quietly,
            # and with success, so `set -o pipefail` scripts go on.
            stop_progress()
            _silence_stdout()
            raise typer.Exit(ExitStatus.OK) from None
        except FollowupError as error:
            _say(ctx, f"Error: {error}")
            raise typer.Exit(ExitStatus.FAILED) from error
        except StdoutWriteError as error:
            stop_progress()
            _silence_stdout()
            _say(ctx, f"Error: {error.message}")
            raise typer.Exit(error.status) from error
        except CommandError as error:
            _say(ctx, f"Error: {error.message}")
            raise typer.Exit(error.status) from error
        except Exception as error:
            if ctx.params.get("debug"):
                _say(ctx, "".join(traceback.format_exception(error)).rstrip())
            else:
                _say(
                    ctx,
                    f"Error: unexpected {type(error).__name__}: {error} "
                    "(this is a bug; run again as `followup --debug ...` to see the traceback)",
                )
            raise typer.Exit(ExitStatus.FAILED) from error


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so the flush at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


class SignalInterrupt(KeyboardInterrupt):
    """SIGTERM or SIGHUP, ending the run the way Ctrl-C does."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _interrupt(signum: int, _frame: object) -> None:
    raise SignalInterrupt(signum)


def _end_like_ctrl_c() -> None:
    # Unwinding as for Ctrl-C removes the temporary output file and stops the
    # worker pool; Python's default for these signals is to die on the spot.
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, _interrupt)


def _say(ctx: typer.Context, text: str) -> None:
    stream = current_environment(ctx).stderr
    stream.write(terminal_text(text) + "\n")
    stream.flush()


app = typer.Typer(
    name="followup",
    cls=FollowupGroup,
    help=(
        "Read Japanese cities' external-evaluation follow-up pages "
        "(外部評価実施後の対応状況表) as data: list measures, show one in full, filter "
        "comments and replies, diff two fiscal years, fetch pages into an archive."
    ),
    epilog=(
        "Examples:\n\n  followup list samples/ --year R2\n\n"
        "  followup show 公共施設の適正配置 samples/\n\n"
        "Shell completion: followup --install-completion (bash, zsh, fish)."
    ),
    # Plain help, wrapped by Click: rich's help panels cut Japanese text
    # with "…" instead of wrapping it.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 120},
    add_completion=True,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"followup {__version__}")
        raise typer.Exit(ExitStatus.OK)


@app.callback()
def _global_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            envvar=DEBUG_ENVIRONMENT_VARIABLE,
            help="Show the full traceback of unexpected errors.",
        ),
    ] = False,
) -> None:
    """Read Japanese cities' external-evaluation follow-up pages as data."""



def main() -> None:
    """Console-script entry point (``followup``)."""
    _end_like_ctrl_c()
    app(prog_name="followup")
