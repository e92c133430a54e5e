"""Every page right in every variant: the page-quality check (tests/page_quality.py) over
each variant of the handbook, leaflet and plan the suite builds, and the same check shown
to catch what a broken layout does."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, build_pdf
from page_quality import MM, Finding, check_pages
from pdf_pages import Page, Run, read_pages
from variants import VARIANTS

from handbook.render.document import Handbook


@pytest.mark.parametrize("name", VARIANTS)
def test_every_page_is_right(name, variants):
    pdf = variants[name]
    imposed = VARIANTS[name].imposed
    findings = check_pages(name, read_pages(pdf.path, imposed=imposed), booklet=imposed)
    assert not findings, f"{len(findings)} pages are wrong:\n" + "\n".join(map(str, findings))


#: A clinic's stylesheet that breaks the layout on purpose: a heading forced to the end of
#: its page, a line pulled over the next, log heads that cannot wrap, a paragraph pushed
#: off the page's edge.
BROKEN = """
h3 { break-after: page; }
.meta { margin-bottom: -6mm; }
.log th { white-space: nowrap; }
.lead { margin-left: -24mm; }
"""


def test_the_check_finds_what_a_broken_layout_does(minimal_copy, tmp_path, monkeypatch):
    """Each rule fires on the layout it is about, and says where and what."""
    (minimal_copy / "layouts").mkdir()
    (minimal_copy / "layouts" / "clinic.css").write_text(BROKEN, encoding="utf-8")
    places = Handbook.footer_places
    monkeypatch.setattr(Handbook, "footer_places", lambda self: {  # numbers 3 mm too high
        name: (x, top + 3 * MM, align) for name, (x, top, align) in places(self).items()})
    pdf = build_pdf(minimal_copy, tmp_path / "broken.pdf", cache_folder=None)
    findings = check_pages("broken", read_pages(pdf.path))
    found = {finding.rule for finding in findings}
    assert {"heading", "underfull", "overlap", "rule", "edge", "baseline"} <= found, findings
    for finding in findings:
        assert str(finding).startswith(f"broken, page {finding.page.split()[-1]}: ")
        assert finding.text
    assert "Steps" in {finding.text for finding in findings if finding.rule == "heading"}
    assert any(finding.rule == "baseline" and "+8.5 pt" in finding.problem for finding in findings)


def test_the_minimal_library_as_it_ships_passes(tmp_path):
    pdf = build_pdf(FIXTURES / "minimal", tmp_path / "minimal.pdf")
    assert check_pages("minimal", read_pages(pdf.path)) == []


def line(text: str, y: float, size: float = 10, font: str = "PT-Serif") -> Run:
    return Run(text, (60, y - 2, 60 + 5 * len(text), y + 7), y, size, font)


def page(number: int, *runs: Run, total: int) -> Page:
    stamped = line(f"Page {number} of {total}", 40, 8.5, "PT-Sans")
    head = line("Chapter", 800, 8.5, "PT-Sans")
    return Page(number, (0, 0, 595, 842), [head, *runs, stamped], anchors=[])


def test_a_last_line_alone_a_blank_inside_a_section_and_a_missing_number():
    """Pages drawn from their lines: a section's last line alone on a page; a page without
    its number; a blank page between two pages of one section."""
    full = [line(f"line {index}", 760 - 14 * index) for index in range(50)]
    pages = [page(1, *full, total=5), page(2, line("The end.", 760), total=5),
             page(3, *full, total=5), Page(4, (0, 0, 595, 842), anchors=[]),
             page(5, *full, total=5)]
    pages[2].anchors = [790.0]  # a new section starts on page 3
    pages[2].runs = pages[2].runs[:-1]  # no "Page 3 of 5"
    findings = check_pages("drawn", pages)
    assert Finding("drawn", "page 2", "alone", "the end of a section stands alone on a page "
                   "(1 lines)", "The end.") in findings
    assert [finding.rule for finding in findings if finding.page == "page 3"] == ["number"]
    assert [finding.rule for finding in findings if finding.page == "page 4"] == ["blank"]
    assert len(findings) == 3, findings
