"""Every memo the library keeps, cleared in one call.

Parsing and diffing memoise folded text (labels repeat on every page, a
reply is folded for matching and again for reuse). The memos are bounded,
so a long-running process cannot grow them without limit; clearing them
starts the next run as cold as a fresh process would, which is what a
benchmark timing repeated runs in one process needs. A test walks the
package and fails when a memo is missing here.
"""

from __future__ import annotations

from typing import Protocol


class Memo(Protocol):
    def cache_clear(self) -> None: ...


def memos() -> tuple[Memo, ...]:
    # Imported here: a run that only parses never loads the diff package.
    from followup_cli import normalize  # noqa: PLC0415
    from followup_cli.diff import pairing, reuse  # noqa: PLC0415
    from followup_cli.parse import header, stylesheet, vocabulary  # noqa: PLC0415

    return (normalize.fold, vocabulary._fold_short,
        vocabulary.value_role,
        vocabulary.header_role,
        header._roles_of, stylesheet._selector_paths, pairing._without_notes, reuse._anchored_runs)


def clear() -> None:
    for memo in memos():
        memo.cache_clear()
