"""Fiscal years as the pages and file names write them.

A fiscal year is stored as the Western year in which it starts: 令和2年度 is
2020, 平成30年度 is 2018, 令和元年度 (year 1) is 2019.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from followup_cli.normalize import nfkc

# The first Western year of each era, less one: era year N is OFFSET + N.
ERA_OFFSETS: dict[str, int] = {
    "令和": 2018,
    "平成": 1988,
    "昭和": 1925,
    "R": 2018,
    "H": 1988,
    "S": 1925,
}

# Bounded repetitions keep every pattern linear on hostile text.
# The other calendar may stand in brackets before 年度: 令和2(2020)年度, 2020(令和2)年度.
_ALSO = r"(?:\([^()]{0,10}\)\s{0,3})?"
# Era years in kanji numerals too: 令和四年度, 平成三十年度, 平成二十九年度.
_KANJI_NUMBER = r"[一二三四五六七八九十〇]{1,4}"
_ERA_YEAR = re.compile(
    rf"(令和|平成|昭和)\s{{0,3}}(元|\d{{1,2}}|{_KANJI_NUMBER})\s{{0,3}}{_ALSO}年度"
)
_KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                 "八": 8, "九": 9}


def _kanji_number(text: str) -> int | None:
    """一 to 九十九 as kanji write them (十, 二十, 三十一); None for anything else."""
    tens, _, ones = text.partition("十")
    if "十" not in text:
        return _KANJI_DIGITS.get(text) if len(text) == 1 else None
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    high = _KANJI_DIGITS.get(tens, -1) if tens else 1
    low = _KANJI_DIGITS.get(ones, -1) if ones else 0
    return None if high < 1 or low < 0 else high * 10 + low
_ERA_LETTER_YEAR = re.compile(rf"(?<![A-Za-z])([RHS])\s{{0,2}}(元|\d{{1,2}})\s{{0,3}}{_ALSO}年度")
_WESTERN_YEAR = re.compile(
    rf"(?<!\d)((?:19|20)\d\d)\s{{0,3}}{_ALSO}年度|(?<![A-Za-z])FY\s{{0,2}}((?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)

# In paths: r2, R02, h30, fy2020, 2020, and 令和2 or 令和2年度 written out.
_PATH_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"(?<![A-Za-z0-9])fy[-_]?((?:19|20)\d\d)(?!\d)", re.IGNORECASE), 0),
    (re.compile(r"(令和|平成)(元|\d{1,2})(?!\d)"), -1),
    (re.compile(r"(?<![A-Za-z0-9])([rRhH])[-_]?(\d{1,2})(?!\d)"), -1),
    (re.compile(r"(?<![A-Za-z0-9])((?:19|20)\d\d)(?!\d)"), 0),
)

# Accepted by --year: 2020, R2, R02, 令和2, 令和元, H30, 平成30年度, FY2020.
_YEAR_ARGUMENT = re.compile(r"(?:fy)?((?:19|20)\d\d)(?:年度)?", re.IGNORECASE)
_ERA_ARGUMENT = re.compile(r"(令和|平成|昭和|[RHS])(元|\d{1,2})(?:年度|年)?", re.IGNORECASE)


def _era_year(era: str, number: str) -> int | None:
    offset = ERA_OFFSETS.get(era.upper() if len(era) == 1 else era)
    if offset is None:
        return None
    if number == "元":
        value: int | None = 1
    elif number.isdigit():
        value = int(number)
    else:
        value = _kanji_number(number)
    if value is None or value < 1:
        return None
    return offset + value


# A year the evaluation was carried out in: 令和3年度事業…（令和4年度実施）.
_CARRIED_OUT = re.compile(r"\s{0,2}(?:に)?実施")


def year_in_text(text: str) -> int | None:
    """The fiscal year written in ``text`` (a title or heading), if any: the
    first, unless another is the year the evaluation was carried out (実施)."""
    folded = nfkc(text)
    found: list[tuple[bool, int, int]] = []
    for pattern in (_ERA_YEAR, _ERA_LETTER_YEAR):
        for match in pattern.finditer(folded):
            year = _era_year(match.group(1), match.group(2))
            if year is not None:
                found.append((_carried_out(folded, match.end()), match.start(), year))
    found.extend((_carried_out(folded, match.end()), match.start(),
                  int(match.group(1) or match.group(2)))
                 for match in _WESTERN_YEAR.finditer(folded))
    if not found:
        return None
    marked = [item for item in found if item[0]]
    return min(marked or found, key=lambda item: item[1])[2]


def _carried_out(text: str, end: int) -> bool:
    return _CARRIED_OUT.match(text, end) is not None


def year_in_path(path: str) -> int | None:
    """The fiscal year named in a path, looking at the file name first.

    Only the file name and its two nearest folders count: a year in a far-off
    folder (a home directory named 2023-work) says nothing about the page.
    """
    parts = PurePath(path).parts
    for part in reversed(parts[-3:]):
        folded = nfkc(PurePath(part).stem if part == parts[-1] else part)
        for pattern, _ in _PATH_PATTERNS:
            match = pattern.search(folded)
            if not match:
                continue
            if match.lastindex == 2:
                year = _era_year(match.group(1), match.group(2))
            else:
                year = int(match.group(1))
            if year is not None:
                return year
    return None


# The last year of each era that ended: 平成31 (2019) and 昭和64 (1989).
_ERA_LAST_NUMBER = {"令和": None, "平成": 31, "昭和": 64}
_ERA_BY_LETTER = {"R": "令和", "H": "平成", "S": "昭和"}
# The last fiscal year a selector may name: the last the four-digit form
# (19xx, 20xx) can write. 令和99 (2117) is a typing mistake, not a year to look for.
LAST_SELECTABLE_YEAR = 2099


def parse_year_argument(value: str) -> int:
    """Read a year as a user types it on the command line; ValueError if not one.

    Accepted: ``2020``, ``FY2020``, ``2020年度``; ``令和2``, ``R2``, ``R02``,
    ``令和元``, ``H30``, ``平成30年度``, ``S64``. An era year must exist: 令和
    from 1, 平成 1 to 31, 昭和 1 to 64; none may be later than
    LAST_SELECTABLE_YEAR.
    """
    folded = nfkc(value).strip()
    match = _YEAR_ARGUMENT.fullmatch(folded)
    if match:
        return int(match.group(1))
    match = _ERA_ARGUMENT.fullmatch(folded)
    if match:
        letter = match.group(1)
        era = _ERA_BY_LETTER.get(letter.upper(), letter)
        number = 1 if match.group(2) == "元" else int(match.group(2))
        end = _ERA_LAST_NUMBER[era]
        if number < 1 or (end is not None and number > end):
            span = f"1 to {end}" if end is not None else "from 1 (元年)"
            raise ValueError(f"{value!r} is not a year of {era}, which runs {span}")
        year = ERA_OFFSETS[era] + number
        if year > LAST_SELECTABLE_YEAR:
            raise ValueError(
                f"{value!r} would be fiscal year {year}, after {LAST_SELECTABLE_YEAR}: "
                "a typing mistake?"
            )
        return year
    raise ValueError(f"not a fiscal year: {value!r} (try 2020, R2, 令和2 or H30)")


def era_label(year: int) -> str:
    """令和2年度 for 2020: how the pages themselves write the year."""
    if year >= 2019:
        era, number = "令和", year - 2018
    elif year >= 1989:
        era, number = "平成", year - 1988
    else:
        return f"{year}年度"
    return f"{era}{'元' if number == 1 else number}年度"
