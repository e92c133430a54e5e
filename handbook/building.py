"""The whole pipeline for one handbook, from a protocols folder to a file on disk."""

from __future__ import annotations

import datetime
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .models import Edition
from .output import write_atomically
from .paper import PAPERS, SHEETS, PageSetup
from .rendering import render_html
from .selection import select
from .validation import load_library


@dataclass(frozen=True)
class BuildOptions:
    source: Path
    output: Path
    format: str = "pdf"
    regions: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    paper: str = "a4"
    duplex: bool = False
    booklet: bool = False
    bleed: float = 0.0
    marks: bool = False
    variant: str | None = None
    time_limit: float = 600.0

    @property
    def setup(self) -> PageSetup:
        """A booklet is read as a book: mirrored pages, chapters on the right."""
        return PageSetup(PAPERS[self.paper], duplex=self.duplex or self.booklet,
                         bleed=self.bleed, marks=self.marks)


@dataclass(frozen=True)
class BuildResult:
    output: Path
    pages: int | None
    seconds: float
    refused: tuple[str, ...] = field(default=())
    sheets: int | None = None


def build(options: BuildOptions) -> BuildResult:
    """Read, validate, select, render, print and write; nothing is written on failure."""
    started = time.perf_counter()
    library = load_library(options.source)
    selection = select(library, options.regions, options.methods)
    epoch = source_epoch(library.edition)
    html = render_html(selection, setup=options.setup, embed_fonts=options.format == "html",
                       modified=datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).date())
    if options.format == "html":
        write_atomically(options.output, html.encode("utf-8"))
        return BuildResult(options.output, None, time.perf_counter() - started)
    from .printing import print_pdf  # WeasyPrint loads only when a PDF is wanted

    printed = print_pdf(html, allowed=[options.source], epoch=epoch,
                        time_limit=options.time_limit, variant=options.variant)
    data, sheets = printed.data, None
    if options.booklet:
        from .imposition import impose

        _, width, height = SHEETS[PAPERS[options.paper].booklet_sheet]
        data = impose(data, (width, height))
        sheets = -(-printed.pages // 4)
    write_atomically(options.output, data)
    return BuildResult(options.output, printed.pages, time.perf_counter() - started,
                       printed.refused, sheets)


def source_epoch(edition: Edition) -> int:
    """The moment the build claims to be from: SOURCE_DATE_EPOCH, else the edition's date."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    midnight = datetime.datetime.combine(edition.date, datetime.time(), datetime.timezone.utc)
    return int(midnight.timestamp())
