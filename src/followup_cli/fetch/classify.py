"""What a fetched page is: a follow-up report to save, an index to read links from, or neither.

Only pages the parser accepts as follow-up pages are saved. A page it
calls not a follow-up page (NotAFollowupPageError) is read as an index;
one it refuses for another reason (undecodable, too broken to read) is a
failure with the parser's reason, never a saved "report".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote, urlsplit

from followup_cli.errors import FollowupError, NotAFollowupPageError
from followup_cli.years import year_in_path

PageKindName = Literal["report", "index", "refused"]


@dataclass(frozen=True, slots=True)
class PageKind:
    kind: PageKindName
    fiscal_year: int | None
    problem: str | None = None


def classify(content: bytes, url: str) -> PageKind:
    """The page's kind, and its fiscal year as the parser reads it (else its URL path's)."""
    from followup_cli import parse_html  # noqa: PLC0415 - the package imports fetch lazily

    path_year = year_in_path(unquote(urlsplit(url).path, errors="replace"))
    try:
        report = parse_html(content, source=url)
    except NotAFollowupPageError:
        return PageKind("index", path_year)
    except FollowupError as error:
        return PageKind("refused", path_year, problem=error.reason)
    year = report.fiscal_year if report.fiscal_year is not None else path_year
    return PageKind("report", year)


def detect_fiscal_year(content: bytes, url: str) -> int | None:
    """The page's fiscal year as the parser reads it, else the year its URL path names."""
    return classify(content, url).fiscal_year


def is_html(content_type: str | None) -> bool:
    if not content_type:
        return True
    media = content_type.split(";", 1)[0].strip().lower()
    return media.startswith("text/") or "html" in media or "xml" in media
