"""Figures drawn from the protocol data: where the hands go, and which way they move.

Each stage of a protocol gets a body map: its zones shaded on the outline of the
view the patient lies in, each step a numbered mark matching its number in the
step table (an arrow up or down, towards or away from the spine, circles for
circular rubbing, a zigzag or a wave for cupping, dots for pressure).  A region's
chapter opens with a spine map of its segments; the technique reference shows a
legend of the marks.  The geometry is worked out here and in marks.py, in the
outline's frame (120 × 200, the spine at x = 60); the renderer only draws it.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..source.models.zones import MIDLINE, SPINE, DrawnPath, segment_range
from .marks import Mark, marks, place_labels
from .words import N_

if TYPE_CHECKING:
    from ..source.models import Library, Protocol, Region
    from ..source.models.zones import Zone
    from .words import Words

#: Every panel is a square of the frame at least this high: enough of the body around the
#: zones to see where they are (the head and shoulders around the neck, say).
PANEL = 76.0
#: A stage with more steps than this gets a small panel per step.
MARKS_PER_PANEL = 3
#: A mark's size (its ``unit``) is this share of its panel's side: every panel prints
#: one size, so marks and numbers print one size too.
MARK_SCALE = 1 / 100

DIRECTION_WORDS = {
    "up": N_("upwards"), "down": N_("downwards"), "up-and-down": N_("up and down"),
    "toward-spine": N_("towards the spine"), "away-from-spine": N_("away from the spine"),
    "across": N_("across"), "across-and-along": N_("across and along"), "circles": N_("in small circles"), "zigzag": N_("in a zigzag"),
    "wavy": N_("in waves"), "points": N_("pressing point by point"),
    "traction": N_("stretching the spine lengthwise"), "hold": N_("holding still"),
    "drawn": N_("along the drawn path"),
}


#: What each kind of mark means, in the legend of the technique reference.
LEGEND_WORDS = {
    "arrow": N_("A stroke: the hands move the way the arrow points (stroking, squeezing, "
                "rubbing)."),
    "double": N_("Both ways: up and down, or across and back."),
    "circles": N_("Circles along a line: kneading or circular rubbing."),
    "zigzag": N_("A zigzag: the cup or the hands move in a zigzag."),
    "wavy": N_("Waves: shaking, or a cup gliding in waves."),
    "points": N_("Dots: pressure point by point, pinching, or a hold."),
    "traction": N_("Arrows apart: traction, the spine stretched lengthwise."),
}


@dataclass(frozen=True)
class Panel:
    view: str
    box: tuple[float, float, float, float]  # x, y, width, height of the frame shown
    zones: tuple[tuple[tuple[float, float], ...], ...]  # polygons to shade
    marks: tuple[Mark, ...]
    #: Each step's number and where it is drawn, placed so no two overlap.
    labels: tuple[tuple[int, tuple[float, float]], ...] = ()
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
                panel = self._panel(view, shaded, [(number, step) for number, _, step in drawn])
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
        """Where the hands will work, for a patient's map: a traction step names where the
        doctor holds the patient (the legs), which is no place of massage, so it is left out."""
        return [zone for stage in protocol.stages for step in stage.steps
                if step.path != "traction" for zone in step.zone]

    def legend(self) -> tuple[tuple[Mark, str], ...]:
        """A sample of every kind of mark, with what it means, for the technique reference."""
        words = self.words
        return tuple((Mark(0, kind, points), words.gettext(meaning)) for kind, points, meaning in (
            ("arrow", ((10, 30), (10, 6)), LEGEND_WORDS["arrow"]),
            ("double", ((10, 30), (10, 6)), LEGEND_WORDS["double"]),
            ("circles", ((10, 30), (10, 6)), LEGEND_WORDS["circles"]),
            ("zigzag", ((10, 30), (10, 6)), LEGEND_WORDS["zigzag"]),
            ("wavy", ((10, 30), (10, 6)), LEGEND_WORDS["wavy"]),
            ("points", ((10, 8), (10, 18), (10, 28)), LEGEND_WORDS["points"]),
            ("traction", ((10, 32), (10, 4)), LEGEND_WORDS["traction"])))

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

    def _panel(self, view: str, zones: list[Zone], steps: list[tuple[int, object]]) -> Panel:
        polygons = tuple(tuple((x, y) for x, y in polygon)
                         for zone in zones for polygon in zone.shape)
        box = _box(polygons)
        unit = box[2] * MARK_SCALE
        drawn = []
        for lane, (number, step) in enumerate(steps):
            for zone in (self.zones[zone] for zone in step.zone):
                if zone.view == view:
                    drawn += marks(number, step.path, zone, lane, len(steps), unit)
        return Panel(view, box, polygons, tuple(drawn), place_labels(drawn, box, unit),
                     unit=unit)


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


