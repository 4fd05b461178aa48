"""Ids that stay the same from one export to the next.

A measure's id is a hash of its page's source and its place on the page; a
comment's adds its place in the measure. So exporting the same pages twice
gives the same ids, and so does exporting them with other pages or fewer
(``--year 2020`` keeps the ids the full export gives those measures): a link
to ``/samples/measures/ID`` in Datasette keeps working after a re-export.
Ids fit in 53 bits, which JavaScript (Datasette's pages, JSON readers)
holds exactly.
"""

from __future__ import annotations

import hashlib

_BITS = 53


class IdAllocator:
    """Gives each key its hash id; a rare collision takes the next free salt.

    Keys come in input order, so even a collision resolves the same way on
    every export of the same inputs.
    """

    def __init__(self) -> None:
        self._used: set[int] = set()

    def allocate(self, *parts: str | int) -> int:
        key = "\x1f".join(str(part) for part in parts)
        salt = 0
        while True:
            candidate = _hash(key if not salt else f"{key}\x1e{salt}")
            if candidate not in self._used:
                self._used.add(candidate)
                return candidate
            salt += 1


def _hash(key: str) -> int:
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    # Never 0: some tools read a zero id as "no row".
    return (int.from_bytes(digest, "big") >> (64 - _BITS)) or 1
