"""The contenders timed on each page: the lxml floor, followup, lexbor and pandas.

lexbor (selectolax's ``LexborHTMLParser``) and pandas are optional: the
bench extra installs them, and a run without them reports their figures as
null. Every contender decodes the bytes with the page's known encoding, as
the floor does, except followup, which is given the bytes as a user gives it.
"""

from __future__ import annotations

import gc
import importlib
import io
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import lxml.html

from corpus import PageRecord
from followup_cli import caches, parse_html

PANDAS_MATCH = "担当課返答"


@dataclass(frozen=True)
class Page:
    record: PageRecord
    data: bytes
    text: str


def load(root: Path, records: Sequence[PageRecord]) -> list[Page]:
    pages = []
    for record in records:
        data = (root / record.path).read_bytes()
        pages.append(Page(record, data, record.decode(data)))
    return pages


def spread(records: Sequence[PageRecord], count: int) -> list[PageRecord]:
    """Every k-th record, so the sample has every layout, encoding and year."""
    step = max(1, len(records) // count)
    return list(records[::step][:count])


def floor(page: Page) -> list[str]:
    """The least any parser does: decode, build the lxml tree, read every cell's text."""
    text = page.data.decode(page.record.encoding)
    root = lxml.html.fromstring(text)
    # lxml.html yields HtmlElements; the stubs type iter() as plain _Element.
    return [cell.text_content() for cell in root.iter("td", "th")]  # type: ignore[attr-defined]


def followup(page: Page) -> object:
    return parse_html(page.data, source=page.record.path)


def lexbor_reader() -> Callable[[Page], list[str]] | None:
    """The fastest parse any Python parser gets: lexbor's tree and every cell's text."""
    try:
        # Optional (the bench extra installs it): loaded only here.
        module: ModuleType = importlib.import_module("selectolax.lexbor")
    except ImportError:
        return None
    parser = module.LexborHTMLParser

    def read(page: Page) -> list[str]:
        tree = parser(page.data.decode(page.record.encoding))
        return [cell.text() for cell in tree.css("td, th")]

    return read


def optional_contenders() -> dict[str, Callable[[Page], object] | None]:
    """lexbor and pandas by name, None for one that is not installed."""
    return {"lexbor": lexbor_reader(), "pandas": pandas_reader()}


# How to install an optional contender, for the message of a run without it.
INSTALL_HINTS = {
    "lexbor": "pip install selectolax, or the bench extra",
    "pandas": "pip install pandas, or the bench extra",
}


def reader(name: str) -> Callable[[Page], object] | None:
    """A contender by name: floor, followup, lexbor or pandas."""
    if name == "floor":
        return floor
    if name == "followup":
        return followup
    if name == "lexbor":
        return lexbor_reader()
    return pandas_reader() if name == "pandas" else None


def pandas_reader() -> Callable[[Page], int] | None:
    try:
        # Optional (the bench extra installs it), and slow to import: loaded only here.
        module: ModuleType = importlib.import_module("pandas")
    except ImportError:
        return None

    def read(page: Page) -> int:
        try:
            return len(module.read_html(io.StringIO(page.text), flavor="lxml", match=PANDAS_MATCH))
        except ValueError:  # no table holds the label
            return 0

    return read


def clear_caches() -> None:
    """Start every timed run cold, as a user's one run of followup does.

    The library memoises folded text and label forms; a second run in the same
    process would find them ready and look faster than any real run.
    """
    caches.clear()


def timed_pass(parse: Callable[[Page], object], pages: Sequence[Page]) -> float:
    gc.collect()
    clear_caches()
    start = time.perf_counter()
    for page in pages:
        parse(page)
    return time.perf_counter() - start
