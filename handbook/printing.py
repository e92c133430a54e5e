"""Stage five: typeset the HTML into a PDF with WeasyPrint.

Imported only by the commands that print, because WeasyPrint takes most of a
second to import and ``validate`` must stay fast.

The same HTML and options always give the same bytes: the PDF identifier is
derived from the content, dates come from the edition (or SOURCE_DATE_EPOCH),
and the fonts come from the repository.
"""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from weasyprint import HTML

from . import __version__
from .fetcher import SandboxFetcher
from .problems import BuildError
from .rendering import LAYOUTS

#: A real handbook typesets in seconds; this is far beyond any of them.
DEFAULT_TIME_LIMIT = 600.0
#: Archival (PDF/A) and accessible, tagged (PDF/UA) output.
VARIANTS = ("pdf/a-3u", "pdf/ua-1")


class TimeLimitExceeded(BuildError):
    """Typesetting ran past its limit; the message says what to do."""


@dataclass(frozen=True)
class PrintedPdf:
    data: bytes
    pages: int
    refused: tuple[str, ...]


def print_pdf(html: str, *, allowed: list[Path], epoch: int,
              time_limit: float = DEFAULT_TIME_LIMIT, variant: str | None = None) -> PrintedPdf:
    """Lay out ``html`` (relative URLs resolve against the layouts) into PDF bytes.

    ``epoch`` (seconds since 1970) stands in for "now" wherever a tool would
    read the clock, so that rebuilding gives the same bytes.
    """
    fetcher = SandboxFetcher([LAYOUTS, *allowed])
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    identifier = hashlib.sha256(f"{__version__}\0{variant}\0{html}".encode()).digest()[:16]
    options = {"pdf_identifier": identifier}
    if variant:
        options["pdf_variant"] = variant
    with limited_to(time_limit), source_date(epoch):
        document = HTML(string=html, base_url=LAYOUTS.as_uri() + "/", url_fetcher=fetcher).render()
        data = document.write_pdf(**options)
    return PrintedPdf(data, len(document.pages), tuple(fetcher.refused))


@contextmanager
def source_date(epoch: int) -> Iterator[None]:
    """Let SOURCE_DATE_EPOCH stand for the clock (fontTools stamps subset fonts with it)."""
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
