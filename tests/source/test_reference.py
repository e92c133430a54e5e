"""A translation is checked against its reference: words may differ, nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, invoke


def translate(folder: Path) -> None:
    """The minimal library "translated": every text changed, every fact kept."""
    region = folder / "regions" / "neck.yaml"
    text = region.read_text(encoding="utf-8")
    for english, russian in (("The neck.", "Шея."), ("Lying face down.", "Лёжа на животе."),
                             ("No jerks.", "Без рывков."), ("Basic neck massage", "Массаж шеи"),
                             ("Stroking only.", "Только поглаживание."),
                             ("area: Neck", "area: Шея"), ("title: Neck", "title: Шея")):
        text = text.replace(english, russian)
    region.write_text(text, encoding="utf-8")
    edition = folder / "handbook.yaml"
    edition.write_text(edition.read_text().replace("language: en", "language: ru"))


@pytest.fixture
def translation(tmp_path) -> Path:
    folder = tmp_path / "minimal-ru"
    shutil.copytree(FIXTURES / "minimal", folder)
    translate(folder)
    return folder


def reference_check(translation: Path):
    return invoke("validate", translation, "--reference", FIXTURES / "minimal")


def test_a_faithful_translation_passes(translation):
    result = reference_check(translation)
    assert result.exit_code == 0, result.output
    assert "the same clinical content as" in result.output


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text().splitlines(), start=1)
                if text in line)


def test_a_changed_dose_is_reported_at_its_line(translation):
    region = translation / "regions" / "neck.yaml"
    region.write_text(region.read_text().replace("repetitions: 6-7 times", "repetitions: 5-7 times"))
    result = reference_check(translation)
    assert result.exit_code == 1
    line = line_of(region, "repetitions: 5-7 times")
    expected = (f"{region.as_posix()}:{line}:26: 'repetitions' is '5–7 times' here but '6–7 times'"
                f" in the reference (tests/fixtures/minimal/regions/neck.yaml:{line}:26)")
    assert expected in result.output.replace("\n", " "), result.output
    assert "1 problem found" in result.output


@pytest.mark.parametrize("change, message", [
    (("cautions: [Без рывков.]", "cautions: [Без рывков., Без нажима.]"),
     "the number of entries of 'cautions' is 2 here but 1"),
    (("      later_sessions: 15+ minutes\n", ""),
     "'later_sessions' is not given here but '15 minutes or more'"),
    (("method: classic", "method: classic\n    contraindications: [fever]"), "'contraindications'"),
    (("variants: [palm]", "variants: []"), "the number of entries of 'variants' is 0 here but 1"),
])
def test_every_kind_of_difference_is_caught(translation, change, message):
    region = translation / "regions" / "neck.yaml"
    text = region.read_text()
    assert change[0] in text
    region.write_text(text.replace(change[0], change[1]))
    result = reference_check(translation)
    assert result.exit_code == 1 and message in result.output, result.output


def test_a_tier_changed_in_the_catalogue(translation):
    catalogue = translation / "contraindications.yaml"
    text = catalogue.read_text()
    # moved with its clearance, so the item still passes the rules (HB201) in itself
    catalogue.write_text(text.replace("tier: local\n    clearance: false",
                                      "tier: relative\n    clearance: true", 1))
    result = reference_check(translation)
    assert result.exit_code == 1 and "'tier' is 'relative' here but 'local'" in result.output


def test_a_file_the_reference_does_not_have(translation):
    techniques = translation / "techniques"
    shutil.copy(techniques / "stroking.yaml", techniques / "extra.yaml")
    result = reference_check(translation)
    assert result.exit_code == 1
    assert "techniques/extra.yaml:1:1: the reference has no such file" in result.output


def test_a_file_missing_from_the_translation(translation, tmp_path):
    reference = tmp_path / "reference"
    shutil.copytree(FIXTURES / "minimal", reference)
    shutil.copy(reference / "techniques" / "stroking.yaml", reference / "techniques" / "extra.yaml")
    result = invoke("validate", translation, "--reference", reference)
    assert result.exit_code == 1
    assert f"{translation.as_posix()}/techniques/extra.yaml: the reference has" in result.output and "translate it" \
        in result.output


@pytest.mark.parametrize("translated, reported", [
    ("Только поглаживание, 3–4 раза, до 15 сеансов.", None),
    ("Только поглаживание, 3–9 раз, до 15 сеансов.", "9 here, which the reference does not "
                                                     "have; not 4, which the reference has"),
    ("Только поглаживание, 3–4 раза, до 25 сеансов.", "25 here"),
    ("Только поглаживание, 3–4 раза.", "not 15, which the reference has"),
])
def test_a_number_changed_in_free_text_is_reported(translation, tmp_path, translated, reported):
    """A summary or a note is free text, but a number written in it is a dose all the same."""
    reference = tmp_path / "reference"
    shutil.copytree(FIXTURES / "minimal", reference)
    for folder, summary in ((reference, "Stroking only, 3–4 times, up to 15 sessions."),
                            (translation, translated)):
        region = folder / "regions" / "neck.yaml"
        region.write_text(region.read_text().replace(
            "summary: Stroking only." if folder == reference else
            "summary: Только поглаживание.", f"summary: {summary}"))
    result = invoke("validate", translation, "--reference", reference)
    if reported is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1, result.output
    line = line_of(translation / "regions" / "neck.yaml", "summary:")
    assert f"regions/neck.yaml:{line}:" in result.output, result.output
    assert "the numbers of 'summary' differ" in result.output and reported in result.output


@pytest.mark.parametrize("english, translated", [
    ("1.5 minutes, 10,000 steps", "1,5 минуты, 10 000 шагов"),
    ("C1–C7, 2 times", "C1–C7, 2 раза"),
])
def test_numbers_written_the_languages_way_agree(english, translated):
    from handbook.source.reference import numbers_in

    assert numbers_in(english) == numbers_in(translated)
