"""Stage five: typeset the HTML into a PDF with WeasyPrint.

Imported only by the commands that print, because WeasyPrint takes most of a
second to import and ``validate`` must stay fast.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from weasyprint import HTML

from .fetcher import SandboxFetcher
from .rendering import LAYOUTS


@dataclass(frozen=True)
class PrintedPdf:
    data: bytes
    pages: int
    refused: tuple[str, ...]


def print_pdf(html: str, *, allowed: list[Path]) -> PrintedPdf:
    """Lay out ``html`` (relative URLs resolve against the layouts) into PDF bytes."""
    fetcher = SandboxFetcher([LAYOUTS, *allowed])
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = HTML(string=html, base_url=LAYOUTS.as_uri() + "/", url_fetcher=fetcher).render()
    data = document.write_pdf()
    return PrintedPdf(data, len(document.pages), tuple(fetcher.refused))
