"""Time, kept out of the output: a fixed "now" for reproducible files, and a limit.

The moment a build claims to be from is SOURCE_DATE_EPOCH, else the edition's
date; never the machine's clock, so the same input gives the same bytes.

Light on purpose: used by the main process and by the workers alike.
"""

from __future__ import annotations

import datetime
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import TimeLimitExceeded

#: A real handbook typesets in seconds; this is far beyond any of them.
DEFAULT_TIME_LIMIT = 600.0


def source_epoch(edition_date: datetime.date) -> int:
    """The moment the build claims to be from: SOURCE_DATE_EPOCH, else the edition's date."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    midnight = datetime.datetime.combine(edition_date, datetime.time(), datetime.UTC)
    return int(midnight.timestamp())


@contextmanager
def source_date(epoch: int) -> Iterator[None]:
    """Let SOURCE_DATE_EPOCH stand for the clock (fontTools stamps fonts with "now")."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@contextmanager
def limited_to(seconds: float) -> Iterator[None]:
    """Raise TimeLimitExceeded if the block runs longer than ``seconds`` (main thread only).

    A library may swallow the exception (WeasyPrint's SVG drawing catches everything), so
    once the time is up it is raised again every few hundredths of a second, and once more
    when the block ends, until it gets out: the limit holds wherever the time is spent."""
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return
    message = (f"typesetting took longer than {seconds:g} s, far beyond any real handbook; "
               "check the library for runaway content, or raise --time-limit")
    expired = []

    def expire(signum, frame):
        expired.append(True)
        signal.setitimer(signal.ITIMER_REAL, AGAIN)
        raise TimeLimitExceeded(message)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if expired:  # the block ended normally although its time ran out: something swallowed it
        raise TimeLimitExceeded(message)


#: How soon a swallowed time limit is raised again.
AGAIN = 0.05
