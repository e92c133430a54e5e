"""Join typeset units into the finished PDF.

The units arrive as separate PDFs, each numbered from one and each naming
its fonts by a marker rather than embedding them.  Joining them means:
blank pages where a duplex chapter must open on the right, "Page X of Y"
written into every numbered page (see footers), every named
destination mapped onto the final pages (so links resolve), the units'
structure trees joined into one (see structure), an outline that mirrors the
contents, each font embedded once and subset to every glyph any unit used, and
the edition's metadata.  The result is deterministic.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pikepdf
from pikepdf import Array, Dictionary, Name, NameTree, OutlineItem, Pdf, String

from .cache import Cache
from .fonts import alphabet_glyphs, subset
from .footers import stamp_footers
from .structure import merge
from .tasks import FONT_MARKER, Footer, Metadata, OutlineEntry, UnitPdf


def page_plan(units: Sequence[UnitPdf], *, duplex: bool,
              right_hand: Sequence[bool] | None = None) -> list[int | None]:
    """For each final page, the index of the unit it comes from, or None for a blank.

    In duplex, every unit opens on a right-hand (odd) page, as WeasyPrint's
    ``break-before: right`` would have it; or, given ``right_hand``, each unit it marks.
    """
    plan: list[int | None] = []
    for index, unit in enumerate(units):
        if duplex and len(plan) % 2 == 1 and (right_hand is None or right_hand[index]):
            plan.append(None)
        plan.extend([index] * len(unit.pages))
    return plan


def page_numbers(units: Sequence[UnitPdf], plan: list[int | None]) -> dict[str, int]:
    """The final 1-based page of every anchor, from each unit's own page of it."""
    first_page = {}
    for number, unit_index in enumerate(plan, start=1):
        if unit_index is not None:
            first_page.setdefault(unit_index, number)
    numbers = {}
    for index, unit in enumerate(units):
        for name, page in unit.anchors.items():
            numbers.setdefault(name, first_page[index] + page)
    return numbers


def assemble(units: Sequence[UnitPdf], plan: list[int | None], kinds: Sequence[str],
             footer: Footer, contents: Sequence[OutlineEntry], metadata: Metadata,
             epoch: int, cache: Cache, pad_fonts: bool = False) -> bytes:
    """The finished PDF: units joined, numbered, linked, outlined, fonts embedded once."""
    final = Pdf.new()
    sources = [Pdf.open(io.BytesIO(unit.pdf)) for unit in units]
    destinations: dict[str, Array] = {}
    placed: dict[int, int] = {}  # unit → its first page
    for unit_index in plan:
        if unit_index is None:
            final.add_blank_page()  # sized below, like its neighbours
        elif unit_index not in placed:
            placed[unit_index] = start = len(final.pages)
            for page in sources[unit_index].pages:  # links to names: ours to resolve
                final.pages.append(page)
            _carry_destinations(sources[unit_index], final, start, destinations)
    merge(final, sources, list(placed.items()))
    _size_blank_pages(final, plan)
    stamp_footers(final, kinds, footer)
    _embed_fonts_once(final, epoch, cache, pad_fonts)
    _write_destinations(final, destinations)
    _write_outline(final, contents, destinations)
    _write_metadata(final, metadata)
    output = io.BytesIO()
    final.save(output, deterministic_id=True, compress_streams=True, min_version="1.7",
               object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return output.getvalue()


def _size_blank_pages(final: Pdf, plan: list[int | None]) -> None:
    """A blank page takes the boxes (media, trim, bleed) of a portrait page of the handbook."""
    portrait = next((page for page, unit in zip(final.pages, plan) if unit is not None
                     and page.mediabox[3] - page.mediabox[1] >= page.mediabox[2] - page.mediabox[0]),
                    None)
    if portrait is None:
        return
    for page, unit in zip(final.pages, plan):
        if unit is None:
            for box in ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox"):
                if box in portrait.obj:
                    page.obj[box] = Array(list(portrait.obj[box]))


def _carry_destinations(source: Pdf, final: Pdf, start: int, destinations: dict) -> None:
    """Re-point the unit's named destinations at its pages in the final document."""
    names = source.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return
    index_of = {page.objgen: number for number, page in enumerate(source.pages)}
    for name, target in NameTree(names.Dests).items():
        target = target.D if isinstance(target, Dictionary) else target
        page = index_of.get(target[0].objgen)
        if page is None or name in destinations:
            continue
        destinations[name] = Array([final.pages[start + page].obj, *target[1:]])


def _write_destinations(final: Pdf, destinations: dict[str, Array]) -> None:
    tree = NameTree.new(final)
    for name in sorted(destinations):
        tree[name] = destinations[name]
    final.Root.Names = Dictionary(Dests=tree.obj)


def _write_outline(final: Pdf, contents: Sequence[OutlineEntry], destinations: dict[str, Array]) -> None:
    """Bookmarks that mirror the contents: chapters, and their sections beneath."""
    with final.open_outline() as outline:
        chapter = None
        for entry in contents:
            target = destinations.get(entry.anchor)
            if target is None:
                continue
            item = OutlineItem(entry.title, destination=target)
            if entry.level == 1 or chapter is None:
                outline.root.append(item)
                chapter = item
            else:
                chapter.children.append(item)


def _embed_fonts_once(final: Pdf, epoch: int, cache: Cache, pad: bool = False) -> None:
    """Replace each marker with one font program, subset to the glyphs used anywhere."""
    descriptors: dict[str, list[Dictionary]] = {}
    glyphs: dict[str, set[int]] = {}
    for font in _cid_fonts(final):
        descriptor = font.FontDescriptor
        program = descriptor.get("/FontFile2")
        if program is None:
            continue
        data = program.read_bytes()
        if not data.startswith(FONT_MARKER):
            continue
        key = data[len(FONT_MARKER):].decode("ascii")
        descriptors.setdefault(key, []).append(descriptor)
        glyphs.setdefault(key, set()).update(_used_glyphs(font.get("/W", Array())))
    for key, users in sorted(descriptors.items()):
        wanted = glyphs[key] | alphabet_glyphs(key) if pad else glyphs[key]
        program = subset(key, wanted, epoch, cache)
        stream = final.make_stream(program, Length1=len(program))
        for descriptor in users:
            descriptor.FontFile2 = stream


def _cid_fonts(final: Pdf):
    seen = set()
    for page in final.pages:
        for resources in _all_resources(page.obj.get("/Resources")):
            for font in resources.get("/Font", Dictionary()).values():
                for descendant in font.get("/DescendantFonts", Array()):
                    if descendant.objgen not in seen:
                        seen.add(descendant.objgen)
                        yield descendant


def _all_resources(resources, depth: int = 0):
    """A page's resources and those of the forms it draws."""
    if resources is None or depth > 4:
        return
    yield resources
    for xobject in resources.get("/XObject", Dictionary()).values():
        if xobject.get("/Subtype") == Name.Form:
            yield from _all_resources(xobject.get("/Resources"), depth + 1)


def _used_glyphs(widths: Array) -> set[int]:
    """Glyph ids from a CID font's W array: ``first [w …]`` or ``first last w``."""
    used, items, index = set(), list(widths), 0
    while index < len(items):
        first = int(items[index])
        following = items[index + 1]
        if isinstance(following, Array):
            used.update(range(first, first + len(following)))
            index += 2
        else:
            used.update(range(first, int(following) + 1))
            index += 3
    return used


def _write_metadata(final: Pdf, metadata: Metadata) -> None:
    final.docinfo.Title = String(metadata.title)
    if metadata.authors:
        final.docinfo.Author = String(", ".join(metadata.authors))
    final.docinfo.Subject = String(metadata.subject)
    final.docinfo.Keywords = String(", ".join(metadata.keywords))
    final.docinfo.Creator = String(metadata.creator)
    final.docinfo.Producer = String(f"WeasyPrint and pikepdf {pikepdf.__version__}")
    final.docinfo.CreationDate = String(metadata.created)
    final.docinfo.ModDate = String(metadata.modified)
    final.Root.Lang = String(metadata.language)
    final.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    if metadata.conformance == "pdf/ua-1":
        with final.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp.load_from_docinfo(final.docinfo)
            xmp["pdfuaid:part"] = "1"

