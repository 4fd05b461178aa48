"""One module per command; each adds itself to an app with ``register``.

A command is imported and converted to Click only when it is asked for: a run
builds the one command it runs, where Typer would inspect the signatures of
all eight (and import their modules) before starting any of them.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping

import typer
import typer.main
from typer._click import Command

# In the order `followup --help` lists them.
COMMAND_NAMES = ("list", "show", "filter", "fetch", "diff", "stats", "export", "report")


def build_command(name: str) -> Command:
    """The Click command ``name``, converted from its module's Typer function."""
    module = importlib.import_module(f"followup_cli.cli.commands.{name}")
    single = typer.Typer(rich_markup_mode=None, add_completion=False,
                         pretty_exceptions_enable=False)
    module.register(single)
    return typer.main.get_command(single)


class LazyCommands(MutableMapping[str, Command]):
    """The group's commands by name: every name known, each built on first use."""

    def __init__(self) -> None:
        self._built: dict[str, Command] = {}
        # Not list(): importing the command modules binds `list` and `filter`
        # in this package's namespace.
        self._names = [*COMMAND_NAMES]

    def __getitem__(self, name: str) -> Command:
        command = self._built.get(name)
        if command is None:
            if name not in self._names:
                raise KeyError(name)
            command = self._built[name] = build_command(name)
        return command

    def __setitem__(self, name: str, command: Command) -> None:
        if name not in self._names:
            self._names.append(name)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._names.remove(name)
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in self._names
