"""The whole pipeline for one handbook, from a protocols folder to a file on disk."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .output import write_atomically
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
    time_limit: float = 600.0


@dataclass(frozen=True)
class BuildResult:
    output: Path
    pages: int | None
    seconds: float
    refused: tuple[str, ...] = field(default=())


def build(options: BuildOptions) -> BuildResult:
    """Read, validate, select, render, print and write; nothing is written on failure."""
    started = time.perf_counter()
    library = load_library(options.source)
    selection = select(library, options.regions, options.methods)
    html = render_html(selection, paper=options.paper, embed_fonts=options.format == "html")
    if options.format == "html":
        write_atomically(options.output, html.encode("utf-8"))
        return BuildResult(options.output, None, time.perf_counter() - started)
    from .printing import print_pdf  # WeasyPrint loads only when a PDF is wanted

    printed = print_pdf(html, allowed=[options.source], time_limit=options.time_limit)
    write_atomically(options.output, printed.data)
    return BuildResult(options.output, printed.pages, time.perf_counter() - started,
                       printed.refused)
