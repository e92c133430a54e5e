"""The body maps keep the promises of the step tables, checked from the figure data the
renderer draws (every protocol of both libraries): no mark of a step beside the spine
touches the strip over the spinous processes, no step's number covers another's, every
mark runs the way its step says, and a patient's map shows only where the hands work.
Each check is shown failing on a figure deliberately broken."""

from __future__ import annotations

import dataclasses
import math

import pytest

from conftest import PROTOCOLS, PROTOCOLS_RU, invoke
from handbook.edition import figures
from handbook.edition.marks import LABEL_RADIUS, reach
from handbook.edition.selection import select
from handbook.render.document import Handbook
from handbook.source.loader import load_library
from handbook.source.models.zones import MIDLINE, SPINE_STRIP


@pytest.fixture(scope="module", params=[PROTOCOLS, PROTOCOLS_RU], ids=["en", "ru"])
def library_of(request):
    return load_library(request.param)


def stage_panels(library):
    """(protocol id, panel) for every panel of every stage's body map."""
    for shown, region in zip(Handbook(select(library)).regions, library.regions, strict=True):
        for view, protocol in zip(shown.protocols, region.protocols, strict=True):
            for figure in view.figures:
                for panel in figure.panels:
                    yield protocol.id, panel


def distance_to_midline(points) -> float:
    """The least distance from x = 60 of a polyline (0 where a segment crosses it)."""
    best = math.inf
    for (x1, _), (x2, _) in zip(points, points[1:] or points):
        if min(x1, x2) <= MIDLINE <= max(x1, x2):
            return 0.0
        best = min(best, abs(x1 - MIDLINE), abs(x2 - MIDLINE))
    return best


def marks_on_the_midline(library) -> list[str]:
    """Every mark of a step on a paravertebral zone whose drawn width reaches the strip."""
    zones = {zone.id: zone for zone in library.zones}
    return [f"{protocol}: step {mark.number} on {mark.zone}"
            for protocol, panel in stage_panels(library) for mark in panel.marks
            if zones[mark.zone].paravertebral
            and distance_to_midline(mark.points) - reach(mark, panel.unit) < SPINE_STRIP - 1e-6]


def overlapping_numbers(library) -> list[str]:
    """Every pair of step numbers in one panel whose boxes (the circle's square) overlap."""
    found = []
    for protocol, panel in stage_panels(library):
        radius = LABEL_RADIUS * panel.unit
        boxes = [(number, (x - radius, y - radius, x + radius, y + radius))
                 for number, (x, y) in panel.labels]
        for index, (first, a) in enumerate(boxes):
            for second, b in boxes[index + 1:]:
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                    found.append(f"{protocol}: steps {first} and {second}")
    return found


def test_no_mark_beside_the_spine_is_drawn_on_it(library_of):
    zones = [zone.id for zone in library_of.zones if zone.paravertebral]
    assert {"paravertebral-lumbar", "paravertebral-cervical"} <= set(zones)
    drawn = [mark for _, panel in stage_panels(library_of) for mark in panel.marks
             if mark.zone in zones]
    assert len(drawn) > 10
    assert marks_on_the_midline(library_of) == []


def test_a_paravertebral_zone_moved_onto_the_spine_is_caught(library_of):
    """One polygon over the spine (which validation refuses; built here past it): the
    stroke across the long back muscles then runs over the spinous processes."""
    broken = tuple(zone.model_copy(update={"shape": [[[54, 90], [66, 90], [66, 128],
                                                      [54, 128]]]})
                   if zone.id == "paravertebral-lumbar" else zone for zone in library_of.zones)
    found = marks_on_the_midline(dataclasses.replace(library_of, zones=broken))
    assert "lumbar-hernia-classic: step 8 on paravertebral-lumbar" in found


def test_the_steps_beside_the_spine_are_on_the_paravertebral_zones(library_of):
    steps = {protocol.id: [step for stage in protocol.stages for step in stage.steps]
             for _, protocol in library_of.protocols()}
    for number in (7, 8, 9, 12, 13):
        assert "paravertebral-lumbar" in steps["lumbar-hernia-classic"][number - 1].zone
    assert steps["cervical-osteochondrosis"][13].zone == ["paravertebral-cervical"]
    zone = next(zone for zone in library_of.zones if zone.id == "paravertebral-cervical")
    # it stops at the lower angles of the shoulder blades (y = 90), not at the waist (110)
    assert max(y for polygon in zone.shape for _, y in polygon) <= 90
    assert "spine" not in {zone for protocol in steps.values() for step in protocol
                           for zone in step.zone}


def test_no_two_step_numbers_overlap(library_of):
    assert overlapping_numbers(library_of) == []
    for _, panel in stage_panels(library_of):
        x, y, size, _ = panel.box
        radius = LABEL_RADIUS * panel.unit
        for number, (lx, ly) in panel.labels:
            assert x <= lx - radius and lx + radius <= x + size, number
            assert y <= ly - radius and ly + radius <= y + size, number


def test_numbers_stacked_where_each_mark_starts_are_caught(library_of, monkeypatch):
    """The old placement (each number at the start of its mark) overlaps on the neck."""
    def at_the_start(marks, box, unit):
        firsts = {}
        for mark in marks:
            firsts.setdefault(mark.number, mark.points[0])
        return tuple(firsts.items())
    monkeypatch.setattr(figures, "place_labels", at_the_start)
    assert "cervical-osteochondrosis: steps 6 and 7" in overlapping_numbers(library_of)


def test_every_mark_runs_the_way_its_step_says(library_of):
    paths = {(protocol.id, number): step.path for _, protocol in library_of.protocols()
             for number, step in enumerate(
                 [step for stage in protocol.stages for step in stage.steps], start=1)}
    for protocol, panel in stage_panels(library_of):
        for mark in panel.marks:
            path = paths[(protocol, mark.number)]
            (x1, y1), (x2, y2) = mark.points[0], mark.points[-1]
            if path == "up":
                assert y2 < y1 and x1 == x2, (protocol, mark)
            elif path == "down":
                assert y2 > y1 and x1 == x2, (protocol, mark)
            elif path in ("across", "toward-spine", "away-from-spine"):
                assert y1 == y2 and x1 != x2, (protocol, mark)
                assert mark.kind == ("double" if path == "across" else "arrow")
                if path != "across":
                    outwards = abs(x2 - MIDLINE) > abs(x1 - MIDLINE)
                    assert outwards == (path == "away-from-spine"), (protocol, mark)
            elif path == "across-and-along":
                assert mark.kind == "double" and (y1 == y2) != (x1 == x2), (protocol, mark)
    across = [mark for protocol, panel in stage_panels(library_of) for mark in panel.marks
              if protocol == "lumbar-hernia-classic" and mark.number in (8, 10)]
    assert {mark.number for mark in across if mark.points[0][1] == mark.points[-1][1]} == {8, 10}


def test_the_direction_in_words_and_the_drawn_path_agree():
    """English is the reference; the Russian library is held to it by validate --reference."""
    words = {"head down": "down", "upwards": "up", "up and down": "up-and-down",
             "across and along": "across-and-along", "towards the feet": "traction"}
    library = load_library(PROTOCOLS)
    checked = 0
    for _, protocol in library.protocols():
        for step in (step for stage in protocol.stages for step in stage.steps):
            said = [path for phrase, path in words.items()
                    if step.direction and phrase in step.direction.lower()]
            if said:
                checked += 1
                assert step.path == said[0], (protocol.id, step.direction, step.path)
    assert checked >= 8


def test_a_patient_map_shows_only_where_the_hands_work(library_of):
    patient = Handbook(select(library_of), audience="patient")
    legs = next(zone for zone in library_of.zones if zone.id == "legs")
    leg_polygons = {tuple(map(tuple, polygon)) for polygon in legs.shape}
    lumbar = next(region for region in patient.regions if region.anchor.endswith("lumbar"))
    shaded = {polygon for panel in lumbar.where.panels for polygon in panel.zones}
    assert shaded and not shaded & leg_polygons
    assert legs.name.lower() not in lumbar.where.panels[0].description.lower()


def test_the_plan_map_keeps_off_the_spine_as_the_plan_says(library_of):
    """'No pressure on the spine itself': nothing is shaded over the spinous processes
    between the neck and the sacrum on the lumbar classic protocol's map."""
    region = next(region for region in Handbook(select(library_of)).regions
                  if region.anchor.endswith("lumbar"))
    where = region.protocols[0].where
    assert where.panels
    for panel in where.panels:
        for polygon in panel.zones:
            xs, ys = [x for x, _ in polygon], [y for _, y in polygon]
            over_the_spine = min(xs) < MIDLINE + SPINE_STRIP and max(xs) > MIDLINE - SPINE_STRIP
            assert not (over_the_spine and min(ys) < 130), polygon


def test_a_paravertebral_zone_on_the_spine_is_refused(minimal_copy):
    zones = minimal_copy / "zones.yaml"
    zones.write_text(zones.read_text(encoding="utf-8") + (
        "  - id: long-muscles\n    name: Long back muscles\n    view: back\n"
        "    paravertebral: true\n    shape: [[[55, 90], [65, 90], [65, 128], [55, 128]]]\n"),
        encoding="utf-8")
    result = invoke("validate", minimal_copy)
    assert result.exit_code == 1
    assert "zones.yaml:" in result.output
    assert "a paravertebral zone lies beside the spine, not on it" in result.output
