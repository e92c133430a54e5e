"""Personal plans and batches of plans: what they print, what they refuse, what they never leak."""

from __future__ import annotations

import datetime
import os

import pytest

from conftest import PROTOCOLS, invoke, normalise
from tagged_reading import pdfinfo

DAY = datetime.date


@pytest.mark.parametrize("arguments, message", [
    (["--protocol", "nope", "--start", "2026-12-01"], "unknown protocol 'nope'"),
    (["--protocol", "lumbar-hernia-classic", "--start", "2026-02-30"],
     "the date '2026-02-30' does not exist: February 2026 has 28 days"),
    (["--protocol", "lumbar-hernia-clasic", "--start", "2026-12-01"],
     "unknown protocol 'lumbar-hernia-clasic'; did you mean 'lumbar-hernia-classic'?"),
    (["--protocol", "lumbar-facet-manual-therapy", "--start", "2026-12-01", "--sessions", "8"],
     "allows at most 7 sessions"),
])
def test_plan_command_refuses_clearly(arguments, message, tmp_path):
    result = invoke("plan", PROTOCOLS, "--patient", "Test Patient", *arguments,
                    "-o", tmp_path / "plan.pdf")
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "plan.pdf").exists()


# -- one plan, printed ---------------------------------------------------------------------


# plan_pdf: a session fixture (variants.py), for a patient with a Cyrillic name.


def test_plan_has_dates_screening_warnings_and_log(plan_pdf, library):
    pdf, _ = plan_pdf
    text = normalise(pdf.text())
    assert "Course plan for Анна Петрова-Смит" in text
    assert "Fri, December 4, 2026" in text and "Mon, December 7, 2026" in text
    assert "Sat" not in text
    assert "Patient: Анна Петрова-Смит" in text and "Date: Fri, December 4, 2026" in text
    assert normalise(library.red_flags.patient_action) in text
    log = normalise(pdf.pages[pdf.anchor_page("protocol-lumbar-hernia-manual-therapy-log") - 1])
    assert "Wed, December 9, 2026" in log
    _, protocol = library.protocol("lumbar-hernia-manual-therapy")
    assert normalise(protocol.patient) in text


def test_plan_keeps_the_patient_out_of_metadata(plan_pdf, library):
    pdf, folder = plan_pdf
    metadata = pdf.reader.metadata
    assert "Анна" in metadata.title
    for key, value in metadata.items():
        if key != "/Title":
            assert "Анна" not in str(value) and "Петрова" not in str(value), key
    assert sorted(os.listdir(folder)) == ["plan.pdf"]


# -- batches --------------------------------------------------------------------------------


ROWS = """patient,protocol,start,every,sessions,therapist,clinic
Anna Petrova,lumbar-hernia-classic,2026-12-01,,,Dr Ivanova,Spine Clinic
Анна Каренина,cervical-hernia,2026-12-02,2,5,,
../../outside,lumbar-hernia-manual-therapy,2026-12-03,,,,
.hidden/..,thoracic-hernia-classic,2026-12-04,,,,
Anna Petrova,lumbar-hernia-classic,2026-12-01,,,,
Secret Name,lumbar-hernia-classic,2026-02-30,,,,
Other Secret,nope,2026-12-01,,,,
"""


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch")
    plans = folder / "plans.csv"
    plans.write_text(ROWS, encoding="utf-8")
    result = invoke("batch", plans, "-o", folder / "out", "--source", PROTOCOLS, "--jobs", "2")
    return folder, plans, result


def test_batch_builds_good_rows_and_reports_bad_ones_by_line(batch_run):
    folder, plans, result = batch_run
    assert result.exit_code == 1
    assert "5 built, 0 already up to date, 2 failed" in result.output
    assert f"{plans.name}:7: the start date '2026-02-30' does not exist" in result.output
    assert f"{plans.name}:8: unknown protocol 'nope'" in result.output
    assert "Secret" not in result.output  # lines and reasons, never patients


def test_batch_writes_the_bad_rows_to_hand_back_without_names(batch_run):
    folder, _, result = batch_run
    report = folder / "out" / "problems.csv"
    assert f"see the lines above, or {report}" in " ".join(result.output.split())
    import csv

    rows = list(csv.reader(report.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["line", "reason"]
    assert rows[1][0] == "7" and rows[1][1].startswith("the start date '2026-02-30' does not exist")
    assert rows[2][0] == "8" and rows[2][1].startswith("unknown protocol 'nope'")
    assert len(rows) == 3 and "Secret" not in report.read_text(encoding="utf-8-sig")


def test_batch_names_stay_in_the_folder_and_apart(batch_run):
    folder, _, _ = batch_run
    out = folder / "out"
    assert sorted(path.name for path in out.iterdir() if path.suffix == ".pdf") == [
        "anna-petrova_2026-12-01-2.pdf", "anna-petrova_2026-12-01.pdf", "hidden_2026-12-04.pdf",
        "outside_2026-12-03.pdf", "анна-каренина_2026-12-02.pdf"]
    assert sorted(path.name for path in folder.iterdir()) == ["out", "plans.csv"]
    assert not any(path.name.endswith(".part") for path in out.iterdir())


def test_batch_plans_are_tagged(batch_run):
    folder, _, _ = batch_run
    for plan in (folder / "out").glob("*.pdf"):
        assert pdfinfo(plan)["Tagged"].strip() == "yes", plan.name


def test_batch_rerun_skips_what_is_up_to_date(batch_run):
    folder, plans, _ = batch_run
    again = invoke("batch", plans, "-o", folder / "out", "--source", PROTOCOLS)
    assert "0 built, 5 already up to date, 2 failed" in again.output
    plans.write_text(ROWS.replace("Анна Каренина,cervical-hernia,2026-12-02,2,5",
                                  "Анна Каренина,cervical-hernia,2026-12-02,2,6"), encoding="utf-8")
    changed = invoke("batch", plans, "-o", folder / "out", "--source", PROTOCOLS)
    assert "1 built, 4 already up to date, 2 failed" in changed.output


def test_batch_refuses_a_file_without_the_columns(tmp_path):
    plans = tmp_path / "plans.csv"
    plans.write_text("name,when\nAnna,2026-12-01\n", encoding="utf-8")
    result = invoke("batch", plans, "-o", tmp_path / "out", "--source", PROTOCOLS)
    assert result.exit_code == 1
    assert "plans.csv:1: the header row needs the columns patient, protocol, start" in result.output
    assert "missing: patient, protocol, start" in result.output


def test_a_plan_caches_only_the_pages_every_patient_shares(tmp_path, monkeypatch):
    """Nothing that names the patient reaches the cache: only the warning card, which every
    patient of the library shares, is kept; font subsets of plans stay in memory."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("HANDBOOK_CACHE", str(cache))
    for patient in ("Zoë Quinn", "Zoë Quinn-Marsh"):
        result = invoke("plan", PROTOCOLS, "--patient", patient, "--protocol",
                        "lumbar-hernia-classic", "--start", "2026-12-01",
                        "-o", tmp_path / f"{len(patient)}.pdf")
        assert result.exit_code == 0, result.output
    entries = sorted(path.parent.parent.name for path in cache.rglob("*") if path.is_file())
    assert entries == ["units"], entries
    for path in cache.rglob("*"):
        if path.is_file():
            for form in ("Zoë", "Quinn", "Zo\\xeb"):
                assert form.encode("utf-8") not in path.read_bytes()


# -- at the front desk: the forms and the mistakes of a first morning ------------------------


def test_plan_takes_the_library_once_and_dates_as_batch_does(tmp_path, monkeypatch):
    from conftest import FIXTURES

    monkeypatch.setenv("HANDBOOK_LIBRARY", str(FIXTURES / "minimal"))
    monkeypatch.chdir(tmp_path)  # outside the repository: no ./protocols here
    result = invoke("plan", "--patient", "Anna", "--protocol", "Neck-Basic", "--start",
                    "07.12.2026", "--format", "fhir", "-o", tmp_path / "anna.json")
    assert result.exit_code == 0, result.output
    assert '"start": "2026-12-07' in (tmp_path / "anna.json").read_text()
    assert "warning: the records name http://example.org/handbook, a placeholder" in result.output


def test_a_suffix_that_disagrees_with_the_format_is_refused(tmp_path):
    from conftest import FIXTURES

    result = invoke("plan", FIXTURES / "minimal", "--patient", "Anna", "--protocol",
                    "neck-basic", "--start", "2026-12-07", "--format", "fhir",
                    "-o", tmp_path / "anna.pdf")
    assert result.exit_code == 2
    assert "anna.pdf does not end in .json, but --format fhir writes JSON; name it anna.json" \
        in " ".join(result.output.split())
    assert not (tmp_path / "anna.pdf").exists()
