"""Page text made harmless for a terminal.

Pages are data, and a page can hold escape sequences that would recolour,
clear or retitle the user's terminal. Everything from a page or a file name
that reaches a terminal passes through :func:`terminal_text` first; JSON and
CSV keep the exact text instead.
"""

from __future__ import annotations

import re

# ESC followed by a CSI, OSC or other escape sequence. The classes are
# disjoint from what ends them, so matching stays linear on hostile text.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b(?:\[[0-?]{0,64}[ -/]{0,16}[@-~]|\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)|[ -~])"
)

_NEWLINES = re.compile(r"\r\n?")

# C0 and C1 controls other than newline; tab becomes a space. The bidi
# embedding and isolate controls go too: they can reorder what is displayed.
_DROP: dict[int, int | None] = dict.fromkeys(
    (*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
)
_DROP[ord("\n")] = ord("\n")
_DROP[ord("\t")] = ord(" ")


def terminal_text(text: str) -> str:
    """``text`` without escape sequences and control characters; newlines kept."""
    if text.isprintable():
        return text
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _NEWLINES.sub("\n", text)
    return _visible_surrogates(text.translate(_DROP))


def one_line(text: str) -> str:
    """Whitespace runs, line breaks included, as single spaces."""
    return " ".join(text.split())


def _visible_surrogates(text: str) -> str:
    # Undecodable bytes in file names arrive as lone surrogates; show them as
    # \xNN rather than fail to encode them.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text
