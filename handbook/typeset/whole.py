"""A document typeset whole, as one PDF: the path for PDF/A, whose output intent and
metadata WeasyPrint writes for the whole document.  It is tagged as the units are
(see engine).

The PDF identifier is derived from the content, so the same HTML and options
always give the same bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..clock import DEFAULT_TIME_LIMIT


@dataclass(frozen=True)
class PrintedPdf:
    pdf: bytes
    pages: int
    refused: tuple[str, ...]


def print_pdf(html: str, *, allowed: list[Path], epoch: int,
              time_limit: float = DEFAULT_TIME_LIMIT, variant: str | None = None,
              tagged: bool = True) -> PrintedPdf:
    """Lay out ``html`` (relative URLs resolve against the layouts) into one PDF.

    ``epoch`` (seconds since 1970) stands in for "now" wherever a tool would
    read the clock, so that rebuilding gives the same bytes.
    """
    from .engine import typeset_html  # WeasyPrint loads only when a PDF is wanted

    identifier = hashlib.sha256(f"{__version__}\0{variant}\0{html}".encode()).digest()[:16]
    result = typeset_html(html, allowed=tuple(str(path) for path in allowed), epoch=epoch,
                          time_limit=time_limit, variant=variant, identifier=identifier,
                          tagged=tagged)
    return PrintedPdf(result.pdf, len(result.pages), result.refused)
