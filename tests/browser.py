"""Headless Chromium for the report tests: the DOM, a screenshot, the network log, the console.

The browser is the system's (Debian's ``chromium``; ``.ci/run`` installs it
where it is missing). Each run gets its own profile directory, so nothing
carries over between runs. Chromium's own background requests (account and
clock checks) carry no initiator; a request made by a page always does
(``null`` for a page opened from a file), which is how the two are told apart
in the network log.
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BROWSER_INITIATOR = "not an origin"


def find_browser() -> str | None:
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_browser() -> str:
    found = find_browser()
    if found is None:
        pytest.skip(
            "no headless Chromium on this machine (looked for "
            + ", ".join(BROWSER_NAMES)
            + "); .ci/run installs Debian's chromium package when it runs as root"
        )
    return found


@dataclass(frozen=True)
class BrowserRun:
    dom: str
    stderr: str
    page_requests: list[str]


def _flags(profile: Path) -> list[str]:
    return [
        "--headless",
        "--no-sandbox",  # tests run as root in containers, where the sandbox cannot start
        "--disable-gpu",
        f"--user-data-dir={profile / 'profile'}",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--enable-logging=stderr",
        "--v=0",
        f"--log-net-log={profile / 'net.json'}",
        "--virtual-time-budget=2000",
    ]


def open_page(
    path: Path, *, screenshot: Path | None = None, size: tuple[int, int] = (1100, 1600)
) -> BrowserRun:
    """Load the page; return its DOM after load (or take a screenshot), the log and its requests."""
    browser = require_browser()
    with tempfile.TemporaryDirectory() as scratch:
        profile = Path(scratch)
        args = [browser, *_flags(profile)]
        if screenshot is not None:
            args += [
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                f"--window-size={size[0]},{size[1]}",
                f"--screenshot={screenshot}",
            ]
        else:
            args.append("--dump-dom")
        args.append(path.resolve().as_uri())
        done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr[-2000:]
        requests = page_requests(profile / "net.json")
    return BrowserRun(dom=done.stdout, stderr=done.stderr, page_requests=requests)


def page_requests(net_log: Path) -> list[str]:
    """URLs of the requests a page made (not the browser's own), from a Chromium net log."""
    log = json.loads(net_log.read_text(encoding="utf-8"))
    names = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    found = []
    for event in log["events"]:
        params = event.get("params") or {}
        if (
            names.get(event["type"]) == "URL_REQUEST_START_JOB"
            and "url" in params
            and params.get("initiator") != BROWSER_INITIATOR
        ):
            found.append(params["url"])
    return found


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height
