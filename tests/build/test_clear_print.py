"""Every page a patient takes home is in clear print: the leaflet, a plan's dates and its
warning signs set no text under 12 pt (16 pt, on one and a half lines, in large print),
left-aligned, with no italic; the therapist's pages of a plan keep the handbook's type.

Read from the built PDFs' text runs, in the type area (the running heads and footers,
the same on every page of the edition, are left out).
"""

from __future__ import annotations

import pytest

from handbook.edition import anchors

#: Points of the running head's and footer's bands, left out of the type area.
BAND = 57


def type_area(pdf, number: int) -> list[tuple[float, float, str, str | None, float]]:
    height = pdf.height(number)
    return [run for run in pdf.runs(number) if BAND < run[0] < height - BAND]


def patient_pages(pdf) -> list[int]:
    """The pages of a plan a patient takes home: its dates, and its warning signs up to the
    course log (landscape)."""
    reader = pdf.reader
    landscape = [number for number, page in enumerate(reader.pages, start=1)
                 if page.mediabox.width > page.mediabox.height]
    dates = range(pdf.anchor_page(anchors.PLAN), pdf.anchor_page(anchors.part("screening")))
    warnings = range(pdf.anchor_page(anchors.part("patient-warnings")), landscape[0])
    return [*dates, *warnings]


def smallest(pdf, pages) -> tuple[float, str]:
    return min((size, f"p. {number}: {text!r}") for number in pages
               for _, _, text, _, size in type_area(pdf, number))


@pytest.mark.parametrize("name, least", [
    ("en leaflet", 12), ("ru leaflet", 12), ("en leaflet, large print", 16)])
def test_a_leaflet_sets_no_text_under_clear_print(name, least, variants):
    pdf = variants[name]
    size, where = smallest(pdf, range(1, len(pdf.pages) + 1))
    assert size >= least - 0.01, f"{name}: {size} pt at {where}"


@pytest.mark.parametrize("name, least", [("en plan", 12), ("ru plan", 12),
                                         ("ru plan, large print", 16)])
def test_a_plans_pages_for_the_patient_are_in_clear_print(name, least, variants):
    pdf = variants[name]
    pages = patient_pages(pdf)
    assert len(pages) >= 2
    size, where = smallest(pdf, pages)
    assert size >= least - 0.01, f"{name}: {size} pt at {where}"
    # The screening form and the course log are the therapist's, in the handbook's type.
    others = [number for number in range(1, len(pdf.pages) + 1) if number not in pages]
    assert smallest(pdf, others)[0] < 10


@pytest.mark.parametrize("name", ["en leaflet", "ru leaflet", "en leaflet, large print",
                                  "ru plan, large print"])
def test_no_italic_on_a_patients_page(name, variants):
    pdf = variants[name]
    pages = patient_pages(pdf) if "plan" in name else range(1, len(pdf.pages) + 1)
    italic = {(number, text) for number in pages
              for _, _, text, font, _ in type_area(pdf, number) if font and "Italic" in font}
    assert not italic, sorted(italic)[:5]


@pytest.mark.parametrize("name", ["en leaflet, large print", "ru plan, large print"])
def test_large_print_is_on_one_and_a_half_lines(name, variants):
    """The baselines of body text's lines (16 pt, the same left edge, one under the other)
    are at least 1.5 times the type size apart."""
    pdf = variants[name]
    pages = patient_pages(pdf) if "plan" in name else range(1, len(pdf.pages) + 1)
    gaps = []
    for number in pages:
        lines = sorted({(round(-y, 1), round(x)) for y, x, _, _, size in type_area(pdf, number)
                        if abs(size - 16) < 0.05})
        for (top, left), (below, left_below) in zip(lines, lines[1:]):
            if left == left_below and 0 < below - top < 48:
                gaps.append((below - top) / 16)
    assert len(gaps) > 10  # enough lines measured to mean something
    assert min(gaps) >= 1.5, sorted(gaps)[:5]


def test_large_print_asks_for_the_leaflet():
    from conftest import PROTOCOLS, invoke

    result = invoke("build", PROTOCOLS, "--large-print")
    assert result.exit_code == 2
    assert "--large-print sets the patient leaflet in large print: add --audience patient" \
        in result.output
