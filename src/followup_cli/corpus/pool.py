"""Parsing many files on several cores, results in input order.

Each worker parses a small batch of files and sends the Reports (or the
FollowupErrors) back; at most a few batches per worker are in flight, so memory
stays flat however many pages a run reads, and output order is the order of
the inputs, exactly as with one process.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from followup_cli.corpus.reading import parse_source
from followup_cli.corpus.sources import Source
from followup_cli.errors import FollowupError
from followup_cli.model import Report

# Files per task: large enough that inter-process traffic is small next to
# parsing, small enough that the first results arrive at once.
BATCH_SIZE = 32
# Batches queued per worker, so none waits while the parent writes output.
BATCHES_IN_FLIGHT_PER_WORKER = 3


def _parse_batch(sources: Sequence[Source]) -> list[Report | FollowupError]:
    outcomes: list[Report | FollowupError] = []
    for source in sources:
        try:
            outcomes.append(parse_source(source))
        except FollowupError as error:
            outcomes.append(error)
    return outcomes


def parse_files(sources: Sequence[Source], jobs: int) -> Iterator[Report | FollowupError]:
    """Each file's Report or FollowupError, in the order of ``sources``."""
    # fork starts workers in milliseconds and shares the imported parser;
    # elsewhere the platform's default start method is used.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    batches = [
        sources[start : start + BATCH_SIZE] for start in range(0, len(sources), BATCH_SIZE)
    ]
    pending: deque[Future[list[Report | FollowupError]]] = deque()
    limit = jobs * BATCHES_IN_FLIGHT_PER_WORKER
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        queued = iter(batches)
        for batch in queued:
            pending.append(pool.submit(_parse_batch, batch))
            if len(pending) >= limit:
                break
        while pending:
            outcomes = pending.popleft().result()
            next_batch = next(queued, None)
            if next_batch is not None:
                pending.append(pool.submit(_parse_batch, next_batch))
            yield from outcomes
