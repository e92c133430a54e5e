"""Paper, margins and type sizes: everything about the page that depends on the sheet.

The stylesheet keeps its design values as CSS custom properties; this module
chooses the ones that change with the paper (an A5 booklet needs smaller
margins and type, but never body text under 9 pt) and the page geometry for
one-sided, duplex and bleed printing, rendered by ``layouts/page.css.j2``.

The pages a patient takes home (the leaflet, a plan's dates and its warning signs) follow
clear-print guidance instead: no type under 12 pt, and with ``--large-print`` 16 pt on
one and a half lines, for readers with low vision (:meth:`PageSetup.patient_type`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Paper:
    """A sheet and its design values; lengths in millimetres, type in points."""

    name: str
    width: float
    height: float
    top: float
    bottom: float
    inner: float
    outer: float
    gutter: float
    text: float
    table: float
    small: float
    h1: float
    h2: float
    h3: float
    #: The sheet two pages of this size are imposed on for a booklet.
    booklet_sheet: str
    #: The width of a chapter's spine map (mm): narrower on a small page, so the text
    #: beside it keeps a readable measure.
    spine_map: float = 36
    #: The side of one panel of a body map (mm): at least about 4 cm on a full page, to read
    #: at the couch; on A5, three panels to a row.
    figure: float = 40

    @property
    def content_height(self) -> float:
        return self.height - self.top - self.bottom

    def type_sizes(self) -> dict[str, float]:
        """Type sizes in points of the handbook's pages."""
        return {name: getattr(self, name) for name in ("text", "table", "small", "h1", "h2", "h3")}


PAPERS = {
    "a4": Paper("A4", 210, 297, top=22, bottom=20, inner=20, outer=18, gutter=6,
                text=10.5, table=9, small=8.6, h1=21, h2=14.5, h3=11, booklet_sheet="a3"),
    "letter": Paper("Letter", 8.5 * MM_PER_INCH, 11 * MM_PER_INCH, top=20, bottom=19, inner=20,
                    outer=18, gutter=6, text=10.5, table=9, small=8.6, h1=21, h2=14.5, h3=11,
                    booklet_sheet="tabloid"),
    "a5": Paper("A5", 148, 210, top=15, bottom=14, inner=14, outer=12, gutter=5,
                text=9.5, table=9, small=9, h1=16, h2=12.5, h3=10, booklet_sheet="a4",
                spine_map=25, figure=36),
}

#: Clear print: the least type size (points) on a page a patient takes home.  Large print:
#: the type size for readers with low vision.  Both on more than one and a half lines.
CLEAR_PRINT, LARGE_PRINT, PATIENT_LEADING = 12.0, 16.0, 1.55

#: Sheets for booklets, landscape: (width, height) in millimetres.
SHEETS = {
    "a3": ("A3", 420, 297),
    "a4": ("A4", 297, 210),
    "tabloid": ("Tabloid", 17 * MM_PER_INCH, 11 * MM_PER_INCH),
}


@dataclass(frozen=True)
class PageSetup:
    """How the handbook is laid on paper: sheet, sides, bleed and crop marks."""

    paper: Paper
    duplex: bool = False
    bleed: float = 0.0
    marks: bool = False
    #: A saddle-stitched booklet (duplex): only chapters open on right-hand pages, and the
    #: outside back cover is a back cover.
    booklet: bool = False
    #: The pages a patient takes home in large print (16 pt, one and a half lines).
    large_print: bool = False

    def patient_type(self) -> tuple[dict[str, float], float]:
        """Type sizes (points) and line spacing of the pages a patient takes home: body,
        tables and notes alike at no less than 12 pt (clear print), or 16 pt in large
        print; headings a step above."""
        body = LARGE_PRINT if self.large_print else max(CLEAR_PRINT, self.paper.text * 1.25)
        sizes = {"text": body, "table": body, "small": body,
                 "h1": body * 1.6, "h2": body * 1.3, "h3": body * 1.1}
        return {name: round(size, 1) for name, size in sizes.items()}, PATIENT_LEADING

    def margins(self, side: str) -> str:
        """CSS margins (top right bottom left) of a ``right``, ``left`` or one-sided page."""
        paper = self.paper
        if not self.duplex:
            return _mm(paper.top, paper.outer, paper.bottom, paper.inner)
        inner = paper.inner + paper.gutter
        if side == "left":  # a verso: the binding is on its right
            return _mm(paper.top, inner, paper.bottom, paper.outer)
        return _mm(paper.top, paper.outer, paper.bottom, inner)

    @property
    def size(self) -> str:
        return f"{self.paper.width:g}mm {self.paper.height:g}mm"

    @property
    def landscape(self) -> str:
        return f"{self.paper.height:g}mm {self.paper.width:g}mm"

    @property
    def log_margins(self) -> str:
        """A landscape course log keeps clear of a binding on any of its edges."""
        edge = max(self.paper.outer - 6, 10) + (self.paper.gutter if self.duplex else 0)
        return _mm(edge, edge, edge, edge)


#: Millimetres in each unit a print shop writes a bleed in.
LENGTH_UNITS = {"mm": 1.0, "cm": 10.0, "in": MM_PER_INCH, "pt": MM_PER_INCH / 72}
LENGTH = re.compile(r"^\s*(\d+(?:[.,]\d*)?|[.,]\d+)\s*([a-z]*)\s*$", re.IGNORECASE)
EXAMPLES = "3mm, 0.125in or 9pt"


def parse_length(text: str) -> float:
    """A bleed as print shops write it, ``"3mm"``, ``"0.125in"``, ``"9pt"`` or ``"0.3cm"``,
    in millimetres; raises ValueError, saying what to write, for anything else."""
    match = LENGTH.match(text)
    if match is None:
        raise ValueError(f"'{text}' is not a length: write a number and a unit, e.g. {EXAMPLES}")
    number, unit = float(match[1].replace(",", ".")), match[2].lower()
    if not unit:
        raise ValueError(f"'{text}' has no unit: write it with one (mm, cm, in or pt), "
                         f"e.g. {EXAMPLES}")
    if unit not in LENGTH_UNITS:
        raise ValueError(f"'{unit}' is not a unit of length here: use mm, cm, in or pt, "
                         f"e.g. {EXAMPLES}")
    millimetres = round(number * LENGTH_UNITS[unit], 4)
    if not 0 <= millimetres <= 10:
        raise ValueError("a bleed is between 0 and 10 mm (print houses ask for 3 mm or 0.125 in)")
    return millimetres


def _mm(*values: float) -> str:
    return " ".join(f"{value:g}mm" for value in values)


#: The handbook's usual page: A4, printed on one side.
DEFAULT_SETUP = PageSetup(PAPERS["a4"])
