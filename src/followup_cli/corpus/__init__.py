"""Pages in, reports out: reading what a user points at, as a library.

``read_pages(paths, jobs=..., fetcher=...)`` reads files, folders, ``-`` and
URLs in input order (in parallel with ``jobs``) and yields a Report per page,
a FollowupError per input that failed, and a SourceWarning for what fails
nothing but is worth saying. Folders are walked as they are read
(``walk_sources``); ``read_sources(..., render=...)`` has each page rendered
to text where it was parsed (a RenderedPage) for output that streams.
:mod:`~followup_cli.corpus.select` holds the selectors the commands share.
"""

from followup_cli.corpus.reading import (
    Outcome,
    PageFetcher,
    Render,
    RenderedOutcome,
    RenderedPage,
    available_cores,
    given_year,
    read_pages,
    read_sources,
)
from followup_cli.corpus.select import MeasureFacts, Selection, code_matches, measure_order
from followup_cli.corpus.sources import (
    STDIN_NAME,
    Source,
    SourceItem,
    Sources,
    SourceWarning,
    find_sources,
    is_url,
    walk_sources,
)

__all__ = [
    "STDIN_NAME",
    "MeasureFacts",
    "Outcome",
    "PageFetcher",
    "Render",
    "RenderedOutcome",
    "RenderedPage",
    "Selection",
    "Source",
    "SourceItem",
    "SourceWarning",
    "Sources",
    "available_cores",
    "code_matches",
    "find_sources",
    "given_year",
    "is_url",
    "measure_order",
    "read_pages",
    "read_sources",
    "walk_sources",
]
