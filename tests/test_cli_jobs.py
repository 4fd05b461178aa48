"""--jobs: several processes, the same output in the same order."""

from __future__ import annotations

import json
from pathlib import Path

from cli_support import SAMPLES, run
from followup_cli.cli.status import ExitStatus
from followup_cli.errors import DecodeError, FollowupError, NotAFollowupPageError


def corpus(tmp_path: Path) -> Path:
    """Forty pages (the samples four times over) and a few that fail, in name order.

    Each measure is then on four pages of its year: kept, with a warning each.
    """
    folder = tmp_path / "pages"
    folder.mkdir()
    for copy in range(4):
        for page in sorted(SAMPLES.glob("*.html")):
            # A comment of its own keeps each copy a page of its own (not the same bytes).
            data = page.read_bytes() + f"<!-- copy {copy} -->".encode()
            (folder / f"{copy}_{page.name}").write_bytes(data)
    (folder / "2_broken.html").write_bytes(b"")
    (folder / "3_news.html").write_text("<p>お知らせ</p>", encoding="utf-8")
    return folder


def test_jobs_two_prints_exactly_what_one_process_prints(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    for output_format in ("jsonl", "json"):
        one = run(["list", str(folder), "--format", output_format, "--jobs", "1"])
        two = run(["list", str(folder), "--format", output_format, "--jobs", "2"])
        assert one.exit_code == two.exit_code == ExitStatus.FAILED
        assert two.stdout == one.stdout
        assert sorted(two.stderr.splitlines()) == sorted(one.stderr.splitlines())
    # The last run was json: the forty good pages hold 68 measures.
    records = json.loads(two.stdout)
    assert len(records) == 4 * 17


def test_filter_and_diff_take_jobs(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    one = run(["filter", str(folder), "--unanswered", "--format", "tsv", "-j", "1"])
    two = run(["filter", str(folder), "--unanswered", "--format", "tsv", "-j", "2"])
    assert two.stdout == one.stdout != ""
    diff = run(["diff", str(SAMPLES), "--from", "2020", "--to", "2021", "--json", "-j", "2"])
    assert diff.exit_code == ExitStatus.OK
    assert json.loads(diff.stdout)["to"]["fiscal_year"] == 2021


def test_errors_survive_the_trip_between_processes() -> None:
    import pickle  # noqa: PLC0415 - this test alone

    for error in (DecodeError("a.html", "cannot decode"), NotAFollowupPageError("b", "none")):
        copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
        assert isinstance(copy, FollowupError)
        assert type(copy) is type(error)
        assert str(copy) == str(error)
        assert (copy.source, copy.reason) == (error.source, error.reason)


def test_reports_survive_the_trip_between_processes() -> None:
    import pickle  # noqa: PLC0415 - this test alone

    from followup_cli import parse_file  # noqa: PLC0415

    report = parse_file(SAMPLES / "r2_s27_ict.html")
    copy = pickle.loads(pickle.dumps(report))  # noqa: S301 - our own object
    assert copy == report
    assert copy.to_dict() == report.to_dict()
