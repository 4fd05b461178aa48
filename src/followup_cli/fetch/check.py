"""`followup fetch --check DIR`: does the archive hold what its manifest says?

The manifest is the archive's truth. A check lists every way the folder
and the manifest disagree: a recorded copy that is missing or whose bytes
changed, a page file no record names (put there by hand, or by a tool that
is not `followup fetch`), a temporary file a killed run left, and a
symbolic link anywhere in the tree. Nothing is changed.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from followup_cli.fetch.archive import PAGE_SUFFIX
from followup_cli.fetch.dirfd import TEMP_SUFFIX
from followup_cli.fetch.manifest import MANIFEST_NAME, Manifest

ProblemKind = Literal["missing", "altered", "unrecorded", "temporary", "symlink"]
_PAGE_SUFFIXES = (PAGE_SUFFIX, ".htm")


@dataclass(frozen=True, slots=True)
class ArchiveProblem:
    kind: ProblemKind
    path: str
    """Relative to the archive, with forward slashes."""
    detail: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "path": self.path, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class ArchiveCheck:
    records: int
    copies: int
    """Distinct page files the manifest names."""
    unreadable_lines: int
    problems: tuple[ArchiveProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.unreadable_lines


def check_archive(root: Path) -> ArchiveCheck:
    """Compare the archive folder at ``root`` with its manifest."""
    manifest = Manifest(root / MANIFEST_NAME)
    expected: dict[str, str] = {}
    count = 0
    for record in manifest.records():
        count += 1
        if record.has_copy and record.path and record.sha256:
            expected.setdefault(record.path, record.sha256)
    problems: list[ArchiveProblem] = []
    present: set[str] = set()
    for folder, dirs, files in os.walk(root, followlinks=False):
        base = Path(folder).relative_to(root)
        for name in [*dirs, *files]:
            relative = (base / name).as_posix()
            if (Path(folder) / name).is_symlink():
                problems.append(ArchiveProblem("symlink", relative, "a symbolic link"))
        for name in files:
            relative = (base / name).as_posix()
            if name.startswith(".") and name.endswith(TEMP_SUFFIX):
                problems.append(
                    ArchiveProblem("temporary", relative, "left by a run that did not finish")
                )
            elif name.lower().endswith(_PAGE_SUFFIXES) and not (Path(folder) / name).is_symlink():
                present.add(relative)
                if relative not in expected:
                    problems.append(
                        ArchiveProblem("unrecorded", relative, "no manifest record names it")
                    )
    for relative, sha256 in sorted(expected.items()):
        if relative not in present:
            problems.append(ArchiveProblem("missing", relative, "recorded but not in the folder"))
            continue
        held = hashlib.sha256((root / relative).read_bytes()).hexdigest()
        if held != sha256:
            problems.append(
                ArchiveProblem("altered", relative, f"sha256 {held[:12]}…, recorded {sha256[:12]}…")
            )
    problems.sort(key=lambda problem: (problem.path, problem.kind))
    return ArchiveCheck(count, len(expected), manifest.skipped_lines, tuple(problems))


__all__ = ["ArchiveCheck", "ArchiveProblem", "check_archive"]
