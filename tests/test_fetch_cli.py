"""`followup fetch` in-process: exit statuses, the summary on stderr, nothing on stdout."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from fetch_site import Site, serve_site
from followup_cli import parse_file
from followup_cli.cli.app import FollowupGroup
from followup_cli.cli.commands import fetch as command
from followup_cli.cli.commands.fetch import fetch_command
from followup_cli.cli.environment import Environment
from followup_cli.cli.status import ExitStatus
from followup_cli.fetch.client import FetchSettings
from followup_cli.fetch.crawl import DEFAULT_HOSTS, DEFAULT_MAX_PAGES

FAST = ["--delay", "0.01", "--timeout", "5"]


def _app() -> typer.Typer:
    app = typer.Typer(cls=FollowupGroup, add_completion=False)

    @app.callback()
    def _root() -> None:
        """Test root: keeps `fetch` a subcommand, as in the real app."""

    app.command("fetch")(fetch_command)
    return app


@pytest.fixture
def site() -> Iterator[Site]:
    with serve_site() as served:
        yield served


def test_fetch_builds_an_archive_and_reports_failures(site: Site, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    result = CliRunner().invoke(
        _app(), ["fetch", site.url("/index.html"), "--archive", str(archive), *FAST]
    )
    assert result.exit_code == ExitStatus.FAILED
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == f"fetched 6, unchanged 0, failed 2, skipped 1 (archive {archive})"
    assert (
        f"  skipped   {site.url('/report.pdf')}: a PDF file, not an HTML page: not fetched" in lines
    )
    assert lines[-1].startswith(f"capture: {archive}/warc/followup-")
    assert f"  failed    {site.url('/gone.html')}: HTTP 404 Not Found" in lines
    assert any(
        line.startswith(f"  failed    {site.url('/private/r1.html')}: robots") for line in lines
    )
    pages = sorted(archive.rglob("*.html"))
    assert len(pages) == 6
    assert {parse_file(page).fiscal_year for page in pages} == {2018, 2020, 2021, 2022, 2023, 2024}

    again = CliRunner().invoke(
        _app(), ["fetch", site.url("/index.html"), "--archive", str(archive), *FAST]
    )
    assert (
        again.stderr.splitlines()[0]
        == f"fetched 0, unchanged 6, failed 2, skipped 1 (archive {archive})"
    )
    assert len(sorted(archive.rglob("*.html"))) == 6


def test_fetch_exits_ok_when_every_page_is_saved(site: Site, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        _app(), ["fetch", site.url("/r2/taiou.html"), "--archive", str(tmp_path), *FAST]
    )
    assert result.exit_code == ExitStatus.OK
    assert result.stderr.startswith("fetched 1, unchanged 0, failed 0")


def test_fetch_options_reach_the_library(site: Site, tmp_path: Path) -> None:
    args = ["fetch", site.url("/index.html"), "--archive", str(tmp_path), *FAST]
    result = CliRunner().invoke(_app(), [*args, "--match", "平成", "--max-bytes", "100000"])
    assert result.stderr.startswith("fetched 1, unchanged 0, failed 0")
    result = CliRunner().invoke(_app(), [*args, "--depth", "0"])
    assert result.exit_code == ExitStatus.OK
    assert result.stderr.startswith("fetched 0, unchanged 0, failed 0")
    assert "no follow-up report links were found" in result.stderr
    result = CliRunner().invoke(
        _app(), ["fetch", site.url("/slow.html"), "--archive", str(tmp_path), "--timeout", "0.2"]
    )
    assert result.exit_code == ExitStatus.FAILED
    assert "timed out after 0.2 s" in result.stderr


def test_the_progress_bar_only_draws_on_a_terminal(site: Site, tmp_path: Path) -> None:
    stderr = io.StringIO()
    env = Environment(
        stdin=io.BytesIO(),
        stdout=io.StringIO(),
        stderr=stderr,
        stdout_isatty=False,
        stderr_isatty=True,
        no_color=True,
        width=80,
    )
    result = CliRunner().invoke(
        _app(),
        ["fetch", site.url("/r2/taiou.html"), "--archive", str(tmp_path), *FAST],
        obj=env,
    )
    assert result.exit_code == ExitStatus.OK
    assert "fetched 1, unchanged 0, failed 0" in stderr.getvalue()
    assert result.stdout == ""


def test_the_archive_option_is_required_and_the_regex_checked(tmp_path: Path) -> None:
    missing = CliRunner().invoke(_app(), ["fetch", "http://127.0.0.1:9/"])
    assert missing.exit_code == ExitStatus.USAGE
    assert "--archive" in missing.stderr
    bad = CliRunner().invoke(
        _app(), ["fetch", "http://127.0.0.1:9/", "--archive", str(tmp_path), "--match", "("]
    )
    assert bad.exit_code == ExitStatus.USAGE
    assert "not a valid regular expression" in bad.stderr


def test_an_unusable_archive_is_one_error_line(tmp_path: Path) -> None:
    not_a_directory = tmp_path / "file"
    not_a_directory.write_text("x")
    result = CliRunner().invoke(
        _app(), ["fetch", "http://127.0.0.1:9/", "--archive", str(not_a_directory / "sub")]
    )
    assert result.exit_code == ExitStatus.FAILED
    assert result.stderr.startswith(f"Error: cannot write to the archive {not_a_directory}/sub")


def test_fetch_has_help() -> None:
    result = CliRunner().invoke(_app(), ["fetch", "--help"])
    assert result.exit_code == ExitStatus.OK
    for option in ("--archive", "--match", "--depth", "--delay", "--timeout", "--max-bytes"):
        assert option in result.stdout


def test_max_pages_names_the_links_left_for_a_later_run(site: Site, tmp_path: Path) -> None:
    args = ["fetch", site.url("/index.html"), "--archive", str(tmp_path), *FAST]
    result = CliRunner().invoke(_app(), [*args, "--max-pages", "3"])
    lines = result.stderr.splitlines()
    assert lines[0].startswith("fetched 2, ")
    assert "6 more links were not fetched (--max-pages reached)" in result.stderr
    assert sum(line.startswith("  not fetched http://") for line in lines) == 6


def test_check_lists_where_the_folder_and_the_manifest_disagree(site: Site, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    args = ["fetch", site.url("/index.html"), "--archive", str(archive), *FAST]
    CliRunner().invoke(_app(), args)
    clean = CliRunner().invoke(_app(), ["fetch", "--check", str(archive)])
    assert clean.exit_code == ExitStatus.OK
    assert clean.stdout == ""
    assert clean.stderr.startswith(f"checked {archive}: 9 records, 6 copies, 0 problems")

    pages = sorted(archive.rglob("*.html"))
    pages[0].unlink()
    (pages[1].parent / "added-by-hand.html").write_text("<html></html>")
    (pages[1].parent / ".x.html.1234.part").write_text("half")
    result = CliRunner().invoke(_app(), ["fetch", "--check", str(archive)])
    assert result.exit_code == ExitStatus.FAILED
    kinds = sorted(line.split("\t")[0] for line in result.stdout.splitlines())
    assert kinds == ["missing", "temporary", "unrecorded"]
    missing = next(line for line in result.stdout.splitlines() if line.startswith("missing"))
    assert missing.split("\t")[1] == pages[0].relative_to(archive).as_posix()
    assert "3 problems" in result.stderr


def test_check_refuses_a_folder_without_a_manifest(tmp_path: Path) -> None:
    result = CliRunner().invoke(_app(), ["fetch", "--check", str(tmp_path)])
    assert result.exit_code == ExitStatus.FAILED
    assert "no manifest.jsonl" in result.stderr


def test_the_commands_defaults_are_the_librarys() -> None:
    # The command keeps its own copies so the CLI starts without importing fetch.
    defaults = FetchSettings()
    assert (command._DEFAULT_HOSTS, command._DEFAULT_MAX_PAGES) == (
        DEFAULT_HOSTS,
        DEFAULT_MAX_PAGES,
    )
    assert (
        defaults.timeout,
        defaults.max_bytes,
    ) == (command._DEFAULT_TIMEOUT, command._DEFAULT_MAX_BYTES)
