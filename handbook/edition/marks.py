"""Where a step's mark goes on its zone, how far it reaches, and where its number sits.

The figures promise what the step table says: a stroke "across" is drawn across, both
ways; a step beside the spine never touches the midline (its mark keeps its whole drawn
width clear of the strip over the spinous processes); and no step's number covers
another's.  This module works all of that out in the outline's frame (120 × 200, the
spine at x = 60), so a test can check it from the same data the renderer draws.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..source.models.zones import MIDLINE, SPINE_STRIP, DrawnPath

if TYPE_CHECKING:
    from ..source.models.zones import Zone

#: A stroke is drawn at least this long, however small its zone.
SHORTEST = 12.0
INSET = 0.14  # how far a mark keeps from the edge of its zone, as a share of the zone
#: A step's number sits in a circle this large (in units of the panel's ``unit``).
LABEL_RADIUS = 4.6
#: Sizes of the drawn marks, in units of the panel's ``unit``: the arrowhead's length, the
#: loops of kneading, the swing of a zigzag or a wave, the dots of pressure, the line.
ARROW = 4.2
ARROW_SPREAD = 0.45  # half the angle of an arrowhead, in radians
LOOP_RADIUS = 2.6
ZIGZAG_SWING = 3.0
WAVE_SWING = 6.0  # the control point's offset; the curve itself swings half as far
DOT_RADIUS = 1.8
#: Half the bar across the middle of a traction mark (where the stretch starts from).
TRACTION_BAR = 2.6
LINE_WIDTH = 1.4
#: How far each kind of mark is drawn beyond its centre line, in units of ``unit``.
REACH = {
    "arrow": ARROW * math.sin(ARROW_SPREAD), "double": ARROW * math.sin(ARROW_SPREAD),
    "traction": TRACTION_BAR, "path": ARROW * math.sin(ARROW_SPREAD),
    "circles": LOOP_RADIUS, "zigzag": ZIGZAG_SWING, "wavy": WAVE_SWING / 2,
    "points": DOT_RADIUS,
}


@dataclass(frozen=True)
class Mark:
    """One step on a figure: its number, how it is drawn, where (frame units), and the zone
    it is drawn on."""

    number: int
    kind: str  # arrow, double, circles, zigzag, wavy, points, traction, path
    points: tuple[tuple[float, float], ...]
    zone: str = ""


def reach(mark: Mark, unit: float) -> float:
    """How far the drawn mark spreads beyond its centre line, in frame units."""
    return (REACH[mark.kind] + LINE_WIDTH / 2) * unit


def _bounds(polygon) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in polygon], [y for _, y in polygon]
    return min(xs), min(ys), max(xs), max(ys)


def marks(number: int, path, zone: Zone, lane: int, lanes: int, unit: float) -> list[Mark]:
    """The marks of one step on one zone: one per polygon (each side of the spine), or a
    mirrored pair on a polygon that spans the spine, in the step's own lane; "across and
    along" is a cross of the two."""
    if path == "across-and-along":
        return (marks(number, "across", zone, lane, lanes, unit)
                + marks(number, "up-and-down", zone, lane, lanes, unit))
    drawn = []
    share = (lane + 1) / (lanes + 1)
    for polygon in zone.shape:
        x0, y0, x1, y1 = _bounds(polygon)
        width, height = x1 - x0, y1 - y0
        top, bottom = y0 + INSET * height, y1 - INSET * height
        if bottom - top < SHORTEST:  # a small zone: the stroke reaches a little beyond it
            middle = (y0 + y1) / 2
            top, bottom = middle - SHORTEST / 2, middle + SHORTEST / 2
        if isinstance(path, DrawnPath):
            points = tuple((x0 + px * width, y0 + py * height) for px, py in path.points)
            drawn.append(Mark(number, "path", points, zone.id))
            continue
        row = top + share * (bottom - top)
        # no mark touches the strip over the spinous processes: its whole drawn width clear
        clear = SPINE_STRIP + (REACH[_kind(path)] + LINE_WIDTH / 2) * unit
        if x0 < MIDLINE < x1:  # spans the spine
            if path == "across":  # one stroke over the whole zone, both ways
                half = max((x1 - x0) * (1 - 2 * INSET), SHORTEST) / 2
                drawn.append(Mark(number, "double", ((MIDLINE - half, row),
                                                     (MIDLINE + half, row)), zone.id))
                continue
            # a mirrored pair; on a narrow zone (the neck) each lane a mark's width further out
            half = min(MIDLINE - x0, x1 - MIDLINE)
            offset = max(share * half * 0.85, clear + lane * 2 * (max(REACH.values())
                                                                  + LINE_WIDTH / 2) * unit)
            columns = [MIDLINE - offset, MIDLINE + offset]
            spans = [(x0 + INSET * width, MIDLINE - clear), (x1 - INSET * width, MIDLINE + clear)]
        else:
            column = x0 + share * width
            if abs(column - MIDLINE) < clear:
                column = MIDLINE - clear if x1 < MIDLINE else MIDLINE + clear
            columns, spans = [column], [_span(x0, x1, clear)]
        for column, (start, end) in zip(columns, spans * (len(columns) // len(spans) or 1)):
            drawn.append(_mark(number, path, column, row, top, bottom, start, end, zone.id))
    return drawn


def _span(x0: float, x1: float, clear: float) -> tuple[float, float]:
    """A stroke across a polygon on one side of the spine: from its outer part towards the
    spine, at least SHORTEST long (lengthened outwards), its end at least ``clear`` from
    the midline."""
    near, far = (x1, x0) if abs(x1 - MIDLINE) < abs(x0 - MIDLINE) else (x0, x1)
    start, end = far + (near - far) * INSET, near - (near - far) * INSET
    if abs(end - MIDLINE) < clear:
        end = MIDLINE - clear if near < MIDLINE else MIDLINE + clear
    if abs(end - start) < SHORTEST:
        outwards = -1 if near < MIDLINE else 1
        start = end + outwards * SHORTEST
    return start, end


def _kind(path) -> str:
    return {"up-and-down": "double", "across": "double", "traction": "traction",
            "circles": "circles", "zigzag": "zigzag", "wavy": "wavy",
            "points": "points", "hold": "points"}.get(path, "arrow")


def _mark(number: int, direction: str, x: float, row: float, top: float, bottom: float,
          start: float, end: float, zone: str) -> Mark:
    """One mark at column ``x`` (vertical strokes) or row ``row`` (strokes across)."""
    kind = _kind(direction)
    if direction == "up":
        points = ((x, bottom), (x, top))
    elif direction == "down":
        points = ((x, top), (x, bottom))
    elif direction in ("toward-spine", "away-from-spine", "across"):
        points = ((start, row), (end, row))
        if direction == "away-from-spine":
            points = points[::-1]
    elif kind == "points":
        points = ((x, top), (x, (top + bottom) / 2), (x, bottom))
    else:  # up and down, traction, circles, zigzag and waves: drawn from the bottom up
        points = ((x, bottom), (x, top))
    return Mark(number, kind, points, zone)


def place_labels(marks: list[Mark], box: tuple[float, float, float, float],
                 unit: float) -> tuple[tuple[int, tuple[float, float]], ...]:
    """One number per step, each where no other number covers it: just behind the tail of
    the step's first mark (or beside it, for a mark with a head or a dot at each end) if
    that is free, else the nearest free place along or beside it, else the nearest free
    place in the panel."""
    radius = LABEL_RADIUS * unit
    x0, y0, size = box[0], box[1], box[2]
    inside = (x0 + radius, y0 + radius, x0 + size - radius, y0 + size - radius)
    placed: list[tuple[int, tuple[float, float]]] = []
    firsts: dict[int, Mark] = {}
    for mark in marks:
        firsts.setdefault(mark.number, mark)
    for mark in firsts.values():
        candidates = _candidates(mark, radius, reach(mark, unit), inside)
        free = next((spot for spot in candidates
                     if not any(_overlap(spot, other, radius) for _, other in placed)),
                    mark.points[0])
        placed.append((mark.number, free))
    return tuple(placed)


def _preferred(mark: Mark, radius: float, spread: float) -> list[tuple[float, float]]:
    """Where a number reads best: behind a stroke's tail, so it hides none of the stroke;
    beside the middle of a mark that has a head or a dot at its start (outwards from the
    spine, or above a stroke across)."""
    (x1, y1), (x2, y2) = mark.points[0], mark.points[-1]
    length = math.dist((x1, y1), (x2, y2)) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    behind = (x1 - ux * (radius + 0.8), y1 - uy * (radius + 0.8))
    middle = ((x1 + x2) / 2, (y1 + y2) / 2)
    normal = (-uy, ux)
    if abs(ux) > abs(uy):  # across: above the stroke
        normal = normal if normal[1] < 0 else (uy, -ux)
    elif (normal[0] < 0) != (middle[0] < MIDLINE):  # beside: away from the spine
        normal = (uy, -ux)
    off = radius + spread + 0.6
    beside = (middle[0] + normal[0] * off, middle[1] + normal[1] * off)
    if mark.kind in ("double", "traction", "points"):
        return [beside, behind]
    return [behind, beside]


def _candidates(mark: Mark, radius: float, spread: float, inside):
    left, top, right, bottom = inside
    (x1, y1), (x2, y2) = mark.points[0], mark.points[-1]
    along = _preferred(mark, radius, spread) + [
        (x1 + (x2 - x1) * share, y1 + (y2 - y1) * share) for share in (0, 0.25, 0.5, 0.75, 1)]
    beside = [(x + dx * 2.4 * radius, y + dy * 2.4 * radius) for x, y in along
              for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1))]
    step = radius / 2
    grid = sorted(((left + step * i, top + step * j)
                   for i in range(int((right - left) / step) + 1)
                   for j in range(int((bottom - top) / step) + 1)),
                  key=lambda spot: math.dist(spot, (x1, y1)))
    for x, y in along + beside + grid:
        if left - 1e-9 <= x <= right + 1e-9 and top - 1e-9 <= y <= bottom + 1e-9:
            yield (x, y)


def _overlap(a: tuple[float, float], b: tuple[float, float], radius: float) -> bool:
    """Whether two numbers' boxes (squares of side 2 × radius) overlap, with a hair's gap."""
    gap = 2 * radius * 1.05
    return abs(a[0] - b[0]) < gap and abs(a[1] - b[1]) < gap
