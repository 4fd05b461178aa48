"""Counts and reply rates of measures and comments, grouped (``followup stats`` and ``report``).

``compute_stats(measures, by=("department",))`` groups the comments of the
measures by up to two dimensions (department, fiscal year, measure, section,
municipality) and counts, per group: measures, comments, replied, unanswered, the reply
rate, comments whose reply is shared with others (one merged cell on the
page) and, when two or more fiscal years are read, replies reused from the
year before (as :mod:`followup_cli.diff` flags them).

Groups keep the text as published: 情報課 and デジタル推進課 are two groups,
even when the diff pairs their measures. A department and a measure belong to
their city: two cities' こども課 are two groups, so both dimensions carry the
municipality in their key. A page that names no city counts as the city of the
others when they name exactly one (a site that began to give its name in one
year is still one city); among several named cities its key says None.

``groups.py`` makes the groups and counts them, ``order.py`` sorts them and
gives each group's trend across the years, ``reuse.py`` finds the replies
reused from the year before.
"""

from followup_cli.stats.groups import (
    COUNT_FIELDS,
    DEFAULT_SORT,
    DIMENSIONS,
    KEY_FIELDS,
    Dimension,
    GroupKey,
    StatsRow,
    compute_stats,
    fiscal_years,
    key_fields,
    key_label,
    only_municipality,
    parse_dimensions,
    several_municipalities,
    sort_fields,
)
from followup_cli.stats.order import Trend, sort_rows, trends
from followup_cli.stats.reuse import reused_comments

__all__ = [
    "COUNT_FIELDS",
    "DEFAULT_SORT",
    "DIMENSIONS",
    "KEY_FIELDS",
    "Dimension",
    "GroupKey",
    "StatsRow",
    "Trend",
    "compute_stats",
    "fiscal_years",
    "key_fields",
    "key_label",
    "only_municipality",
    "parse_dimensions",
    "reused_comments",
    "several_municipalities",
    "sort_fields",
    "sort_rows",
    "trends",
]
