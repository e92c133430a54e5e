"""Stage five: typeset the HTML into a PDF with WeasyPrint.

Imported only by the commands that print, because WeasyPrint takes most of a
second to import and ``validate`` must stay fast.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from weasyprint import HTML

from .fetcher import SandboxFetcher
from .problems import BuildError
from .rendering import LAYOUTS


#: A real handbook typesets in seconds; this is far beyond any of them.
DEFAULT_TIME_LIMIT = 600.0


class TimeLimitExceeded(BuildError):
    """Typesetting ran past its limit; the message says what to do."""


@dataclass(frozen=True)
class PrintedPdf:
    data: bytes
    pages: int
    refused: tuple[str, ...]


def print_pdf(html: str, *, allowed: list[Path],
              time_limit: float = DEFAULT_TIME_LIMIT) -> PrintedPdf:
    """Lay out ``html`` (relative URLs resolve against the layouts) into PDF bytes."""
    fetcher = SandboxFetcher([LAYOUTS, *allowed])
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    with limited_to(time_limit):
        document = HTML(string=html, base_url=LAYOUTS.as_uri() + "/", url_fetcher=fetcher).render()
        data = document.write_pdf()
    return PrintedPdf(data, len(document.pages), tuple(fetcher.refused))


@contextmanager
def limited_to(seconds: float) -> Iterator[None]:
    """Raise TimeLimitExceeded if the block runs longer than ``seconds`` (main thread only)."""
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def expire(signum, frame):
        raise TimeLimitExceeded(
            f"typesetting took longer than {seconds:g} s, far beyond any real handbook; "
            "check the library for runaway content, or raise --time-limit")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
