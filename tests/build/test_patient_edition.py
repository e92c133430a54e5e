"""The patient edition: short, plain, large type, the warning signs, no therapist's tables."""

from __future__ import annotations

from conftest import fragments, normalise

# -- the patient edition ------------------------------------------------------------


# patient_pdf: a session fixture (variants.py).


def test_patient_edition_is_short_and_has_the_warning_signs(patient_pdf, handbook_pdf, library):
    assert len(patient_pdf.pages) <= 10 < len(handbook_pdf.pages)
    text = normalise(patient_pdf.text())
    for flag in library.red_flags.flags:
        assert normalise(flag.patient) in text
    assert normalise(library.red_flags.patient_action) in text
    for advice in library.forms.home_advice:
        assert normalise(advice) in text
    assert "cannot cure a disc hernia" in text
    assert patient_pdf.reader.metadata.title == library.patient.title
    # issue 22: the method items reach the patient (blood thinners for cupping), and the
    # leaflet of a library with a neck region says what a stroke looks like
    asked = [item.patient for item in library.contraindications if item.patient]
    assert any("blood thinners" in question for question in asked)
    for question in asked:
        assert normalise(question) in text
    for paragraph in library.patient.stroke_warning:
        assert normalise(paragraph) in text


def test_patient_edition_has_no_therapist_tables(patient_pdf, library):
    text = normalise(patient_pdf.text())
    for therapist_only in ("Technique reference", "Repetitions", "Course log", "Pre-check",
                           "Contraindications:", library.forms.screening.title):
        assert therapist_only not in text
    for technique in library.techniques:
        assert f"technique-{technique.id}" not in patient_pdf.reader.named_destinations


def test_the_leaflet_flows_and_keeps_its_warning_card_whole(patient_pdf, library):
    """The leaflet opens with a masthead and its parts follow each other (four to eight pages,
    not a page each: the signs for a doctor today and this week and the stroke warning of
    issue 22 take two), and the warning card is whole on one page."""
    assert 4 <= len(patient_pdf.pages) <= 8
    first_page = normalise(patient_pdf.pages[0])
    assert normalise(library.patient.title) in first_page
    assert normalise(library.patient.can_do[0]) in first_page
    with_card = [number for number, page in enumerate(patient_pdf.pages, start=1)
                 if normalise(library.red_flags.patient_action)[:40] in normalise(page)]
    first_sign = normalise(library.red_flags.flags[0].patient)[:30]
    assert len(with_card) == 1 and first_sign in normalise(patient_pdf.pages[with_card[0] - 1])


def test_patient_edition_sets_large_calm_type(patient_pdf):
    sizes = [size for number in range(2, len(patient_pdf.pages) + 1)
             for _, size, font, _, _ in fragments(patient_pdf, number) if font == "PT-Serif"]
    assert sizes and min(sizes) >= 12.5
