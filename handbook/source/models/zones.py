"""Where the hands go: body zones, the path a step takes over them, and spine segments.

Zones are drawn on outline views of the body (``back`` as a patient lies face
down, ``front`` face up) in one frame: 120 units wide, 200 high, the midline
at x = 60, the top of the head at y = 0.  A step names its zones and its path,
so a change to a step changes its picture.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from .base import Id, Strict, Text

View = Literal["back", "front"]
#: The ways a hand moves over a zone; "up" is towards the head.
Direction = Literal[
    "up", "down", "up-and-down", "toward-spine", "away-from-spine", "across",
    "across-and-along", "circles",
    "zigzag", "wavy", "points", "traction", "hold",
]
DIRECTIONS: tuple[str, ...] = Direction.__args__
FRAME_WIDTH, FRAME_HEIGHT = 120.0, 200.0
MIDLINE = FRAME_WIDTH / 2
#: Half the width of the strip over the spinous processes, in frame units (about 1.2 cm of
#: back): a zone beside the spine keeps out of it, and so does every mark drawn on one.
SPINE_STRIP = 2.0

Point = Annotated[list[float], Field(min_length=2, max_length=2)]


class Zone(Strict):
    """An area of the body a step works on, shaded in the figures."""

    id: Id = Field(description="How steps name the zone.", examples=["upper-back"])
    name: Text = Field(description="The zone's name in the library's language, used in the "
                                   "figures' alternative text.", examples=["Upper back"])
    view: View = Field(description="The outline the zone is drawn on: back (the patient face "
                                   "down) or front (face up).", examples=["back"])
    shape: list[Annotated[list[Point], Field(min_length=3)]] = Field(
        min_length=1,
        description="One polygon, or one on each side of the spine: points [x, y] in the "
                    "view's frame (120 wide, 200 high, the spine at x = 60, the head at the top).",
        examples=[[[[36, 44], [84, 44], [86, 90], [34, 90]]]])
    paravertebral: bool = Field(
        default=False,
        description="Whether the zone lies beside the spine and never on it (the long back "
                    "muscles): a polygon each side, clear of the midline; no mark of a step "
                    "on it is drawn over the spinous processes.", examples=[True])

    @model_validator(mode="after")
    def _beside_the_spine(self) -> Zone:
        if not self.paravertebral:
            return self
        sides = set()
        for polygon in self.shape:
            xs = [x for x, _ in polygon]
            if min(xs) < MIDLINE + SPINE_STRIP and max(xs) > MIDLINE - SPINE_STRIP:
                raise ValueError(
                    f"a paravertebral zone lies beside the spine, not on it: keep every point "
                    f"of each polygon at x ≤ {MIDLINE - SPINE_STRIP:g} (left) or "
                    f"x ≥ {MIDLINE + SPINE_STRIP:g} (right)")
            sides.add(max(xs) < MIDLINE)
        if len(sides) != 2:
            raise ValueError("a paravertebral zone is a pair: give a polygon on each side of "
                             "the spine")
        return self

    @field_validator("shape")
    @classmethod
    def _inside_the_frame(cls, shape: list[list[list[float]]]) -> list[list[list[float]]]:
        for polygon in shape:
            for x, y in polygon:
                if not (0 <= x <= FRAME_WIDTH and 0 <= y <= FRAME_HEIGHT):
                    raise ValueError(f"the point [{x:g}, {y:g}] lies outside the frame; x runs "
                                     f"from 0 to {FRAME_WIDTH:g}, y from 0 to {FRAME_HEIGHT:g}")
        return shape


class ZoneCatalogue(Strict):
    """zones.yaml: every zone a step or a red flag may name."""

    zones: list[Zone] = Field(min_length=1, description="The zones, each with its own id.",
                              examples=[[{"id": "neck", "name": "Back of the neck",
                                          "view": "back",
                                          "shape": [[[53, 31], [67, 31], [68, 42], [52, 42]]]}]])


class DrawnPath(Strict):
    """A path drawn through points of the zone's frame (0 to 1 across its width and height)."""

    points: list[Annotated[list[Annotated[float, Field(ge=0, le=1)]],
                           Field(min_length=2, max_length=2)]] = Field(
        min_length=2, description="Points from the start of the stroke to its end; 0,0 is the "
                                  "zone's top left corner, 1,1 its bottom right.",
        examples=[[[0.2, 0.9], [0.5, 0.5], [0.8, 0.1]]])


def _direction_or_points(value):
    return {"points": value} if isinstance(value, list) else value


StepPath = Annotated[Direction | DrawnPath, BeforeValidator(_direction_or_points)]

_SEGMENT = re.compile(r"^(C|Th|T|L|S)(\d{1,2})$")
#: The vertebrae in order from the head: 7 cervical, 12 thoracic, 5 lumbar, 5 sacral.
SPINE = ([f"C{n}" for n in range(1, 8)] + [f"Th{n}" for n in range(1, 13)]
         + [f"L{n}" for n in range(1, 6)] + [f"S{n}" for n in range(1, 6)])


def segment_range(text: str) -> tuple[str, str]:
    """``"C1-C7"`` → ``("C1", "C7")``, checked against the spine; ``T`` is read as ``Th``."""
    parts = [part.strip() for part in re.split(r"[-–]", text)]
    if len(parts) != 2:
        raise ValueError(f"write the segments as a range from the head down, like 'C1-C7', "
                         f"'Th1-Th12', 'L1-L5' or 'L5-S5', not '{text}'")
    found = []
    for part in parts:
        match = _SEGMENT.match(part)
        name = f"{'Th' if match and match[1] == 'T' else match[1]}{match[2]}" if match else part
        if name not in SPINE:
            raise ValueError(f"'{part}' is not a vertebra; use C1-C7, Th1-Th12, L1-L5 or S1-S5")
        found.append(name)
    first, last = found
    if SPINE.index(first) > SPINE.index(last):
        raise ValueError(f"'{text}' runs upwards; write it from the head down, like "
                         f"'{last}-{first}'")
    return first, last


def _segments(value: str) -> str:
    first, last = segment_range(value)
    return f"{first}-{last}"


Segments = Annotated[str, BeforeValidator(lambda value: _segments(value)
                                          if isinstance(value, str) else value)]
