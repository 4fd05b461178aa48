"""Export files appear whole or not at all.

Every export is built in a temporary file beside its destination (the same
file system, so the rename is atomic) and renamed over it only once it is
complete: an interrupted or failed export leaves the previous file as it
was, and no partial file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from followup_cli.errors import FollowupError
from followup_cli.file_modes import replacement_mode


class ExportError(FollowupError):
    """An export file could not be written (its source is the file's path)."""


class NothingToExportError(ExportError):
    """No measure was read or selected: an empty file would only hide that."""

    def __init__(self, source: str, reason: str = "") -> None:
        super().__init__(
            source, reason or "nothing to export (no measure was read or selected); not written"
        )


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path to write; it becomes ``path`` if the block completes."""
    try:
        descriptor, name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".part"
        )
    except OSError as error:
        raise ExportError(str(path), f"cannot write: {error.strerror or error}") from error
    os.close(descriptor)
    temporary = Path(name)
    try:
        yield temporary
        with temporary.open("rb+") as written:
            os.fsync(written.fileno())
        temporary.chmod(replacement_mode(path))
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
