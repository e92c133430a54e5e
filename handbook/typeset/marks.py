"""A print house's page: the bleed box exactly the bleed, crop marks and registration
crosses outside it.

WeasyPrint paints backgrounds into the bleed it is given, but records the bleed box at
most 10 pt wide and draws its own marks inside the bleed, half of it from the trim,
where the knife's tolerance and the bleed's ink meet them.  A print house expects the
marks to start beyond the bleed, on a slug around it.  So the handbook asks WeasyPrint
for the bleed only, and this step, run on the finished file as imposition is, sets the
boxes and draws the marks on a widened media box.  The marks are drawn as artifacts
(not content) and never touch the trim, the bleed or what is printed.
"""

from __future__ import annotations

import io
import math

import pikepdf
from pikepdf import Array, Pdf

POINTS_PER_MM = 72 / 25.4
#: The gap between the bleed's edge and the start of each mark, and a mark's length (mm).
MARK_OFFSET = 2.0
MARK_LENGTH = 5.0
#: A registration cross's radius (mm); it sits on the slug, centred on each side.
CROSS_RADIUS = 1.8
#: The slug beyond the marks' ends (mm), so no viewer or RIP clips them.
SLUG_MARGIN = 1.0
#: The marks' line width (points): a hairline, as print houses draw them.
LINE = 0.3


def slug_mm(bleed_mm: float) -> float:
    """How far the widened media box reaches beyond the trim, with marks."""
    return bleed_mm + MARK_OFFSET + MARK_LENGTH + SLUG_MARGIN


def finish_for_print(data: bytes, bleed_mm: float, marks: bool) -> bytes:
    """The PDF ``data`` with every bleed box ``bleed_mm`` beyond its trim box and, with
    ``marks``, the media box widened to the slug and crop marks and crosses drawn on it."""
    document = Pdf.open(io.BytesIO(data))
    bleed = bleed_mm * POINTS_PER_MM
    for page in document.pages:
        trim = [float(value) for value in page.obj.get("/TrimBox", page.mediabox)]
        page.obj.BleedBox = _grown(trim, bleed)
        if not marks:
            continue
        media = _grown(trim, slug_mm(bleed_mm) * POINTS_PER_MM)
        page.obj.MediaBox = media
        if "/CropBox" in page.obj:
            page.obj.CropBox = media
        page.contents_add(document.make_stream(b"q\n"), prepend=True)
        page.contents_add(document.make_stream(b"Q\n" + _marks(trim, bleed)))
    output = io.BytesIO()
    document.save(output, deterministic_id=True, compress_streams=True,
                  object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return output.getvalue()


def _grown(box: list[float], by: float) -> Array:
    left, bottom, right, top = box
    return Array([round(left - by, 4), round(bottom - by, 4), round(right + by, 4),
                  round(top + by, 4)])


def _marks(trim: list[float], bleed: float) -> bytes:
    """Drawing operators: at each corner two crop marks on the lines of the trim, running
    outwards from beyond the bleed; a registration cross in the middle of each side."""
    left, bottom, right, top = trim
    start = bleed + MARK_OFFSET * POINTS_PER_MM
    end = start + MARK_LENGTH * POINTS_PER_MM
    lines = []
    for x, outwards_x in ((left, -1), (right, 1)):
        for y, outwards_y in ((bottom, -1), (top, 1)):
            lines.append((x + outwards_x * start, y, x + outwards_x * end, y))
            lines.append((x, y + outwards_y * start, x, y + outwards_y * end))
    middle = (start + end) / 2
    centres = [((left + right) / 2, bottom - middle), ((left + right) / 2, top + middle),
               (left - middle, (bottom + top) / 2), (right + middle, (bottom + top) / 2)]
    radius = CROSS_RADIUS * POINTS_PER_MM
    drawing = [f"/Artifact BMC q {LINE:g} w 0 G 0 J"]
    for x1, y1, x2, y2 in lines:
        drawing.append(f"{x1:.3f} {y1:.3f} m {x2:.3f} {y2:.3f} l S")
    for x, y in centres:
        drawing.append(_circle(x, y, radius))
        drawing.append(f"{x - 1.5 * radius:.3f} {y:.3f} m {x + 1.5 * radius:.3f} {y:.3f} l S")
        drawing.append(f"{x:.3f} {y - 1.5 * radius:.3f} m {x:.3f} {y + 1.5 * radius:.3f} l S")
    drawing.append("Q EMC\n")
    return "\n".join(drawing).encode("ascii")


def _circle(x: float, y: float, radius: float) -> str:
    """A circle as four Bézier arcs, stroked."""
    k = radius * 4 * (math.sqrt(2) - 1) / 3
    points = [(x + radius, y), (x, y + radius), (x - radius, y), (x, y - radius)]
    path = [f"{points[0][0]:.3f} {points[0][1]:.3f} m"]
    for index in range(4):
        (x0, y0), (x1, y1) = points[index], points[(index + 1) % 4]
        control = (x0 - k * (y0 - y) / radius, y0 + k * (x0 - x) / radius,
                   x1 + k * (y1 - y) / radius, y1 - k * (x1 - x) / radius)
        path.append(" ".join(f"{value:.3f}" for value in control) + f" {x1:.3f} {y1:.3f} c")
    return " ".join(path) + " S"
