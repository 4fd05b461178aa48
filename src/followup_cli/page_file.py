"""One saved page's bytes, read safely whatever the path names.

The library's ``parse_file`` and the corpus reader both read files here, so a
FIFO, a device or a huge file named as a page is refused the same way.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from followup_cli.errors import InputReadError

# No follow-up page comes near this; a link to /dev/zero would never end.
MAX_PAGE_BYTES = 64 << 20
_CHUNK_BYTES = 1 << 16
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def os_reason(error: OSError) -> str:
    return error.strerror or str(error)


def read_page_file(path: Path, name: str) -> bytes:
    """The bytes of one saved page; InputReadError in words a person can act on.

    Opened without blocking, so a FIFO with no writer cannot hang the run;
    at most MAX_PAGE_BYTES are read, so a link to /dev/zero cannot fill memory.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_CLOEXEC)
    except IsADirectoryError:
        raise InputReadError(name, "is a directory, not a page") from None
    except FileNotFoundError:
        raise InputReadError(name, "no such file") from None
    except PermissionError:
        raise InputReadError(name, "permission denied: the file cannot be read") from None
    except OSError as error:
        raise InputReadError(name, f"cannot be read: {os_reason(error)}") from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            # A pipe given by name (a shell's <(...)): wait for its writer.
            os.set_blocking(descriptor, True)
        elif status.st_size > MAX_PAGE_BYTES:
            raise _too_large(name)
        with open(descriptor, "rb", closefd=False) as stream:
            if stat.S_ISREG(status.st_mode):
                # One read of the size the file has (it may still grow).
                data = stream.read(status.st_size + 1)
                if len(data) <= status.st_size:
                    return data
                return data + bounded_read(stream.read, name, len(data))
            return bounded_read(stream.read, name)
    except IsADirectoryError:
        raise InputReadError(name, "is a directory, not a page") from None
    except OSError as error:
        raise InputReadError(name, f"cannot be read: {os_reason(error)}") from None
    finally:
        os.close(descriptor)


def bounded_read(read: Callable[[int], bytes], name: str, already: int = 0) -> bytes:
    """Everything ``read`` gives, up to MAX_PAGE_BYTES; InputReadError past that."""
    chunks: list[bytes] = []
    size = already
    while True:
        chunk = read(_CHUNK_BYTES)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_PAGE_BYTES:
            raise _too_large(name)
        chunks.append(chunk)


def _too_large(name: str) -> InputReadError:
    return InputReadError(
        name, f"larger than {MAX_PAGE_BYTES // (1 << 20)} MiB: not a page, not read"
    )
