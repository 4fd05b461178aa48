"""File operations below one directory, through directory descriptors, never through symlinks.

Every folder is opened one component at a time with ``O_NOFOLLOW |
O_DIRECTORY`` relative to the folder above it (``openat``), and every file
with ``O_NOFOLLOW``, so a symlink planted anywhere in the tree, even while a
run is writing, ends in DisallowedError instead of a write elsewhere.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator, Sequence

from followup_cli.fetch.errors import DisallowedError

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_REFUSED = (errno.ELOOP, errno.ENOTDIR, errno.EMLINK)
TEMP_SUFFIX = ".part"


def check_part(part: str) -> str:
    """``part`` if it is a plain name (no separator, NUL, ``.`` or ``..``); else DisallowedError."""
    if not part or part in (".", "..") or "/" in part or "\x00" in part:
        raise DisallowedError(repr(part), "not a plain file or folder name")
    return part


def open_folder(root_fd: int, parts: Sequence[str], *, create: bool, shown: str) -> int:
    """A descriptor for root/parts..., each component refused if it is a symlink."""
    fd = os.dup(root_fd)
    try:
        for part in parts:
            check_part(part)
            if create:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(part, 0o755, dir_fd=fd)
            try:
                next_fd = os.open(part, _DIR_FLAGS, dir_fd=fd)
            except OSError as error:
                if error.errno in _REFUSED:
                    raise DisallowedError(
                        shown, f"{part} is a symbolic link or not a folder: refused"
                    ) from None
                raise
            os.close(fd)
            fd = next_fd
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_file(folder_fd: int, name: str) -> bytes | None:
    """The file's bytes, or None if it is missing, a symlink or not a regular file."""
    try:
        fd = os.open(check_part(name), os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=folder_fd)
    except (OSError, DisallowedError):
        return None
    with os.fdopen(fd, "rb") as source:
        if not _is_regular(source.fileno()):
            return None
        return source.read()


def exists(folder_fd: int, name: str) -> bool:
    """True when anything (a symlink included) has this name in the folder."""
    try:
        os.stat(check_part(name), dir_fd=folder_fd, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return True


def write_temp(folder_fd: int, final_name: str, content: bytes) -> str:
    """Write ``content`` to a new hidden temporary file beside ``final_name``; its name."""
    name = f".{final_name}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    fd = os.open(name, flags, 0o644, dir_fd=folder_fd)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        remove(folder_fd, name)
        raise
    return name


def publish(folder_fd: int, temp_name: str, final_name: str) -> None:
    """Give the temporary file its final name; FileExistsError rather than replace a file."""
    # link() never replaces an existing name, where rename() would.
    os.link(
        temp_name, final_name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd, follow_symlinks=False
    )
    remove(folder_fd, temp_name)
    os.fsync(folder_fd)


def remove(folder_fd: int, name: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(name, dir_fd=folder_fd)


def temp_files(root_fd: int) -> Iterator[tuple[str, str, int]]:
    """(folder relative to root, name, folder fd) of every temporary file left in the tree."""
    for folder, _dirs, files, folder_fd in os.fwalk(".", dir_fd=root_fd, follow_symlinks=False):
        for name in files:
            if name.startswith(".") and name.endswith(TEMP_SUFFIX):
                yield os.path.normpath(folder), name, folder_fd


def _is_regular(fd: int) -> bool:
    return stat.S_ISREG(os.fstat(fd).st_mode)
