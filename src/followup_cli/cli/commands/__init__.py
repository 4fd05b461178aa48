"""One module per command; each adds itself to the app with ``register``."""

from __future__ import annotations

import typer

from followup_cli.cli.commands import diff as diff_command
from followup_cli.cli.commands import export as export_command
from followup_cli.cli.commands import fetch as fetch_command
from followup_cli.cli.commands import filter as filter_command
from followup_cli.cli.commands import list as list_command
from followup_cli.cli.commands import report as report_command
from followup_cli.cli.commands import show as show_command
from followup_cli.cli.commands import stats as stats_command


def register_all(app: typer.Typer) -> None:
    list_command.register(app)
    show_command.register(app)
    filter_command.register(app)
    fetch_command.register(app)
    diff_command.register(app)
    stats_command.register(app)
    export_command.register(app)
    report_command.register(app)
