"""Every kind of broken input in one run: one clear line each, the rest still printed."""

from __future__ import annotations

import json
from pathlib import Path

from cli_support import REPO_ROOT, SEED, run
from followup_cli.cli.status import ExitStatus


def test_broken_inputs_each_give_one_line_and_good_ones_still_print(tmp_path: Path) -> None:
    seed = (REPO_ROOT / SEED).read_bytes()
    broken = {
        "empty.html": (b"", "the file is empty"),
        "image.html": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "a PNG image"),
        "news.html": ("<html><body><p>お知らせ</p></body></html>".encode(), "no follow-up table"),
        "garbled.html": (seed.replace("情報課".encode(), b"\x81\xff\xfe\x80"), "cannot decode"),
    }
    for name, (data, _) in broken.items():
        (tmp_path / name).write_bytes(data)
    # A link whose target is gone stands for a file that cannot be read.
    (tmp_path / "dangling.html").symlink_to(tmp_path / "nowhere.html")
    truncated = seed[: seed.index("ICTに関する知識".encode())]
    (tmp_path / "truncated.html").write_bytes(truncated)
    (tmp_path / "zz_good.html").write_bytes(seed)

    result = run(["list", "--format", "json", str(tmp_path)])

    assert result.exit_code == ExitStatus.FAILED
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    for name, (_, reason) in broken.items():
        (line,) = [line for line in errors if f"{tmp_path / name}:" in line]
        assert reason in line
    assert any(str(tmp_path / "dangling.html") in line for line in errors)
    assert len(errors) == len(broken) + 1
    # The truncated page parses what is whole and says it looks cut off.
    assert any(
        "truncated" in line and "truncated.html" in line for line in result.stderr.splitlines()
    )
    sources = [record["source"] for record in json.loads(result.stdout)]
    assert sources == [str(tmp_path / "truncated.html"), str(tmp_path / "zz_good.html")]
