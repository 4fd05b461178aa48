"""The permissions a file written through a temporary file should end with."""

from __future__ import annotations

import os
from pathlib import Path


def replacement_mode(path: Path) -> int:
    """The mode of the file ``path`` replaces, or of a new file the user creates.

    mkstemp makes its file private (0600); the finished file should look like
    any other the user writes, or keep the mode of the one it replaces.
    """
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
