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
from dataclasses import dataclass
from pathlib import Path

from weasyprint import HTML

from .. import __version__
from .fetcher import SandboxFetcher
from ..clock import DEFAULT_TIME_LIMIT, limited_to, source_date
from ..resources import LAYOUTS

@dataclass(frozen=True)
class PrintedPdf:
    pdf: bytes
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
