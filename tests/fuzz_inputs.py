"""Mutation fuzzing of the parser and the CLI on the sample pages.

Run it for as long as you like:

    python tests/fuzz_inputs.py --seconds 300 --seed 7

Every mutated page must either parse or raise a FollowupError, and the CLI
must answer it with exit status 0 or 1, valid JSON on stdout and no
traceback. Failing inputs are written to the folder given by --save.
The test suite runs a short, fixed-seed round of it (tests/test_hostile_input.py).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from typer.testing import CliRunner

from followup_cli import FollowupError, parse_html
from followup_cli.cli.app import app

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

# Fragments that stress the parts of the parser real pages break: spans,
# escaped markup, encodings, terminal escapes, declarations.
FRAGMENTS = (
    b"<table>",
    b"</table>",
    b"<tr>",
    b"</td>",
    b"<td>",
    b"<th>",
    b"<td rowspan=99999>",
    b"<td colspan=0>",
    b"<td rowspan=-3>",
    b"&lt;p&gt;",
    b"&lt;/p&gt;",
    b"<br>",
    b"\x00",
    b"\x1b[31m",
    b"\x1b]0;title\x07",
    b"\xef\xbb\xbf",
    b"<?xml version='1.0' encoding='x'?>",
    b"<meta charset=euc-jp>",
    b"<meta charset=shift_jis>",
    b"\x81",
    b"\xff\xfe",
    b"<div>" * 50,
    "事業又は施策名【担当課】".encode(),
    "担当課返答".encode(),
    "全体に対する外部評価実施者意見".encode(),
    b"[bold red]",
    b'=HYPERLINK("x")',
)


def mutate(data: bytes, rng: random.Random) -> bytes:
    page = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        at = rng.randrange(len(page) + 1)
        choice = rng.random()
        if choice < 0.25 and page:
            page[min(at, len(page) - 1)] = rng.randrange(256)
        elif choice < 0.45:
            page[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif choice < 0.65:
            del page[at : at + rng.randint(1, 80)]
        elif choice < 0.8:
            start = rng.randrange(len(page) + 1)
            page[at:at] = page[start : start + rng.randint(1, 300)]
        else:
            page[at:at] = rng.choice(FRAGMENTS)
    return bytes(page)


def mutated_pages(seed: int) -> Iterator[bytes]:
    rng = random.Random(seed)
    originals = [path.read_bytes() for path in sorted(SAMPLES.rglob("*.htm*"))]
    while True:
        yield mutate(rng.choice(originals), rng)


def check_parser(page: bytes) -> str | None:
    """None if the parser behaved; else what went wrong."""
    try:
        parse_html(page, source="fuzz.html")
    except FollowupError:
        return None
    except Exception as error:
        return f"parser raised {type(error).__name__}: {error}"
    return None


def check_cli(page: bytes, folder: Path) -> str | None:
    path = folder / "fuzz.html"
    path.write_bytes(page)
    result = CliRunner().invoke(app, ["list", "--format", "json", str(path)])
    if result.exit_code not in (0, 1):
        return f"CLI exited {result.exit_code}: {result.stderr[-300:]}"
    if "Traceback" in result.stderr or "Traceback" in result.stdout:
        return "CLI printed a traceback"
    try:
        json.loads(result.stdout or "[]")
    except ValueError:
        return "CLI printed invalid JSON"
    return None


def fuzz(
    *, iterations: int, seconds: float, seed: int, cli_every: int = 10, save: Path | None = None
) -> list[str]:
    """Run until either bound is reached; the findings, one line each."""
    findings: list[str] = []
    deadline = time.monotonic() + seconds
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for count, page in enumerate(mutated_pages(seed)):
            if count >= iterations or time.monotonic() > deadline:
                break
            problem = check_parser(page)
            if problem is None and count % cli_every == 0:
                problem = check_cli(page, folder)
            if problem is not None:
                findings.append(f"case {count}: {problem}")
                if save is not None:
                    save.mkdir(parents=True, exist_ok=True)
                    (save / f"case-{seed}-{count}.html").write_bytes(page)
    return findings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--iterations", type=int, default=10**9)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--save", type=Path, default=None)
    options = parser.parse_args()
    findings = fuzz(
        iterations=options.iterations, seconds=options.seconds, seed=options.seed, save=options.save
    )
    for finding in findings:
        print(finding)
    print(f"{len(findings)} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
