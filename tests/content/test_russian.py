"""The Russian library: the same clinical content as the English reference, and a handbook,
leaflet and plan that a Russian-speaking therapist and patient can read with no English
left outside the list of sources."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml
from conftest import (
    PROTOCOLS, PROTOCOLS_RU, ROOT, SESSION_ROW, contents_entries, fragments, invoke,
    log_summary_pages, normalise, outline_entries,
)

from handbook.source.loader import load_library

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
#: Vertebrae and segments as Russian clinical writing names them (C5–C6, Th4, L5–S1), and
#: Roman numerals (стадия II).
NOT_ENGLISH = re.compile(r"^(?:(?:C|Th|L|S)\d*|[IVX]+)$")


@pytest.fixture(scope="module")
def russian_library():
    return load_library(PROTOCOLS_RU)


# russian_pdf, russian_a5, russian_leaflet and russian_plan: session fixtures (variants.py).


def _source_words() -> set[str]:
    """Latin words a citation may print: the sources keep their original titles and authors."""
    text = (PROTOCOLS_RU / "sources.yaml").read_text(encoding="utf-8")
    return {word.lower() for word in LATIN_WORD.findall(text)}


def flat(text: str) -> str:
    """Text with no spaces or hyphens: Russian is hyphenated, so a word may be split in two."""
    return re.sub(r"[\s\-‐]+", "", text)


def english_left(text: str) -> set[str]:
    allowed = _source_words()
    return {word for word in LATIN_WORD.findall(text)
            if not NOT_ENGLISH.match(word) and word.lower() not in allowed}


# -- a translation never carries a different dose ---------------------------------------


def test_the_shipped_translation_has_the_same_clinical_content():
    result = invoke("validate", PROTOCOLS_RU, "--reference", PROTOCOLS)
    assert result.exit_code == 0, result.output
    assert "the same clinical content as" in result.output


def test_the_same_files_and_ids_as_the_reference(russian_library, library):
    assert sorted(path.relative_to(PROTOCOLS_RU) for path in PROTOCOLS_RU.rglob("*.yaml")) == \
        sorted(path.relative_to(PROTOCOLS) for path in PROTOCOLS.rglob("*.yaml"))
    assert [protocol.id for _, protocol in russian_library.protocols()] == \
        [protocol.id for _, protocol in library.protocols()]
    assert russian_library.edition.language == "ru"


def test_a_changed_dose_in_a_copy_is_reported_at_its_line(tmp_path):
    copy = tmp_path / "protocols-ru"
    shutil.copytree(PROTOCOLS_RU, copy)
    region = copy / "regions" / "lumbar.yaml"
    lines = region.read_text(encoding="utf-8").splitlines()
    number, line = next((number, line) for number, line in enumerate(lines, start=1)
                        if re.search(r"repetitions: \d+-\d+ times", line))
    low, high = map(int, re.search(r"(\d+)-(\d+) times", line).groups())
    lines[number - 1] = line.replace(f"{low}-{high} times", f"{low}-{high + 2} times")
    region.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke("validate", copy, "--reference", PROTOCOLS)
    assert result.exit_code == 1
    output = result.output.replace("\n", " ")
    column = lines[number - 1].index("repetitions") + len("repetitions: ") + 1
    assert f"{region.as_posix()}:{number}:{column}: 'repetitions' is '{low}–{high + 2} times'" \
        f" here but '{low}–{high} times' in the reference" in output, result.output
    assert "1 problem found" in output


def test_a_changed_tier_in_a_copy_is_reported(tmp_path):
    copy = tmp_path / "protocols-ru"
    shutil.copytree(PROTOCOLS_RU, copy)
    catalogue = copy / "contraindications.yaml"
    text = catalogue.read_text(encoding="utf-8")
    # moved with its clearance, so the item still passes the rules (HB201) in itself
    catalogue.write_text(text.replace("tier: absolute\n    clearance: false",
                                      "tier: relative\n    clearance: true", 1), encoding="utf-8")
    result = invoke("validate", copy, "--reference", PROTOCOLS)
    assert result.exit_code == 1
    assert "contraindications.yaml:" in result.output and "'tier'" in result.output


# -- the Russian handbook -----------------------------------------------------------------


def test_no_english_outside_the_list_of_sources(russian_pdf):
    sources = russian_pdf.anchor_page("part-sources")
    for number, page in enumerate(russian_pdf.pages[:sources - 1], start=1):
        assert not english_left(page), (number, sorted(english_left(page)))


def test_the_russian_contents_numbers_are_where_the_headings_are(russian_pdf):
    printed = contents_entries(russian_pdf, "Содержание")
    assert len(printed) > 20
    assert printed == [(title, page) for _, title, page in outline_entries(russian_pdf)]
    for title, page in printed:
        assert title in normalise(russian_pdf.pages[page - 1]), (title, page)


def test_every_russian_protocol_prints_its_doses(russian_pdf, russian_library):
    text = normalise(russian_pdf.text())
    for region in russian_library.regions:
        assert flat(region.name) in flat(text)
        for protocol in region.protocols:
            assert flat(protocol.title) in flat(text)
    assert re.search(r"\d+–\d+\s+(?:раз|раза)\b", text)
    assert re.search(r"\d+–\d+\s+минут\b", text)


def test_russian_text_is_hyphenated_and_quoted_the_russian_way(russian_pdf):
    text = russian_pdf.text()
    assert re.search(r"[а-яё]-\n[а-яё]", text), "no word is broken at a syllable"
    assert "«" in text and '"' not in text


def test_every_character_is_set_in_the_shipped_fonts(russian_pdf):
    fonts = {font for number in range(1, len(russian_pdf.pages) + 1)
             for _, _, font, _, _ in fragments(russian_pdf, number)}
    assert fonts and all(font.startswith(("PT-Serif", "PT-Sans")) for font in fonts), fonts


def test_no_russian_course_log_leaves_its_summary_alone_at_a5(russian_a5, russian_library):
    """Russian column heads are longer: the log's summary row still follows a session row on
    its page, never stands alone under a repeated header."""
    protocols = [protocol for _, protocol in russian_library.protocols()]
    pages = log_summary_pages(russian_a5, protocols,
                              russian_library.forms.course_log.meaningful_change, flat)
    assert set(pages) == {protocol.id for protocol in protocols}
    for protocol_id, text in pages.items():
        assert SESSION_ROW.search(text), protocol_id


# -- the Russian leaflet and plan --------------------------------------------------------


def test_the_russian_leaflet_is_russian_and_short(russian_leaflet, russian_library):
    assert len(russian_leaflet.pages) <= 8
    text = normalise(russian_leaflet.text())
    assert not english_left(text), sorted(english_left(text))
    for flag in russian_library.red_flags.flags:
        assert flat(flag.patient) in flat(text)


def test_the_russian_plan_has_russian_dates_and_plurals(russian_plan):
    text = normalise(russian_plan.text())
    assert not english_left(text), sorted(english_left(text))
    assert "1 декабря 2026" in text or "01.12.2026" in text or "1 дек" in text
    assert re.search(r"\bвт\b", text), "the weekday of 1 December 2026 (a Tuesday)"
    assert "Стр. 1 из" in text


def test_csv_headers_may_be_russian(tmp_path):
    table = tmp_path / "plans.csv"
    table.write_text("пациент;протокол;начало\nАнна Петрова;cervical-osteochondrosis;01.12.2026\n",
                     encoding="utf-8")
    result = invoke("batch", table, "--source", PROTOCOLS_RU, "-o", tmp_path / "plans")
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "plans").glob("*.pdf"))) == 1


def test_the_readme_shows_the_russian_build():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "handbook build protocols-ru -o build/handbook-ru.pdf" in readme
    assert yaml.safe_load((PROTOCOLS_RU / "handbook.yaml").read_text(encoding="utf-8"))["language"] == "ru"


def test_the_russian_library_exports_as_valid_fhir_with_the_same_numbers(russian_library,
                                                                       library):
    from fhir.resources.R4B.bundle import Bundle

    from handbook.fhir.definitions import library_bundle

    russian = library_bundle(russian_library, "https://clinic.example/fhir")
    english = library_bundle(library, "https://clinic.example/fhir")
    Bundle.model_validate(russian)

    def timings(bundle):
        found = []

        def walk(actions):
            for action in actions:
                found.append(action.get("timingTiming"))
                walk(action.get("action", []))
        for entry in bundle["entry"]:
            walk(entry["resource"].get("action", []))
        return found
    assert timings(russian) == timings(english)
    titles = [entry["resource"]["title"] for entry in russian["entry"]
              if entry["resource"]["resourceType"] == "PlanDefinition"]
    assert titles == [protocol.title for _, protocol in russian_library.protocols()]


def test_the_running_heads_carry_the_short_title_and_the_pdf_the_full_one(russian_pdf,
                                                                          russian_library):
    edition = russian_library.edition
    assert edition.short_title and edition.short_title != edition.title
    assert russian_pdf.reader.metadata.title == edition.title
    page = russian_pdf.anchor_page("region-cervical") + 1
    assert flat(edition.short_title) in flat(russian_pdf.band(page, "top"))
