"""Every failure the library reports is a FollowupError.

Callers (the CLI above all) catch this one class and print its message, so
each message names the input and says what was wrong in words a person can
act on.
"""

from __future__ import annotations


class FollowupError(Exception):
    """Base class: an input could not be turned into follow-up data."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type[FollowupError], tuple[str, str]]:
        # Errors cross process boundaries under --jobs; the default pickling
        # would call the class with the formatted message alone.
        return (type(self), (self.source, self.reason))


class InputReadError(FollowupError):
    """The input could not be read at all (missing, permissions, a directory)."""


class DecodeError(FollowupError):
    """The bytes are not text in any encoding Japanese pages are published in."""


class NotAFollowupPageError(FollowupError):
    """The page holds no table labelled as a follow-up table."""


class MalformedPageError(FollowupError):
    """The page is HTML, but too broken to read without losing content."""


class DiffSidesError(FollowupError):
    """The pages read cannot give the two fiscal years a diff compares.

    ``source`` names the side (``OLD r2/``, ``--from 2020``) or the page whose
    fiscal year cannot be told.
    """
