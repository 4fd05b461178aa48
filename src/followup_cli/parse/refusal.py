"""Pages that are not follow-up pages, told apart and named.

A follow-up page holds evaluators' comments with the department's replies,
or is a measure table its own title calls a follow-up table. Anything else is
refused with what the page looks like instead, so a user who pointed the
tool at an index, an internal evaluation sheet or a results summary learns
that at once instead of reading an empty result.
"""

from __future__ import annotations

from collections.abc import Callable

from followup_cli.errors import NotAFollowupPageError
from followup_cli.parse import vocabulary as words
from followup_cli.parse.celltext import Element, element_text
from followup_cli.parse.state import State

_REPORT_LINK_WORDS = ("対応状況", "外部評価")


def check(source: str, root: Element, state: State, tables: int, *,
          headings: list[tuple[str, str]],
          prominent: Callable[[], list[tuple[Element, str]]]) -> None:
    """Raise NotAFollowupPageError unless the page is a follow-up page."""
    if state.comment_tables:
        return
    named = " ".join(text for _, text in headings)
    folded = words.fold(named)
    if tables and state.drafts and words.TITLE_TEXT.search(folded) and not _says_other(folded):
        # A measure table under a follow-up title, with no comment yet.
        return
    # What the page calls itself, for the reason: office exports title it in a bold cell.
    folded += words.fold(" ".join(text for _, text in prominent()))
    raise NotAFollowupPageError(source, _what_it_is(root, state, tables, folded))


def _says_other(folded: str) -> bool:
    return any(word in folded for word in (*words.INTERNAL_EVALUATION_WORDS,
                                           *words.RESULTS_SUMMARY_WORDS))


def _what_it_is(root: Element, state: State, tables: int, folded: str) -> str:
    if any(word in folded for word in words.INTERNAL_EVALUATION_WORDS):
        return ("this looks like an internal evaluation sheet (内部評価シート): it has a measure"
                " and its direction but no evaluators' comments (外部評価実施者意見) with replies")
    if any(word in folded for word in words.RESULTS_SUMMARY_WORDS):
        return ("this looks like a summary of evaluation results (評価結果一覧): it lists "
                "measures but holds no evaluators' comments (外部評価実施者意見) with replies")
    if any(word in folded for word in words.MINUTES_WORDS):
        return ("this looks like the minutes of a meeting (会議録): what was said, not the "
                "evaluators' comments (外部評価実施者意見) with the department's replies")
    links = [
        text for anchor in root.iter("a")
        if anchor.get("href") and (text := element_text(anchor))
        # A report's own title, or the measure it is about (【健康福祉部 健康増進課】…).
        and (any(word in text for word in _REPORT_LINK_WORDS) or words.is_measure_heading(text))
    ]
    if len(links) >= 2:
        return (f"this looks like an index page: it links to {len(links)} follow-up reports "
                f"(e.g. 「{links[0]}」) but holds none itself; give the linked pages, or "
                "`followup fetch` this page to save them")
    if tables and state.drafts:
        return ("the page has a measure table but no evaluators' comments (外部評価実施者意見) "
                "with replies (担当課返答), and its title does not call it a follow-up table")
    return ("no follow-up table found (no row labelled 事業又は施策名, 今後の市の方向性 "
            "or 外部評価実施者意見 / 担当課返答)")
