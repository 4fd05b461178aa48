"""A polite, careful HTTP client for city websites.

Every request goes through one Fetcher, which is where the manners live: an
honest User-Agent, robots.txt, one request at a time per host with a delay
between them, timeouts, a cap on the response size, retries with backoff on
429 and 5xx (honouring Retry-After), and a scheme check on every redirect hop
so that a page can never send us to file: or anything but http(s).

httpx is imported inside the functions that use it: the CLI imports this
module at startup, and most commands never touch the network.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING

from followup_cli.fetch.errors import DisallowedError, FetchError
from followup_cli.fetch.robots import RobotsAnswer, RobotsPolicy
from followup_cli.fetch.urls import checked_url, host_key, resolve

if TYPE_CHECKING:
    import httpx

# The product token robots.txt rules name us by ("User-agent: followup").
AGENT_TOKEN = "followup"  # noqa: S105 - a robots.txt product token, not a secret

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

# RFC 9309 lets crawlers stop reading robots.txt after 500 KiB.
_ROBOTS_MAX_BYTES = 500 * 1024
_ROBOTS_MAX_REDIRECTS = 5


def default_user_agent() -> str:
    """followup/VERSION, with a word on what the tool does, for the site's logs."""
    from followup_cli import __version__  # noqa: PLC0415 - the package imports us

    return (
        f"{AGENT_TOKEN}/{__version__} (followup-cli; archives external-evaluation follow-up pages)"
    )


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How careful to be; the defaults are the polite ones."""

    timeout: float = 30.0
    """Seconds to wait for a connection or for the next bytes of a response."""
    total_timeout: float = 300.0
    """Seconds one response may take in all, however steadily it trickles in."""
    max_bytes: int = 20 * 1024 * 1024
    delay: float = 1.0
    """Seconds between the end of one request and the start of the next to the same host."""
    retries: int = 3
    backoff: float = 1.0
    """First wait before a retry when the server gives no Retry-After; doubles each time."""
    max_wait: float = 120.0
    """Longest Retry-After or Crawl-delay obeyed; a server asking for more fails the URL."""
    max_redirects: int = 10
    obey_robots: bool = True
    user_agent: str = field(default_factory=default_user_agent)


@dataclass(frozen=True, slots=True)
class FetchResponse:
    """A page as received; ``status`` 304 means unchanged and ``content`` is empty."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    etag: str | None
    last_modified: str | None
    content: bytes


@dataclass(frozen=True, slots=True)
class _Answer:
    status: int
    reason: str
    headers: Mapping[str, str]
    content: bytes


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks us to wait (delta-seconds or an HTTP date)."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class Fetcher:
    """One HTTP session; use it as a context manager so the connections are closed."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        import httpx  # noqa: PLC0415 - kept off the CLI's startup path

        self.settings = settings or FetchSettings()
        self._httpx = httpx
        self._sleep = sleep
        self._clock = clock
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.settings.timeout),
            follow_redirects=False,
            headers={
                "User-Agent": self.settings.user_agent,
                "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            },
            transport=transport,
        )
        self._last_request_end: dict[str, float] = {}
        self.robots = RobotsPolicy(AGENT_TOKEN, self._load_robots)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, *, headers: Mapping[str, str] | None = None) -> FetchResponse:
        """GET ``url``, following redirects; FetchError unless the answer is 2xx or 304."""
        current = checked_url(url)
        for _hop in range(self.settings.max_redirects + 1):
            refusal = self.robots.refusal(current) if self.settings.obey_robots else None
            if refusal is not None:
                raise DisallowedError(url, refusal)
            answer = self._request(current, url, headers or {})
            if answer.status in REDIRECT_STATUSES:
                location = answer.headers.get("location")
                if not location:
                    raise FetchError(url, f"HTTP {answer.status} redirect without a Location")
                current = checked_url(resolve(current, location), source=url)
                continue
            if answer.status == 304 or 200 <= answer.status < 300:
                return FetchResponse(
                    url=url,
                    final_url=current,
                    status=answer.status,
                    content_type=answer.headers.get("content-type"),
                    etag=answer.headers.get("etag"),
                    last_modified=answer.headers.get("last-modified"),
                    content=answer.content,
                )
            raise FetchError(
                url, f"HTTP {answer.status} {answer.reason}".rstrip(), status=answer.status
            )
        raise FetchError(url, f"more than {self.settings.max_redirects} redirects")

    def _load_robots(self, robots_url: str) -> RobotsAnswer:
        """Fetch robots.txt for RobotsPolicy, following a few redirects."""
        current = robots_url
        try:
            for _hop in range(_ROBOTS_MAX_REDIRECTS + 1):
                answer = self._request(current, robots_url, {}, max_bytes=_ROBOTS_MAX_BYTES)
                location = answer.headers.get("location")
                if answer.status in REDIRECT_STATUSES and location:
                    current = checked_url(resolve(current, location), source=robots_url)
                    continue
                return RobotsAnswer(answer.status, answer.content.decode("utf-8", "replace"))
        except FetchError as error:
            return RobotsAnswer(None, error=error.reason)
        # RFC 9309: past five redirects the file counts as unavailable, like a 404.
        return RobotsAnswer(404)

    def _request(
        self,
        url: str,
        source: str,
        headers: Mapping[str, str],
        *,
        max_bytes: int | None = None,
    ) -> _Answer:
        """One GET with retries on 429/5xx and dropped connections."""
        settings = self.settings
        attempt = 0
        while True:
            self._wait_turn(url)
            try:
                answer = self._request_once(url, source, headers, max_bytes or settings.max_bytes)
            except self._httpx.TimeoutException:
                # A slow server is a busy one: retrying would only add to its load.
                raise FetchError(
                    source, f"timed out after {settings.timeout:g} s waiting for {url}"
                ) from None
            except self._httpx.TransportError as error:
                if attempt >= settings.retries:
                    raise FetchError(
                        source, f"connection failed: {str(error) or type(error).__name__}"
                    ) from None
                self._sleep(settings.backoff * 2**attempt)
                attempt += 1
                continue
            except self._httpx.RequestError as error:
                # Undecodable content encodings and the like: retrying gives the same.
                raise FetchError(source, f"bad response from {url}: {error}") from None
            finally:
                self._last_request_end[host_key(url)] = self._clock()
            if answer.status not in RETRY_STATUSES or attempt >= settings.retries:
                return answer
            wait = retry_after_seconds(answer.headers.get("retry-after"))
            if wait is None:
                wait = settings.backoff * 2**attempt
            if wait > settings.max_wait:
                raise FetchError(
                    source,
                    f"HTTP {answer.status}; the server asks to retry after {wait:.0f} s",
                    status=answer.status,
                )
            self._sleep(wait)
            attempt += 1

    def _request_once(
        self, url: str, source: str, headers: Mapping[str, str], max_bytes: int
    ) -> _Answer:
        deadline = self._clock() + self.settings.total_timeout
        with self._client.stream("GET", url, headers=dict(headers)) as response:
            status = response.status_code
            answer_headers = {key.lower(): value for key, value in response.headers.items()}
            if not 200 <= status < 300:
                # Error pages, redirects and 304s carry nothing we keep.
                return _Answer(status, response.reason_phrase, answer_headers, b"")
            declared = answer_headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(source, _too_large(url, max_bytes, f"{int(declared):,} bytes"))
            chunks: list[bytes] = []
            received = 0
            for chunk in response.iter_bytes():
                received += len(chunk)
                if received > max_bytes:
                    raise FetchError(source, _too_large(url, max_bytes, "more"))
                if self._clock() > deadline:
                    raise FetchError(
                        source,
                        f"took longer than {self.settings.total_timeout:g} s in all for {url}",
                    )
                chunks.append(chunk)
            return _Answer(status, response.reason_phrase, answer_headers, b"".join(chunks))

    def _wait_turn(self, url: str) -> None:
        """Sleep until this host's delay since our last request to it has passed."""
        key = host_key(url)
        last = self._last_request_end.get(key)
        if last is None:
            return
        delay = self.settings.delay
        if self.settings.obey_robots:
            cached = self.robots.cached_rules(url)
            crawl_delay = cached.crawl_delay(AGENT_TOKEN) if cached else None
            if crawl_delay is not None:
                delay = max(delay, min(crawl_delay, self.settings.max_wait))
        remaining = last + delay - self._clock()
        if remaining > 0:
            self._sleep(remaining)


def _too_large(url: str, max_bytes: int, size: str) -> str:
    return f"response larger than the {max_bytes:,}-byte limit ({size}) from {url}"


def fetch_url_bytes(
    url: str,
    *,
    settings: FetchSettings | None = None,
    fetcher: Fetcher | None = None,
) -> tuple[bytes, str]:
    """The bytes of the page at ``url`` and the URL they finally came from.

    This is how commands read a URL given in place of a file. Pass one
    ``fetcher`` for several URLs so that robots.txt is read once and the
    per-host delay holds across them. Raises FetchError (an InputReadError).
    """
    if fetcher is not None:
        response = fetcher.get(url)
        return response.content, response.final_url
    with Fetcher(settings) as own:
        response = own.get(url)
    return response.content, response.final_url
