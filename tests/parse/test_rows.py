"""Every row kind has its handler: a new kind can never fall into a catch-all."""

from __future__ import annotations

from followup_cli.parse.extract import HANDLERS
from followup_cli.parse.rows import RowKind


def test_every_row_kind_has_a_handler() -> None:
    assert set(HANDLERS) == set(RowKind)
    assert all(callable(handler) for handler in HANDLERS.values())
