"""`followup diff`: golden JSON between sample years, the two ways to name the
sides, --stat, --exit-code, formatting-only changes, the table and its errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from cli_support import SAMPLES, comment, fake_pages, golden_measures, measure, report, run
from followup_cli.cli.diff_render import formatting_only
from followup_cli.cli.diff_segments import abbreviate, elide
from followup_cli.cli.status import DiffExitStatus, ExitStatus
from followup_cli.diff import Segment, inline_diff
from followup_cli.model import Report

GOLDEN = Path(__file__).resolve().parent / "golden"
YEAR_PAIRS = [(2019, 2020), (2020, 2021)]
S27_2020 = "samples/minatono/r2_s27_ict.html"
S27_2021 = "samples/minatono/fy2021_s27_digital.html"

# `followup diff samples/r2_s27_ict.html samples/fy2021_s27_digital.html` at 80
# columns without colour, trailing spaces removed. Checked by hand against the
# pages: the department renamed, the direction rewritten, overall #4 answered
# for the first time (now overall #1), the pasted reply of issues #1 changed
# only from (予定) to （予定）.
S27_SNAPSHOT = """\
2020 (令和2年度) → 2021 (令和3年度)
measures: 1 changed, 0 added, 0 removed, 0 unchanged
comments: 2 added, 6 removed, 2 changed
replies: 1 newly answered, 0 withdrawn, 1 changed
reused replies: 1 across years, 0 within the year

S27 ICTの活用（ICT化と業務改革の一体的な取組の実施、情報セキュリティの確保）
  matched by code · samples/minatono/r2_s27_ict.html →
  samples/minatono/fy2021_s27_digital.html
  department    情報課 → デジタル推進課
  direction     [-令和3年度予算に、5台分の-]テレワーク環境[-の整備について-]{+を
                全庁に広げるため、令和4年度予算に端末30台分の経費を+}計上し[-て
                います-]{+ました+}。
  + overall #2  ①電子申請の対象手続の拡大、②窓口のキャッシュレス決済の導入…
  + issues #2   情報セキュリティ研修の受講率を指標として公表して… (no reply)
  - overall #1  テレワークできりぎり舞い真っ最中です。毎朝15分間、グループ…
  - overall #2  ICTに関する知識の研修会等で機器の運用方法やリモートワークの…
  - overall #3  今般のコロナ対応で在宅勤務やWeb会議の促進は必須であろう。こ…
  - issues #2   市民協働を行う点からZOOM等の有償ライセンスを継続する必要性…
  - issues #3   国や県の方針に沿って、県の統一的なネットワークに参加するこ…
  - issues #4   すでに実施された在宅勤務の対象者の条件や、効果、課題等につ…
  ~ overall #1  (was overall #4) Web会議を活用することは、出席者の利便性を…
                answered 「Web会議運用ガイドライン」を策定し、Q&A形式の手引とあ
                         わせて全職員に周知しました。
  ~ issues #1   reply formatting only ((予定) → （予定）)
  reused        issues #1: reply reused from 2020 S27 issues #1 (exact)
"""


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def _golden(old: int, new: int) -> Any:
    loaded = json.loads((GOLDEN / f"diff_{old}_{new}.json").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _json_diff(*args: str) -> Any:
    result = run(["diff", *args, "--json"])
    assert result.exit_code == ExitStatus.OK, result.stderr
    assert result.stderr == ""
    loaded = json.loads(result.stdout)
    assert isinstance(loaded, dict)
    return loaded


def _changed(diff: Any, code: str | None, name: str | None = None) -> Any:
    changed = diff["changed"]
    assert isinstance(changed, list)
    for entry in changed:
        if entry["code"] == code and (name is None or entry["name"] == name):
            return entry
    raise AssertionError(f"no changed measure {code} {name}")


# --- golden JSON ------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new"), YEAR_PAIRS)
def test_sample_years_diff_as_the_golden_json(old: int, new: int) -> None:
    assert _json_diff("samples/minatono/", "--from", str(old), "--to", str(new)) == _golden(old, new)


@pytest.mark.parametrize(("old", "new"), YEAR_PAIRS)
def test_golden_measures_and_comments_are_the_samples_own(old: int, new: int) -> None:
    # The golden files quote measures and comments; each quote must be the
    # sample's golden record word for word, so the expected diff cannot drift
    # from the expected parse.
    measures = golden_measures()
    diff = _golden(old, new)
    for key, year in (("added", new), ("removed", old)):
        for quoted in diff[key]:
            assert quoted in measures
            assert quoted["fiscal_year"] == year
    comments = [c for m in measures for c in m["comments"]]
    for entry in diff["changed"]:
        for quoted in entry["comments"]["added"] + entry["comments"]["removed"]:
            assert quoted in comments


def test_2019_to_2020_follows_the_samples_story() -> None:
    diff = _golden(2019, 2020)
    # B12 renumbered B8, paired by its unchanged name.
    bousai = _changed(diff, "B8")
    assert bousai["matched_by"] == "name"
    assert {"field": "code", "old": "B12", "new": "B8", "formatting_only": False} in bousai[
        "changes"
    ]
    # A3: the comment left unanswered in 2019 is answered; the shared reply is 2019's.
    kosodate = _changed(diff, "A3")
    (answered,) = kosodate["comments"]["changed"]
    assert answered["reply"]["kind"] == "answered"
    assert answered["old"] == {"section": "issues", "number": 2}
    (reused,) = kosodate["reused_replies"]
    assert (reused["kind"], reused["exact"], reused["original"]["fiscal_year"]) == (
        "across_years",
        True,
        2019,
    )
    # The seed gives its first reply again, edited, in its second section.
    (again,) = _changed(diff, "S27")["reused_replies"]
    assert again["kind"] == "within_year"
    assert (again["comment"]["section"], again["original"]["section"]) == ("issues", "overall")
    assert [m["code"] for m in diff["removed"]] == ["E4", "C5"]
    assert [m["name"] for m in diff["added"]] == ["公共施設の適正配置", "観光振興"]


def test_2020_to_2021_follows_the_samples_story() -> None:
    diff = _golden(2020, 2021)
    ict = _changed(diff, "S27")
    assert {
        "field": "department",
        "old": "情報課",
        "new": "デジタル推進課",
        "formatting_only": False,
    } in ict["changes"]
    kinds = {
        (c["new"]["section"], c["new"]["number"]): (
            c["reply"]["kind"],
            c["reply"]["formatting_only"],
        )
        for c in ict["comments"]["changed"]
    }
    assert kinds == {("overall", 1): ("answered", False), ("issues", 1): ("changed", True)}
    kosodate = _changed(diff, "A3")
    assert kosodate["matched_by"] == "code"
    assert kosodate["changes"][0] == {
        "field": "name",
        "old": "子育て支援",
        "new": "子育て支援の充実",
        "formatting_only": False,
    }
    assert _changed(diff, None, "公共施設の適正配置")["matched_by"] == "name"
    assert [m["code"] for m in diff["added"]] == ["E4", "Ｆ１"]
    assert diff["removed"] == []


# --- the two ways to name the sides ------------------------------------------------


def test_old_new_single_files_give_the_measure_of_the_corpus_diff() -> None:
    diff = _json_diff(S27_2020, S27_2021)
    assert diff["from"] == {"fiscal_year": 2020, "sources": [S27_2020]}
    assert diff["to"] == {"fiscal_year": 2021, "sources": [S27_2021]}
    assert diff["changed"] == [_changed(_golden(2020, 2021), "S27")]
    assert diff["added"] == diff["removed"] == diff["unchanged"] == []


def test_old_new_folders(tmp_path: Path) -> None:
    for year, names in (
        (2020, ["r2_s27_ict.html", "R02_bousai.html"]),
        (2021, ["fy2021_s27_digital.html", "ichiran_reiwa_sannendo.html"]),
    ):
        folder = tmp_path / f"y{year}"
        folder.mkdir()
        for name in names:
            shutil.copy(SAMPLES / name, folder / name)
    diff = _json_diff(str(tmp_path / "y2020"), str(tmp_path / "y2021"))
    # NEW's order: fy2021_s27_digital.html, then ichiran_reiwa_sannendo.html's measures.
    assert [entry["code"] for entry in diff["changed"]] == ["S27", "B8"]
    assert [m["name"] for m in diff["added"]] == ["子育て支援の充実", "公共施設の適正配置"]


def _yearless_copy(tmp_path: Path) -> Path:
    # 2019_e4_gomi.html tells its year only by its file name; nothing in
    # these folder names looks like a year.
    folder = tmp_path / "pages" / "saved"
    folder.mkdir(parents=True)
    copy = folder / "gomi.html"
    # Saved again, so not byte for byte the sample (which would be read once).
    copy.write_bytes((SAMPLES / "2019_e4_gomi.html").read_bytes() + b"<!-- saved -->")
    return copy


def test_a_side_whose_year_cannot_be_told_is_an_error_naming_the_file(tmp_path: Path) -> None:
    copy = _yearless_copy(tmp_path)
    result = run(["diff", str(copy), "samples/minatono/2021_e4_gomi.html"])
    assert result.exit_code == ExitStatus.FAILED
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {copy}: cannot tell the fiscal year")
    assert "--from" in result.stderr


def test_from_and_to_give_the_year_of_old_new_pages_that_have_none(tmp_path: Path) -> None:
    copy = _yearless_copy(tmp_path)
    diff = _json_diff(str(copy), "samples/minatono/2021_e4_gomi.html", "--from", "H31", "--to", "R3")
    assert diff["from"] == {"fiscal_year": 2019, "sources": [str(copy)]}
    gomi = _changed(diff, "E4")
    assert gomi["matched_by"] == "code"
    # 2021 pastes one 2019 reply word for word.
    assert [(r["kind"], r["exact"]) for r in gomi["reused_replies"]] == [("across_years", True)]


def test_a_yearless_page_in_a_corpus_is_an_error_naming_it(tmp_path: Path) -> None:
    copy = _yearless_copy(tmp_path)
    result = run(["diff", "samples/minatono/", str(copy), S27_2020, "--from", "2019", "--to", "2020"])
    assert result.exit_code == ExitStatus.FAILED
    # S27_2020 is in samples/ too: read once, and said so.
    assert result.stderr.splitlines() == [
        f"warning: {S27_2020}: reached twice: read once",
        f"Error: {copy}: cannot tell the fiscal year (neither the page's title and headings nor its file name give one); put the year in its file or folder name (r2_…, fy2020_…, 2020/), or give the pages as OLD NEW with --from and --to",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["samples/minatono/", "--from", "2021", "--to", "2020"],
            "--from 2021 is later than --to 2020: the older year comes first (--from 2020 --to 2021)",
        ),
        (
            ["samples/minatono/", "--from", "R2", "--to", "2020"],
            "--from and --to are both fiscal year 2020 (令和2年度): a diff compares two different years",
        ),
        (
            [S27_2020, "samples/minatono/R02_bousai.html"],
            f"OLD {S27_2020} and NEW samples/minatono/R02_bousai.html are both fiscal year 2020 (令和2年度): a diff compares two different years",
        ),
    ],
)
def test_two_sides_of_one_year_or_years_in_reverse_are_usage_errors(
    args: list[str], message: str
) -> None:
    result = run(["diff", *args], width=200)
    assert result.exit_code == ExitStatus.USAGE
    assert result.stdout == ""
    assert message in " ".join(result.stderr.replace("│", " ").split())


@pytest.mark.parametrize("name", ["d.csv", "d.tsv", "d.jsonl", "d.html"])
def test_diff_output_to_a_file_of_another_format_is_refused(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    target.write_text("kept", encoding="utf-8")
    result = run(["diff", S27_2020, S27_2021, "-o", str(target)], width=200)
    assert result.exit_code == ExitStatus.USAGE
    assert "name it .json (json) or .txt (a table)" in " ".join(
        result.stderr.replace("│", " ").split()
    )
    assert target.read_text(encoding="utf-8") == "kept"


def test_a_side_mixing_years_is_an_error_naming_them() -> None:
    result = run(["diff", "samples/minatono/", S27_2021])
    assert result.exit_code == ExitStatus.FAILED
    assert result.stdout == ""
    assert "OLD samples/minatono/: holds pages of fiscal years 2019, 2020 and 2021" in result.stderr
    assert "--from and --to" in result.stderr


def test_a_year_with_no_measures_is_an_error_listing_the_years_found() -> None:
    result = run(["diff", "samples/minatono/", "--from", "2018", "--to", "2020"])
    assert result.exit_code == ExitStatus.FAILED
    assert "--from 2018: no measures of fiscal year 2018 (平成30年度)" in result.stderr
    assert "fiscal years found: 2019, 2020, 2021" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["diff", "samples/minatono/"],
        ["diff", S27_2020, S27_2021, "samples/minatono/"],
        ["diff", "samples/minatono/", "--from", "2020"],
        ["diff", "samples/minatono/", "--to", "2020"],
        ["diff", "samples/minatono/", "--from", "2020", "--to", "令和九十九"],
        ["diff", S27_2020, S27_2021, "--format", "tsv"],
        ["diff", S27_2020, S27_2021, "--format", "csv"],
        ["diff", S27_2020, S27_2021, "--format", "jsonl"],
        ["diff", S27_2020, S27_2021, "--json", "--format", "table"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run(args)
    assert result.exit_code == ExitStatus.USAGE
    assert result.stdout == ""


def test_tsv_is_refused_with_the_reason() -> None:
    result = run(["diff", S27_2020, S27_2021, "-f", "tsv"])
    assert "nested" in result.stderr


# --- --stat and --exit-code ----------------------------------------------------------


def test_stat_prints_the_counts_only() -> None:
    result = run(["diff", "samples/minatono/", "--from", "2020", "--to", "2021", "--stat"])
    assert result.exit_code == ExitStatus.OK
    assert _lines(result.stdout) == [
        "2020 (令和2年度) → 2021 (令和3年度)",
        "measures: 5 changed, 2 added, 0 removed, 0 unchanged",
        "comments: 10 added, 19 removed, 3 changed",
        "replies: 1 newly answered, 0 withdrawn, 2 changed",
        "reused replies: 1 across years, 0 within the year",
    ]


def test_stat_json_is_the_years_and_the_counts() -> None:
    stat = _json_diff("samples/minatono/", "--from", "2019", "--to", "2020", "--stat")
    golden = _golden(2019, 2020)
    assert stat == {"from": golden["from"], "to": golden["to"], "counts": golden["counts"]}
    assert stat["counts"] == {
        "added": 2,
        "removed": 2,
        "changed": 3,
        "changed_formatting_only": 0,
        "unchanged": 0,
        "comments_added": 15,
        "comments_removed": 7,
        "comments_changed": 2,
        "replies_answered": 1,
        "replies_withdrawn": 0,
        "replies_changed": 1,
        "reused_across_years": 1,
        "reused_within_year": 1,
    }


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["samples/minatono/", "--from", "2020", "--to", "2021"], DiffExitStatus.DIFFERENT),
        ([S27_2020, S27_2021], DiffExitStatus.DIFFERENT),
        (["same/old/gomi.html", "same/new/gomi.html", "--from", "2019", "--to", "2020"],
         DiffExitStatus.SAME),
    ],
)
def test_exit_code_says_whether_the_years_differ(
    args: list[str], status: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same page given as two years, OLD NEW with the years given: no difference.
    for side in ("old", "new"):
        (tmp_path / "same" / side).mkdir(parents=True)
        shutil.copy(SAMPLES / "2019_e4_gomi.html", tmp_path / "same" / side / "gomi.html")
    (tmp_path / "samples").mkdir()
    (tmp_path / "samples" / "minatono").symlink_to(SAMPLES, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    result = run(["diff", *args, "--exit-code", "--stat"])
    assert result.exit_code == status
    assert result.stderr == ""


def test_without_exit_code_differences_exit_0() -> None:
    assert run(["diff", S27_2020, S27_2021]).exit_code == ExitStatus.OK


def test_two_years_without_differences_say_so(tmp_path: Path) -> None:
    # One page given as two fiscal years (its year only in its file name).
    for side in ("old", "new"):
        (tmp_path / side).mkdir()
        shutil.copy(SAMPLES / "2019_e4_gomi.html", tmp_path / side / "gomi.html")
    result = run(
        ["diff", str(tmp_path / "old"), str(tmp_path / "new"), "--from", "2019", "--to", "2020"]
    )
    assert "measures: 0 changed, 0 added, 0 removed, 1 unchanged" in result.stdout
    assert _lines(result.stdout)[-1] == "No differences."


# --- formatting-only changes ---------------------------------------------------------

PASTED = "令和3年度予算に、5台分(予定)ではありますが、VPNによるテレワーク環境の整備を計上しました。"


def _formatting_pages(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    def page(year: int, reply: str, direction: str) -> Report:
        return report(
            f"{year}.html",
            measure(
                f"{year}.html",
                code="S27",
                year=year,
                direction=direction,
                comments=[comment(1, "在宅勤務の課題を示してほしい。", reply)],
            ),
        )

    return fake_pages(
        monkeypatch,
        tmp_path,
        {
            "old.html": page(2020, PASTED, "継続します。"),
            "new.html": page(2021, PASTED.replace("(予定)", "（予定）"), "継続 します。"),
        },
    )


def test_formatting_only_changes_are_collapsed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    old, new = _formatting_pages(monkeypatch, tmp_path)
    result = run(["diff", old, new, "--exit-code"], width=80)
    # Nothing but formatting changed: --exit-code without --exact sees no difference.
    assert result.exit_code == ExitStatus.OK
    lines = _lines(result.stdout)
    assert "measures: 1 changed (1 formatting only), 0 added, 0 removed, 0 unchanged" in lines
    assert "S27 施策  (formatting only)" in lines
    assert "  direction     formatting only (∅ → ␣)" in lines
    assert "  ~ overall #1  reply formatting only ((予定) → （予定）)" in lines
    assert "[-" not in result.stdout


def test_exact_expands_formatting_only_changes_and_counts_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    old, new = _formatting_pages(monkeypatch, tmp_path)
    result = run(["diff", old, new, "--exact", "--exit-code"], width=200)
    assert result.exit_code == DiffExitStatus.DIFFERENT
    out = result.stdout
    assert "継続{+ +}します。 (formatting only)" in out
    assert "5台分[-(予定)-]{+（予定）+}ではありますが" in out
    assert "formatting only (" not in out


def test_formatting_only_is_flagged_in_json_whatever_exact_says(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    old, new = _formatting_pages(monkeypatch, tmp_path)
    plain = run(["diff", old, new, "--json"])
    exact = run(["diff", old, new, "--json", "--exact"])
    assert plain.stdout == exact.stdout
    (entry,) = json.loads(plain.stdout)["changed"]
    assert entry["formatting_only"] is True


# --- the table ---------------------------------------------------------------------


def test_table_snapshot_at_80_columns_without_colour() -> None:
    result = run(["diff", S27_2020, S27_2021], tty=True, width=80, no_color=True)
    assert result.exit_code == ExitStatus.OK
    assert _lines(result.stdout) == _lines(S27_SNAPSHOT)
    assert "\x1b" not in result.stdout


def test_table_is_the_default_also_when_piped() -> None:
    piped = run(["diff", S27_2020, S27_2021], tty=False, width=80)
    assert _lines(piped.stdout) == _lines(S27_SNAPSHOT)


def test_table_of_a_corpus_has_the_key_lines() -> None:
    result = run(["diff", "samples/minatono/", "--from", "2019", "--to", "2020"], width=80)
    lines = _lines(result.stdout)
    for expected in [
        "measures: 3 changed, 2 added, 2 removed, 0 unchanged",
        "B8 地域防災力の強化",
        "  code          B12 → B8",
        "  ~ overall #1  自主防災組織の結成率が地区によって大きく異なる。結成率の低…",
        "                reply 結成率の低い{+3+}地区の町内会長を個別に訪問し、[-制度の説",
        "  reused        overall #1: reply reused from 2019 A3 overall #1 (exact)",
        "  reused        issues #1: same reply as overall #1 this year (99%)",
        "Added in 2020 (令和2年度): 2 measures",
        "  + D2 観光振興 【商工観光課】 · 2 comments ·",
        "    samples/minatono/oldsite_taiou.html",
        "Removed since 2019 (令和元年度): 2 measures",
        "  - C5 市民協働によるまちづくりの推進 · 1 comment ·",
    ]:
        assert expected in lines, expected
    assert all(cell_len(line) <= 80 for line in lines)


def test_colour_on_a_terminal_strikes_deletions_and_greens_insertions() -> None:
    result = run(["diff", S27_2020, S27_2021], tty=True, width=80, no_color=False)
    out = result.stdout
    assert "\x1b[9;31m情報課\x1b[0m → \x1b[32mデジタル推進課\x1b[0m" in out
    # Marked in words too, so that text copied from the terminal reads right.
    assert "\x1b[9;31m[-" in out
    assert "\x1b[32m{+" in out


def test_reuse_flags_of_added_measures_are_listed_under_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    reply = "実施団体への奨励金の単価を見直します。"
    old, new = fake_pages(
        monkeypatch,
        tmp_path,
        {
            "old.html": report(
                "old.html",
                measure(
                    "old.html",
                    code="E4",
                    name="ごみ減量",
                    year=2019,
                    comments=[comment(2, "集団資源回収の実施団体が減っている。", reply)],
                ),
            ),
            "new.html": report(
                "new.html",
                measure(
                    "new.html",
                    code="G1",
                    name="地域活動の支援",
                    year=2021,
                    comments=[comment(1, "地域の団体活動を支えてほしい。", reply)],
                ),
            ),
        },
    )
    lines = _lines(run(["diff", old, new], width=100).stdout)
    added = lines.index("Added in 2021 (令和3年度): 1 measure")
    assert lines[added + 1].startswith("  + G1 地域活動の支援 【情報課】 · 1 comment · ")
    assert lines[added + 2] == (
        "    reused overall #1: reply reused from 2019 E4 overall #2 (exact)"
    )


def test_page_text_in_a_diff_cannot_style_or_drive_the_terminal(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    hostile = "[red]赤[/red]\x1b[31m前\x1b]0;title\x07後\x1b[2J"
    old, new = fake_pages(
        monkeypatch,
        tmp_path,
        {
            "old.html": report(
                "old.html", measure("old.html", year=2020, direction="継続します。")
            ),
            "new.html": report("new.html", measure("new.html", year=2021, direction=hostile)),
        },
    )
    for no_color in (True, False):
        out = run(["diff", old, new], tty=True, width=120, no_color=no_color).stdout
        assert "[red]赤[/red]" in out
        assert "前後" in out
        for forbidden in ("\x1b[31m前", "\x1b]0;", "\x07", "\x1b[2J"):
            assert forbidden not in out


def test_output_file_json_by_its_extension(tmp_path: Path) -> None:
    target = tmp_path / "diff.json"
    result = run(["diff", "samples/minatono/", "--from", "2020", "--to", "2021", "-o", str(target)])
    assert result.exit_code == ExitStatus.OK
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8")) == _golden(2020, 2021)
    text_target = tmp_path / "diff.txt"
    run(["diff", S27_2020, S27_2021, "-o", str(text_target)], width=80)
    assert _lines(text_target.read_text(encoding="utf-8")) == _lines(S27_SNAPSHOT)


# --- rendering helpers ----------------------------------------------------------------


def test_elide_keeps_context_around_edits_only() -> None:
    old = "あ" * 40 + "(予定)" + "い" * 40
    new = "あ" * 40 + "（予定）" + "い" * 40
    kept = elide(inline_diff(old, new), context=5)
    assert kept == [
        Segment("equal", "…" + "あ" * 5),
        Segment("delete", "(予定)"),
        Segment("insert", "（予定）"),
        Segment("equal", "い" * 5 + "…"),
    ]
    # A run between two edits keeps both ends; a short one is left whole.
    middle = [Segment("delete", "x"), Segment("equal", "う" * 30), Segment("insert", "y")]
    assert elide(middle, context=5)[1] == Segment("equal", "う" * 5 + "…" + "う" * 5)
    short = [Segment("delete", "x"), Segment("equal", "う" * 11), Segment("insert", "y")]
    assert elide(short, context=5)[1] == Segment("equal", "う" * 11)


def test_formatting_only_names_each_edit_with_whitespace_visible() -> None:
    segments = inline_diff("Web 会議の開催を（予定）\n", "Web会議の開催を(予定)")
    assert formatting_only(segments).plain == "formatting only (␣ → ∅, （予定）↵ → (予定))"


def test_abbreviate_counts_terminal_cells() -> None:
    assert abbreviate("短い文", 10) == "短い文"
    assert abbreviate("一二三四五六七八", 9) == "一二三四…"
    assert abbreviate("line one\n  line two", 40) == "line one line two"
