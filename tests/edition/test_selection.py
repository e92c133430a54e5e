"""Partial editions: one region, one method, and what they keep."""

from __future__ import annotations

import pytest

from conftest import build_pdf, normalise
from handbook.edition.selection import select
from handbook.errors import SelectionError


def test_region_booklet_keeps_only_that_region(cervical_pdf, library):
    text = normalise(cervical_pdf.text())
    cervical = next(region for region in library.regions if region.id == "cervical")
    for protocol in cervical.protocols:
        assert normalise(protocol.title) in text
    for region in library.regions:
        if region.id != "cervical":
            assert f"region-{region.id}" not in cervical_pdf.reader.named_destinations
            for protocol in region.protocols:
                assert normalise(protocol.title) not in text
    assert cervical.name in cervical_pdf.reader.metadata.title


def test_region_booklet_keeps_its_region_specific_contraindications(cervical_pdf, library):
    text = normalise(cervical_pdf.text())
    for item in library.contraindications:
        if item.applies_to.regions == ["cervical"] and not item.applies_to.methods:
            assert normalise(item.text) in text


def test_method_sheet_has_only_that_method(library, tmp_path):
    method = library.methods[-1]
    pdf = build_pdf(library_folder(), tmp_path / "sheet.pdf", methods=(method.id,))
    text = normalise(pdf.text())
    assert method.name in text
    for other in library.methods:
        if other.id != method.id:
            assert f"method-{other.id}" not in pdf.reader.named_destinations


def test_selection_refuses_unknown_ids_and_lists_the_valid(library):
    with pytest.raises(SelectionError, match="unknown method 'cupping'; choose from: "):
        select(library, methods=["cupping"])


def test_full_selection_keeps_everything(library):
    selection = select(library)
    assert selection.regions == library.regions
    assert selection.methods == library.methods
    assert not selection.partial


def library_folder():
    from conftest import PROTOCOLS
    return PROTOCOLS
