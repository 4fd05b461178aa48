"""Why a page could not be fetched.

A FetchError is an InputReadError, so the commands that read URLs as inputs
report it exactly like an unreadable file: one line naming the URL and the
reason.
"""

from __future__ import annotations

from followup_cli.errors import InputReadError


class FetchError(InputReadError):
    """A URL could not be fetched; ``status`` is the HTTP status when there was one."""

    def __init__(self, source: str, reason: str, *, status: int | None = None) -> None:
        super().__init__(source, reason)
        self.status = status


class DisallowedError(FetchError):
    """robots.txt, the URL scheme or the archive rules forbid fetching this URL."""
