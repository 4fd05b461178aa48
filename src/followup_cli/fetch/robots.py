"""robots.txt, read once per origin and obeyed for every request.

Rules are read by Protego, which follows RFC 9309: the longest matching
path wins (Allow on a tie), ``*`` and ``$`` work in paths, groups naming the
same agent are merged, and a group for ``followup`` replaces the ``*`` one.
Protego is imported when the first robots.txt is parsed, not at startup.

What an unreadable robots.txt means follows RFC 9309 too: a 4xx answer (the
file does not exist) allows everything; a 5xx answer or no answer at all
means the site is in trouble, so nothing is fetched from it in this run.
Only the first 500 KiB of a larger file are read, as the RFC allows.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from followup_cli.fetch.urls import origin

if TYPE_CHECKING:
    from protego import Protego

# RFC 9309 section 2.5: crawlers must read at least the first 500 KiB.
ROBOTS_MAX_BYTES = 500 * 1024


@dataclass(frozen=True, slots=True)
class RobotsAnswer:
    """The answer to GET /robots.txt; ``status`` None (and ``error`` set) if there was none."""

    status: int | None
    content: bytes = b""
    error: str | None = None


RobotsLoader = Callable[[str], RobotsAnswer]


def robots_text(content: bytes) -> str:
    """The rules' text: the first 500 KiB, cut at the last whole line, as UTF-8."""
    if len(content) > ROBOTS_MAX_BYTES:
        content = content[:ROBOTS_MAX_BYTES]
        # A rule cut in half could allow or forbid more than the site wrote.
        last_line_end = max(content.rfind(b"\n"), content.rfind(b"\r"))
        content = content[: last_line_end + 1] if last_line_end >= 0 else b""
    return content.decode("utf-8", errors="replace").removeprefix("\ufeff")


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """What one origin's robots.txt says to us."""

    origin: str
    allow_all: bool
    deny_all: bool
    rules: Protego | None
    deny_reason: str | None = None
    """Why everything is denied, when it is: the site's trouble, not its rules."""

    def allows(self, agent_token: str, url: str) -> bool:
        if self.deny_all:
            return False
        if self.allow_all or self.rules is None:
            return True
        return self.rules.can_fetch(url, agent_token)

    def crawl_delay(self, agent_token: str) -> float | None:
        if self.rules is None:
            return None
        delay = self.rules.crawl_delay(agent_token)
        return float(delay) if delay is not None else None


def parse_rules(site: str, content: bytes) -> RobotsRules:
    """Rules from the bytes of a robots.txt file served with a 2xx status."""
    from protego import Protego  # noqa: PLC0415 - only fetching needs it

    parsed = Protego.parse(robots_text(content))
    return RobotsRules(site, allow_all=False, deny_all=False, rules=parsed)


def rules_from_answer(site: str, answer: RobotsAnswer) -> RobotsRules:
    """Turn the answer to GET /robots.txt into rules, following RFC 9309."""
    status = answer.status
    if status is None or status >= 500:
        problem = answer.error if status is None else f"HTTP {status}"
        reason = f"cannot read {site}/robots.txt ({problem}), so nothing is fetched from {site}"
        return RobotsRules(site, allow_all=False, deny_all=True, rules=None, deny_reason=reason)
    if status >= 400:
        return RobotsRules(site, allow_all=True, deny_all=False, rules=None)
    return parse_rules(site, answer.content)


class RobotsPolicy:
    """Answers "may we fetch this URL?", reading each origin's robots.txt on first use.

    Safe to share between threads: each origin's file is read once, by the
    first thread that needs it, while others asking about it wait.
    """

    def __init__(self, agent_token: str, load: RobotsLoader) -> None:
        self._agent_token = agent_token
        self._load = load
        self._by_origin: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def rules_for(self, url: str) -> RobotsRules:
        site = origin(url)
        rules = self._by_origin.get(site)
        if rules is not None:
            return rules
        with self._guard:
            lock = self._locks.setdefault(site, threading.Lock())
        with lock:
            rules = self._by_origin.get(site)
            if rules is None:
                rules = rules_from_answer(site, self._load(f"{site}/robots.txt"))
                self._by_origin[site] = rules
        return rules

    def cached_rules(self, url: str) -> RobotsRules | None:
        """The rules for ``url``'s origin if already read; never fetches."""
        return self._by_origin.get(origin(url))

    def allows(self, url: str) -> bool:
        return self.rules_for(url).allows(self._agent_token, url)

    def refusal(self, url: str) -> str | None:
        """None if ``url`` may be fetched; else the reason, in words for the user."""
        rules = self.rules_for(url)
        if rules.allows(self._agent_token, url):
            return None
        return rules.deny_reason or f"robots.txt of {rules.origin} disallows {url}"

    def crawl_delay(self, url: str) -> float | None:
        return self.rules_for(url).crawl_delay(self._agent_token)
