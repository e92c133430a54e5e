"""What passes between the main process and the typesetting workers.

Kept free of WeasyPrint: the main process only hands out tasks and joins the
results, so it stays small and need not pay for importing WeasyPrint when
worker processes do the typesetting.
"""

from __future__ import annotations

import hashlib
import logging
import os
import signal
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..resources import LAYOUTS

#: What a marked font program starts with; the SHA-256 of the font file follows.
FONT_MARKER = b"%handbook-font:"


@dataclass(frozen=True)
class UnitTask:
    """Everything a worker needs, as plain values that cross a process boundary."""

    html: str
    stylesheet: str
    allowed: tuple[str, ...]
    epoch: int
    time_limit: float


#: A link to another unit: its page in the unit, its rectangle in PDF points, its anchor.
Link = tuple[int, tuple[float, float, float, float], str]


@dataclass(frozen=True)
class UnitPdf:
    """A typeset unit: its PDF, its page sizes in points, the page of each anchor, and
    the links that point into other units (which its own PDF cannot hold)."""

    pdf: bytes
    pages: tuple[tuple[float, float], ...]
    anchors: dict[str, int]
    links: tuple[Link, ...] = ()


def typeset_in_worker(task: UnitTask) -> UnitPdf:
    """The pool's task: WeasyPrint is imported in the worker, not here."""
    from ._worker import typeset_unit

    return typeset_unit(task)


def start_worker() -> None:
    """Pool initializer: Ctrl-C is the parent's business; load WeasyPrint while the
    parent is still validating."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from . import _worker  # noqa: F401 - the import is the warm-up

    # A unit's links into other units are reported as missing anchors: expected, the
    # assembler adds them. Problems that matter come back as exceptions.
    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)


@lru_cache(maxsize=1)
def known_fonts() -> dict[str, Path]:
    """SHA-256 → file, for the fonts shipped in layouts/fonts/."""
    return {hashlib.sha256(path.read_bytes()).hexdigest(): path
            for path in sorted((LAYOUTS / "fonts").glob("*.ttf"))}


def worker_count(jobs: int | None) -> int:
    """How many processes to use: the cores this process may run on, unless told."""
    if jobs:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1
