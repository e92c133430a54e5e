"""Typeset one unit of the handbook: the work that runs in parallel.

Each worker process keeps one font configuration and one parsed stylesheet
for all the units it typesets, so a unit costs only its own layout.  Fonts are
not subset per unit: every unit would pay for subsetting the same fonts
again.  Instead the unit's PDF carries a short marker where the font program
goes, and the assembler embeds each font once, subset to every glyph any
unit used.
"""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.pdf import fonts as pdf_fonts
from weasyprint.text.fonts import FontConfiguration

from .fetcher import SandboxFetcher
from ..clock import limited_to, source_date
from ..resources import LAYOUTS
from .tasks import FONT_MARKER, UnitPdf, UnitTask, known_fonts

def typeset_unit(task: UnitTask) -> UnitPdf:
    """Lay out and write one unit; fonts are marked, not embedded (see FONT_MARKER)."""
    fetcher = SandboxFetcher([LAYOUTS, *map(Path, task.allowed)])
    fonts = _font_configuration()
    with limited_to(task.time_limit), source_date(task.epoch), whole_fonts_marked():
        document = HTML(string=task.html, base_url=LAYOUTS.as_uri() + "/",
                        url_fetcher=fetcher).render(
            font_config=fonts, stylesheets=[_stylesheet(task.stylesheet, fetcher)])
        pdf = document.write_pdf(uncompressed_pdf=True)
    anchors: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, number)
    pages = tuple((page.width * 0.75, page.height * 0.75) for page in document.pages)
    return UnitPdf(pdf, pages, anchors, _links_out(document, anchors))


def _links_out(document, anchors: dict[str, int]) -> tuple:
    """Internal links to anchors this unit does not hold, in PDF points (as WeasyPrint
    would place them: x scaled by 0.75, y flipped from the page's top)."""
    links = []
    for number, page in enumerate(document.pages):
        height = page.height * 0.75
        for kind, target, (x1, y1, x2, y2), _ in page.links:
            if kind == "internal" and target not in anchors:
                links.append((number, (x1 * 0.75, height - y2 * 0.75, x2 * 0.75,
                                       height - y1 * 0.75), target))
    return tuple(links)


@contextmanager
def whole_fonts_marked():
    """Within the block, WeasyPrint writes a marker instead of a subset font program."""
    original = pdf_fonts.Font.clean

    def mark(font, to_unicode, hinting):
        digest = hashlib.sha256(font.file_content).hexdigest()
        if digest in known_fonts():
            font.file_content = FONT_MARKER + digest.encode("ascii")
        else:  # not one of ours (a fallback face): embed it the usual way
            original(font, to_unicode, hinting)

    pdf_fonts.Font.clean = mark
    try:
        yield
    finally:
        pdf_fonts.Font.clean = original


@lru_cache(maxsize=1)
def _font_configuration() -> FontConfiguration:
    return FontConfiguration()


@lru_cache(maxsize=4)
def _stylesheet_for(text: str, roots: tuple[str, ...]) -> CSS:
    fetcher = SandboxFetcher([Path(root) for root in roots])
    return CSS(string=text, base_url=LAYOUTS.as_uri() + "/", url_fetcher=fetcher,
               font_config=_font_configuration())


def _stylesheet(text: str, fetcher: SandboxFetcher) -> CSS:
    return _stylesheet_for(text, tuple(str(root) for root in fetcher.roots))
