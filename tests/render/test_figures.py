"""Figures drawn from the protocol data: a body map for every stage, numbered like its step
table, a spine map for every region, "where the massage will be" for patients, the saddle
area on the red-flag card; their alternative text comes from the data."""

from __future__ import annotations

import datetime
import re

import pytest
from lxml import html as lxml_html

from conftest import PROTOCOLS
from handbook.edition.marks import LABEL_RADIUS, REACH
from handbook.edition.selection import select
from handbook.plans.document import plan_units
from handbook.plans.schedule import PlanRequest, make_plan
from handbook.render.document import Handbook
from handbook.render.paper import PAPERS, PageSetup

PT_PER_MM = 72 / 25.4


@pytest.fixture(scope="module", params=["en"])
def handbook(request, library):
    return Handbook(select(library))


def units_by_name(handbook) -> dict:
    return {unit.name: lxml_html.fragment_fromstring(str(unit.html)) for unit in handbook.units()}


def test_every_stage_has_a_body_map_numbered_like_its_table(handbook, library):
    units = units_by_name(handbook)
    for region, protocol in library.protocols():
        element = units[f"protocol-{protocol.id}"]
        figures = element.xpath(".//figure[contains(@class, 'body-map')]")
        tables = element.xpath(".//table[contains(@class, 'steps')]")
        assert len(figures) == len(tables) == len(protocol.stages), protocol.id
        for figure, table in zip(figures, tables):
            numbers = {cell.text_content().strip() for cell in table.xpath(".//td[@class='num']")}
            drawn = {mark.get("data-step") for mark in figure.xpath(".//*[@data-step]")}
            assert drawn == numbers, (protocol.id, drawn, numbers)
            for svg in figure.xpath(".//svg"):
                assert svg.get("role") == "img" and svg.get("aria-label")
                assert svg.xpath("./title")[0].text == svg.get("aria-label")


def test_alternative_text_is_made_from_the_data(handbook, library):
    units = units_by_name(handbook)
    svg = units["protocol-cervical-osteochondrosis"].xpath(".//svg")[0]
    label = svg.get("aria-label")
    assert label.startswith("Warm-up: Upper back.") and "1 stroking upwards over upper back" in label


def test_every_region_opens_with_its_spine_map(handbook, library):
    units = units_by_name(handbook)
    for region in library.regions:
        figure = units[f"region-{region.id}"].xpath(".//figure[@class='spine-map']")
        assert len(figure) == 1, region.id
        lit = figure[0].xpath(".//*[contains(@class, 'vertebra lit')]")
        first, last = region.segments.split("-")
        assert len(lit) >= 1 and first in figure[0].xpath(".//svg")[0].get("aria-label")


def test_the_red_flag_card_shows_the_saddle_area(handbook):
    card = units_by_name(handbook)["part-red-flags"]
    maps = card.xpath(".//figure[contains(@class, 'where-map')]")
    assert maps and "Saddle area" in maps[0].text_content()


def test_patients_see_where_the_massage_will_be(library):
    patient = Handbook(select(library), audience="patient")
    leaflet = lxml_html.fragment_fromstring(str(patient.units()[0].html), create_parent="div")
    session = leaflet.xpath(".//section[@id='part-patient-session']")[0]
    assert len(session.xpath(".//figure[contains(@class, 'where-map')]")) == len(library.regions)
    plan = make_plan(library, PlanRequest("A", "lumbar-hernia-classic", datetime.date(2026, 12, 1)))
    page = lxml_html.fragment_fromstring(str(plan_units(library, plan)[0].html))
    figure = page.xpath(".//figure[contains(@class, 'where-map')]")
    assert figure and "Where the massage will be" in figure[0].text_content()


@pytest.mark.parametrize("paper", ["a4", "a5"])
def test_panels_are_4_cm_on_a4_and_their_numbers_print_at_6_pt_or_more(handbook, library,
                                                                        paper):
    """Every panel is the paper's figure size wide (one size, a stage's per-step panels too);
    a step's number is drawn at a fixed share of its panel, so its size on paper follows
    from the geometry; page.css sets the size for the paper."""
    setup = PageSetup(PAPERS[paper])
    side = setup.paper.figure
    assert side >= (40 if paper == "a4" else 36)
    css = Handbook(select(library), setup=setup).stylesheet()
    assert re.findall(r"--figure-size: ([\d.]+)mm", css)[-1] == f"{side:g}"
    for region in handbook.regions:
        for protocol in region.protocols:
            for figure in protocol.figures:
                for panel in figure.panels:
                    font_units = LABEL_RADIUS * panel.unit * 1.45
                    points = font_units / panel.box[2] * side * PT_PER_MM
                    assert points >= 6.5, (protocol.title, figure.caption, round(points, 2))


def test_the_technique_reference_has_a_legend_of_the_marks(handbook):
    part = units_by_name(handbook)["part-techniques"]
    legend = part.xpath(".//ul[@class='mark-legend']")[0]
    kinds = {item.get("data-mark"): item for item in legend.xpath("./li")}
    assert set(kinds) == set(REACH) - {"path"}
    for kind, item in kinds.items():
        assert item.xpath(".//svg//*[@class='mark']"), kind
        assert item.text_content().strip(), kind
    assert "kneading" in kinds["circles"].text_content()
    assert "traction" in kinds["traction"].text_content()


def test_a_figure_changes_with_its_step(minimal_copy):
    from handbook.source.loader import load_library

    region = minimal_copy / "regions" / "neck.yaml"
    before = Handbook(select(load_library(minimal_copy))).regions[0].protocols[0].figures[0]
    region.write_text(region.read_text().replace("path: down", "path: circles"))
    after = Handbook(select(load_library(minimal_copy))).regions[0].protocols[0].figures[0]
    assert before.panels[0].marks[0].kind == "arrow" and after.panels[0].marks[0].kind == "circles"
    assert "in small circles" in after.panels[0].description
