"""A built PDF read back as a reader sees its pages: lines of text with their boxes, fonts and
baselines, the straight rules drawn between them, and the figures.

The page-quality check (page_quality.py) judges these and nothing else: it never asks the
code that made the PDF how it meant the pages to look.  Text and drawings come from PDFium
(pypdfium2), which places every glyph through every transformation the way a viewer does;
a booklet's sheets are first cut back into its pages (sheets.py).
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw
from sheets import cut_sheets

#: (left, bottom, right, top) in PDF points, y upwards.
Box = tuple[float, float, float, float]
#: The longest side a stroke may have to be a table's or a box's rule rather than a drawing;
#: the thickest a rule is (a callout's accent bar is 2.4 mm).
RULE_THICKNESS = 8.0


@dataclass(frozen=True)
class Run:
    """Glyphs set one after another on one baseline in one font: a text box."""

    text: str
    box: Box
    baseline: float
    size: float  # points, as printed
    font: str  # the base font name, subset prefix removed

    @property
    def bold_sans(self) -> bool:
        return "Sans" in self.font and "Bold" in self.font

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]


@dataclass
class Page:
    """One page in reading order: its trimmed size and what is printed on it."""

    number: int
    trim: Box
    runs: list[Run] = field(default_factory=list)
    #: Straight strokes outside figures: table rules, box borders, the rules under headings.
    rules: list[Box] = field(default_factory=list)
    #: The clipped area of each drawing (a body map's panel, a spine map).
    figures: list[Box] = field(default_factory=list)
    #: Where the page sits in the PDF: "page 7", or a booklet's "sheet 3 front, left".
    place: str = ""
    #: The height of every named destination on the page (an element's id: a section, a
    #: protocol, a form), or None when the PDF has none at all (a booklet's sheets).
    anchors: list[float] | None = None

    @property
    def landscape(self) -> bool:
        return self.trim[2] - self.trim[0] > self.trim[3] - self.trim[1]

    @property
    def blank(self) -> bool:
        return not self.runs and not self.rules and not self.figures


def read_pages(path: Path, *, imposed: bool = False) -> list[Page]:
    """Every page of the PDF at ``path``; ``imposed``: a booklet's sheets, cut into its pages."""
    anchors: dict[int, list[float]] | None = None
    if not imposed:
        document = pdfium.PdfDocument(str(path))
        places = [f"page {number}" for number in range(1, len(document) + 1)]
        anchors = _anchors(path)
    else:
        data, places = cut_sheets(path)
        document = pdfium.PdfDocument(data)
    try:
        pages = [_read_page(document[index], index + 1, place)
                 for index, place in enumerate(places)]
    finally:
        document.close()
    if anchors is not None:
        for page in pages:
            page.anchors = anchors.get(page.number, [])
    return pages


def _anchors(path: Path) -> dict[int, list[float]] | None:
    """The heights of the named destinations on each 1-based page, or None if there are none."""
    with pikepdf.open(path) as pdf:
        names = pdf.Root.get("/Names")
        if names is None or "/Dests" not in names:
            return None
        pages = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        found: dict[int, list[float]] = {}
        for _, target in pikepdf.NameTree(names.Dests).items():
            target = target.D if isinstance(target, pikepdf.Dictionary) else target
            number = pages.get(target[0].objgen)
            if number is not None and len(target) > 3 and str(target[1]) == "/XYZ":
                found.setdefault(number, []).append(float(target[3]))
        return found


def _read_page(page, number: int, place: str) -> Page:
    trim = tuple(page.get_trimbox())
    result = Page(number, trim, place=place)
    text_page = page.get_textpage()
    result.runs = _runs(text_page)
    text_page.close()
    rules = []
    for item in page.get_objects(max_depth=0):
        bounds = tuple(item.get_bounds())
        clip = _clip_box(raw.FPDFPageObj_GetClipPath(item.raw))
        if item.type == raw.FPDF_PAGEOBJ_TEXT:
            continue
        if clip and _thin(clip):  # one side of a box's border, drawn clipped to that side
            rules.append(_intersection(bounds, clip) or clip)
        elif item.type in (raw.FPDF_PAGEOBJ_FORM, raw.FPDF_PAGEOBJ_IMAGE) or clip:
            result.figures.append(_intersection(bounds, clip or bounds))
        elif item.type == raw.FPDF_PAGEOBJ_PATH:
            rules += _rules(item, bounds)
    # Drawn beyond the trim (crop marks, a page-wide background) is no figure of the page.
    result.figures = sorted({box for box in result.figures if box is not None
                             and _intersection(box, trim) == box})
    result.rules = [rule for rule in rules if _intersection(rule, trim) and not any(
        _contains(figure, ((rule[0] + rule[2]) / 2, (rule[1] + rule[3]) / 2))
        for figure in result.figures)]  # crop marks, and a figure's own strokes, are no rules
    page.close()
    return result


def _rules(item, bounds: Box) -> list[Box]:
    """What of a path is a rule: a stroked straight line, across or down; the sides of a
    filled frame (a box's border, drawn as two nested rectangles); a thin filled bar."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(item.raw, fill, stroke)
    thin = _thin(bounds)
    if stroke.value and not fill.value:
        return [bounds] if raw.FPDFPath_CountSegments(item.raw) == 2 and thin else []
    rectangles = _rectangles(item)
    if len(rectangles) == 1 and thin:
        return rectangles
    if len(rectangles) != 2:
        return []
    outer, inner = sorted(rectangles, key=lambda box: box[0])
    if not (outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2]
            and inner[3] <= outer[3]):
        return []
    sides = [(outer[0], outer[1], inner[0], outer[3]), (inner[2], outer[1], outer[2], outer[3]),
             (outer[0], outer[1], outer[2], inner[1]), (outer[0], inner[3], outer[2], outer[3])]
    return [side for side in sides if min(side[2] - side[0], side[3] - side[1]) > 0.05]


def _thin(box: Box) -> bool:
    width, height = box[2] - box[0], box[3] - box[1]
    return min(width, height) <= RULE_THICKNESS and max(width, height) > 2 * min(width, height)


def _rectangles(item) -> list[Box]:
    """A path made only of straight, upright rectangles, as their boxes in page space."""
    matrix = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(item.raw, matrix)
    x, y = ctypes.c_float(), ctypes.c_float()
    shapes: list[list[tuple[float, float]]] = []
    for index in range(raw.FPDFPath_CountSegments(item.raw)):
        segment = raw.FPDFPath_GetPathSegment(item.raw, index)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            return []
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        point = (matrix.a * x.value + matrix.c * y.value + matrix.e,
                 matrix.b * x.value + matrix.d * y.value + matrix.f)
        if kind == raw.FPDF_SEGMENT_MOVETO or not shapes:
            shapes.append([])
        shapes[-1].append(point)
    boxes = []
    for points in shapes:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        box = (min(xs), min(ys), max(xs), max(ys))
        if not all(min(abs(px - box[0]), abs(px - box[2])) < 0.01
                   and min(abs(py - box[1]), abs(py - box[3])) < 0.01 for px, py in points):
            return []
        boxes.append(box)
    return boxes


def _clip_box(clip) -> Box | None:
    """The smallest of the outlines a clip path holds (a figure's panel), or None."""
    boxes = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for path in range(max(raw.FPDFClipPath_CountPaths(clip), 0) if clip else 0):
        xs, ys = [], []
        for index in range(raw.FPDFClipPath_CountPathSegments(clip, path)):
            segment = raw.FPDFClipPath_GetPathSegment(clip, path, index)
            if segment and raw.FPDFPathSegment_GetPoint(segment, x, y):
                xs.append(x.value)
                ys.append(y.value)
        if xs:
            boxes.append((min(xs), min(ys), max(xs), max(ys)))
    return min(boxes, key=lambda box: (box[2] - box[0]) * (box[3] - box[1]), default=None)


def _intersection(first: Box, second: Box) -> Box | None:
    box = (max(first[0], second[0]), max(first[1], second[1]), min(first[2], second[2]),
           min(first[3], second[3]))
    return tuple(round(value, 2) for value in box) if box[0] < box[2] and box[1] < box[3] \
        else None


def _contains(box: Box, point: tuple[float, float]) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def _runs(text_page) -> list[Run]:
    """Glyphs grouped into runs: a run ends where the baseline, the font or the size changes,
    where the next glyph starts left of this one (set back over it), or after a gap wider
    than a space."""
    handle = text_page.raw
    count = text_page.count_chars()
    text = text_page.get_text_range(0, count) if count else ""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    x, y = ctypes.c_double(), ctypes.c_double()
    fonts: dict[int | None, tuple[str, float]] = {}  # per text object: its font and size
    runs: list[Run] = []
    current: dict | None = None

    def close():
        if current and current["text"].strip():
            runs.append(Run(current["text"].strip(), tuple(current["box"]), current["baseline"],
                            current["size"], current["font"]))

    for index, character in enumerate(text[:count]):
        if character in "\r\n":
            close()
            current = None
            continue
        if character.isspace():
            if current is not None:
                current["text"] += " "
            continue
        obj = raw.FPDFText_GetTextObject(handle, index)
        key = ctypes.cast(obj, ctypes.c_void_p).value
        if key not in fonts:
            fonts[key] = _font(handle, index, obj)
        font, size = fonts[key]
        raw.FPDFText_GetCharOrigin(handle, index, x, y)
        raw.FPDFText_GetCharBox(handle, index, left, right, bottom, top)
        box = [left.value, bottom.value, right.value, top.value]
        if box[2] - box[0] <= 0 or box[3] - box[1] <= 0:  # a glyph with no ink
            box = [x.value, y.value, x.value, y.value]
        same = (current is not None and abs(current["baseline"] - y.value) < 0.5
                and current["font"] == font and abs(current["size"] - size) < 0.2
                and current["origin"] - 0.5 <= x.value <= current["box"][2] + 0.4 * size)
        if not same:
            close()
            current = {"text": "", "box": box, "baseline": y.value, "size": size,
                       "font": font, "origin": x.value}
        current["text"] += character
        current["box"] = [min(current["box"][0], box[0]), min(current["box"][1], box[1]),
                          max(current["box"][2], box[2]), max(current["box"][3], box[3])]
        current["origin"] = x.value  # a ligature's glyphs share one origin
    close()
    return runs


def _font(handle, index: int, obj) -> tuple[str, float]:
    """A glyph's font (its base name, subset prefix removed) and size as printed."""
    matrix = raw.FS_MATRIX()
    raw.FPDFText_GetMatrix(handle, index, matrix)
    size = raw.FPDFText_GetFontSize(handle, index) * math.sqrt(
        abs(matrix.a * matrix.d - matrix.b * matrix.c))
    name = ctypes.create_string_buffer(128)
    font = raw.FPDFTextObj_GetFont(obj) if obj else None
    if font:
        raw.FPDFFont_GetBaseFontName(font, name, len(name))
    return name.value.decode("latin-1").split("+")[-1], size
