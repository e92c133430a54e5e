"""Print-friendly design, checked on WeasyPrint's laid-out boxes.

Nothing runs past the page's margins; checkboxes are big enough to tick;
lines to write on are tall enough for a hand; rules survive a photocopier.
"""

from __future__ import annotations

import pytest
from weasyprint import HTML
from weasyprint.formatting_structure import boxes

from conftest import PROTOCOLS
from handbook.typeset.fetcher import SandboxFetcher
from handbook.render.paper import PAPERS, PageSetup
from handbook.render.document import Handbook
from handbook.resources import LAYOUTS
from handbook.edition.selection import select
from handbook.source.loader import load_library

PX_PER_MM = 96 / 25.4
PX_PER_PT = 96 / 72


@pytest.fixture(scope="module", params=["a4", "a5"])
def laid_out(request):
    """One region's booklet with the front matter and forms, laid out duplex: every kind of
    box the handbook has (the page-quality check covers every page of every variant)."""
    selection = select(load_library(PROTOCOLS), regions=["lumbar"])
    html = Handbook(selection, setup=PageSetup(PAPERS[request.param], duplex=True)).document()
    return HTML(string=html, base_url=LAYOUTS.as_uri() + "/",
                url_fetcher=SandboxFetcher([LAYOUTS], trusted=(LAYOUTS,))).render()


def body_boxes(page):
    """Every box of a page except its margin boxes (running heads and footers)."""
    stack = [page._page_box]
    while stack:
        box = stack.pop()
        if isinstance(box, boxes.MarginBox):
            continue
        yield box
        stack.extend(getattr(box, "children", None) or [])


def has_class(box, name: str) -> bool:
    return box.element is not None and name in (box.element.get("class") or "").split()


def test_nothing_runs_past_the_margins(laid_out):
    for number, page in enumerate(laid_out.pages, start=1):
        frame = page._page_box
        left, right = frame.margin_left, frame.margin_width() - frame.margin_right
        for box in body_boxes(page):
            if isinstance(box, boxes.TextBox):
                assert box.position_x >= left - 0.5, (number, box.text)
                assert box.position_x + box.width <= right + 0.5, (number, box.text)


def test_checkboxes_are_at_least_3_5_mm(laid_out):
    found = [box for page in laid_out.pages for box in body_boxes(page) if has_class(box, "box")]
    assert found
    for box in found:
        assert box.border_width() >= 3.5 * PX_PER_MM
        assert box.border_height() >= 3.5 * PX_PER_MM


def test_lines_to_write_on_are_at_least_7_mm(laid_out):
    logs = [box for page in laid_out.pages for box in body_boxes(page)
            if isinstance(box, boxes.TableBox) and has_class(box, "log")]
    rows = [row for log in logs for group in log.children if group.element.tag == "tbody"
            for row in group.children]
    assert rows
    assert min(row.height for row in rows) >= 7 * PX_PER_MM - 0.5
    signatures = [box for page in laid_out.pages for box in body_boxes(page)
                  if isinstance(box, boxes.BlockBox) and has_class(box, "signature")]
    assert signatures and min(box.border_height() for box in signatures) >= 7 * PX_PER_MM


def test_rules_are_thick_enough_to_photocopy(laid_out):
    thinnest = min(
        width for page in laid_out.pages for box in body_boxes(page)
        for width in (box.style["border_top_width"], box.style["border_bottom_width"],
                      box.style["border_left_width"], box.style["border_right_width"])
        if width > 0)
    assert thinnest >= 0.5 * PX_PER_PT - 0.01


def test_no_figure_runs_past_its_column(laid_out):
    figures = 0
    for number, page in enumerate(laid_out.pages, start=1):
        frame = page._page_box
        left, right = frame.margin_left, frame.margin_width() - frame.margin_right
        bottom = frame.margin_height() - frame.margin_bottom
        for box in body_boxes(page):
            if box.element is not None and box.element.tag.endswith("svg"):
                figures += 1
                assert box.position_x >= left - 0.5, (number, "figure left of the column")
                assert box.position_x + box.margin_width() <= right + 0.5, (number, "too wide")
                assert box.position_y + box.margin_height() <= bottom + 0.5, (number, "too low")
    assert figures >= 10  # the region's step panels and body maps were found
