"""Help for people: -h, bare `followup`, wrapped (never cut) help, examples, completion."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from rich.cells import cell_len
from typer.core import TyperGroup

from cli_support import REPO_ROOT, run
from followup_cli.cli.app import app
from followup_cli.cli.commands import COMMAND_NAMES
from followup_cli.cli.status import ExitStatus

# The Japanese words a user searches for, per command that works on them.
TERMS = {
    "list": ("事業又は施策名", "今後の市の方向性", "外部評価実施者意見", "担当課返答"),
    "show": ("事業又は施策名", "今後の市の方向性", "外部評価実施者意見", "担当課返答"),
    "filter": ("事業又は施策名", "外部評価実施者意見", "担当課返答"),
    "diff": ("事業又は施策名", "今後の市の方向性", "外部評価実施者意見", "担当課返答"),
}


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    return sorted(group.commands)


def test_followup_alone_prints_help_and_exits_0() -> None:
    result = run([])
    assert result.exit_code == ExitStatus.OK
    assert result.stdout.startswith("Usage: followup")
    for name in _commands():
        assert f"  {name} " in result.stdout


@pytest.mark.parametrize("name", _commands())
def test_dash_h_is_help_everywhere(name: str) -> None:
    short = run([name, "-h"])
    assert short.exit_code == ExitStatus.OK, short.stderr
    assert short.stdout == run([name, "--help"]).stdout


@pytest.mark.parametrize("width", [60, 80])
@pytest.mark.parametrize("name", ["", *_commands()])
def test_help_wraps_inside_the_width_and_cuts_nothing(name: str, width: int) -> None:
    # A real process: Click's test runner forces help to 80 columns.
    result = _followup(*([name] if name else []), "--help", env={"COLUMNS": str(width)})
    assert result.returncode == ExitStatus.OK
    for line in result.stdout.splitlines():
        assert cell_len(line) <= width, line
        if not line.startswith("Usage:"):
            assert not line.endswith(("…", "...")), line


def test_help_keeps_every_word_of_an_option() -> None:
    text = " ".join(run(["list", "--help"], env={"COLUMNS": "80"}).stdout.split())
    assert "written 2020, R2, 令和2 or H30." in text
    assert "ignoring full/half width and case (NFKC)." in text


@pytest.mark.parametrize("name", _commands())
def test_every_command_shows_two_examples(name: str) -> None:
    text = run([name, "--help"]).stdout
    examples = text.split("Examples:", 1)[1]
    assert len(re.findall(r"^\s*followup \w", examples, flags=re.MULTILINE)) >= 2
    assert re.search(rf"^\s*followup {name}\b", examples, flags=re.MULTILINE)


@pytest.mark.parametrize(("name", "terms"), sorted(TERMS.items()))
def test_help_names_the_japanese_terms(name: str, terms: tuple[str, ...]) -> None:
    text = "".join(run([name, "--help"]).stdout.split())
    for term in terms:
        assert term in text, (name, term)


def _followup(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "followup_cli", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO_ROOT,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_are_generated(shell: str) -> None:
    result = _followup(
        "--show-completion", shell, env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    )
    assert result.returncode == 0, result.stderr
    assert f"_FOLLOWUP_COMPLETE=complete_{shell}" in result.stdout


def _complete(words: str) -> list[str]:
    parts = words.split(" ")
    result = _followup(
        env={
            "_FOLLOWUP_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(parts) - 1),
        }
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_completion_offers_commands_formats_sections_and_fields() -> None:
    assert "filter" in _complete("followup fi")
    assert {"table", "json", "jsonl", "csv", "tsv"} <= set(_complete("followup list --format "))
    assert set(_complete("followup filter --section ")) == {"overall", "issues", "other"}
    assert "code,name" in _complete("followup list --fields code,na")
    assert "fiscal_year" in _complete("followup filter --json fi")


def test_install_completion_writes_the_bash_script_where_bash_reads_it(tmp_path: Path) -> None:
    result = _followup(
        "--install-completion",
        "bash",
        env={"HOME": str(tmp_path), "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
    )
    assert result.returncode == 0, result.stderr
    script = tmp_path / ".bash_completions" / "followup.sh"
    assert "_FOLLOWUP_COMPLETE=complete_bash" in script.read_text(encoding="utf-8")
    assert str(script) in (tmp_path / ".bashrc").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_with_the_generated_script(tmp_path: Path) -> None:
    script = _followup(
        "--show-completion", "bash", env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    ).stdout
    # The script calls `followup`: a stand-in runs this interpreter's module.
    shim = tmp_path / "followup"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m followup_cli "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    (tmp_path / "completion.sh").write_text(script, encoding="utf-8")
    session = (
        f"source {tmp_path / 'completion.sh'}\n"
        "COMP_WORDS=(followup filter --section i); COMP_CWORD=3\n"
        "_followup_completion followup i --section\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        ["bash", "--norc", "-c", session],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO_ROOT,
        env={**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["issues"]


def test_top_level_help_lists_every_command_in_order() -> None:
    result = run(["--help"])
    assert result.exit_code == ExitStatus.OK
    listed = re.findall(r"^  (\w+)  ", result.stdout.split("Commands:", 1)[1], re.MULTILINE)
    assert tuple(listed) == COMMAND_NAMES


# A run builds the one command it runs: the others' modules, rich (the table
# format's) and OpenSSL's hashes are start-up cost `followup list --json` never needs.
_LOADED = """
import contextlib, sys
from followup_cli.cli.app import main
sys.argv = ["followup", *sys.argv[1:]]
with contextlib.redirect_stdout(sys.stderr), contextlib.suppress(SystemExit):
    main()
commands = sorted(m.rsplit(".", 1)[1] for m in sys.modules
                  if m.startswith("followup_cli.cli.commands."))
print(" ".join(commands), "rich" in sys.modules, "hashlib" in sys.modules)
"""


@pytest.mark.parametrize("command", ["list", "filter", "diff"])
def test_a_run_loads_only_the_command_it_runs(command: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _LOADED, command, "--format", "json", "samples/minatono/"],
        capture_output=True, cwd=REPO_ROOT, encoding="utf-8", check=True,
    )
    assert done.stdout.split() == [command, "False", "False"], done.stderr[-2000:]
