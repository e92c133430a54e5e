"""Every default PDF is tagged, and its structure tree holds the page: checked by readers
that did not write it (pypdf and poppler, see tests/tagged_reading.py) on the English and
Russian handbook at A4 and A5, both leaflets and both plans, as the session built them,
and on a small library built for a print house (letter, duplex, bleed and marks)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pytest

from conftest import FIXTURES, BuiltPdf, build_pdf, outline_entries
from tagged_reading import (
    Leaf, Structure, parent_tree, pdfinfo, poppler_roles, poppler_text, read_structure,
)

#: Each output checked: the session fixture that built it, and its language.
OUTPUTS = {
    "handbook A4": ("handbook_a4", "en"),
    "handbook A5": ("a5_pdf", "en"),
    "Russian handbook A4": ("russian_pdf", "ru"),
    "Russian handbook A5": ("russian_a5", "ru"),
    "leaflet": ("patient_pdf", "en"),
    "Russian leaflet": ("russian_leaflet", "ru"),
    "plan": ("plan_pdf", "en"),
    "Russian plan": ("russian_plan", "ru"),
    "for a print house": ("print_house_pdf", "en"),
}
#: Running heads and footers sit within this many points of the page's top or bottom edge.
BAND = 57
#: Poppler takes seconds a page to give the tree's text: it reads it for the short outputs.
POPPLER_TEXT_PAGES = 10
#: Baselines this close are one line.
SAME_LINE = 2.0
#: Elements read beside the flow: a figure, and its caption (a map floated beside the text).
ASIDES = {"/Figure", "/Caption"}


@dataclass
class Tagged:
    pdf: BuiltPdf
    structure: Structure
    language: str

    def text(self, leaf: Leaf) -> str:
        return "".join(run.text for run in self.pdf.marks[leaf.page].runs if run.mcid == leaf.mcid)


@pytest.fixture(scope="session")
def handbook_a4(builds) -> BuiltPdf:
    return builds["plain"]


@pytest.fixture(scope="module")
def print_house_pdf(tmp_path_factory) -> BuiltPdf:
    """The small library, double-sided with blank pages, bleed and crop marks, at letter."""
    return build_pdf(FIXTURES / "minimal", tmp_path_factory.mktemp("print") / "print.pdf",
                     paper="letter", duplex=True, bleed=3.0, marks=True)


@pytest.fixture(scope="module", params=list(OUTPUTS))
def tagged(request) -> Tagged:
    fixture, language = OUTPUTS[request.param]
    pdf = request.getfixturevalue(fixture)
    pdf = pdf[0] if isinstance(pdf, tuple) else pdf
    return Tagged(pdf, read_structure(pdf.reader), language)


def squash(text: str) -> str:
    """Text without spaces and hyphens: a word hyphenated at a line's end reads the same."""
    return re.sub(r"[\s\-‐\xad]+", "", text)


def test_pdfinfo_says_tagged_and_the_catalogue_says_how_to_show_it(tagged):
    assert pdfinfo(tagged.pdf.path)["Tagged"].strip() == "yes"
    catalogue = tagged.pdf.reader.trailer["/Root"]
    assert catalogue["/Lang"] == tagged.language
    assert catalogue["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a pypdf BooleanObject
    assert catalogue["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712


def test_poppler_finds_the_same_tree(tagged):
    assert poppler_roles(tagged.pdf.path) == tagged.structure.roles
    assert {"/H1", "/P", "/Figure"} <= set(tagged.structure.roles)


def test_every_word_outside_the_artifacts_is_in_the_tree_once(tagged):
    leaves = Counter((leaf.page, leaf.mcid) for leaf in tagged.structure.leaves)
    assert max(leaves.values()) == 1, [key for key, count in leaves.items() if count > 1]
    for page, marks in enumerate(tagged.pdf.marks):
        assert marks.unmarked_painting == 0, f"page {page + 1} draws outside marked content"
        for run in marks.runs:
            assert run.artifact or run.mcid is not None, (page + 1, run.text)
            assert run.artifact or (page, run.mcid) in leaves, (page + 1, run.text)
    for page, mcid in leaves:
        assert mcid in tagged.pdf.marks[page].mcids, (page + 1, mcid)
    if len(tagged.pdf.pages) <= POPPLER_TEXT_PAGES:
        in_order = "".join(tagged.text(leaf) for leaf in tagged.structure.leaves)
        assert squash(poppler_text(tagged.pdf.path)) == squash(in_order)


def test_the_parent_tree_leads_back_from_every_page_and_link(tagged):
    """What a reader uses to go from content to its element: each page's StructParents key,
    each link annotation's StructParent key, renumbered when the units were joined."""
    entries = parent_tree(tagged.pdf.reader)
    keys = []
    for number, page in enumerate(tagged.pdf.reader.pages):
        if tagged.pdf.marks[number].mcids:
            keys.append(page["/StructParents"])
        for annotation in page.get("/Annots") or []:
            key = annotation.get_object()["/StructParent"]
            keys.append(key)
            assert entries[key].idnum == tagged.structure.annotations[annotation.idnum]
    assert len(keys) == len(set(keys)) == len(entries)
    for leaf in tagged.structure.leaves:
        marks = entries[tagged.pdf.reader.pages[leaf.page]["/StructParents"]]
        assert marks[leaf.mcid].idnum == leaf.element, (leaf.page + 1, leaf.mcid)


def test_the_tree_reads_in_reading_order(tagged):
    """Page after page, and on a page each line below the one before, or further along its
    line, or at the top of the next column or cell; never back up and to the left."""
    previous = None
    for leaf in tagged.structure.leaves:
        runs = [run for run in tagged.pdf.marks[leaf.page].runs if run.mcid == leaf.mcid]
        if not runs or ASIDES & set(leaf.roles):
            continue
        here = (leaf.page, runs[0].x, runs[0].y, runs[0].text)
        if previous is not None:
            page, x, y, text = previous
            assert leaf.page >= page, (text, here[3])
            if leaf.page == page:
                if abs(here[2] - y) <= SAME_LINE:
                    assert here[1] > x, (leaf.page + 1, text, here[3])
                else:
                    assert here[2] < y or here[1] > x, (leaf.page + 1, text, here[3])
        previous = here


def test_every_figure_has_its_words(tagged):
    assert tagged.structure.figures
    assert all(alternative.strip() for alternative in tagged.structure.figures)


def test_the_headings_are_the_outline(tagged):
    """Chapters are H1 and their sections H2, in the outline's order; the cover's title and
    the contents' heading are the only others (a plan has no outline: its pages are H1)."""
    headings = [(level, squash(" ".join(tagged.text(leaf) for leaf in leaves)),
                 leaves[0].page + 1 if leaves else 0)
                for level, leaves in tagged.structure.headings if level <= 2]
    outline = [(level, squash(title)) for level, title, _ in outline_entries(tagged.pdf)]
    if not outline:
        assert headings and all(level == 1 for level, _, _ in headings)
        return
    contents = tagged.pdf.anchor_page("part-contents") \
        if "part-contents" in tagged.pdf.reader.named_destinations else None
    assert headings[0][2] == 1 and headings[0][0] == 1  # the cover's title
    assert [(level, title) for level, title, page in headings[1:] if page != contents] == outline


def test_running_heads_and_page_numbers_are_artifacts(tagged):
    """Artifacts are the running heads and footers only, and nothing of the body is in their
    lines: every artifact sits near the page's top or bottom edge, and the body's text
    between the lowest head and the highest footer."""
    stamped = 0
    for number, (marks, page) in enumerate(zip(tagged.pdf.marks, tagged.pdf.reader.pages), 1):
        top, bottom = float(page.trimbox.top), float(page.trimbox.bottom)  # bleed aside
        heads = [run.y for run in marks.runs if run.artifact and run.y > top - BAND]
        feet = [run.y for run in marks.runs if run.artifact and run.y < bottom + BAND]
        for run in marks.runs:
            if run.artifact:
                assert run.y > top - BAND or run.y < bottom + BAND, (number, run.text)
            elif run.tag != "/Figure":  # a label drawn in a figure: placed by its drawing
                assert min(heads, default=top) > run.y > max(feet, default=bottom), \
                    (number, run.text)
        stamped += any(re.search(r"\d+\D+\d+", run.text) for run in marks.runs
                       if run.artifact and run.y < bottom + BAND)
    printed = sum(bool(marks.runs) for marks in tagged.pdf.marks)  # duplex blanks aside
    assert stamped >= printed - 1  # every page but the cover
