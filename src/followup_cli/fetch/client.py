"""A polite, careful HTTP client for city websites.

Every request goes through one Fetcher, which is where the manners live: an
honest User-Agent, robots.txt, one request at a time per host with a delay
between them, one deadline for each whole request, a cap on the decoded
response size, retries with backoff on 429 and 5xx (honouring Retry-After),
and a scheme check on every redirect hop so that a page can never send us
to file:, javascript: or anything but http(s).

A Fetcher may be shared by threads fetching different hosts: a lock per
host keeps each host to one request at a time, redirects included.

httpx is imported inside the functions that use it: the CLI imports this
module at startup, and most commands never touch the network.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING

from followup_cli.fetch.deadline import Deadline
from followup_cli.fetch.decoding import ACCEPT_ENCODING
from followup_cli.fetch.errors import DisallowedError, FetchError
from followup_cli.fetch.exchange import Recorder
from followup_cli.fetch.receive import Answer, hold_location, receive, timed_out
from followup_cli.fetch.robots import ROBOTS_MAX_BYTES, RobotsAnswer, RobotsPolicy
from followup_cli.fetch.urls import checked_url, host_key, resolve

if TYPE_CHECKING:
    import httpx

# The product token robots.txt rules name us by ("User-agent: followup").
AGENT_TOKEN = "followup"  # noqa: S105 - a robots.txt product token, not a secret

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

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

    timeout: float = 60.0
    """Seconds one request may take in all: connecting, the headers and the whole body."""
    max_bytes: int = 20 * 1024 * 1024
    """Largest response body, counted after content decoding."""
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
    """The body after content decoding."""


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
    """One HTTP session; use it as a context manager so the connections are closed.

    ``recorder`` receives every finished exchange (for the WARC capture).
    """

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        transport: httpx.BaseTransport | None = None,
        recorder: Recorder | None = None,
    ) -> None:
        import httpx  # noqa: PLC0415 - kept off the CLI's startup path

        self.settings = settings or FetchSettings()
        self._httpx = httpx
        self._sleep = sleep
        self._clock = clock
        self.recorder = recorder
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.settings.timeout),
            follow_redirects=False,
            headers={
                "User-Agent": self.settings.user_agent,
                "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
                "Accept-Encoding": ACCEPT_ENCODING,
            },
            # A fresh connection per request lets the deadline find its socket.
            limits=httpx.Limits(max_keepalive_connections=0),
            transport=transport,
            event_hooks={"response": [hold_location]},
        )
        self._last_request_end: dict[str, float] = {}
        self._host_locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
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
                answer = self._request(
                    current, robots_url, {}, max_bytes=ROBOTS_MAX_BYTES, truncate=True
                )
                location = answer.headers.get("location")
                if answer.status in REDIRECT_STATUSES and location:
                    current = checked_url(resolve(current, location), source=robots_url)
                    continue
                return RobotsAnswer(answer.status, answer.content)
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
        truncate: bool = False,
    ) -> Answer:
        """One GET with retries on 429/5xx and dropped connections."""
        settings = self.settings
        limit = max_bytes or settings.max_bytes
        attempt = 0
        while True:
            with self._host_lock(url):
                self._wait_turn(url)
                try:
                    answer = self._request_once(url, source, headers, limit, truncate=truncate)
                except self._httpx.TimeoutException:
                    # A slow server is a busy one: retrying would only add to its load.
                    raise FetchError(source, timed_out(settings.timeout, url)) from None
                except self._httpx.TransportError as error:
                    if attempt >= settings.retries:
                        reason = str(error) or type(error).__name__
                        raise FetchError(source, f"connection failed: {reason}") from None
                    answer = None
                except (self._httpx.RequestError, self._httpx.InvalidURL) as error:
                    # A URL httpx cannot send, and the like: retrying gives the same.
                    raise FetchError(source, f"cannot request {url}: {error}") from None
                finally:
                    self._last_request_end[host_key(url)] = self._clock()
            if answer is None:
                self._sleep(settings.backoff * 2**attempt)
                attempt += 1
                continue
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
        self,
        url: str,
        source: str,
        headers: Mapping[str, str],
        limit: int,
        *,
        truncate: bool,
    ) -> Answer:
        started_at = datetime.now(UTC)
        with Deadline(self.settings.timeout) as deadline:
            try:
                with self._client.stream(
                    "GET", url, headers=dict(headers), extensions={"trace": deadline.trace}
                ) as response:
                    return receive(
                        response,
                        url,
                        source,
                        limit=limit,
                        started_at=started_at,
                        deadline=deadline,
                        truncate=truncate,
                        recorder=self.recorder,
                    )
            except self._httpx.TransportError:
                if deadline.expired:
                    raise FetchError(source, timed_out(self.settings.timeout, url)) from None
                raise

    def _host_lock(self, url: str) -> threading.Lock:
        key = host_key(url)
        with self._guard:
            return self._host_locks.setdefault(key, threading.Lock())

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
