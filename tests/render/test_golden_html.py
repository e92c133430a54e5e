"""Golden HTML of every unit of the minimal fixture library: a template regression shows as
a readable diff in milliseconds, with no typesetting.  Update with ``pytest --update-golden``."""

from __future__ import annotations

import datetime

import pytest

from conftest import FIXTURES, GOLDEN
from handbook.edition.selection import select
from handbook.plans.document import plan_units
from handbook.plans.schedule import PlanRequest, make_plan
from handbook.render.document import Handbook
from handbook.source.loader import load_library


@pytest.fixture(scope="module")
def minimal_library():
    return load_library(FIXTURES / "minimal")


@pytest.mark.parametrize("audience", ["therapist", "patient"])
def test_every_unit_matches_its_golden_html(minimal_library, audience, golden):
    handbook = Handbook(select(minimal_library), audience=audience)
    units = handbook.units()
    assert units, "the minimal library renders no unit"
    for unit in units:
        golden(f"html/{audience}/{unit.name}.html", str(unit.html))
    _no_stale_files(f"html/{audience}", {unit.name for unit in units})


def test_a_plans_units_match_their_golden_html(minimal_library, golden):
    region, protocol = next(minimal_library.protocols())
    plan = make_plan(minimal_library, PlanRequest(
        "Golden Patient", protocol.id, datetime.date(2026, 12, 1), therapist="Dr Golden"))
    units = plan_units(minimal_library, plan)
    for unit in units:
        golden(f"html/plan/{unit.name}.html", str(unit.html))
    _no_stale_files("html/plan", {unit.name for unit in units})


def _no_stale_files(folder: str, names: set[str]) -> None:
    """A golden file no unit produces any more would pass unnoticed for ever."""
    stale = sorted(path.name for path in (GOLDEN / folder).glob("*.html") if path.stem not in names)
    assert not stale, f"tests/golden/{folder} holds files of units that no longer exist: {stale}"
