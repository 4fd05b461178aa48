"""``followup diff`` for people: a summary, then one block per changed measure.

Imported only when a table is printed (rich costs import time that json runs
should not pay). Page text goes through :func:`terminal.data_text`, so it is
never read as markup and cannot drive the terminal.

Changed text is shown as an inline character diff, its runs marked
``[-deleted-]{+inserted+}`` (git's ``--word-diff=plain``), on a terminal also
red and struck or green: text copied out of the terminal still reads. Long
unchanged runs are cut to their ends around an edit (``…``): a reply of ten
lines with one word changed shows that word.

Labels sit in a column of their own, and text beside them wraps by the
kinsoku rules (:class:`~followup_cli.cli.terminal.Wrapped`), never inside an
ASCII word and never before 。 or after 「.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from followup_cli.cli.diff_segments import abbreviate, edits, elide, visible
from followup_cli.cli.safe_text import terminal_text
from followup_cli.cli.terminal import MISSING_STYLE, Wrapped, data_text
from followup_cli.diff import (
    CommentMatch,
    CommentRef,
    DiffCounts,
    MeasureDiff,
    ReplyChange,
    ReportDiff,
    ReusedReply,
    Segment,
    TextChange,
)
from followup_cli.diff.sides import year_name
from followup_cli.model import Comment, Measure

DELETE_STYLE = "red strike"
INSERT_STYLE = "green"
SIGN_STYLES = {"+": "green", "-": "red", "~": "yellow"}
# A comment is quoted to be recognised, not read: one line of at most this
# many cells, fewer when the terminal is narrow.
QUOTE_CELLS = 60
# What a block's rows spend before the quote: the indent, the widest usual
# label ("~ overall #12") and the padding after it.
ROW_OVERHEAD_CELLS = 2 + 13 + 2
MIN_QUOTE_CELLS = 16
# Formatting-only changes list at most this many edits before "…".
FORMATTING_EDITS_SHOWN = 3
# Fields short enough to read as "old → new" rather than as an inline diff.
SHORT_FIELDS = frozenset({"code", "name", "department"})


@dataclass(frozen=True)
class _Style:
    colors: bool
    exact: bool
    quote_cells: int


def render_diff(console: Console, diff: ReportDiff, *, exact: bool, colors: bool) -> None:
    """The whole diff: summary, changed measures, then added and removed ones."""
    style = _Style(
        colors=colors,
        exact=exact,
        quote_cells=max(MIN_QUOTE_CELLS, min(QUOTE_CELLS, console.width - ROW_OVERHEAD_CELLS)),
    )
    render_summary(console, diff)
    for measure_diff in diff.changed:
        console.print()
        _render_changed(console, measure_diff, style)
    if diff.added:
        console.print()
        console.print(Text(f"Added in {_year(diff.new_year)}: {_measures(len(diff.added))}"))
        placed = {id(flag) for changed in diff.changed for flag in changed.reused_replies}
        for measure in diff.added:
            flags = [
                flag
                for flag in diff.reused_replies
                if id(flag) not in placed and _is_in(flag.comment, measure)
            ]
            _render_listed(console, measure, "+", flags)
    if diff.removed:
        console.print()
        console.print(Text(f"Removed since {_year(diff.old_year)}: {_measures(len(diff.removed))}"))
        for measure in diff.removed:
            _render_listed(console, measure, "-", [])
    if not diff.has_differences:
        console.print()
        console.print(Text("No differences."))


def render_summary(console: Console, diff: ReportDiff) -> None:
    """The years compared and every count: all that ``--stat`` prints."""
    console.print(Text(f"{_year(diff.old_year)} → {_year(diff.new_year)}", style="bold"))
    for line in summary_lines(diff.counts):
        console.print(Text(line))


def summary_lines(counts: DiffCounts) -> list[str]:
    formatting = (
        f" ({counts.changed_formatting_only} formatting only)"
        if counts.changed_formatting_only
        else ""
    )
    return [
        f"measures: {counts.changed} changed{formatting}, {counts.added} added, "
        f"{counts.removed} removed, {counts.unchanged} unchanged",
        f"comments: {counts.comments_added} added, {counts.comments_removed} removed, "
        f"{counts.comments_changed} changed",
        f"replies: {counts.replies_answered} newly answered, {counts.replies_withdrawn} "
        f"withdrawn, {counts.replies_changed} changed",
        f"reused replies: {counts.reused_across_years} across years, "
        f"{counts.reused_within_year} within the year",
    ]


# --- blocks ---------------------------------------------------------------------


def _render_changed(console: Console, diff: MeasureDiff, style: _Style) -> None:
    header = Text().append_text(_measure_title(diff.new))
    if diff.formatting_only:
        header.append("  (formatting only)", style="dim")
    console.print(Wrapped(header))
    how = f"matched by {diff.matched_by}"
    if diff.name_similarity is not None:
        how += f" ({_percent(diff.name_similarity)})"
    where = data_text(f"{how} · {diff.old.source} → {diff.new.source}", style="dim")
    console.print(_indented(Wrapped(where), 2))
    grid = _grid()
    for change in diff.changes:
        grid.add_row(Text(change.field, style="bold"), Wrapped(_change(change, style)))
    for comment in diff.comments_added:
        grid.add_row(_sign("+", comment), _added_comment(comment, style))
    for comment in diff.comments_removed:
        grid.add_row(_sign("-", comment), _quote(comment.text, style))
    for match in diff.comment_matches:
        if match.changed:
            grid.add_row(_sign("~", match.new), _matched_comment(match, style))
    for flag in diff.reused_replies:
        grid.add_row(Text("reused", style="bold"), Wrapped(reuse_text(flag, diff.new)))
    console.print(_indented(grid, 2))


def _render_listed(
    console: Console, measure: Measure, sign: str, flags: Iterable[ReusedReply]
) -> None:
    """An added or removed measure: one line, then where its replies were reused."""
    about = Text().append_text(_measure_title(measure))
    if measure.department:
        about.append_text(data_text(f" 【{measure.department}】"))
    count = len(measure.comments)
    about.append_text(
        data_text(f" · {count} comment{'' if count == 1 else 's'} · {measure.source}", style="dim")
    )
    grid = _grid(padding=1)
    grid.add_row(Text(sign, style=SIGN_STYLES[sign]), Wrapped(about))
    for flag in flags:
        reused = Text().append("reused ", style="bold").append_text(reuse_text(flag, measure))
        grid.add_row(Text(""), Wrapped(reused))
    console.print(_indented(grid, 2))


def _indented(renderable: RenderableType, cells: int) -> Padding:
    # expand=False: no spaces padded out to the terminal's width.
    return Padding(renderable, (0, 0, 0, cells), expand=False)


def _grid(padding: int = 2) -> Table:
    grid = Table.grid(padding=(0, padding))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    return grid


def _measure_title(measure: Measure) -> Text:
    title = f"{measure.code} {measure.name}" if measure.code else measure.name
    return data_text(title, style="bold")


def _sign(sign: str, comment: Comment) -> Text:
    return Text(f"{sign} {position(comment.section, comment.number)}", style=SIGN_STYLES[sign])


def position(section: str, number: int) -> str:
    return f"{section} #{number}"


def _added_comment(comment: Comment, style: _Style) -> Text:
    if comment.reply is not None:
        return _quote(comment.text, style)
    mark = " (no reply)"
    text = _quote(comment.text, style, reserve=cell_len(mark))
    return text.append(mark, style=MISSING_STYLE)


def _quote(text: str, style: _Style, *, reserve: int = 0) -> Text:
    return data_text(abbreviate(text, max(MIN_QUOTE_CELLS, style.quote_cells - reserve)))


def _matched_comment(match: CommentMatch, style: _Style) -> RenderableType:
    details = _grid(padding=1)
    if match.formatting_only and not style.exact:
        # Collapsed: only what changed, one line each, without a quote.
        if match.text is not None:
            details.add_row(_label("text"), Wrapped(formatting_only(match.text.segments())))
        if match.reply.kind == "changed":
            details.add_row(_label("reply"), Wrapped(formatting_only(match.reply.segments())))
        return details
    moved = (match.old.section, match.old.number) != (match.new.section, match.new.number)
    prefix = f"(was {position(match.old.section, match.old.number)}) " if moved else ""
    quote = Text(prefix).append_text(_quote(match.new.text, style, reserve=cell_len(prefix)))
    if match.text is not None:
        details.add_row(_label("text"), Wrapped(_change(match.text, style)))
    reply_row = _reply(match.reply, style)
    if reply_row is not None:
        label, body = reply_row
        details.add_row(label, Wrapped(body))
    return Group(Wrapped(quote), details)


def _reply(reply: ReplyChange, style: _Style) -> tuple[Text, Text] | None:
    if reply.kind == "answered":
        answer = Text().append(terminal_text(reply.new or ""), style=_colour(INSERT_STYLE, style))
        return _label("answered"), answer
    if reply.kind == "withdrawn":
        was = abbreviate(reply.old or "", max(MIN_QUOTE_CELLS, style.quote_cells - 12))
        return _label("withdrawn"), Text("was: ").append_text(data_text(was))
    if reply.kind == "changed":
        if reply.formatting_only and not style.exact:
            return _label("reply"), formatting_only(reply.segments())
        body = _inline(reply.segments(), style)
        if reply.formatting_only:
            body.append(" (formatting only)", style="dim")
        return _label("reply"), body
    return None


def _colour(colour: str, style: _Style) -> str | None:
    return colour if style.colors else None


def _label(text: str) -> Text:
    return Text(text, style="bold")


# --- changed text ---------------------------------------------------------------


def _change(change: TextChange, style: _Style) -> Text:
    if change.formatting_only and not style.exact:
        return formatting_only(change.segments())
    if change.old is None or change.new is None or change.field in SHORT_FIELDS:
        text = _old_to_new(change.old, change.new, style)
    else:
        text = _inline(change.segments(), style)
    if change.formatting_only:
        text.append(" (formatting only)", style="dim")
    return text


def _old_to_new(old: str | None, new: str | None, style: _Style) -> Text:
    """A short value as ``old → new``: the arrow says it without colour too."""
    text = Text()
    _append_value(text, old, DELETE_STYLE, style)
    text.append(" → ")
    _append_value(text, new, INSERT_STYLE, style)
    return text


def _append_value(text: Text, value: str | None, colour: str, style: _Style) -> None:
    # Appended as styled spans: a style given to Text() itself would cover
    # everything appended later, the arrow and the table's padding included.
    if value is None:
        text.append("(none)", style="dim")
    else:
        text.append(terminal_text(value), style=colour if style.colors else None)


def _inline(segments: Sequence[Segment], style: _Style) -> Text:
    text = Text()
    for segment in elide(segments):
        safe = terminal_text(segment.text)
        if segment.kind == "equal":
            text.append(safe)
        else:
            # Marked in words as well as colour: copied out of a terminal, the
            # text still says what was deleted and what inserted.
            marked = f"[-{safe}-]" if segment.kind == "delete" else f"{{+{safe}+}}"
            colour = DELETE_STYLE if segment.kind == "delete" else INSERT_STYLE
            text.append(marked, style=colour if style.colors else None)
    return text


def formatting_only(segments: Sequence[Segment]) -> Text:
    """``formatting only ((予定) → （予定）)``: the edits, whitespace made visible."""
    changes = edits(segments)
    shown = [f"{visible(old)} → {visible(new)}" for old, new in changes[:FORMATTING_EDITS_SHOWN]]
    if len(changes) > FORMATTING_EDITS_SHOWN:
        shown.append("…")
    return data_text(f"formatting only ({', '.join(shown)})", style="dim")


# --- reused replies -------------------------------------------------------------


def reuse_text(flag: ReusedReply, measure: Measure) -> Text:
    """``issues #1: reply reused from 2020 S27 issues #1 (exact)``."""
    here = position(flag.comment.section, flag.comment.number)
    if not _is_in(flag.comment, measure):
        here = f"{_ref_measure(flag.comment)} {here}"
    original = position(flag.original.section, flag.original.number)
    if flag.kind == "across_years":
        year = "" if flag.original.fiscal_year is None else f"{flag.original.fiscal_year} "
        said = f"reply reused from {year}{_ref_measure(flag.original)} {original}"
    elif _is_in(flag.original, measure):
        said = f"same reply as {original} this year"
    else:
        said = f"same reply as {_ref_measure(flag.original)} {original} this year"
    score = "exact" if flag.exact else _percent(flag.similarity)
    return data_text(f"{here}: {said} ({score})")


def _is_in(ref: CommentRef, measure: Measure) -> bool:
    return (ref.source, ref.code, ref.measure) == (measure.source, measure.code, measure.name)


def _ref_measure(ref: CommentRef) -> str:
    return ref.code or abbreviate(ref.measure, 20)


def _percent(score: float) -> str:
    # Floored: 99.5 must not read "100%", which would say identical.
    return f"{int(score)}%"


def _year(year: int | None) -> str:
    return "year unknown" if year is None else year_name(year)


def _measures(count: int) -> str:
    return f"{count} measure{'' if count == 1 else 's'}"
