"""The labels that identify follow-up tables, their rows and their sections.

Kept apart from the parsing logic so the family of layouts the parser accepts
is visible in one place. Every pattern is matched against *folded* text (NFKC,
no whitespace), so bracket width and stray spaces never matter; cells longer
than a label can be are never taken for one, which keeps comment text that
happens to quote a label from being read as a header.
"""

from __future__ import annotations

import functools
import re

from followup_cli.model import Section
from followup_cli.normalize import nfkc

# Longest folded text a label cell can have ("全体に対する外部評価実施者意見(コメント)" is 21).
MAX_LABEL_LENGTH = 40

_WHITESPACE = re.compile(r"\s+")

# 事業又は施策名【担当課】 and the shorter or reworded forms other CMSs use.
MEASURE_LABEL = re.compile(
    r"^(?:評価)?(?:対象)?(?:事業(?:又は|または|・|/)?施策名?|施策(?:又は|または|・|/)?事業名?"
    r"|事業名|施策名|事務事業名?)"
    r"(?:[【(\[・/]?(?:担当課|所管課|担当部署|所管部署)(?:名)?[】)\]]?)?$"
)
DIRECTION_LABEL = re.compile(
    r"^(?:(?:今後の)?(?:市の)?(?:今後の)?(?:方向性|取組方針|取組の方向性)"
    r"|(?:市の)?今後の(?:方向|方針))(?:\(.{0,10}\))?$"
)
DEPARTMENT_LABEL = re.compile(r"^(?:担当課|所管課|担当部署|担当課名|所管部署)$")
# A comment header names whose opinion it is (外部評価実施者, 委員, …) or what it is
# on (全体, 課題); a reply header names who answers. A bare 意見 or 対応 is not
# enough: short comments and replies ("意見なし", "対応します") say those too.
COMMENT_HEADER = re.compile(
    r"(?:外部評価|評価者|実施者|委員|全体|課題|その他).{0,20}(?:意見|コメント)"
    r"|^(?:意見|コメント|評価意見)(?:\(コメント\))?$"
)
REPLY_HEADER = re.compile(
    r"^(?:担当課|所管課|担当部署|所管部署|市|課)?(?:から|より|による)?の?"
    r"(?:返答|回答|対応|対応状況|考え方|対応方針)(?:[・/](?:対応|対応方針|考え方|今後の対応))?"
    r"(?:\(.{0,10}\))?$"
)
# Row-heading text that names the page itself, printed as the table's first row.
TITLE_TEXT = re.compile(r"対応状況|外部評価実施後")
# What a cell of a number column holds: 1, 1., (1), ①, 一.
NUMBER_VALUE = re.compile(r"^[(（]?(?:\d{1,4}|[①-⑳]|[一二三四五六七八九十]{1,3})[)）.．、]?$")

# A heading that is a measure: it ends with the department in 【】.
MEASURE_HEADING = re.compile(r"【[^【】]{1,60}】\s{0,5}$")
# Headings longer than this are prose, not a measure's name.
MAX_MEASURE_HEADING = 150

# Words only a label uses: a comment may say 課題 and 意見, but not 外部評価実施者.
LABEL_ONLY_WORDS = re.compile(r"外部評価|実施者|評価者|委員|\(コメント\)")
# A row that only names a section: 全体に対する, 課題に対する外部評価実施者意見.
SECTION_TITLE = re.compile(
    r"^(?:全体|課題|その他)(?:に対する|について|への)?(?:外部評価実施者|外部評価|委員)?の?"
    r"(?:意見)?(?:\(コメント\))?$"
)

_SECTION_MARKERS: tuple[tuple[str, Section], ...] = (("全体", "overall"), ("課題", "issues"))


def fold(text: str) -> str:
    """The form used only for matching: NFKC, case-folded, no whitespace."""
    return _WHITESPACE.sub("", nfkc(text)).casefold()


def fold_label(text: str) -> str | None:
    """Folded text if the cell is short enough to be a label, else None."""
    if len(text) > MAX_LABEL_LENGTH * 2:
        return None
    return _fold_short(text)


# The same few labels come back on every page of a corpus.
@functools.lru_cache(maxsize=4096)
def _fold_short(text: str) -> str | None:
    folded = _WHITESPACE.sub("", nfkc(text))
    return folded if 0 < len(folded) <= MAX_LABEL_LENGTH else None


def is_measure_label(folded: str) -> bool:
    return MEASURE_LABEL.match(folded) is not None


def is_direction_label(folded: str) -> bool:
    return DIRECTION_LABEL.match(folded) is not None


def is_department_label(folded: str) -> bool:
    return DEPARTMENT_LABEL.match(folded) is not None


def is_comment_header(folded: str) -> bool:
    return COMMENT_HEADER.search(folded) is not None


def is_reply_header(folded: str) -> bool:
    return REPLY_HEADER.match(folded) is not None


def is_measure_heading(text: str) -> bool:
    """S27 ICTの活用【情報課】 as a heading; the page's own title never counts."""
    return (
        len(text) <= MAX_MEASURE_HEADING
        and MEASURE_HEADING.search(text) is not None
        and TITLE_TEXT.search(text) is None
    )


def is_labelled_comment(folded: str, styled: bool) -> bool:
    """A comment label beside its value; unstyled cells must use label-only words."""
    return is_comment_header(folded) and (styled or LABEL_ONLY_WORDS.search(folded) is not None)


def is_section_title(folded: str, styled: bool) -> bool:
    return SECTION_TITLE.match(folded) is not None or is_labelled_comment(folded, styled)


def section_of(folded: str) -> Section:
    for marker, section in _SECTION_MARKERS:
        if marker in folded:
            return section
    return "other"
