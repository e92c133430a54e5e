"""Figures drawn from the protocol data: where the hands go, and which way they move.

Each stage of a protocol gets a body map: its zones shaded on the outline of the
view the patient lies in, each step a numbered mark matching its number in the
step table (an arrow up or down, towards or away from the spine, circles for
circular rubbing, a zigzag or a wave for cupping, dots for pressure).  A region's
chapter opens with a spine map of its segments.  The geometry is worked out
here, in the outline's frame (120 × 200, the spine at x = 60); the renderer only
draws it.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..source.models.zones import SPINE, DrawnPath, segment_range
from .words import N_

if TYPE_CHECKING:
    from ..source.models import Library, Protocol, Region
    from ..source.models.zones import Zone
    from .words import Words

MIDLINE = 60.0
#: Every panel is a square of the frame at least this high: enough of the body around the
#: zones to see where they are (the head and shoulders around the neck, say).
PANEL = 76.0
#: A stroke is drawn at least this long, however small its zone.
SHORTEST = 12.0
#: A stage with more steps than this gets a small panel per step.
MARKS_PER_PANEL = 3
INSET = 0.14  # how far a mark keeps from the edge of its zone, as a share of the zone

DIRECTION_WORDS = {
    "up": N_("upwards"), "down": N_("downwards"), "up-and-down": N_("up and down"),
    "toward-spine": N_("towards the spine"), "away-from-spine": N_("away from the spine"),
    "across": N_("across"), "circles": N_("in small circles"), "zigzag": N_("in a zigzag"),
    "wavy": N_("in waves"), "points": N_("pressing point by point"),
    "traction": N_("stretching the spine lengthwise"), "hold": N_("holding still"),
    "drawn": N_("along the drawn path"),
}


@dataclass(frozen=True)
class Mark:
    """One step on a figure: its number, how it is drawn, and where (frame units)."""

    number: int
    kind: str  # arrow, double, circles, zigzag, wavy, points, traction, path
    points: tuple[tuple[float, float], ...]
    label: tuple[float, float]


@dataclass(frozen=True)
class Panel:
    view: str
    box: tuple[float, float, float, float]  # x, y, width, height of the frame shown
    zones: tuple[tuple[tuple[float, float], ...], ...]  # polygons to shade
    marks: tuple[Mark, ...]
    #: The alternative text of this panel, read aloud where it cannot be seen.
    description: str = ""
    #: How large marks and numbers are drawn, in frame units (they keep one size on paper
    #: whatever the panel's zoom).
    unit: float = 1.0


@dataclass(frozen=True)
class Figure:
    """A body map: a panel per view its zones lie on (or, for a stage of many steps, a small
    panel per step, so no mark hides another), and a caption."""

    caption: str
    panels: tuple[Panel, ...]
    small: bool = False


@dataclass(frozen=True)
class SpineMap:
    caption: str
    description: str
    segments: tuple[tuple[str, bool], ...]  # every vertebra from C1 to S5, highlighted or not
    groups: tuple[tuple[str, str, bool], ...]  # (label, first-last, highlighted)


class Drawer:
    """Figures for one library in one language."""

    def __init__(self, library: Library, words: Words):
        self.zones = {zone.id: zone for zone in library.zones}
        self.words = words

    def stage(self, label: str, title: str, steps: Sequence[tuple[int, str, object]]) -> Figure:
        """The body map of one stage: ``steps`` are (number, action name, step)."""
        caption = f"{label}: {title}"
        groups = ([[step] for step in steps] if len(steps) > MARKS_PER_PANEL else [list(steps)])
        panels = []
        for group in groups:
            zones = [zone for _, _, step in group for zone in step.zone]
            for view in _views(self.zones[zone] for zone in zones):
                drawn = [(number, action, step) for number, action, step in group
                         if any(self.zones[zone].view == view for zone in step.zone)]
                shaded = [self.zones[zone] for zone in dict.fromkeys(zones)
                          if self.zones[zone].view == view]
                panel = self._panel(view, shaded, [(number, step) for number, _, step in drawn],
                                    small=len(groups) > 1)
                panels.append(dataclasses.replace(
                    panel, description=f"{caption}. {self._described(drawn)}."))
        return Figure(caption, tuple(panels), small=len(groups) > 1)

    def _described(self, steps) -> str:
        words = self.words
        return "; ".join(
            words.gettext("{number} {action} {direction} over {zones}", number=number,
                          action=action.lower(), direction=words.gettext(
                              DIRECTION_WORDS[_direction(step)]),
                          zones=_listed(words, [self.zones[zone].name.lower()
                                                for zone in step.zone]))
            for number, action, step in steps)

    def where(self, zone_ids: Sequence[str], caption: str) -> Figure:
        """The zones shaded without marks: where the massage will be, or where a sign is."""
        zones = [self.zones[zone] for zone in dict.fromkeys(zone_ids)]
        names = _listed(self.words, [zone.name.lower() for zone in zones])
        panels = tuple(dataclasses.replace(
            self._panel(view, [zone for zone in zones if zone.view == view], []),
            description=f"{caption}: {names}.") for view in _views(zones))
        return Figure(caption, panels)

    def protocol_zones(self, protocol: Protocol) -> list[str]:
        return [zone for stage in protocol.stages for step in stage.steps for zone in step.zone]

    def spine(self, region: Region) -> SpineMap:
        first, last = segment_range(region.segments)
        lit = set(SPINE[SPINE.index(first):SPINE.index(last) + 1])
        groups = tuple((letter, f"{letter}1–{letter}{count}",
                        any(segment in lit for segment in SPINE if _group(segment) == letter))
                       for letter, count in (("C", 7), ("Th", 12), ("L", 5), ("S", 5)))
        span = f"{first}–{last}"
        caption = self.words.gettext("The spine: {span} highlighted", span=span)
        return SpineMap(caption, caption, tuple((segment, segment in lit) for segment in SPINE),
                        groups)

    def _panel(self, view: str, zones: list[Zone], steps: list[tuple[int, object]],
               small: bool = False) -> Panel:
        polygons = tuple(tuple((x, y) for x, y in polygon)
                         for zone in zones for polygon in zone.shape)
        box = _box(polygons)
        unit = box[2] / (58 if small else 100)
        marks = []
        for lane, (number, step) in enumerate(steps):
            for zone in (self.zones[zone] for zone in step.zone):
                if zone.view == view:
                    marks += _marks(number, step.path, zone, lane, len(steps))
        return Panel(view, box, polygons, tuple(_spread_labels(marks, unit)), unit=unit)


#: A step's number sits in a circle this large (in units of the panel's ``unit``).
LABEL_RADIUS = 4.6


def _spread_labels(marks: list[Mark], unit: float) -> list[Mark]:
    """Move a step's number along its stroke until it no longer covers another step's."""
    placed: list[tuple[int, tuple[float, float]]] = []
    spread = []
    for mark in marks:
        (x1, y1), (x2, y2) = mark.points[0], mark.points[-1]
        x, y = mark.label
        for attempt in range(8):
            clash = any(number != mark.number and math.dist((x, y), other)
                        < 2.1 * LABEL_RADIUS * unit for number, other in placed)
            if not clash:
                break
            share = (attempt + 1) / 8  # slide from the tail towards the head
            x, y = x1 + (x2 - x1) * share, y1 + (y2 - y1) * share
        placed.append((mark.number, (x, y)))
        spread.append(dataclasses.replace(mark, label=(x, y)))
    return spread


def _views(zones) -> list[str]:
    return list(dict.fromkeys(zone.view for zone in zones))


def _group(segment: str) -> str:
    return segment.rstrip("0123456789")


def _direction(step) -> str:
    return "drawn" if isinstance(step.path, DrawnPath) else step.path


def _listed(words: Words, names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return words.gettext("{items} and {last}", items=", ".join(names[:-1]), last=names[-1])


def _box(polygons) -> tuple[float, float, float, float]:
    """A square of the frame holding every polygon with a margin, centred on the midline."""
    ys = [y for polygon in polygons for _, y in polygon] or [0.0, 200.0]
    xs = [x for polygon in polygons for x, _ in polygon] or [MIDLINE]
    top, bottom = min(ys), max(ys)
    size = min(200.0, max(PANEL, bottom - top + 24,
                          2 * max(abs(x - MIDLINE) for x in xs) + 16))
    y = min(max(0.0, (top + bottom) / 2 - size / 2), 200.0 - size)
    return (MIDLINE - size / 2, y, size, size)


def _bounds(polygon) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in polygon], [y for _, y in polygon]
    return min(xs), min(ys), max(xs), max(ys)


def _marks(number: int, path, zone: Zone, lane: int, lanes: int) -> list[Mark]:
    """The marks of one step on one zone: one per polygon (each side of the spine), or a
    mirrored pair on a polygon that spans the spine, in the step's own lane."""
    marks = []
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
            marks.append(Mark(number, "path", points, points[0]))
            continue
        if x0 < MIDLINE < x1:  # spans the spine: a pair, mirrored about it
            half = min(MIDLINE - x0, x1 - MIDLINE)
            columns = [MIDLINE - share * half * 0.85, MIDLINE + share * half * 0.85]
            outer = [(x0 + INSET * width, MIDLINE - 3), (x1 - INSET * width, MIDLINE + 3)]
        else:
            columns = [x0 + share * width]
            near_spine = x1 if abs(x1 - MIDLINE) < abs(x0 - MIDLINE) else x0
            far = x0 if near_spine == x1 else x1
            outer = [(far + (near_spine - far) * INSET, near_spine - (near_spine - far) * INSET)]
        row = top + share * (bottom - top)
        for column, (start, end) in zip(columns, outer * (len(columns) // len(outer) or 1)):
            marks.append(_mark(number, path, column, row, top, bottom, start, end))
    return marks


def _mark(number: int, direction: str, x: float, row: float, top: float, bottom: float,
          start: float, end: float) -> Mark:
    """One mark at column ``x`` (vertical strokes) or row ``row`` (strokes across)."""
    if direction == "up":
        return Mark(number, "arrow", ((x, bottom), (x, top)), (x, bottom))
    if direction == "down":
        return Mark(number, "arrow", ((x, top), (x, bottom)), (x, top))
    if direction in ("up-and-down", "traction"):
        kind = "double" if direction == "up-and-down" else "traction"
        return Mark(number, kind, ((x, bottom), (x, top)), (x, bottom))
    if direction in ("toward-spine", "away-from-spine", "across"):
        points = ((start, row), (end, row))
        if direction == "away-from-spine":
            points = points[::-1]
        return Mark(number, "double" if direction == "across" else "arrow", points, points[0])
    if direction in ("circles", "zigzag", "wavy"):
        return Mark(number, direction, ((x, bottom), (x, top)), (x, bottom))
    return Mark(number, "points", ((x, top), (x, (top + bottom) / 2), (x, bottom)), (x, top))
