"""Refresh docs/report.png: the report of samples/ as headless Chromium draws it.

    python docs/make_screenshot.py            # writes docs/report.png
    python docs/make_screenshot.py --height 2400 -o /tmp/long.png

Needs the package installed (``pip install .``) and Chromium (Debian:
``apt-get install chromium fonts-noto-cjk``; without a Japanese font the
labels come out as boxes). The page is opened from a file, as a reader
would open it from a USB stick.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "report.png")
    parser.add_argument("--width", type=int, default=1100)
    parser.add_argument("--height", type=int, default=1700)
    args = parser.parse_args()
    browser = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    if browser is None:
        print("error: no Chromium found (apt-get install chromium)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        page = Path(scratch) / "report.html"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "followup_cli",
                "report",
                str(ROOT / "samples" / "minatono"),
                "-o",
                str(page),
            ],
            check=True,
        )
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={Path(scratch) / 'profile'}",
                "--no-first-run",
                "--disable-background-networking",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                f"--window-size={args.width},{args.height}",
                f"--screenshot={args.output.resolve()}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
