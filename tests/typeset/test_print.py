"""Print production: paper sizes, duplex, bleed and marks, PDF/A and PDF/UA, reproducibility
(booklets: test_booklet.py)."""

from __future__ import annotations

import re
import shutil

import pikepdf
import pytest
from click.testing import CliRunner

from conftest import (
    FIGURE_LABEL, FIXTURES, SESSION_ROW, build_pdf, fragments, log_summary_pages,
    outline_entries,
)
from handbook.build import BuildOptions, build
from handbook.cli import main
from handbook.render.paper import parse_length

MM = 72 / 25.4
PAGE_NUMBER = re.compile(r"Page (\d+) of (\d+)")


def portrait_sizes(pdf) -> set[tuple[int, int]]:
    sizes = set()
    for page in pdf.reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        if height > width:
            sizes.add((round(width / MM), round(height / MM)))
    return sizes


# a5_pdf and duplex_pdf (duplex with a 3 mm bleed and marks): session fixtures (variants.py).


@pytest.mark.parametrize("paper, size", [("a4", (210, 297)), ("letter", (216, 279)), ("a5", (148, 210))])
def test_paper_sizes(paper, size, tmp_path):
    pdf = build_pdf(FIXTURES / "minimal", tmp_path / "out.pdf", paper=paper)
    assert portrait_sizes(pdf) == {size}
    assert len(pdf.pages) == pdf.reported_pages


def test_a5_keeps_body_text_at_9pt_or_more(a5_pdf):
    """Body text at least 9 pt.  Labels drawn inside figures are smaller by design (their
    size on paper is checked from the figures' geometry, in tests/render/test_figures.py)."""
    assert portrait_sizes(a5_pdf) == {(148, 210)}
    for number in range(1, len(a5_pdf.pages) + 1):
        for y, size, font, text, _ in fragments(a5_pdf, number):
            if not FIGURE_LABEL.match(text):
                assert size >= 8.95, (number, size, text)


def test_a5_handbook_is_longer_but_complete(a5_pdf, handbook_pdf, library):
    assert len(a5_pdf.pages) > len(handbook_pdf.pages)
    for _, protocol in library.protocols():
        assert a5_pdf.anchor_page(f"protocol-{protocol.id}") >= 1


def test_no_a5_course_log_leaves_its_summary_alone(a5_pdf, library):
    protocols = [protocol for _, protocol in library.protocols()]
    pages = log_summary_pages(a5_pdf, protocols, library.forms.course_log.meaningful_change)
    assert set(pages) == {protocol.id for protocol in protocols}
    for protocol_id, text in pages.items():
        assert SESSION_ROW.search(text), protocol_id


def test_duplex_opens_every_chapter_on_a_right_hand_page(duplex_pdf):

    chapters = [page for level, _, page in outline_entries(duplex_pdf) if level == 1]
    assert chapters and all(page % 2 == 1 for page in chapters), chapters


def test_duplex_blank_pages_stay_clean_and_heads_sit_outside(duplex_pdf):
    blanks = 0
    for number in range(2, len(duplex_pdf.pages) + 1):
        page = duplex_pdf.reader.pages[number - 1]
        width = float(page.mediabox.width)
        if not duplex_pdf.pages[number - 1].strip():
            blanks += 1
            continue
        if width > float(page.mediabox.height):
            continue  # a landscape course log keeps its own frame
        positions = []

        def visit(text, cm, tm, font, size):
            if PAGE_NUMBER.search(text):
                positions.append(tm[4] * cm[0] + cm[4])
        page.extract_text(visitor_text=visit)
        assert positions, number
        on_right_half = positions[0] > width / 2
        assert on_right_half == (number % 2 == 1), (number, positions)
    assert blanks >= 1


def test_duplex_margins_mirror_with_a_gutter(duplex_pdf):
    def left_edge(number):
        return min(run_x for run_x in text_x(duplex_pdf, number))
    right_page = next(n for n in range(3, len(duplex_pdf.pages), 2) if duplex_pdf.pages[n - 1].strip()
                      and portrait(duplex_pdf, n))
    left_page = next(n for n in range(4, len(duplex_pdf.pages), 2) if duplex_pdf.pages[n - 1].strip()
                     and portrait(duplex_pdf, n))
    assert left_edge(right_page) > left_edge(left_page) + 5 * MM


def portrait(pdf, number) -> bool:
    page = pdf.reader.pages[number - 1]
    return float(page.mediabox.height) > float(page.mediabox.width)


def text_x(pdf, number) -> list[float]:
    xs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            xs.append(tm[4] * cm[0] + cm[4])
    pdf.reader.pages[number - 1].extract_text(visitor_text=visit)
    return xs


def box(page, name: str) -> list[float]:
    return [float(value) for value in page.obj[name]]


def strokes_outside(path, index: int, trim: list[float]) -> list[tuple[float, ...]]:
    """The bounds of every path drawn on a page outside its trim box (the marks)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(str(path))
    found = []
    for item in document[index].get_objects():
        bounds = tuple(item.get_bounds())
        if item.type == raw.FPDF_PAGEOBJ_PATH and (bounds[2] < trim[0] or bounds[0] > trim[2]
                                                   or bounds[3] < trim[1] or bounds[1] > trim[3]):
            found.append(bounds)
    document.close()
    return found


def test_bleed_and_crop_marks(tmp_path):
    """The bleed box is the bleed; the crop marks and crosses start beyond it, on a slug."""
    pdf = build_pdf(FIXTURES / "minimal", tmp_path / "out.pdf", bleed=3.0, marks=True)
    document = pikepdf.open(pdf.path)
    page = document.pages[1]
    trim, bleed, media = (box(page, name) for name in ("/TrimBox", "/BleedBox", "/MediaBox"))
    assert [round(abs(trim[side] - bleed[side]) / MM, 2) for side in range(4)] == [3.0] * 4
    assert round((trim[2] - trim[0]) / MM) == 210
    assert all(abs(media[side] - trim[side]) > abs(bleed[side] - trim[side]) + 6 * MM
               for side in range(4))
    marks = strokes_outside(pdf.path, 1, trim)
    assert len(marks) >= 8 + 4  # two marks at each corner, a cross on each side
    for left, bottom, right, top in marks:
        assert right < bleed[0] or left > bleed[2] or top < bleed[1] or bottom > bleed[3]
        assert media[0] <= left and right <= media[2] and media[1] <= bottom and top <= media[3]
    corner_marks = [mark for mark in marks if abs(mark[1] - trim[1]) < 0.5 < mark[2] - mark[0]]
    assert corner_marks  # on the line of the trim: where to cut
    plain = build_pdf(FIXTURES / "minimal", tmp_path / "plain.pdf", bleed=3.0)
    plain_document = pikepdf.open(plain.path)
    plain_page = plain_document.pages[1]
    assert box(plain_page, "/MediaBox") == pytest.approx(box(plain_page, "/BleedBox"), abs=0.01)
    assert not strokes_outside(plain.path, 1, box(plain_page, "/TrimBox"))


def test_pdf_ua_is_assembled_from_the_default_builds_units(tmp_path):
    cache = tmp_path / "cache"
    build(BuildOptions(FIXTURES / "minimal", tmp_path / "default.pdf", cache_folder=cache))
    result = build(BuildOptions(FIXTURES / "minimal", tmp_path / "ua.pdf", variant="pdf/ua-1",
                                cache_folder=cache))
    assert result.units_typeset == 0 and result.units_cached > 0
    document = pikepdf.open(result.output)
    assert document.Root.MarkInfo.Marked is True
    assert document.Root.ViewerPreferences.DisplayDocTitle is True
    assert str(document.Root.Lang) == "en"
    assert document.open_metadata().get("{http://www.aiim.org/pdfua/ns/id/}part") == "1"
    assert len(document.trailer.ID) == 2
    roles, figures = set(), []

    def walk(element, depth=0):
        if depth > 60:
            return
        if isinstance(element, pikepdf.Dictionary) and "/S" in element:
            roles.add(str(element.S))
            if element.S == "/Figure":
                figures.append(str(element.get("/Alt", "")))
        kids = element.get("/K") if isinstance(element, pikepdf.Dictionary) else None
        if isinstance(kids, pikepdf.Array):
            for kid in kids:
                walk(kid, depth + 1)
        elif isinstance(kids, pikepdf.Dictionary):
            walk(kids, depth + 1)
    walk(document.Root.StructTreeRoot)
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/L", "/LI", "/P"} <= roles, roles
    # Every figure (a body map per stage, the spine map) carries its words.
    assert len(figures) >= 2 and all(figures), figures
    assert any(alt.startswith("Main: Neck. 1 stroking downwards over back of the neck")
               or alt.startswith("Main: Neck. 1 stroking downwards over neck") for alt in figures)


def test_pdf_a_declares_itself(tmp_path):
    pdf = build_pdf(FIXTURES / "minimal", tmp_path / "a.pdf", variant="pdf/a-3u")
    document = pikepdf.open(pdf.path)
    metadata = document.open_metadata()
    assert metadata.get("{http://www.aiim.org/pdfa/ns/id/}part") == "3"
    assert metadata.get("{http://www.aiim.org/pdfa/ns/id/}conformance") == "U"
    assert "/OutputIntents" in document.Root
    assert len(document.trailer.ID) == 2


def test_rebuilds_are_byte_identical_anywhere(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = tmp_path / "one" / "lib", tmp_path / "two" / "deeper" / "lib"
    for folder in (first, second):
        shutil.copytree(FIXTURES / "minimal", folder)
    build_pdf(first, tmp_path / "a.pdf")
    monkeypatch.chdir(tmp_path / "two")
    build_pdf(second, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_source_date_epoch_sets_the_modification_date(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    pdf = build_pdf(FIXTURES / "minimal", tmp_path / "out.pdf")
    assert pdf.reader.metadata["/ModDate"].startswith("D:20260101")
    assert pdf.reader.metadata["/CreationDate"].startswith("D:20260115")


@pytest.mark.parametrize("arguments, message", [
    (["--booklet", "--bleed", "3mm"], "a print house imposes the pages itself"),
    (["--booklet", "--pdf-variant", "pdf/ua-1"], "build it without --booklet"),
    (["--format", "html", "--marks"], "apply to PDF output only"),
    (["--bleed", "3cm"], "--bleed"),
])
def test_option_combinations_that_make_no_sense(arguments, message, tmp_path):
    result = CliRunner().invoke(main, ["build", str(FIXTURES / "minimal"), *arguments,
                                       "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
    assert message in result.output


@pytest.mark.parametrize("written, millimetres", [
    ("3mm", 3.0), ("0.125in", 3.175), ("9pt", 3.175), ("0.3cm", 3.0), ("3 MM", 3.0),
    ("0,125in", 3.175)])
def test_a_bleed_as_print_shops_write_it(written, millimetres):
    assert parse_length(written) == millimetres


@pytest.mark.parametrize("written, message", [
    ("3", "'3' has no unit: write it with one (mm, cm, in or pt), e.g. 3mm, 0.125in or 9pt"),
    ("3px", "'px' is not a unit of length here: use mm, cm, in or pt"),
    ("wide", "'wide' is not a length: write a number and a unit")])
def test_a_bleed_without_its_unit_is_refused_with_the_units_to_use(written, message, tmp_path):
    result = CliRunner().invoke(main, ["build", str(FIXTURES / "minimal"), "--bleed", written,
                                       "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2 and message in result.output, result.output
    assert not (tmp_path / "x.pdf").exists()


def test_paper_in_capitals_and_a_bleed_in_inches(tmp_path):
    result = CliRunner().invoke(main, ["build", str(FIXTURES / "minimal"), "--paper", "A5",
                                       "--bleed", "0.125in", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 0, result.output
    document = pikepdf.open(tmp_path / "x.pdf")
    page = document.pages[1]
    trim, bleed = box(page, "/TrimBox"), box(page, "/BleedBox")
    assert (round((trim[2] - trim[0]) / MM), round((trim[3] - trim[1]) / MM)) == (148, 210)
    assert round((trim[0] - bleed[0]) / MM, 3) == 3.175


def test_duplex_blank_pages_have_the_same_boxes_as_the_rest(tmp_path):
    pdf = build_pdf(FIXTURES / "minimal", tmp_path / "out.pdf", duplex=True, bleed=3.0)
    document = pikepdf.open(pdf.path)
    blanks = [index for index, text in enumerate(pdf.pages) if not text.strip()]
    assert blanks
    reference = document.pages[0]
    for index in blanks:
        page = document.pages[index]
        for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
            assert [float(v) for v in page.obj[box]] == [float(v) for v in reference.obj[box]], box
