"""The report page in a real headless Chromium: what it shows, what it loads, what it runs."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from lxml import html as lxml_html

from browser import open_page, png_size, require_browser
from cli_support import SAMPLES, run
from followup_cli.report import content_security_policy
from pages import measure_page

SECTIONS = ("summary", "departments", "unanswered", "changes")


class _Counter(http.server.BaseHTTPRequestHandler):
    paths: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).paths.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A server on 127.0.0.1 that records every path asked of it."""
    handler = type("Handler", (_Counter,), {"paths": []})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", handler.paths
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def samples_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_browser()
    path = tmp_path_factory.mktemp("report") / "report.html"
    result = run(["report", str(SAMPLES), "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    return path


def test_dom_holds_one_chart_and_one_table_per_section(samples_report: Path) -> None:
    opened = open_page(samples_report)
    document = lxml_html.fromstring(opened.dom)
    sections = document.xpath("//section")
    assert [section.get("id") for section in sections] == list(SECTIONS)
    for section in sections:
        charts = section.xpath(".//*[local-name()='svg']")
        assert len(charts) == 1, section.get("id")
        assert len(section.xpath(".//table")) == 1, section.get("id")
        labels = [text.text_content() for text in charts[0].xpath(".//*[local-name()='text']")]
        assert len(labels) >= 3
    departments = document.xpath("//section[@id='departments']//*[local-name()='text']")
    assert "情報課" in [label.text_content() for label in departments]
    assert document.xpath("//script") == []
    (policy,) = document.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert policy == content_security_policy()
    assert "default-src 'none'" in policy
    # The style sheet's hash matches: a blocked style would be reported on the console.
    assert "Content Security Policy" not in opened.stderr
    assert opened.page_requests == []


def test_screenshot_of_the_report(samples_report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    opened = open_page(samples_report, screenshot=shot, size=(1000, 1400))
    assert png_size(shot) == (1000, 1400)
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><title>blank</title>", encoding="utf-8")
    blank_shot = tmp_path / "blank.png"
    open_page(blank, screenshot=blank_shot, size=(1000, 1400))
    # Charts, tables and text compress far worse than an empty page.
    assert shot.stat().st_size > 10 * blank_shot.stat().st_size
    assert opened.page_requests == []


def test_the_harness_sees_a_request_when_a_page_makes_one(
    server: tuple[str, list[str]], tmp_path: Path
) -> None:
    base, paths = server
    control = tmp_path / "control.html"
    control.write_text(f'<!DOCTYPE html><img src="{base}/control.png">', encoding="utf-8")
    opened = open_page(control)
    assert paths == ["/control.png"]
    assert opened.page_requests == [f"{base}/control.png"]


def test_the_harness_sees_a_style_the_policy_blocks(tmp_path: Path) -> None:
    page = tmp_path / "blocked.html"
    page.write_text(
        "<!DOCTYPE html><meta http-equiv='Content-Security-Policy' content=\"style-src 'none'\">"
        "<style>body { color: red; }</style><p>x</p>",
        encoding="utf-8",
    )
    assert "Content Security Policy" in open_page(page).stderr


def _hostile(base: str) -> str:
    return (
        f'<script>document.title="pwned"</script><img src="{base}/comment.png" '
        f'onerror="document.title=\'pwned\'"><link rel=stylesheet href="{base}/x.css">'
        f"<style>@import url({base}/import.css);</style>"
        f'<svg><image href="{base}/svg.png"/></svg><iframe src="{base}/frame"></iframe>'
    )


def _escaped(text: str) -> str:
    # As a page would publish it: markup written as text (entities), so the parser reads it literally.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_markup_in_a_page_shows_as_text_and_loads_nothing(
    server: tuple[str, list[str]], tmp_path: Path
) -> None:
    base, paths = server
    hostile = _hostile(base)
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "r2_hostile.html").write_text(
        measure_page(
            measure=f"S1 {_escaped(hostile)}【情報課】",
            direction=_escaped(hostile),
            comments=[(_escaped(hostile), ""), ("二つ目の意見", "返答します。")],
            title="令和2年度 外部評価実施後の対応状況表",
        ),
        encoding="utf-8",
    )
    (pages / "r3_hostile.html").write_text(
        measure_page(
            measure=f"S1 {_escaped(hostile)}【情報課】",
            direction="書き換えた方向性です。" + _escaped(hostile),
            comments=[(_escaped(hostile), _escaped(hostile)), ("二つ目の意見", "返答します。")],
            title="令和3年度 外部評価実施後の対応状況表",
        ),
        encoding="utf-8",
    )
    report = tmp_path / "report.html"
    result = run(["report", str(pages), "-o", str(report)])
    assert result.exit_code == 0, result.stderr

    opened = open_page(report)
    document = lxml_html.fromstring(opened.dom)
    assert document.xpath("//script") == []
    assert document.xpath("//img | //iframe | //link | //*[local-name()='image']") == []
    assert document.xpath("//title")[0].text_content() != "pwned"
    shown = document.xpath("//section[@id='unanswered']")[0].text_content()
    assert '<script>document.title="pwned"</script>' in shown
    changes = document.xpath("//section[@id='changes']")[0].text_content()
    assert "書き換えた方向性です。<script>" in changes
    assert paths == []
    assert opened.page_requests == []


def test_the_docs_screenshot_script_makes_a_png(tmp_path: Path) -> None:
    require_browser()
    shot = tmp_path / "report.png"
    script = SAMPLES.parent.parent / "docs" / "make_screenshot.py"
    done = subprocess.run(
        [sys.executable, str(script), "-o", str(shot), "--width", "800", "--height", "600"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert png_size(shot) == (800, 600)
