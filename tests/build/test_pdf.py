"""The standard handbook, read back from the real PDF."""

from __future__ import annotations


from fontTools.ttLib import TTFont

from conftest import ROOT, contents_entries, normalise, outline_entries


def test_every_region_and_protocol_is_printed(handbook_pdf, library):
    text = normalise(handbook_pdf.text())
    for region in library.regions:
        assert region.name in text
        for protocol in region.protocols:
            assert normalise(protocol.title) in text


def test_contents_page_numbers_are_where_the_headings_are(handbook_pdf):
    printed = contents_entries(handbook_pdf)
    outline = outline_entries(handbook_pdf)
    assert len(printed) > 20
    assert printed == [(title, page) for _, title, page in outline]
    for title, page in printed:
        assert title in normalise(handbook_pdf.pages[page - 1]), (title, page)


def test_outline_mirrors_chapters_and_sections(handbook_pdf, library):
    outline = outline_entries(handbook_pdf)
    chapters = [title for level, title, _ in outline if level == 1]
    sections = [title for level, title, _ in outline if level == 2]
    for region in library.regions:
        assert region.name in chapters
    for _, protocol in library.protocols():
        assert normalise(protocol.title) in sections
    assert "Contents" not in chapters
    assert chapters[0] == "How to use this handbook"
    assert chapters[-1] == "Sources"


def test_anchors_point_at_the_outline_pages(handbook_pdf, library):
    pages = {title: page for _, title, page in outline_entries(handbook_pdf)}
    for region in library.regions:
        assert handbook_pdf.anchor_page(f"region-{region.id}") == pages[region.name]
        for protocol in region.protocols:
            assert handbook_pdf.anchor_page(f"protocol-{protocol.id}") == pages[normalise(protocol.title)]


def test_every_page_but_the_cover_says_page_x_of_y(handbook_pdf, library):
    total = len(handbook_pdf.pages)
    assert total == handbook_pdf.reported_pages
    assert handbook_pdf.band(1, "bottom") == ""
    control = library.edition.control
    edition = (f"{library.edition.edition} · Version {control.version} · "
               f"{control.status.capitalize()} · November 22, 2026")
    for number in range(2, total + 1):
        footer = handbook_pdf.band(number, "bottom")
        assert f"Page {number} of {total}" in footer
        assert edition in footer


def test_running_header_names_the_chapter(handbook_pdf, library):
    assert handbook_pdf.band(1, "top") == ""
    for region in library.regions:
        first = handbook_pdf.anchor_page(f"region-{region.id}")
        end = handbook_pdf.anchor_page(f"protocol-{region.protocols[-1].id}-log")
        for number in range(first, end + 1):
            header = handbook_pdf.band(number, "top")
            assert header.startswith(region.name), (number, header)
            assert (library.edition.short_title or library.edition.title) in header


def test_metadata_is_set(handbook_pdf, library):
    metadata = handbook_pdf.reader.metadata
    edition = library.edition
    assert metadata.title == edition.title
    assert metadata.author == ", ".join(edition.authors)
    assert metadata.subject == normalise(edition.subject)
    assert metadata["/Keywords"] == ", ".join(edition.keywords)
    assert metadata["/Creator"].startswith("handbook ")
    assert metadata["/CreationDate"].startswith("D:" + edition.date.strftime("%Y%m%d"))
    assert handbook_pdf.reader.trailer["/Root"]["/Lang"] == edition.language


def test_fonts_are_the_shipped_ones_and_embedded(handbook_pdf):
    names = set()
    for page in handbook_pdf.reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            names.add(font["/BaseFont"].split("+")[-1])
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor, font["/BaseFont"]
    assert names and all(name.startswith(("PT-Serif", "PT-Sans")) for name in names), names


def test_non_ascii_text_survives(handbook_pdf):
    text = handbook_pdf.text()
    for sample in ("C1–C7", "№", "Brønfort", "0–10", "·"):
        assert sample in text, sample


def test_shipped_fonts_cover_latin_and_cyrillic():
    for name in ("PTSerif-Regular", "PTSerif-Bold", "PTSerif-Italic", "PTSans-Regular", "PTSans-Bold"):
        cmap = TTFont(ROOT / "layouts" / "fonts" / f"{name}.ttf").getBestCmap()
        for character in "AZaz09АЯаяЁё№–—«»“”…":
            assert ord(character) in cmap, (name, character)


def test_each_protocol_prints_its_safeguards(handbook_pdf, library):
    from handbook.edition import safety

    text = normalise(handbook_pdf.text())
    action = normalise(library.red_flags.action)
    assert action in text
    for region, protocol in library.protocols():
        start = handbook_pdf.anchor_page(f"protocol-{protocol.id}")
        end = handbook_pdf.anchor_page(f"protocol-{protocol.id}-log")
        chapter = normalise(" ".join(handbook_pdf.pages[start - 1:end]))
        for item in safety.for_protocol(library, region, protocol):
            assert normalise(item.text) in chapter, (protocol.id, item.id)
        for flag in library.red_flags.flags:  # a flag of its region, or of every region
            if not flag.regions or region.id in flag.regions:
                assert normalise(flag.ask) in chapter, (protocol.id, flag.id)
            else:
                assert normalise(flag.ask) not in chapter, (protocol.id, flag.id)
        assert "First sessions" in chapter or "Full session" in chapter


def test_course_log_is_a_landscape_page(handbook_pdf, library):
    _, protocol = next(library.protocols())
    page = handbook_pdf.reader.pages[handbook_pdf.anchor_page(f"protocol-{protocol.id}-log") - 1]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert width > height
    portrait = handbook_pdf.reader.pages[1]
    assert float(portrait.mediabox.width) < float(portrait.mediabox.height)


def headings_on(pdf, number) -> tuple[list, list]:
    """The text runs of a page, and those that are headings: bold sans, 10.4 pt or more,
    alone on their line (a bold label inside a sentence is not a heading)."""
    from conftest import FIGURE_LABEL, fragments

    runs = [run for run in fragments(pdf, number) if not FIGURE_LABEL.match(run[3])]
    headings = [run for run in runs if run[2] == "PT-Sans-Bold" and run[1] >= 10.4
                and not any(abs(other[0] - run[0]) < 1 and other[2] != run[2] for other in runs)]
    return runs, headings


def test_no_heading_is_stranded_at_a_page_bottom(handbook_pdf):
    """The last heading on a page has two lines of its text below it, or all of its
    section: the next page opens with a heading of its own."""
    chapter_starts = {page for level, _, page in outline_entries(handbook_pdf) if level == 1}
    for number in range(1, len(handbook_pdf.pages)):
        if number + 1 in chapter_starts:
            continue  # the chapter ends here; whatever is last is its last word
        runs, headings = headings_on(handbook_pdf, number)
        if not headings:
            continue
        lowest = min(run[0] for run in headings)
        lines_below = {round(run[0]) for run in runs if run[0] < lowest - 2}
        if len(lines_below) >= 2:
            continue
        next_runs, next_headings = headings_on(handbook_pdf, number + 1)
        first_line = max((run[0] for run in next_runs), default=None)
        assert next_headings and max(run[0] for run in next_headings) >= first_line - 1, \
            (number, [run[3] for run in headings if run[0] == lowest])


def test_screening_form_is_three_pages_at_most_and_never_a_lonely_signature(handbook_pdf):
    """The contraindications, then the red flags of every urgency with the signatures: at
    most three pages, and the signature line never on a page of its own."""
    page = handbook_pdf.anchor_page("part-screening")
    following = handbook_pdf.anchor_page("part-techniques")
    assert following - page <= 3
    last = normalise(handbook_pdf.pages[following - 2])
    assert "Patient's signature" in last and "If any YES" in last


def test_each_course_log_fits_one_landscape_page(handbook_pdf, library):
    from handbook.edition import dosing

    for _, protocol in library.protocols():
        if dosing.course_sessions(protocol.course, protocol.dosage) > 20:
            continue
        page = handbook_pdf.anchor_page(f"protocol-{protocol.id}-log")
        text = normalise(handbook_pdf.pages[page - 1])
        assert "Pain change, first to last session" in text, protocol.id
        assert "Planned minutes rise" in text, protocol.id


def test_each_session_form_is_one_page(handbook_pdf, library):
    forms = library.forms
    for anchor, form in (("form-before-session", forms.before_session),
                         ("form-after-session", forms.after_session)):
        page = normalise(handbook_pdf.pages[handbook_pdf.anchor_page(anchor) - 1])
        assert normalise(form.title) in page
        for item in form.items:
            assert normalise(item) in page, item
    after = normalise(handbook_pdf.pages[handbook_pdf.anchor_page("form-after-session") - 1])
    assert "Therapist's signature" in after
    assert normalise(forms.home_advice[-1]) in after


def test_plain_parallel_and_cached_builds_are_byte_identical(builds):
    plain, parallel, cached = (builds[mode].path.read_bytes()
                               for mode in ("plain", "parallel", "cached"))
    assert plain == parallel == cached


def test_contents_and_cross_references_link_to_their_pages(handbook_pdf):
    reader = handbook_pdf.reader
    destinations = reader.named_destinations

    def targets(number: int) -> dict[str, int]:
        found = {}
        for annotation in handbook_pdf.reader.pages[number - 1].get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
                name = annotation["/Dest"]
                found[name] = reader.get_destination_page_number(destinations[name]) + 1
        return found

    contents_page = handbook_pdf.anchor_page("part-contents")
    linked = targets(contents_page) | targets(contents_page + 1)
    for level, title, page in outline_entries(handbook_pdf):
        anchor = next(name for name, target in linked.items() if target == page)
        assert anchor, title
    assert len(linked) == len(outline_entries(handbook_pdf))
    protocol = handbook_pdf.anchor_page("protocol-lumbar-hernia-classic")
    assert targets(protocol)["method-classic"] == handbook_pdf.anchor_page("method-classic")


def test_an_intensity_column_only_where_a_step_gives_one(builds, library):
    """A stage's table has the Intensity column only when one of its steps fills it."""
    pdf = builds["parallel"]
    for _, protocol in library.protocols():
        first = pdf.anchor_page(f"protocol-{protocol.id}")
        last = pdf.anchor_page(f"protocol-{protocol.id}-checklist") - 1
        text = normalise(" ".join(pdf.pages[first - 1:last]))
        heads = text.count("Repetitions Intensity")
        with_intensity = sum(any(step.intensity for step in stage.steps)
                             for stage in protocol.stages)
        assert heads >= with_intensity, protocol.id
        assert text.count("Repetitions") - heads >= len(protocol.stages) - with_intensity
        if not with_intensity:
            assert "Intensity" not in text, protocol.id


def test_every_checklist_line_prints_its_own_action(cervical_pdf):
    """Issue 22, rule 2: pregnancy, the neck hernia and the neck arteries each print their own
    action under their line, beside the tier's summary; no tier reads as if a doctor's note
    lifted them."""
    text = normalise(cervical_pdf.text())
    for action in ("If YES: Do not give these protocols during pregnancy",
                   "If YES: Never massage the neck in this case",
                   "If YES: No treatment of the neck; the doctor sees the patient the same day"):
        assert action in text, action
    assert "If any YES: do not treat. Follow the action under the line" in text
    assert "treat only after written clearance" not in text
    assert "Blood pressure today:" in text
