"""The words that label follow-up tables, per role, and the patterns built from them.

Cities word the same form differently (事業又は施策名, 事務事業名, 施策名; 担当課返答,
市の対応, 所管課回答), so the vocabulary is data: a tuple of surface forms per
role, joined into patterns here. A new city's wording is a new word in a
tuple, never a new branch in the extractor. Every pattern is matched against
*folded* text (NFKC, no whitespace): bracket width and stray spaces never
matter. Cells longer than a label can be are never taken for one, so comment
text that quotes a label is not read as a header.
"""

from __future__ import annotations

import functools
import re
from enum import StrEnum

from followup_cli.model import Section
from followup_cli.normalize import nfkc

# Longest folded text a label cell can have ("全体に対する外部評価実施者意見(コメント)" is 21).
MAX_LABEL_LENGTH = 40


class Role(StrEnum):
    """What a header cell says its column (or a label cell its value) holds."""

    # StrEnum: roles are dictionary keys for every cell, and str hashes in C.

    NUMBER = "number"
    EVALUATOR = "evaluator"
    COMMENT = "comment"
    REPLY = "reply"
    SECTION = "section"
    CONTENT = "content"
    MEASURE = "measure"
    DEPARTMENT = "department"
    DIRECTION = "direction"


# -- surface forms -----------------------------------------------------------

# The measure: 事業又は施策名【担当課】 and the shorter or reworded forms.
MEASURE_WORDS = (
    "事業又は施策", "事業または施策", "事業及び施策", "事業・施策", "事業/施策",
    "施策又は事業", "施策または事業", "施策・事業", "施策/事業", "事務事業", "事業", "施策",
)
MEASURE_PREFIXES = ("評価対象", "対象", "評価")
DEPARTMENT_WORDS = (
    "担当課", "所管課", "担当部署", "所管部署", "担当部局", "所管部局", "担当部課", "担当課等",
    "所管室課", "担当室課", "所管課室", "担当課室", "所管", "担当",
)
# The city's direction: 今後の市の方向性, 今後の方向性, 今後の対応方針, 今後の市の方針.
DIRECTION_WORDS = ("方向性", "取組方針", "取組の方向性", "方針", "対応方針", "方向", "取組")
# Direction words a bare label may use without 今後 (方針 alone is too common).
DIRECTION_WORDS_ALONE = ("方向性", "取組方針", "取組の方向性")
# Whose opinion a comment header names, or what it is on.
COMMENT_OWNERS = (
    "外部評価実施者", "外部評価委員会", "外部評価委員", "外部評価者", "外部評価", "評価委員",
    "評価者", "実施者", "委員", "全体", "課題", "その他", "個別", "総評",
)
COMMENT_WORDS = ("意見", "コメント", "指摘", "提言", "評価意見")
# Comment labels that are labels by themselves, even unstyled.
COMMENT_LABELS_ALONE = ("意見", "コメント", "評価意見", "委員意見", "意見等", "指摘事項", "提言")
# The municipality as the pages call themselves in labels: 今後の市の方向性, 町の対応.
MUNICIPALITY_WORDS = ("市", "町", "村", "区", "県", "都", "道", "府", "組合", "広域連合")
# Who replies, and what the reply is called.
REPLY_OWNERS = ("担当課", "所管課", "担当部署", "所管部署", "担当部局", "所管部局", "課",
                *MUNICIPALITY_WORDS)
REPLY_WORDS = ("返答", "回答", "対応", "対応状況", "考え方", "対応方針", "見解", "対応内容")
NUMBER_WORDS = ("番号", "no", "no.", "項番", "通番", "整理番号", "#", "№")
EVALUATOR_WORDS = ("委員", "委員名", "評価者", "評価者名", "外部評価実施者", "評価委員", "発言者")
SECTION_COLUMN_WORDS = ("区分", "項目", "分類", "種別", "評価項目", "視点")
CONTENT_WORDS = ("内容", "記載内容", "意見内容")
# Section markers: what a comment header is on. Any other header is "other".
SECTION_MARKERS: tuple[tuple[str, Section], ...] = (("全体", "overall"), ("課題", "issues"))
# Words that name a section by themselves, in a 区分 cell or a title row.
SECTION_WORDS = ("全体", "課題", "その他", "総評", "個別意見", "個別", "総括")
# Words only labels use: a comment may say 課題 and 意見, but not 外部評価実施者.
LABEL_ONLY_WORDS = ("外部評価", "実施者", "評価者", "委員", "(コメント)")
# Text naming the page itself, printed as a table's first row.
TITLE_WORDS = ("対応状況", "外部評価実施後")
# A publisher's note inside a table: ※回答は令和3年3月末時点のものです。
NOTE_MARKS = ("※", "(注)", "注)", "注:", "注記")
# Pages that are not follow-up pages say what they are in these words.
INTERNAL_EVALUATION_WORDS = ("内部評価", "事務事業評価シート", "評価シート", "自己評価")
RESULTS_SUMMARY_WORDS = ("評価結果一覧", "結果一覧", "評価結果", "総括表", "集計")
# What a comment cell says when the evaluators made none: not a comment.
NO_COMMENT_WORDS = ("意見なし", "意見無し", "特になし", "特に無し", "なし", "無し", "該当なし",
                    "指摘なし", "指摘事項なし", "コメントなし")
MINUTES_WORDS = ("会議録", "議事録", "会議要旨", "議事要旨", "議事概要", "発言内容")


def _alternatives(words: tuple[str, ...]) -> str:
    # Longest first: alternation takes the first that matches.
    return "(?:" + "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)) + ")"


_NUMBERING = r"(?:\d{1,3}|[①-⑳]|\(\d{1,3}\))?"
_BRACKETED = r"(?:\([^()]{0,12}\))?"

MEASURE_LABEL = re.compile(
    rf"^{_alternatives(MEASURE_PREFIXES)}?{_alternatives(MEASURE_WORDS)}名?(?:称)?"
    rf"(?:[【(\[・/]?{_alternatives(DEPARTMENT_WORDS)}名?[】)\]]?)?$"
)
DEPARTMENT_LABEL = re.compile(rf"^{_alternatives(DEPARTMENT_WORDS)}名?$")
_OF_THE_MUNICIPALITY = rf"(?:{_alternatives(MUNICIPALITY_WORDS)}の)?"
DIRECTION_LABEL = re.compile(
    rf"^(?:(?:今後の)?{_OF_THE_MUNICIPALITY}(?:今後の)?{_alternatives(DIRECTION_WORDS_ALONE)}"
    rf"|{_OF_THE_MUNICIPALITY}今後の{_OF_THE_MUNICIPALITY}{_alternatives(DIRECTION_WORDS)})"
    rf"{_BRACKETED}$"
)
COMMENT_HEADER = re.compile(
    rf"{_alternatives(COMMENT_OWNERS)}.{{0,20}}{_alternatives(COMMENT_WORDS)}"
    rf"|^{_alternatives(COMMENT_LABELS_ALONE)}(?:\(コメント\))?{_NUMBERING}$"
)
# What a reply header may add after its word: 対応状況及び今後の方針, 考え方・今後の対応.
REPLY_ADDITIONS = ("対応", "対応方針", "考え方", "今後の対応", "今後の方針", "今後の方向性",
                   "今後の取組", "方針", "方向性", "取組")
REPLY_HEADER = re.compile(
    rf"^{_alternatives(REPLY_OWNERS)}?(?:から|より|による)?の?{_alternatives(REPLY_WORDS)}"
    rf"(?:(?:[・/、]|及び|および|と|並びに)(?:{_alternatives(MUNICIPALITY_WORDS)}の)?"
    rf"{_alternatives(REPLY_ADDITIONS)})?{_BRACKETED}{_NUMBERING}$"
)
NUMBER_HEADER = re.compile(rf"^{_alternatives(NUMBER_WORDS)}$")
EVALUATOR_HEADER = re.compile(rf"^{_alternatives(EVALUATOR_WORDS)}$")
SECTION_COLUMN_HEADER = re.compile(rf"^{_alternatives(SECTION_COLUMN_WORDS)}$")
CONTENT_HEADER = re.compile(rf"^{_alternatives(CONTENT_WORDS)}$")
TITLE_TEXT = re.compile(_alternatives(TITLE_WORDS))
LABEL_ONLY = re.compile(_alternatives(LABEL_ONLY_WORDS))
# What a cell of a number column holds: 1, 1., (1), ①, 一, No.1.
NUMBER_VALUE = re.compile(
    r"^(?:no\.?)?[(（]?(?:\d{1,4}|[①-⑳]|[一二三四五六七八九十]{1,3})[)）.．、]?$"
)
# How a title row sets its words apart: 【全体】, ［課題］, 〈その他〉, ■総評, ＜全体＞
# (folded: NFKC turns the full-width ［］＜＞（） into their ASCII forms).
_TITLE_OPEN = r"(?:[■□●○◆◇◎・]|[【\[(〔〈《<「『])?"
_TITLE_CLOSE = r"(?:[】\])〕〉》>」』])?"
# A row that only names a section: 全体に対する, 課題に対する外部評価実施者意見, 総評, 【全体】.
SECTION_TITLE = re.compile(
    rf"^{_TITLE_OPEN}{_alternatives(SECTION_WORDS)}(?:に対する|について|への)?"
    r"(?:外部評価実施者|外部評価委員|外部評価|委員)?の?(?:意見|コメント)?(?:\(コメント\))?"
    rf"{_TITLE_CLOSE}$"
)
NOTE_START = re.compile(rf"^{_alternatives(NOTE_MARKS)}")

# The measure's own label in front of its name: 施策名「…」, 事業名：…, 施策名 ….
_MEASURE_NAME_WORD = rf"{_alternatives(MEASURE_PREFIXES)}?{_alternatives(MEASURE_WORDS)}名?(?:称)?"
MEASURE_NAME_LABEL = re.compile(
    rf"^{_MEASURE_NAME_WORD}(?:\s{{0,3}}[:：]\s{{0,5}}|\s{{0,3}}(?=[「『])|[\s　]{{1,5}})"
)
# A heading naming its measure that way needs the colon or the quotes.
LABELLED_MEASURE_HEADING = re.compile(rf"^{_MEASURE_NAME_WORD}\s{{0,3}}[:：「『]\s{{0,5}}\S")
# A department named by its label after the measure: （担当：…）, 所管課名：….
DEPARTMENT_NAMED = rf"{_alternatives(DEPARTMENT_WORDS)}名?"

# A heading or cell that is a measure: it ends with the department in 【】 …
MEASURE_HEADING = re.compile(r"【[^【】]{1,60}】\s{0,5}$|^【[^【】]{1,60}】\s{0,5}\S")
# … or starts with a measure code after an optional sequence number: 2 B11 子育て….
CODED_HEADING = re.compile(
    r"^(?:(?:第?\d{1,3}|[(（]\d{1,3}[)）]|[①-⑳])[\s.．、:：]{1,5})?"
    r"[A-Za-zＡ-Ｚａ-ｚ]{1,3}[0-9０-９]{1,4}(?:[-‐－][0-9０-９]{1,3})?[\s　:：]{1,5}\S"
)
# Headings longer than this are prose, not a measure's name.
MAX_MEASURE_HEADING = 150

_WHITESPACE = re.compile(r"\s+")


def label_line(text: str) -> str:
    """A label's lines as one line, as it reads: a label broken over two lines of
    a narrow cell (全体に対する<br>外部評価実施者意見) has no space between two
    Japanese characters; elsewhere a break, like any whitespace, is one space."""
    joined = ""
    for line in text.split("\n"):
        part = " ".join(line.split())
        if not part:
            continue
        if joined and not (joined[-1].isascii() or part[0].isascii()):
            joined += part
        else:
            joined = f"{joined} {part}" if joined else part
    return joined


def fold(text: str) -> str:
    """The form labels are matched in: NFKC, case-folded, no whitespace."""
    return _WHITESPACE.sub("", nfkc(text)).casefold()


def fold_label(text: str) -> str | None:
    """Folded text if the cell is short enough to be a label, else None."""
    # A label is never a sentence: a cell with 。 in it is prose.
    if len(text) > MAX_LABEL_LENGTH * 2 or "。" in text:
        return None
    return _fold_short(text)


# The same few labels come back on every page of a corpus.
@functools.lru_cache(maxsize=4096)
def _fold_short(text: str) -> str | None:
    folded = _WHITESPACE.sub("", nfkc(text)).casefold()
    return folded if 0 < len(folded) <= MAX_LABEL_LENGTH else None


# Labels repeat on every page: each folded label is matched once.
@functools.lru_cache(maxsize=4096)
def value_role(folded: str) -> Role | None:
    """The role of a label that introduces a value: 事業又は施策名 | ICTの活用."""
    if MEASURE_LABEL.match(folded):
        return Role.MEASURE
    if DIRECTION_LABEL.match(folded):
        return Role.DIRECTION
    if DEPARTMENT_LABEL.match(folded):
        return Role.DEPARTMENT
    return None


def is_number(text: str) -> bool:
    """A cell of a number column: 1, (1), ①, No.1."""
    folded = fold_label(text)
    return folded is not None and NUMBER_VALUE.match(folded) is not None


# A comment's number as an unheaded first column gives it: 1, ①, 意見1, No.2, (3).
ENUMERATOR = re.compile(
    rf"^(?:{_alternatives(COMMENT_WORDS)}|no\.?|番号)?[(]?(?:\d{{1,4}}|[①-⑳])[).]?$"
)


_NO_COMMENT = re.compile(rf"^[(]?{_alternatives(NO_COMMENT_WORDS)}[)]?[。.]?$")


def says_no_comment(text: str) -> bool:
    """意見なし, 特になし, （なし）: the cell says there is no comment."""
    folded = fold_label(text.strip().rstrip("。．."))
    return folded is not None and _NO_COMMENT.match(folded) is not None


def is_enumerator(text: str) -> bool:
    """A cell that only numbers its row: the model numbers comments in order."""
    folded = fold_label(text)
    return folded is not None and ENUMERATOR.match(folded) is not None


def is_comment_header(folded: str) -> bool:
    return COMMENT_HEADER.search(folded) is not None


def is_reply_header(folded: str) -> bool:
    return REPLY_HEADER.match(folded) is not None


def is_labelled_comment(folded: str, styled: bool) -> bool:
    """A comment label beside its value; unstyled cells must use label-only words."""
    if not is_comment_header(folded):
        return False
    return styled or LABEL_ONLY.search(folded) is not None or _is_numbered_label(folded)


def _is_numbered_label(folded: str) -> bool:
    # 意見1, 意見(2), 委員意見③: a number after the word marks a label, not prose.
    return folded[-1:].isdigit() or folded[-1:] in ")①②③④⑤⑥⑦⑧⑨⑩"


def is_section_title(folded: str, styled: bool) -> bool:
    # Not a numbered label: 意見1 alone in a row is a comment or a stacked label.
    return SECTION_TITLE.match(folded) is not None or (
        is_comment_header(folded) and (styled or LABEL_ONLY.search(folded) is not None)
    )


@functools.lru_cache(maxsize=4096)
def header_role(folded: str) -> Role | None:
    """The role a header cell gives the column below it, if it names one."""
    if NUMBER_HEADER.match(folded):
        return Role.NUMBER
    if EVALUATOR_HEADER.match(folded):
        return Role.EVALUATOR
    if is_reply_header(folded):
        return Role.REPLY
    if is_comment_header(folded):
        return Role.COMMENT
    if SECTION_COLUMN_HEADER.match(folded):
        return Role.SECTION
    if CONTENT_HEADER.match(folded):
        return Role.CONTENT
    if SECTION_TITLE.match(folded):
        # A column headed 総評 or 全体に対する holds that section's comments.
        return Role.COMMENT
    return value_role(folded)


def is_measure_heading(text: str) -> bool:
    """S27 ICTの活用【情報課】 or 2　B11　子育て支援 as a heading; never the page's title."""
    if len(text) > MAX_MEASURE_HEADING or TITLE_TEXT.search(text) is not None:
        return False
    if MEASURE_HEADING.search(text) is not None or LABELLED_MEASURE_HEADING.match(text):
        return True
    return CODED_HEADING.match(text) is not None and "年度" not in text


def section_of(folded: str) -> Section:
    for marker, section in SECTION_MARKERS:
        if marker in folded:
            return section
    return "other"


def is_note(text: str) -> bool:
    return NOTE_START.match(nfkc(text.lstrip())) is not None
