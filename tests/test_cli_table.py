"""Terminal tables: a fixed-width snapshot, page text as data, colour and widths."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from cli_support import SEED, comment, fake_pages, measure, report, run
from followup_cli.cli.status import ExitStatus

SNAPSHOT = """\
year   code   name                  department   replied   direction
───────────────────────────────────────────────────────────────────────────────
2020   A3     子育て支援            こども課         5/5   子育て世代包括支援…
2020   D2     観光振興              商工観光課       2/2   観光協会と連携し、…
2020   S27    ICTの活用（ICT化と    情報課           2/8   令和3年度予算に、5台
              業務改革の一体的な                           分のテレワーク環境の
              取組の実施、情報セ                           整備について計上して
              キュリティの確保）                           います。
2020          公共施設の適正配置    資産経営課       2/3   公共施設等総合管理…
"""

HOSTILE_NAME = "[red]赤い施策[/red] [link=http://evil]x[/link]"
HOSTILE_TEXT = "前\x1b[31m赤\x1b[0m\x1b]0;title\x07\x07\x1b[2J後\u202eabc\x9b31m"


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def test_list_table_snapshot_at_80_columns() -> None:
    pages = [
        "samples/minatono/r2_s27_ict.html",
        "samples/minatono/kosodate_a3_taiou.html",
        "samples/minatono/oldsite_taiou.html",
    ]
    result = run(["list", *pages], tty=True, width=80)
    assert result.exit_code == ExitStatus.OK
    assert _lines(result.stdout) == _lines(SNAPSHOT)
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize("width", [60, 80, 120, 200])
@pytest.mark.parametrize(
    "args", [["list", "samples/minatono/"], ["filter", "samples/minatono/"], ["show", "S27", "samples/minatono/"]]
)
def test_wide_characters_stay_inside_the_width(args: list[str], width: int) -> None:
    result = run(args, tty=True, width=width)
    assert result.exit_code == ExitStatus.OK
    widths = {cell_len(line) for line in result.stdout.splitlines()}
    assert max(widths) <= width
    if args[0] == "filter":
        # Boxed rows: every line, Japanese or not, ends on the same column.
        boxed = {cell_len(line) for line in result.stdout.splitlines() if line[:1] in "┌│├└"}
        assert len(boxed) == 1


def test_long_text_wraps_without_losing_a_character() -> None:
    result = run(["filter", SEED, "--section", "issues", "--year", "2020"], tty=True, width=90)
    # Reassemble the comment column of the first row from the boxed table.
    pieces: list[str] = []
    in_row = False
    for line in result.stdout.splitlines():
        cells = line.split("│")
        if len(cells) == 10 and cells[6].strip() == "課1":
            in_row = True
        elif not line.startswith("│"):
            in_row = False
        if in_row:
            pieces.append(cells[7].strip())
    text = "".join(pieces)
    assert text.startswith("民間は規制は無く気ままにやっています")
    assert text.endswith("個々人の通信器具も要チェックですね。")
    published = "".join(run(["filter", SEED, "--section", "issues", "--json"]).stdout.split())
    assert text.replace(" ", "") in published.replace(" ", "")


def test_list_shortens_only_the_direction_in_tables(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    direction = "令和4年度から、子育て世代包括支援センターの開所日を土曜日にも拡大します。" * 3
    long_name = "ICTの活用（ICT化と業務改革の一体的な取組の実施、情報セキュリティの確保）"
    pages = fake_pages(
        monkeypatch,
        tmp_path,
        {
            "a.html": report("a.html", measure("a.html", code="A1", name="短い", direction=direction)),
            "b.html": report("b.html", measure("b.html", code="B1", name=long_name, direction=direction)),
        },
    )
    lines = run(["list", *pages], tty=True, width=80).stdout.splitlines()
    short_row = [line for line in lines if " A1 " in line]
    assert len(short_row) == 1 and short_row[0].endswith("…")
    # A row that takes several lines for its name gives them to the direction too.
    start = next(index for index, line in enumerate(lines) if " B1 " in line)
    rows = lines[start : start + 4]
    assert all(line.rstrip() for line in rows)
    assert rows[-1].endswith("…")
    tsv = run(["list", *pages, "--format", "tsv"]).stdout
    assert direction in tsv


def _hostile(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    (path,) = fake_pages(
        monkeypatch,
        tmp_path,
        {
            "hostile.html": report(
                "hostile.html",
                measure(
                    "hostile.html",
                    code="S1",
                    name=HOSTILE_NAME,
                    department="[bold]課[/bold]",
                    direction=HOSTILE_TEXT,
                    comments=[comment(1, HOSTILE_TEXT, reply="[blink]返答[/blink]")],
                ),
            )
        },
    )
    return path


@pytest.mark.parametrize("command", ["list", "filter", "show"])
@pytest.mark.parametrize("no_color", [True, False])
def test_page_text_is_printed_literally_and_cannot_drive_the_terminal(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: str, no_color: bool
) -> None:
    path = _hostile(monkeypatch, tmp_path)
    args = [command, "S1", path] if command == "show" else [command, path]
    result = run(args, tty=True, width=200, no_color=no_color)
    assert result.exit_code == ExitStatus.OK
    out = result.stdout
    # Markup shows as the page wrote it.
    if command != "filter":
        assert "[red]赤い施策[/red]" in out
        assert "[link=http://evil]x[/link]" in out
    if command == "filter":
        assert "[blink]返答[/blink]" in out
    # The page's own escapes and controls are gone; the words stay.
    assert "前赤後" in out.replace("\n", "")
    for forbidden in ("\x1b[31m", "\x1b]0;", "\x07", "\x1b[2J", "\u202e", "\x9b"):
        assert forbidden not in out
    if no_color:
        assert "\x1b" not in out


def test_no_color_environment_variable_turns_colour_off() -> None:
    coloured = run(["show", "S27", SEED], tty=True, no_color=False)
    assert "\x1b[" in coloured.stdout
    plain = run(["show", "S27", SEED], tty=True, no_color=None, env={"NO_COLOR": "1"})
    assert plain.exit_code == ExitStatus.OK
    assert "\x1b" not in plain.stdout
    assert "（未回答）/ no reply" in plain.stdout


def test_tables_are_plain_when_piped_explicitly() -> None:
    result = run(["list", SEED, "--format", "table"], tty=False, no_color=False)
    assert result.exit_code == ExitStatus.OK
    assert "\x1b" not in result.stdout
    assert "S27" in result.stdout
