"""One vocabulary of field names, and choosing fields the way gh and csvkit do."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import typer

from cli_support import REPO_ROOT, SEED, run
from followup_cli.cli.app import app, gh_style_json
from followup_cli.cli.fields import FIELDS, MEASURE_FIELDS
from followup_cli.cli.status import ExitStatus
from followup_cli.model import Measure

RECORD_FORMATS = ("json", "jsonl", "csv", "tsv")
# Commands whose output is not records, and why the vocabulary does not apply.
NOT_RECORDS = {
    "diff": "one nested document of changes (its keys are documented with diff)",
    "fetch": "prints no data, only a summary on stderr",
}
ARGS = {
    "show": ["show", "S27", "samples/minatono/"],
}


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return sorted(name for name in group.commands if name not in NOT_RECORDS)


def _keys(value: object) -> set[str]:
    """Every key of every record, nested ones (a measure's comments) included."""
    if isinstance(value, dict):
        found = set(value)
        for item in value.values():
            found |= _keys(item)
        return found
    if isinstance(value, list):
        return set().union(*(_keys(item) for item in value)) if value else set()
    return set()


def _names_printed(command: str, output_format: str) -> set[str] | None:
    args = ARGS.get(command, [command, "samples/minatono/"])
    extra = ["--header"] if output_format == "tsv" else []
    result = run([*args, "--format", output_format, *extra])
    if result.exit_code == ExitStatus.USAGE:
        # The command does not print this format at all.
        return None
    assert result.exit_code == ExitStatus.OK, result.stderr
    text = result.stdout
    if output_format == "json":
        return _keys(json.loads(text))
    if output_format == "jsonl":
        return _keys([json.loads(line) for line in text.splitlines()])
    if output_format == "csv":
        return set(next(csv.reader(io.StringIO(text))))
    return set(text.splitlines()[0].split("\t"))


@pytest.mark.parametrize("output_format", RECORD_FORMATS)
@pytest.mark.parametrize("command", _commands())
def test_every_record_format_of_every_command_uses_only_the_vocabulary(
    command: str, output_format: str
) -> None:
    names = _names_printed(command, output_format)
    if names is None:
        assert command not in ("list", "show", "filter"), f"{command} refuses {output_format}"
        return
    assert names, f"{command} --format {output_format} printed no field names"
    assert names <= set(FIELDS), sorted(names - set(FIELDS))
    assert "year" not in names


@pytest.mark.parametrize("command", ["list", "show", "filter"])
def test_csv_header_and_json_keys_are_the_same_names(command: str) -> None:
    # Where a json record and a csv row are the same thing (one comment in
    # filter, one measure in list, minus the nested lists), they agree.
    json_names = _names_printed(command, "json")
    csv_names = _names_printed(command, "csv")
    tsv_names = _names_printed(command, "tsv")
    assert json_names is not None and csv_names is not None
    assert csv_names == tsv_names
    if command == "filter":
        assert json_names == csv_names


def test_readme_lists_every_field_once_in_one_table() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Output fields", 1)[1].split("\n### ", 1)[0]
    listed = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE)
    assert sorted(listed) == sorted(FIELDS)
    assert len(listed) == len(set(listed))


def test_list_json_is_exactly_the_models_to_dict() -> None:
    assert MEASURE_FIELDS.record_default == tuple(Measure.__slots__)


# --- choosing fields --------------------------------------------------------------


def _plain(stderr: str) -> str:
    """An error message without the box rich may draw around it, on one line."""
    return " ".join(re.sub("[│╭╮╰╯─]", " ", stderr).split())


def _out(args: list[str]) -> str:
    result = run(args)
    assert result.exit_code == ExitStatus.OK, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    ("args"),
    [
        ["list", "samples/minatono/"],
        ["filter", "samples/minatono/"],
        ["show", "S27", "samples/minatono/"],
    ],
)
def test_fields_choose_and_order_the_fields_in_every_record_format(args: list[str]) -> None:
    chosen = ["name", "fiscal_year", "code"]
    spec = ",".join(chosen)
    records = json.loads(_out([*args, "--json", spec]))
    assert records
    assert all(list(record) == chosen for record in records)
    assert json.loads(_out([*args, "--format", "json", "--fields", spec])) == records
    lines = [json.loads(line) for line in _out([*args, "--jsonl", "--fields", spec]).splitlines()]
    assert all(list(record) == chosen for record in lines)
    rows = list(csv.reader(io.StringIO(_out([*args, "--csv", "--fields", spec]))))
    assert rows[0] == chosen
    tsv = _out([*args, "--tsv", "--fields", spec]).splitlines()
    assert [line.split("\t") for line in tsv] == rows[1:]
    assert _out([*args, "--tsv", "--header", "--fields", spec]).splitlines()[0] == "\t".join(
        chosen
    )


def test_json_fields_before_the_paths_are_fields_not_a_path() -> None:
    records = json.loads(_out(["list", "--json", "code,name", "samples/minatono/"]))
    assert records
    assert all(set(record) == {"code", "name"} for record in records)


def test_json_alone_keeps_meaning_every_field_even_before_a_path() -> None:
    everything = json.loads(_out(["list", "samples/minatono/", "--json"]))
    assert json.loads(_out(["list", "--json", "samples/minatono/"])) == everything
    assert json.loads(_out(["list", "--json", "samples/minatono"])) == everything
    assert list(everything[0]) == list(MEASURE_FIELDS.record_default)


def test_gh_style_json_rewrites_only_field_lists(tmp_path: Path) -> None:
    existing = tmp_path / "code"
    existing.mkdir()
    assert gh_style_json(["list", "--json", "code,name"]) == ["list", "--json=code,name"]
    assert gh_style_json(["list", "--json", str(existing)]) == ["list", "--json=", str(existing)]
    assert gh_style_json(["list", "--json"]) == ["list", "--json="]
    assert gh_style_json(["list", "--json", "-o", "x"]) == ["list", "--json=", "-o", "x"]
    assert gh_style_json(["list", "--", "--json", "x"]) == ["list", "--", "--json", "x"]


def test_unknown_field_lists_the_valid_ones() -> None:
    result = run(["filter", "samples/minatono/", "--csv", "--fields", "code,year"])
    assert result.exit_code == ExitStatus.USAGE
    message = _plain(result.stderr)
    assert "unknown field year" in message
    assert "fiscal_year" in message and "section_label" in message


def test_unknown_format_lists_the_valid_ones() -> None:
    result = run(["list", "samples/minatono/", "--format", "xml"])
    assert result.exit_code == ExitStatus.USAGE
    message = _plain(result.stderr)
    for name in ("table", "json", "jsonl", "csv", "tsv"):
        assert name in message


@pytest.mark.parametrize(
    ("flag", "output_format"),
    [("--csv", "csv"), ("--tsv", "tsv"), ("--jsonl", "jsonl"), ("--nl", "jsonl"), ("--json", "json")],
)
def test_short_forms_are_the_format(flag: str, output_format: str) -> None:
    assert _out(["filter", SEED, flag]) == _out(["filter", SEED, "--format", output_format])


def test_two_formats_at_once_are_a_usage_error() -> None:
    result = run(["list", SEED, "--csv", "--format", "json"])
    assert result.exit_code == ExitStatus.USAGE
    assert "different formats" in _plain(result.stderr)


def test_fields_on_a_table_say_how_to_get_records() -> None:
    result = run(["list", SEED, "--fields", "code"], tty=True)
    assert result.exit_code == ExitStatus.USAGE
    assert "--json" in result.stderr


def test_tsv_header_is_the_csv_header() -> None:
    tsv = _out(["list", "samples/minatono/", "--tsv", "--header"]).splitlines()
    rows = list(csv.reader(io.StringIO(_out(["list", "samples/minatono/", "--csv"]))))
    assert tsv[0].split("\t") == rows[0]
    assert len(tsv) == len(rows)


def test_list_csv_can_carry_the_nested_fields() -> None:
    rows = list(csv.DictReader(io.StringIO(_out(["list", SEED, "--csv", "--fields", "code,comments"]))))
    assert rows
    comments: list[dict[str, Any]] = json.loads(rows[0]["comments"])
    assert comments[0]["section"] == "overall"


@pytest.mark.parametrize(("option", "hint"), [("--jq", "pipe --json into jq"), ("--ndjson", "--jsonl")])
def test_options_from_other_tools_point_to_ours(option: str, hint: str) -> None:
    result = run(["list", SEED, option, "x"])
    assert result.exit_code == ExitStatus.USAGE
    assert hint in _plain(result.stderr)
