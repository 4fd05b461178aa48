"""The streams a command talks to, and what they are connected to.

Commands never touch ``sys.stdout`` or ``os.environ`` directly: they ask for
an :class:`Environment`, which tests replace (through the Click context's
``obj``) to pretend that stdout is a terminal, fix the width, or turn colour
off, without a real terminal.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from typing import BinaryIO, NamedTuple, TextIO, cast

import typer


class Environment(NamedTuple):
    stdin: BinaryIO
    stdout: TextIO
    stderr: TextIO
    stdout_isatty: bool
    stderr_isatty: bool
    # NO_COLOR (https://no-color.org): set and not empty turns colour off.
    no_color: bool
    # None lets rich measure the terminal (or fall back to COLUMNS, then 80).
    width: int | None
    # --color always: colour and terminal styling even when piped.
    force_color: bool = False

    @classmethod
    def from_system(
        cls,
        *,
        stdout_isatty: bool | None = None,
        stderr_isatty: bool | None = None,
        no_color: bool | None = None,
        width: int | None = None,
    ) -> Environment:
        """The process's own streams, looked up now (CliRunner swaps them per run)."""
        stdout = sys.stdout
        stderr = sys.stderr
        _tolerate_unencodable(stdout)
        _tolerate_unencodable(stderr)
        if stdout_isatty is None:
            stdout_isatty = _isatty(stdout)
        if stderr_isatty is None:
            stderr_isatty = _isatty(stderr)
        if no_color is None:
            no_color = bool(os.environ.get("NO_COLOR"))
        stdin = cast("BinaryIO", getattr(sys.stdin, "buffer", sys.stdin))
        return cls(
            stdin=stdin,
            stdout=stdout,
            stderr=stderr,
            stdout_isatty=stdout_isatty,
            stderr_isatty=stderr_isatty,
            no_color=no_color,
            width=width,
        )

    @property
    def colors(self) -> bool:
        """Colour on standard output: on a terminal (or --color always), never
        against NO_COLOR or --color never."""
        return (self.stdout_isatty or self.force_color) and not self.no_color

    def with_color(self, choice: str | None) -> Environment:
        """``--color auto|always|never`` (``--no-color`` is never) applied."""
        if choice == "never":
            return self._replace(no_color=True, force_color=False)
        if choice == "always":
            return self._replace(no_color=False, force_color=True)
        return self


EnvironmentFactory = Callable[[], Environment]


# Where --color leaves its choice: Click shares ``meta`` along the context chain.
COLOR_CHOICE = "followup.color"


def current_environment(ctx: typer.Context) -> Environment:
    """The environment injected into the context by a test, else the real one,
    with the command line's --color applied."""
    choice = ctx.meta.get(COLOR_CHOICE)
    obj = ctx.find_root().obj
    if isinstance(obj, Environment):
        return obj.with_color(choice)
    if callable(obj):
        made = obj()
        if isinstance(made, Environment):
            return made.with_color(choice)
    return Environment.from_system().with_color(choice)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _tolerate_unencodable(stream: TextIO) -> None:
    # File names that are not valid UTF-8 arrive as lone surrogates; printing
    # them must not crash the run, so they come out as backslash escapes.
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return
    with contextlib.suppress(ValueError, OSError):
        reconfigure(errors="backslashreplace")
