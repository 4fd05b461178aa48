"""followup: external-evaluation follow-up pages (外部評価実施後の対応状況表) as data."""

from followup_cli.corpus import SourceWarning, read_pages
from followup_cli.errors import (
    DecodeError,
    DiffSidesError,
    FollowupError,
    InputReadError,
    MalformedPageError,
    NotAFollowupPageError,
)
from followup_cli.model import Comment, Measure, Report
from followup_cli.parse import parse_file, parse_html

__version__ = "0.1.0"

__all__ = [
    "Comment",
    "DecodeError",
    "DiffSidesError",
    "FollowupError",
    "InputReadError",
    "MalformedPageError",
    "Measure",
    "NotAFollowupPageError",
    "Report",
    "SourceWarning",
    "__version__",
    "parse_file",
    "parse_html",
    "read_pages",
]
