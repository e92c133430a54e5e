"""The plain data typesetting works on: what goes to a worker, what comes back, and
what a rendered document must offer to be typeset unit by unit.

A leaf module: standard library only, so the main process can hand out tasks and
join results without importing WeasyPrint, and no typesetting module needs to
know how a document was rendered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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
    #: False for a unit that names a patient: never read from or written to the cache.
    cacheable: bool = True
    #: Written with its structure tree (see structure).
    tagged: bool = True


@dataclass(frozen=True)
class UnitPdf:
    """A typeset unit: its PDF (links into other units name their anchors), its page sizes
    in points, the page of each anchor, and the URLs the sandbox refused while typesetting
    it."""

    pdf: bytes
    pages: tuple[tuple[float, float], ...]
    anchors: dict[str, int]
    refused: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutlineEntry:
    """A bookmark: level 1 for a chapter, 2 for a section beneath it."""

    level: int
    title: str
    anchor: str


@dataclass(frozen=True)
class FooterPlace:
    """Where a footer goes on a page: the end it is aligned to and the top of its line, in
    points from the trimmed page's left and bottom edges."""

    x: float
    top: float
    align: str  # "left" or "right"


@dataclass(frozen=True)
class Footer:
    """"Page X of Y" as the page's margin box would set it."""

    text: str  # with {page} and {pages}, in the edition's language
    size: float  # points
    colour: tuple[float, float, float]
    duplex: bool  # even pages are left-hand pages
    #: "page-right", "page-left", "log-right", "log-left"
    places: dict[str, FooterPlace]
    #: A draft's or withdrawn edition's mark, for the blank pages the assembler adds (the
    #: stylesheet puts it on every page it lays out): its text, size, colour, and how far
    #: its baseline lies below the trimmed page's top, in points.
    mark: tuple[str, float, tuple[float, float, float], float] | None = None


@dataclass(frozen=True)
class UnitDocument:
    """A rendered document as typesetting needs it: each unit as a page of HTML, and
    the two pieces that can only be written once the pages are counted."""

    #: (name, HTML page) of every unit, in print order; the first page of each is a new page.
    units: tuple[tuple[str, str], ...]
    #: The stylesheet every unit is typeset with (without page numbers: the assembler adds them).
    stylesheet: str
    #: Every unit opens on a right-hand page.
    duplex: bool
    outline: tuple[OutlineEntry, ...]
    #: The unit that prints page numbers of the others (the contents), if any.
    contents_unit: str | None
    #: The contents unit's HTML with the final page number of every anchor filled in.
    numbered_contents: Callable[[dict[str, int]], str]
    #: Where and how "Page X of Y" is written on the finished pages.
    footer: Footer
    #: Units whose pages carry no footer.
    unnumbered_units: frozenset[str] = frozenset()
    #: Units that name a patient: typeset afresh every time, never cached.
    personal_units: frozenset[str] = frozenset()
    #: With duplex, the units that open on a right-hand page; None: every unit.  The others
    #: follow on the next page, typeset with ``left_stylesheet`` when that is a left-hand one.
    right_hand_units: frozenset[str] | None = None
    left_stylesheet: str = ""
    #: The unit on a booklet's outside back cover: blank pages before it make whole sheets.
    back_cover: str | None = None


@dataclass(frozen=True)
class Metadata:
    """What the finished PDF says about itself."""

    title: str
    authors: tuple[str, ...]
    subject: str
    keywords: tuple[str, ...]
    creator: str
    language: str
    created: str  # PDF date, e.g. D:20261122
    modified: str
    #: "pdf/ua-1" to say so in the XMP metadata; None for none.
    conformance: str | None = None
