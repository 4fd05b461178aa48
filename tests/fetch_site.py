"""A small city website on 127.0.0.1 for the fetch tests.

An index page (行政評価) links follow-up pages of several years, and around
them every way a real site misbehaves: 304s, a page that changes between
runs, 404, a 500 that succeeds on retry, a server too slow to answer, an
oversized page, redirects (one to file:), a Shift_JIS page served without a
charset, a path robots.txt disallows, and file names built to escape the
archive.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import threading
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from followup_cli.years import era_label

LAST_MODIFIED = "Wed, 01 Apr 2020 00:00:00 GMT"


def followup_page(
    year: int,
    *,
    direction: str = "テレワーク環境を整備します。",
    charset: str | None = "utf-8",
) -> str:
    """A small but complete follow-up page whose <title> carries the fiscal year."""
    meta = f'<meta charset="{charset}">' if charset else ""
    label = era_label(year)
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{label} 外部評価実施後の対応状況表</title>"
        "</head><body>"
        f"<h1>{label} 外部評価実施後の対応状況表</h1>"
        "<table>"
        "<tr><th>事業又は施策名【担当課】</th><td>S27ICTの活用【情報課】</td></tr>"
        f"<tr><th>今後の市の方向性</th><td>{direction}</td></tr>"
        "</table>"
        "<table>"
        "<tr><th>全体に対する外部評価実施者意見（コメント）</th><th>担当課返答</th></tr>"
        "<tr><td>Web会議の活用はよい方向性だと思います。</td><td>運用ルールを検討します。</td></tr>"
        "<tr><td>セキュリティ対策を継続してください。</td><td></td></tr>"
        "</table></body></html>"
    )


INDEX_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>行政評価</title></head>
<body><h1>行政評価</h1><ul>
<li><a href="/r2/taiou.html">令和2年度 外部評価実施後の対応状況表</a></li>
<li><a href="r3/taiou.html">令和3年度 外部評価実施後の対応状況表</a></li>
<li><a href="/h30/report.html">平成30年度の結果（対応状況）</a></li>
<li><a href="/private/r1.html">令和元年度 外部評価</a></li>
<li><a href="/gone.html">令和4年度 外部評価</a></li>
<li><a href="/flaky.html">令和5年度 外部評価</a></li>
<li><a href="/old/r6.html">令和6年度 対応状況</a></li>
<li><a href="/changing.html#top">変わる 対応状況</a></li>
<li><a href="/report.pdf">外部評価 (PDF)</a></li>
<li><a href="/about.html">市の紹介</a></li>
<li><a href="http://other.invalid/r2.html">他市の外部評価</a></li>
<li><a href="javascript:alert(1)">外部評価 (script)</a></li>
</ul></body></html>
"""

# An index whose third report hangs until the test releases it: a run to stop mid-fetch.
SLOW_INDEX = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>行政評価</title></head>
<body><ul>
<li><a href="/r2/taiou.html">令和2年度 外部評価実施後の対応状況表</a></li>
<li><a href="/r3/taiou.html">令和3年度 外部評価実施後の対応状況表</a></li>
<li><a href="/slow.html">令和4年度 外部評価実施後の対応状況表</a></li>
<li><a href="/h30/report.html">平成30年度 対応状況</a></li>
</ul></body></html>
"""

# Last path segments a hostile site could choose; each serves a valid page.
HOSTILE_NAMES = (
    "..%2F..%2F..%2Fescape.html",
    "%2e%2e",
    "%2e%2e%2f%2e%2e%2fescape.html",
    "a%00b.html",
    "%2Fetc%2Fpasswd",
    "C:%5CWindows%5Cescape.html",
    ".htaccess",
    "%E4%BB%A4%E5%92%8C2%E5%B9%B4%E5%BA%A6.html",
    "x" * 300 + ".html",
    "%E3%81%82" * 200 + ".html",
    "con.html",
    "%0d%0aSet-Cookie.html",
)

HOSTILE_INDEX = (
    '<html><head><meta charset="utf-8"><title>外部評価</title></head><body>'
    + "".join(
        f'<a href="/h/{name}">外部評価 {number}</a>' for number, name in enumerate(HOSTILE_NAMES)
    )
    + "</body></html>"
)


@dataclass
class SiteState:
    """What the site served, and the knobs tests turn between runs."""

    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    """time.monotonic() of each request's arrival."""
    hits: Counter[str] = field(default_factory=Counter)
    changing_version: int = 1
    robots: bytes = b"User-agent: *\nDisallow: /private/\n"
    robots_status: int = 200
    trickled_lines: int = 0
    """Header lines /trickle-headers sent before the client went away."""
    release_slow: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def paths(self) -> list[str]:
        with self.lock:
            return [path for path, _ in self.requests]

    def headers_for(self, path: str) -> list[dict[str, str]]:
        with self.lock:
            return [headers for seen, headers in self.requests if seen == path]


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


class _Handler(BaseHTTPRequestHandler):
    server: _SiteServer

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests read SiteState instead."""

    def do_GET(self) -> None:  # noqa: PLR0912 - one branch per route reads as the site map
        state = self.server.state
        with state.lock:
            state.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            state.times.append(time.monotonic())
            state.hits[self.path] += 1
            hit = state.hits[self.path]
        path = self.path
        if path == "/robots.txt":
            self._send(state.robots_status, state.robots, "text/plain")
        elif path == "/index.html":
            self._send(200, INDEX_PAGE.encode(), "text/html; charset=utf-8")
        elif path == "/slow-index.html":
            self._send(200, SLOW_INDEX.encode(), "text/html; charset=utf-8")
        elif path == "/hostile.html":
            self._send(200, HOSTILE_INDEX.encode(), "text/html; charset=utf-8")
        elif path == "/r2/taiou.html":
            self._page(followup_page(2020).encode(), etag=True, last_modified=True)
        elif path == "/r3/taiou.html":
            # Last-Modified only: the second run must use If-Modified-Since.
            self._page(followup_page(2021).encode(), etag=False, last_modified=True)
        elif path == "/h30/report.html":
            body = followup_page(2018, direction="令和元年度に再検討します。①", charset=None)
            self._page(body.encode("cp932"), etag=True, content_type="text/html")
        elif path == "/private/r1.html":
            self._page(followup_page(2019).encode(), etag=True)
        elif path == "/flaky.html":
            if hit == 1:
                self._send(500, b"busy", "text/plain", extra={"Retry-After": "0"})
            else:
                self._page(followup_page(2023).encode(), etag=True)
        elif path == "/old/r6.html":
            self._send(301, b"", "text/plain", extra={"Location": "/new/r6.html"})
        elif path == "/new/r6.html":
            self._page(followup_page(2024).encode(), etag=True)
        elif path == "/changing.html":
            changing = followup_page(2022, direction=f"第{state.changing_version}版の方向性")
            self._page(changing.encode(), etag=True)
        elif path == "/busy":
            self._send(503, b"busy", "text/plain", extra={"Retry-After": "3600"})
        elif path == "/no-validators.html":
            # Neither ETag nor Last-Modified: only the sha256 can tell it is unchanged.
            self._page(followup_page(2019).encode(), etag=False)
        elif path == "/unknown-year.html":
            yearless = followup_page(2020).replace("令和2年度", "")
            self._page(yearless.encode(), etag=True)
        elif path == "/slow.html":
            state.release_slow.wait(30)
            self._page(followup_page(2022, direction="遅れて届く方向性").encode(), etag=False)
        elif path == "/huge.html":
            self._send(200, b"<html>" + b"x" * 50_000 + b"</html>", "text/html")
        elif path == "/huge-undeclared.html":
            self._send(200, b"<html>" + b"x" * 50_000 + b"</html>", "text/html", length=False)
        elif path == "/to-file":
            self._send(302, b"", "text/plain", extra={"Location": "file:///etc/passwd"})
        elif path == "/to-ftp":
            self._send(302, b"", "text/plain", extra={"Location": "ftp://127.0.0.1/r2.html"})
        elif path == "/to-private":
            self._send(302, b"", "text/plain", extra={"Location": "/private/r1.html"})
        elif path == "/loop":
            self._send(302, b"", "text/plain", extra={"Location": "/loop"})
        elif path == "/binary.html":
            self._send(200, bytes(range(256)) * 4, "text/html")
        elif path == "/report.pdf":
            self._send(200, b"%PDF-1.4", "application/pdf")
        elif path == "/bomb-stacked.html":
            self._send(
                200, stacked_gzip_bomb(), "text/html", extra={"Content-Encoding": "gzip, gzip"}
            )
        elif path == "/bomb.html":
            self._send(200, gzip_bomb(), "text/html", extra={"Content-Encoding": "gzip"})
        elif path == "/gzipped.html":
            body = gzip.compress(followup_page(2020).encode())
            self._send(200, body, "text/html; charset=utf-8", extra={"Content-Encoding": "gzip"})
        elif path == "/trickle-headers.html":
            self._trickle_headers()
        elif path == "/to-javascript":
            self._send(302, b"", "text/plain", extra={"Location": "javascript:alert(1)"})
        elif path == "/to-data":
            self._send(302, b"", "text/plain", extra={"Location": "data:text/html,<h1>x</h1>"})
        elif path == "/to-bad-host":
            self._send(302, b"", "text/plain", extra={"Location": "http://bad host/r2.html"})
        elif path.startswith("/h/"):
            # Different bytes per name: identical ones would be stored once.
            version = hashlib.sha256(path.encode()).hexdigest()[:8]
            self._page(followup_page(2020, direction=f"{version}版").encode(), etag=True)
        else:
            self._send(404, b"not found", "text/plain")

    def _trickle_headers(self) -> None:
        """One header line every 50 ms for ten seconds, then a page."""
        state = self.server.state
        try:
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
            for number in range(200):
                self.wfile.write(f"X-Trickle-{number}: {'x' * 20}\r\n".encode())
                self.wfile.flush()
                with state.lock:
                    state.trickled_lines += 1
                time.sleep(0.05)
            body = followup_page(2020).encode()
            self.wfile.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        except OSError:
            return

    def _page(
        self,
        body: bytes,
        *,
        etag: bool,
        last_modified: bool = False,
        content_type: str = "text/html; charset=utf-8",
    ) -> None:
        tag = _etag(body)
        extra: dict[str, str] = {}
        if etag:
            extra["ETag"] = tag
        if last_modified:
            extra["Last-Modified"] = LAST_MODIFIED
        if (etag and self.headers.get("If-None-Match") == tag) or (
            not etag and last_modified and self.headers.get("If-Modified-Since") == LAST_MODIFIED
        ):
            self._send(304, b"", None, extra=extra)
            return
        self._send(200, body, content_type, extra=extra)

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str | None,
        *,
        extra: dict[str, str] | None = None,
        length: bool = True,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        if length and status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            # The client may give up (too large, timed out): that is the test.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)


BOMB_SIZE = 64 * 1024 * 1024


@functools.cache
def gzip_bomb() -> bytes:
    """64 MiB of zeros, gzip-compressed to about 64 KB."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(1024 * 1024)
    parts = [compressor.compress(block) for _ in range(BOMB_SIZE // len(block))]
    return b"".join(parts) + compressor.flush()


@functools.cache
def stacked_gzip_bomb() -> bytes:
    """The bomb gzipped once more: a few hundred bytes that inflate twice over."""
    return gzip.compress(gzip_bomb(), 9)


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    state: SiteState


@dataclass(frozen=True)
class Site:
    base: str
    state: SiteState

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serve_site() -> Iterator[Site]:
    """The test site on 127.0.0.1 at a free port, for the duration of the block."""
    server = _SiteServer(("127.0.0.1", 0), _Handler)
    server.state = SiteState()
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield Site(f"http://{host!s}:{port}", server.state)
    finally:
        server.state.release_slow.set()
        server.shutdown()
        server.server_close()
        thread.join()
