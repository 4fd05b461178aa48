"""Which URL to fetch next: many hosts at once, each host one URL at a time.

URLs wait in one queue per host. A worker takes the next URL of a host no
other worker is busy with, so with ``--hosts N`` up to N cities are fetched
side by side while each still sees one request at a time, spaced by its
delay. A run stops taking new URLs at ``max_pages``; the rest are kept in
``left_over`` for the summary.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass, field

from followup_cli.fetch.urls import host_key


@dataclass(frozen=True, slots=True)
class Job:
    url: str
    depth: int
    host: str


@dataclass
class Schedule:
    max_pages: int
    queues: dict[str, deque[Job]] = field(default_factory=dict)
    busy: set[str] = field(default_factory=set)
    seen: set[str] = field(default_factory=set)
    left_over: list[str] = field(default_factory=list)
    taken: int = 0
    done: int = 0
    stopped: bool = False
    _condition: threading.Condition = field(default_factory=threading.Condition)

    def add(self, url: str, depth: int) -> bool:
        """Queue ``url`` unless it was seen; False when the page cap leaves it over."""
        with self._condition:
            if url in self.seen:
                return True
            self.seen.add(url)
            if self.taken + self.queued() >= self.max_pages:
                self.left_over.append(url)
                return False
            host = host_key(url)
            self.queues.setdefault(host, deque()).append(Job(url, depth, host))
            self._condition.notify_all()
            return True

    def mark_seen(self, url: str) -> None:
        with self._condition:
            self.seen.add(url)

    def is_seen(self, url: str) -> bool:
        with self._condition:
            return url in self.seen

    def queued(self) -> int:
        return sum(len(queue) for queue in self.queues.values())

    def in_flight(self) -> int:
        return len(self.busy)

    def next(self) -> Job | None:
        """The next job of an idle host; waits while only busy hosts have work; None when done."""
        with self._condition:
            while not self.stopped:
                for host, queue in self.queues.items():
                    if queue and host not in self.busy:
                        self.busy.add(host)
                        self.taken += 1
                        return queue.popleft()
                if not self.busy:
                    return None
                self._condition.wait()
            return None

    def finish(self, job: Job) -> None:
        with self._condition:
            self.busy.discard(job.host)
            self.done += 1
            self._condition.notify_all()

    def stop(self) -> None:
        """No more jobs are handed out (Ctrl-C): workers end after their current one."""
        with self._condition:
            self.stopped = True
            self._condition.notify_all()
