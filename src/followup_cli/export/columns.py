"""What every exported column is called and means, in Japanese and English.

One catalogue serves the SQLite schema (comments in ``CREATE TABLE``),
Datasette's column descriptions and the workbook's header rows, so the three
never disagree. Keys are the JSON keys of ``followup list --json`` and
``filter --json`` wherever the column is one of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from followup_cli.model import Section


@dataclass(frozen=True)
class Label:
    key: str
    # The heading the pages themselves use, for the workbook and Datasette.
    japanese: str
    english: str

    @property
    def description(self) -> str:
        return f"{self.japanese} / {self.english}"


LABELS: dict[str, Label] = {
    label.key: label
    for label in (
        Label("id", "ID", "stable id: the same page and place give the same id in every export"),
        Label("measure_id", "施策ID", "the measure this comment is about (measures.id)"),
        Label("fiscal_year", "年度", "the Western year the fiscal year starts in (令和2 = 2020)"),
        Label("fiscal_year_era", "和暦", "the fiscal year as the pages write it (令和2年度)"),
        Label("municipality", "自治体", "the city that published the page"),
        Label("code", "施策番号", "the measure's code as published (S27)"),
        Label("name", "事業又は施策名", "the measure's name"),
        Label("department", "担当課", "the department in charge"),
        Label("direction", "今後の市の方向性", "the city's direction for the measure"),
        Label("notes", "備考", "notes printed with the measure (a JSON array in SQLite)"),
        Label("source", "出典", "the file or URL the page was read from"),
        Label("position", "掲載順", "place on its page (measures) or in its measure (comments)"),
        Label("comment_count", "意見数", "how many comments the measure has"),
        Label("replied_count", "返答数", "how many of them have a reply"),
        Label("unanswered", "未回答数", "how many comments have no reply"),
        Label(
            "reply_rate",
            "返答率",
            "replied_count over comment_count, 0 to 1 (null without comments)",
        ),
        Label("measures", "施策数", "how many measures the group has"),
        Label("section", "区分", "overall (全体に対する), issues (課題に対する) or other"),
        Label("section_label", "区分見出し", "the section's header as published"),
        Label("number", "意見番号", "1, 2, 3… within its section"),
        Label("text", "外部評価実施者意見", "the evaluator's comment"),
        Label("reply", "担当課返答", "the department's reply (null when there is none)"),
        Label("reply_shared", "返答共有", "1 when one reply cell answers several comments"),
        Label(
            "text_folded",
            "意見（検索用）",
            "the comment as search sees it: NFKC, case and spaces folded as filter -k does",
        ),
        Label("reply_folded", "返答（検索用）", "the reply folded the same way, for search"),
    )
}

SECTION_JAPANESE: dict[Section, str] = {"overall": "全体", "issues": "課題", "other": "その他"}
