"""The one place WeasyPrint lays out a page of HTML and writes it as PDF.

Both paths use it: a unit typeset in a worker (its fonts marked, not embedded,
for the assembler to embed once), and a whole document (PDF/A).  Both are
tagged unless told otherwise: WeasyPrint writes the structure tree, and
:func:`~.structure.prepare` makes it ready to join (see there).  A link to an
anchor in another unit is kept as a link to that name, which the assembled
document resolves.  It always gets the sandboxed fetcher and always reports
what the sandbox refused, so a build can warn about it whichever path it took.

The same HTML and options always give the same bytes: "now" is the edition's
epoch, fonts come from the repository, and each worker keeps one font
configuration and one parsed stylesheet for all its units.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import weasyprint.pdf
from weasyprint import CSS, HTML
from weasyprint.pdf import fonts as pdf_fonts
from weasyprint.text.fonts import FontConfiguration

from ..clock import limited_to, source_date
from ..resources import LAYOUTS
from .fetcher import SandboxFetcher
from .fonts import known_fonts
from .structure import prepare
from .tasks import FONT_MARKER, UnitPdf

#: Relative URLs in the HTML and the stylesheet resolve against the layouts.
BASE_URL = LAYOUTS.as_uri() + "/"
#: A unit whose last page would hold less than this share of a page is set again a little
#: tighter (print.css, ``html.fit``), and the tighter setting kept if it saves that page.
FIT_BELOW = 0.2


def typeset_html(html: str, *, allowed: tuple[str, ...], epoch: int, time_limit: float,
                 stylesheet: str | None = None, mark_fonts: bool = False,
                 variant: str | None = None, identifier: bytes | None = None,
                 tagged: bool = True, fit: bool = False) -> UnitPdf:
    """Lay out ``html`` (with ``stylesheet`` beside any it holds) and write it as PDF.

    ``mark_fonts`` leaves a marker where each of our font programs would go (see
    :data:`FONT_MARKER`); ``variant`` asks for PDF/A; ``identifier`` fixes the PDF's
    identifier; ``tagged`` writes the structure tree; ``fit`` sets the HTML tighter when
    that saves a last page of a few lines (see :data:`FIT_BELOW`).  Files are read only
    under the layouts and ``allowed``.
    """
    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)  # refusals come back as data
    fetcher = SandboxFetcher([LAYOUTS, *map(Path, allowed)], trusted=(LAYOUTS,))
    options: dict = {"uncompressed_pdf": True} if mark_fonts else {}
    if identifier is not None:
        options["pdf_identifier"] = identifier
    if variant:
        options["pdf_variant"] = variant
    if tagged:  # PDF 1.7: WeasyPrint adds PDF 2.0's namespace unless it knows the version
        options.update(pdf_tags=True, pdf_version="1.7")
    refused: tuple[str, ...] = ()
    with (limited_to(time_limit), source_date(epoch), _fonts_marked(mark_fonts),
          _links_kept()):
        stylesheets = None
        if stylesheet:
            parsed, refused = _stylesheet(stylesheet, tuple(allowed), tempfile.gettempdir())
            stylesheets = [parsed]
        document = _render(html, fetcher, stylesheets)
        if fit and len(document.pages) > 1 and _last_page_share(document) < FIT_BELOW:
            fitted = _render(html, fetcher, stylesheets, fit=True)
            if len(fitted.pages) < len(document.pages):
                document = fitted
        pdf = document.write_pdf(**options)
    if tagged:
        pdf = prepare(pdf, hashlib.sha256(html.encode()).hexdigest()[:12])
    anchors: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, number)
    pages = tuple((page.width * 0.75, page.height * 0.75) for page in document.pages)
    return UnitPdf(pdf, pages, anchors, tuple(dict.fromkeys((*refused, *fetcher.refused))))


@contextmanager
def _links_kept():
    """Within the block, a link to an anchor the document does not hold (one in another
    unit) is written as a link to that name, with its place in the structure tree, instead
    of being dropped: the assembled document holds every name."""
    original = weasyprint.pdf.resolve_links

    def keep_every_link(pages):
        seen: set[str] = set()
        for page in pages:
            anchors = []
            for name, (x, y, _, _) in page.anchors.items():
                if name not in seen:
                    seen.add(name)
                    anchors.append((name, x, y))
            yield list(page.links), anchors

    weasyprint.pdf.resolve_links = keep_every_link
    try:
        yield
    finally:
        weasyprint.pdf.resolve_links = original


def _render(html: str, fetcher: SandboxFetcher, stylesheets, *, fit: bool = False):
    """The laid-out document; ``fit`` marks its root element ``class="fit"``."""
    source = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    if fit:
        root = source.etree_element
        root.set("class", " ".join(filter(None, (root.get("class"), "fit"))))
    return source.render(font_config=_font_configuration(tempfile.gettempdir()),
                         stylesheets=stylesheets)


def _last_page_share(document) -> float:
    """How much of its page's content area the last page's content takes, from 0 to 1."""
    page = document.pages[-1]._page_box
    root = page.children[0]  # the root element's box; the margin boxes follow it
    used = root.position_y + root.margin_height() - page.content_box_y()
    return used / page.height if page.height else 1.0



@contextmanager
def _fonts_marked(marked: bool):
    """Within the block, WeasyPrint writes a marker instead of a subset of our fonts."""
    if not marked:
        yield
        return
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
def _font_configuration(folder: str) -> FontConfiguration:
    """One font configuration per worker and scratch folder (WeasyPrint copies the fonts
    into the temporary folder, which is the run's own: see handbook.scratch)."""
    return FontConfiguration()


@lru_cache(maxsize=4)
def _stylesheet(text: str, allowed: tuple[str, ...], folder: str) -> tuple[CSS, tuple[str, ...]]:
    """One parsed stylesheet per worker, shared by every unit it typesets, and the URLs
    refused while parsing it (reported with every unit that uses it)."""
    fetcher = SandboxFetcher([LAYOUTS, *map(Path, allowed)], trusted=(LAYOUTS,))
    parsed = CSS(string=text, base_url=BASE_URL, url_fetcher=fetcher,
                 font_config=_font_configuration(folder))
    return parsed, tuple(fetcher.refused)
