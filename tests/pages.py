"""Small follow-up pages built in tests, so each test shows the markup it is about."""

from __future__ import annotations

MEASURE_ROWS = (
    "<tr><th>事業又は施策名【担当課】</th><td>{measure}</td></tr>"
    "<tr><th>今後の市の方向性</th><td>{direction}</td></tr>"
)


def comment_table(
    rows: list[tuple[str, str]], header: str = "全体に対する外部評価実施者意見（コメント）"
) -> str:
    body = "".join(f"<tr><td>{comment}</td><td>{reply}</td></tr>" for comment, reply in rows)
    return f"<table><tr><th>{header}</th><th>担当課返答</th></tr>{body}</table>"


def page(
    body: str,
    *,
    title: str = "外部評価実施後の対応状況表",
    head: str = '<meta charset="utf-8">',
) -> str:
    return f"<html><head>{head}<title>{title}</title></head><body>{body}</body></html>"


def measure_page(
    measure: str = "S27ICTの活用【情報課】",
    direction: str = "継続します。",
    comments: list[tuple[str, str]] | None = None,
    **kwargs: str,
) -> str:
    rows = comments if comments is not None else [("意見です。", "返答です。")]
    measure_table = (
        "<table>" + MEASURE_ROWS.format(measure=measure, direction=direction) + "</table>"
    )
    return page(measure_table + comment_table(rows), **kwargs)
