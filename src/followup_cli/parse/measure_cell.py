"""One cell (or heading) naming a measure, taken apart into code, name and department."""

from __future__ import annotations

import re
from typing import NamedTuple

from followup_cli.parse import vocabulary as words

# A sequence number some pages put first: 2　B11…, （2）…, 第3　…, ①….
# It needs a separator after it, so a name such as 3歳児健診 or 第3次計画 keeps its digits.
_SEQUENCE = re.compile(
    r"^(?:第?[0-9０-９]{1,3}|[(（][0-9０-９]{1,3}[)）]|[①-⑳])(?:[\s.．、:：]{1,5}|(?<=[)）])\s{0,5})"
)
# A measure code: a few letters then digits (S27, A3, K12-1), in either width.
# The digits end where the name begins, so "S27ICTの活用" is S27 + ICTの活用.
_CODE = re.compile(
    r"^([A-Za-zＡ-Ｚａ-ｚ]{1,3}[0-9０-９]{1,4}(?:[-‐－][0-9０-９]{1,3})?"
    # A prefecture's policy numbers: Ⅲ-2, Ⅳ-1-3.
    r"|[Ⅰ-Ⅻ]{1,3}[-‐－][0-9０-９]{1,3}(?:[-‐－][0-9０-９]{1,3})?)(?![0-9０-９])"
    r"[\s:：.．、]{0,10}"
)
# The department closes the cell: in lenticular brackets (…【情報課】), or named by
# its label, in brackets or after a space: …（担当：生涯学習課）, … 所管課名：交通政策課.
_DEPARTMENT = re.compile(
    r"【\s{0,5}([^【】]{1,60}?)\s{0,5}】\s{0,20}$"
    rf"|[(（]\s{{0,5}}{words.DEPARTMENT_NAMED}\s{{0,3}}[:：]\s{{0,5}}([^()（）]{{1,60}}?)\s{{0,5}}"
    r"[)）]\s{0,20}$"
    rf"|[\s　]{{1,10}}{words.DEPARTMENT_NAMED}\s{{0,3}}[:：]\s{{0,5}}([^\s:：]{{1,60}})\s{{0,20}}$"
)
_DEPARTMENT_FIRST = re.compile(r"^【\s{0,5}([^【】]{1,60}?)\s{0,5}】\s{0,5}")
_QUOTED = re.compile(r"^[「『](.{1,150}?)[」』]$")


class MeasureCell(NamedTuple):
    code: str | None
    name: str
    department: str | None


def parse_measure_cell(text: str) -> MeasureCell:
    """Split "2　S27　ICTの活用【情報課】" into code, name and department."""
    rest = text.strip()
    department = None
    match = _DEPARTMENT.search(rest)
    if match:
        department = next(group for group in match.groups() if group)
        rest = rest[: match.start()].rstrip()
    else:
        first = _DEPARTMENT_FIRST.match(rest)
        if first and first.end() < len(rest):
            # 【健康福祉部 健康増進課】がん検診の受診促進: prefectures put it first.
            department = first.group(1)
            rest = rest[first.end() :].lstrip()
    match = words.MEASURE_NAME_LABEL.match(rest)
    if match and match.end() < len(rest):
        rest = rest[match.end() :].lstrip()
    quoted = _QUOTED.match(rest)
    if quoted:
        rest = quoted.group(1).strip()
    match = _SEQUENCE.match(rest)
    if match and match.end() < len(rest):
        rest = rest[match.end() :].lstrip()
    code = None
    match = _CODE.match(rest)
    if match and match.end() < len(rest):
        code = match.group(1)
        rest = rest[match.end() :].lstrip()
    return MeasureCell(code, rest, department)
