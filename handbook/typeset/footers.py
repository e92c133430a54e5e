""""Page X of Y", written straight into each finished page.

Units are typeset apart, so none knows its final page number.  Once the final
sequence of pages is known, the assembler writes each page's footer as a few
PDF text operators in the shipped font (PT Sans, the font of the running heads),
at the place the page's margin box would have put it, measured from the trimmed
page's corner (a bleed moves nothing): right-aligned on
one-sided and right-hand pages, left-aligned on left-hand ones, with the log
pages' own margins.  Nothing is laid out a second time.  The font is the same
font program as everywhere else, marked for the assembler to embed once with
the glyphs the footers use.  A footer is a pagination artifact: the structure
tree (see structure) passes it by.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from pikepdf import Array, Dictionary, Name, Pdf

from .fonts import font_key, known_fonts
from .tasks import FONT_MARKER, Footer

if TYPE_CHECKING:
    from collections.abc import Sequence

#: The footer's font program: the regular face of the running heads.
FOOTER_FONT = "PTSans-Regular.ttf"
#: The name the footer font has in every page's resources.
RESOURCE = Name("/HandbookFooter")


def page_kinds(sizes: Sequence[tuple[float, float] | None], unnumbered: Sequence[bool]) -> list[str]:
    """What each final page is, from its size (None for a blank) and whether its unit
    carries no number (the cover): ``page``, a landscape ``log``, ``cover`` or ``blank``."""
    kinds = []
    for size, bare in zip(sizes, unnumbered):
        if size is None:
            kinds.append("blank")
        elif bare:
            kinds.append("cover")
        else:
            width, height = size
            kinds.append("log" if width > height else "page")
    return kinds


def stamp_footers(final: Pdf, kinds: Sequence[str], footer: Footer) -> None:
    """Write "Page X of Y" on every page whose kind is ``page`` or ``log``, and a draft's
    mark on the blank pages the assembler added (the others have it from the stylesheet)."""
    metrics = _metrics()
    total = len(kinds)
    texts = {index: footer.text.format(page=index + 1, pages=total)
             for index, kind in enumerate(kinds) if kind in ("page", "log")}
    marks = {index for index, kind in enumerate(kinds) if kind == "blank"} if footer.mark else ()
    if not texts and not marks:
        return
    characters = [*texts.values(), footer.mark[0] if marks else ""]
    used = sorted({metrics.glyph(character) for text in characters for character in text})
    font = final.make_indirect(_font(final, metrics, used))
    for index, text in texts.items():
        page = final.pages[index]
        side = "left" if footer.duplex and (index + 1) % 2 == 0 else "right"
        place = footer.places[f"{kinds[index]}-{side}"]
        width = metrics.width(text, footer.size)
        left, bottom = _trim_origin(page)
        x = left + (place.x - width if place.align == "right" else place.x)
        baseline = bottom + place.top - metrics.ascent * footer.size / metrics.units
        _write(final, page, font, metrics, text, (x, baseline), footer.size, footer.colour,
               "Footer")
    for index in marks:
        text, size, colour, drop = footer.mark
        page = final.pages[index]
        box = page.obj.get("/TrimBox", page.mediabox)
        x = (float(box[0]) + float(box[2]) - metrics.width(text, size)) / 2
        _write(final, page, font, metrics, text, (x, float(box[3]) - drop), size, colour,
               "Header")


def _write(final: Pdf, page, font, metrics: _Metrics, text: str, at: tuple[float, float],
           size: float, colour: tuple[float, float, float], kind: str) -> None:
    """One line of text in the footer font, as a pagination artifact."""
    glyphs = "".join(f"{metrics.glyph(character):04X}" for character in text)
    red, green, blue = colour
    if Name.Resources not in page.obj:
        page.obj.Resources = Dictionary()
    if Name.Font not in page.obj.Resources:
        page.obj.Resources.Font = Dictionary()
    page.obj.Resources.Font[RESOURCE] = font
    page.contents_add(final.make_stream(b"q\n"), prepend=True)
    page.contents_add(final.make_stream(
        f"Q\n/Artifact <</Type /Pagination /Subtype /{kind}>> BDC "
        f"q BT {RESOURCE} {size:g} Tf {red:g} {green:g} {blue:g} rg "
        f"{at[0]:.2f} {at[1]:.2f} Td <{glyphs}> Tj ET Q EMC\n".encode("ascii")))


def _trim_origin(page) -> tuple[float, float]:
    """The trimmed page's lower left corner: the places are measured from it, so a page
    with a bleed (a media box larger than the page) gets its number where a plain one does."""
    box = page.obj.get("/TrimBox", page.mediabox)
    return float(box[0]), float(box[1])


class _Metrics:
    """Glyph ids and advance widths of the footer font, as fontTools reads them."""

    def __init__(self):
        from fontTools.ttLib import TTFont

        path = next(path for path in known_fonts().values() if path.name == FOOTER_FONT)
        font = TTFont(path, lazy=True)
        self.key = font_key(path)
        self.cmap = font.getBestCmap()
        self.order = font.getGlyphOrder()
        self.ids = {name: number for number, name in enumerate(self.order)}
        self.advances = {name: advance for name, (advance, _) in font["hmtx"].metrics.items()}
        self.units = font["head"].unitsPerEm
        head, os2 = font["head"], font["OS/2"]
        self.bbox = [head.xMin, head.yMin, head.xMax, head.yMax]
        self.ascent, self.descent = font["hhea"].ascent, font["hhea"].descent
        self.cap_height = getattr(os2, "sCapHeight", self.ascent)

    def glyph(self, character: str) -> int:
        name = self.cmap.get(ord(character))
        return self.ids[name] if name is not None else 0

    def advance(self, glyph: int) -> int:
        return self.advances[self.order[glyph]]

    def width(self, text: str, size: float) -> float:
        return sum(self.advance(self.glyph(character)) for character in text) * size / self.units


@lru_cache(maxsize=1)
def _metrics() -> _Metrics:
    return _Metrics()


def _font(final: Pdf, metrics: _Metrics, glyphs: list[int]) -> Dictionary:
    """A Type0 font over the marked font program: the assembler embeds and subsets it with
    every other use of PT Sans; /W lists the footer's glyphs, so the subset keeps them."""
    scale = 1000 / metrics.units
    program = final.make_stream(FONT_MARKER + metrics.key.encode("ascii"))
    descriptor = Dictionary(
        Type=Name.FontDescriptor, FontName=Name("/HBFOOT+PT-Sans"), Flags=32,
        FontBBox=Array([round(value * scale) for value in metrics.bbox]), ItalicAngle=0,
        Ascent=round(metrics.ascent * scale), Descent=round(metrics.descent * scale),
        CapHeight=round(metrics.cap_height * scale), StemV=80, FontFile2=program)
    widths = Array()
    for glyph in glyphs:
        widths.extend([glyph, Array([round(metrics.advance(glyph) * scale)])])
    descendant = Dictionary(
        Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=Name("/HBFOOT+PT-Sans"),
        CIDSystemInfo=Dictionary(Registry="Adobe", Ordering="Identity", Supplement=0),
        FontDescriptor=final.make_indirect(descriptor), W=widths, CIDToGIDMap=Name.Identity)
    return Dictionary(
        Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/HBFOOT+PT-Sans"),
        Encoding=Name("/Identity-H"), DescendantFonts=Array([final.make_indirect(descendant)]),
        ToUnicode=final.make_stream(_to_unicode(metrics, glyphs)))


def _to_unicode(metrics: _Metrics, glyphs: list[int]) -> bytes:
    """The CMap that lets a reader copy the footer's text (and the tests read it)."""
    characters = {}
    for code, name in metrics.cmap.items():
        number = metrics.ids[name]
        if number in glyphs:
            characters.setdefault(number, code)
    lines = [f"<{glyph:04X}> <{characters[glyph]:04X}>" for glyph in glyphs
             if glyph in characters]
    return ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{len(lines)} beginbfchar\n" + "\n".join(lines) + "\nendbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end\n").encode("ascii")
