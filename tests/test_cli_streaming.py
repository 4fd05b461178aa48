"""Output that streams: --no-sort, and pages rendered in the worker that parsed them."""

from __future__ import annotations

import io
import json
import pickle
from collections import Counter
from pathlib import Path

import pytest

from cli_support import SAMPLES, run
from followup_cli.cli.commands import filter as filter_command
from followup_cli.cli.commands import list as list_command
from followup_cli.cli.environment import Environment
from followup_cli.cli.options import OutputFormat
from followup_cli.cli.output import (
    OutputOptions,
    PageRenderer,
    write_listing,
    write_rendered,
)
from followup_cli.cli.status import ExitStatus
from followup_cli.corpus import RenderedPage, Selection, read_pages, read_sources, walk_sources
from followup_cli.model import Report

ALL_SAMPLES = str(SAMPLES.parent)
STREAMING = ("jsonl", "json", "csv", "tsv")


def _corpus(tmp_path: Path) -> Path:
    """The samples three times over (a comment apart), in three folders, and two that fail."""
    for copy in range(3):
        folder = tmp_path / f"copy{copy}"
        folder.mkdir()
        for page in sorted(SAMPLES.parent.rglob("*.html")):
            data = page.read_bytes() + f"<!-- copy {copy} -->".encode()
            (folder / f"{page.parent.name}_{page.name}").write_bytes(data)
    (tmp_path / "copy1" / "broken.html").write_bytes(b"")
    (tmp_path / "copy2" / "news.html").write_text("<p>お知らせ</p>", encoding="utf-8")
    return tmp_path


def test_no_sort_json_is_one_array_of_the_sorted_records_in_input_order() -> None:
    unsorted = run(["list", ALL_SAMPLES, "--format", "json", "--no-sort"])
    ordered = run(["list", ALL_SAMPLES, "--format", "json"])
    lines = run(["list", ALL_SAMPLES, "--format", "jsonl"])
    assert unsorted.exit_code == ordered.exit_code == ExitStatus.OK
    records = json.loads(unsorted.stdout)
    assert len(records) > 20
    key = lambda record: json.dumps(record, sort_keys=True, ensure_ascii=False)  # noqa: E731
    assert Counter(map(key, records)) == Counter(map(key, json.loads(ordered.stdout)))
    # Input order: that of jsonl, pages sorted by path; not the sorted order.
    assert records == [json.loads(line) for line in lines.stdout.splitlines()]
    assert records != json.loads(ordered.stdout)


@pytest.mark.parametrize("command", ["list", "filter"])
def test_no_sort_keeps_the_rows_of_the_sorted_output_for_csv_tsv_and_table(command: str) -> None:
    for output_format in ("csv", "tsv"):
        unsorted = run([command, ALL_SAMPLES, "--format", output_format, "--no-sort"])
        ordered = run([command, ALL_SAMPLES, "--format", output_format])
        assert unsorted.exit_code == ExitStatus.OK
        assert unsorted.stdout != ordered.stdout
        assert Counter(unsorted.stdout.splitlines()) == Counter(ordered.stdout.splitlines())
    table = run([command, ALL_SAMPLES, "--no-sort", "--wide"], tty=True, width=200)
    assert table.exit_code == ExitStatus.OK
    assert "S27" in table.stdout


def test_no_records_is_still_an_empty_json_array(tmp_path: Path) -> None:
    (tmp_path / "news.html").write_text("<p>お知らせ</p>", encoding="utf-8")
    failed = run(["list", str(tmp_path), "--format", "json", "--no-sort"])
    assert failed.exit_code == ExitStatus.FAILED
    assert failed.stdout == "[]\n"
    none_kept = run(["list", ALL_SAMPLES, "--json", "--no-sort", "--year", "2030"])
    assert none_kept.exit_code == ExitStatus.OK
    assert json.loads(none_kept.stdout) == []


def test_a_streamed_output_file_is_not_replaced_when_every_input_fails(tmp_path: Path) -> None:
    (tmp_path / "news.html").write_text("<p>お知らせ</p>", encoding="utf-8")
    output = tmp_path / "out.json"
    output.write_text("before\n", encoding="utf-8")
    result = run(["list", str(tmp_path / "news.html"), "--no-sort", "-o", str(output)])
    assert result.exit_code == ExitStatus.FAILED
    assert output.read_text(encoding="utf-8") == "before\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["news.html", "out.json"]
    written = run(["list", ALL_SAMPLES, "--no-sort", "-o", str(output)])
    assert written.exit_code == ExitStatus.OK
    assert len(json.loads(output.read_text(encoding="utf-8"))) > 20


@pytest.mark.parametrize("command", ["list", "filter"])
def test_workers_write_the_bytes_one_process_writes(tmp_path: Path, command: str) -> None:
    folder = str(_corpus(tmp_path))
    selections = ([], ["--year", "2020"], ["-d", "情報"], ["-c", "S27"], ["-k", "ICT"])
    for output_format in STREAMING:
        for selection in selections:
            args = [command, folder, "--format", output_format, "--no-sort", *selection]
            one = run([*args, "--jobs", "1"])
            two = run([*args, "--jobs", "2"])
            assert one.exit_code == two.exit_code == ExitStatus.FAILED
            assert two.stdout == one.stdout, (output_format, selection)
            assert two.stderr == one.stderr
        everything = run([command, folder, "--format", output_format, "--no-sort", "-j", "2"])
        assert everything.stdout.count("S27") >= 3


def _sink() -> io.TextIOWrapper:
    # As standard output is set up: UTF-8, unencodable text escaped.
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")


def _written(out: io.TextIOWrapper) -> bytes:
    out.flush()
    buffer = out.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue()


def _environment(out: io.TextIOWrapper) -> Environment:
    return Environment(
        stdin=io.BytesIO(),
        stdout=out,
        stderr=io.StringIO(),
        stdout_isatty=False,
        stderr_isatty=False,
        no_color=True,
        width=100,
    )


def test_pages_rendered_in_workers_equal_the_records_rendered_in_the_parent(
    tmp_path: Path,
) -> None:
    folder = str(_corpus(tmp_path))
    selection = Selection.build(grep="の")
    cases = (
        (list_command, list_command.page_measures, list_command.selected_measures),
        (filter_command, filter_command.page_comments, filter_command.selected_comments),
    )
    for module, page_items, selected in cases:
        for output_format in STREAMING:
            options = OutputOptions(format=OutputFormat(output_format), header=True)
            parent = _sink()
            reports = [item for item in read_pages([folder], jobs=1) if isinstance(item, Report)]
            write_listing(
                module.LISTING, selected(reports, selection), options, _environment(parent)
            )
            render = PageRenderer(module.__name__, page_items, selection, options)
            # The renderer goes to worker processes as it is: it must pickle.
            assert pickle.loads(pickle.dumps(render)) == render  # noqa: S301 - our own object
            workers = _sink()
            pages = [
                item
                for item in read_sources(walk_sources([folder]), jobs=2, render=render)
                if isinstance(item, RenderedPage)
            ]
            assert len(pages) == len(reports)
            write_rendered(module.LISTING, pages, options, _environment(workers))
            # The parent wrote text; the workers' bytes went below the text layer.
            assert _written(workers) == _written(parent), (module.__name__, output_format)
            assert _written(parent).count(b"\n") > 10
