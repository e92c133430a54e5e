"""Saddle-stitch booklets: pages imposed two-up on sheets twice their size.

Printed double-sided and flipped on the short edge, the sheets stack and fold
into the handbook in reading order.  The page count is padded with blank
pages to a multiple of four; a landscape page (a course log) is turned a
quarter to fit its portrait slot.
"""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Dictionary, Name, Pdf

POINTS_PER_MM = 72 / 25.4
#: The most pages a saddle-stitched booklet holds well: 16 sheets of office paper, folded
#: and stapled; a thicker one gapes at the fold and its middle pages stick out.
SADDLE_STITCH_PAGES = 64


def booklet_order(pages: int) -> list[tuple[int | None, int | None]]:
    """(left, right) page indexes of each sheet side, front then back; None is blank."""
    padded = -(-pages // 4) * 4
    sides = []
    for sheet in range(padded // 4):
        front = (padded - 1 - 2 * sheet, 2 * sheet)
        back = (2 * sheet + 1, padded - 2 - 2 * sheet)
        sides += [front, back]
    return [tuple(index if index < pages else None for index in side) for side in sides]


def impose(data: bytes, sheet_mm: tuple[float, float]) -> bytes:
    """The booklet of the PDF ``data`` on landscape sheets of ``sheet_mm`` (width, height)."""
    source = Pdf.open(io.BytesIO(data))
    booklet = Pdf.new()
    width, height = (length * POINTS_PER_MM for length in sheet_mm)
    slot = width / 2
    forms = [booklet.copy_foreign(page.as_form_xobject()) for page in source.pages]
    for left, right in booklet_order(len(source.pages)):
        resources, drawing = Dictionary(), []
        for position, index in enumerate((left, right)):
            if index is None:
                continue
            name = f"/P{position}"
            resources[name] = forms[index]
            box = [float(value) for value in source.pages[index].mediabox]
            drawing.append(_place(name, box, position * slot, slot, height))
        page = pikepdf.Page(booklet.add_blank_page(page_size=(width, height)))
        page.obj.Resources = Dictionary(XObject=resources)
        page.obj.Contents = booklet.make_stream("\n".join(drawing).encode("ascii"))
    _carry_metadata(source, booklet)
    output = io.BytesIO()
    booklet.save(output, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return output.getvalue()


def _place(name: str, box: list[float], x: float, slot_width: float, slot_height: float) -> str:
    """Drawing operators that put a form, centred, into one half of the sheet."""
    page_width, page_height = box[2] - box[0], box[3] - box[1]
    if page_width > page_height:  # a landscape page turns a quarter to the left
        dx = x + (slot_width + page_height) / 2
        dy = (slot_height - page_width) / 2
        return f"q 0 1 -1 0 {dx:.3f} {dy:.3f} cm 1 0 0 1 {-box[0]:.3f} {-box[1]:.3f} cm {name} Do Q"
    dx = x + (slot_width - page_width) / 2 - box[0]
    dy = (slot_height - page_height) / 2 - box[1]
    return f"q 1 0 0 1 {dx:.3f} {dy:.3f} cm {name} Do Q"


def _carry_metadata(source: Pdf, booklet: Pdf) -> None:
    """Title, author and language survive imposition; the outline (of pages) does not."""
    for key, value in source.docinfo.items():
        booklet.docinfo[key] = value
    if Name.Lang in source.Root:
        booklet.Root.Lang = source.Root.Lang
    booklet.Root.ViewerPreferences = Dictionary(Duplex=Name.DuplexFlipShortEdge,
                                                DisplayDocTitle=True)
