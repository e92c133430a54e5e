"""Booklets a binder can use: pages in folding order on whole sheets, chapters on right-hand
pages and little else blank, a back cover on the outside, and a warning with the ways out
when a booklet is too thick to saddle-stitch."""

from __future__ import annotations

import re

import pikepdf
from click.testing import CliRunner
from conftest import FIXTURES, PROTOCOLS, build_pdf, invoke, normalise, outline_entries, set_yaml
from page_layout import Layout
from pdf_pages import read_pages

from handbook.cli import main
from handbook.typeset.imposition import booklet_order

MM = 72 / 25.4
PAGE_NUMBER = re.compile(r"Page (\d+) of (\d+)")


def printed_numbers(path) -> list[tuple[int | None, int | None]]:
    """The "Page X" printed on the left and on the right half of every sheet side."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    found = []
    for page in document:
        width, height = page.get_size()
        text = page.get_textpage()
        halves = []
        for left in (0, width / 2):
            match = PAGE_NUMBER.search(text.get_text_bounded(left, 0, left + width / 2, height))
            halves.append(int(match[1]) if match else None)
        found.append(tuple(halves))
    document.close()
    return found


def test_booklet_pages_are_in_folding_order(tmp_path):
    """Each sheet side shows the right pages, left and right, as their printed numbers say:
    the last page and the first on the first sheet's front, the second and the last but one
    on its back, and so on inwards; every numbered page once; whole sheets."""
    booklet = build_pdf(FIXTURES / "minimal", tmp_path / "booklet.pdf", paper="a5", booklet=True)
    sheets = pikepdf.open(booklet.path)
    for side in sheets.pages:
        assert (round(float(side.mediabox[2]) / MM), round(float(side.mediabox[3]) / MM)) == \
            (297, 210)
    printed = printed_numbers(booklet.path)
    total = 2 * len(printed)
    assert total % 4 == 0 and total == booklet.reported_pages
    for (left, right), (left_index, right_index) in zip(printed, booklet_order(total)):
        for number, index in ((left, left_index), (right, right_index)):
            assert number in (None, index + 1), (number, index)
    numbers = [number for side in printed for number in side if number is not None]
    assert sorted(numbers) == sorted(set(numbers)) and len(numbers) > total / 2
    assert "/StructTreeRoot" not in sheets.Root  # said in --help: a booklet is not tagged


def test_a_booklet_ends_on_its_back_cover_with_the_clinic_contacts(minimal_copy, tmp_path):
    """Blank pages fill the last sheet before the outside back cover, which carries the
    clinic's contacts (a plain back cover: no running heads, no page number)."""
    set_yaml(minimal_copy / "handbook.yaml", lambda data: data.update(
        brand={"contact": ["12 Garden Street, Springfield", "+1 555 0100"]}))
    booklet = build_pdf(minimal_copy, tmp_path / "booklet.pdf", paper="a5", booklet=True)
    pages = read_pages(booklet.path, imposed=True)
    back = " ".join(run.text for run in pages[-1].runs)
    assert "12 Garden Street, Springfield" in back and "+1 555 0100" in back
    assert not PAGE_NUMBER.search(back) and "Test Handbook" not in back
    assert pages[-2].blank or PAGE_NUMBER.search(" ".join(run.text for run in pages[-2].runs))


def test_a_booklet_opens_only_chapters_on_the_right(variants, library):
    """Sections follow on the next page, left or right: a booklet has a blank page only
    before a chapter and to fill its last sheet, and far fewer pages than duplex."""
    booklet = read_pages(variants["en A5 booklet"].path, imposed=True)
    duplex = variants["en A5 duplex"]
    chapters = [title for level, title, _ in outline_entries(duplex) if level == 1]
    blanks = [page.number for page in booklet if page.blank]
    assert len(blanks) <= len(chapters) + 1 + 4  # the cover's back, chapters, the last sheet
    assert len(booklet) < len(duplex.pages) - 8
    titles = {normalise(protocol.title) for _, protocol in library.protocols()}
    layout = Layout(booklet)
    opening = [page.number for page in booklet
               if normalise(" ".join(run.text for run in layout.first_line(page))) in titles]
    assert any(number % 2 == 0 for number in opening), opening  # a protocol on a left page
    assert booklet[-1].blank  # the outside back cover: this library gives no contacts


def test_a_booklet_too_thick_to_staple_says_how_else_to_print_it(variants, tmp_path):
    variants["en A5 booklet"]  # built: the output cache answers the same build at once
    result = invoke("build", PROTOCOLS, "--paper", "a5", "--booklet", "-o", tmp_path / "b.pdf")
    assert result.exit_code == 0, result.output
    assert "more than a saddle stitch holds well (about 64 pages, 16 sheets)" in result.output
    assert "one booklet per region: --region cervical, --region thoracic" in result.output
    assert "build it with --duplex instead of --booklet" in result.output


def test_booklet_order_pads_to_a_multiple_of_four():
    assert booklet_order(5) == [(None, 0), (1, None), (None, 2), (3, 4)]
    order = [index for side in booklet_order(8) for index in side]
    assert sorted(order) == list(range(8))


def test_help_says_how_to_print_a_booklet():
    result = CliRunner().invoke(main, ["build", "--help"])
    assert "flipping on the short" in result.output and "fold" in result.output
    assert "untagged" in " ".join(result.output.split())
