"""The patient edition, personal plans and batches of plans."""

from __future__ import annotations

import datetime
import os

import pytest
from click.testing import CliRunner

from conftest import PROTOCOLS, build_pdf, fragments, normalise, read_pdf
from handbook.cli import main
from handbook.errors import PlanError
from handbook.plans.schedule import PlanRequest, add_span, make_plan, schedule
from handbook.source.models import Range

DAY = datetime.date


def invoke(*arguments):
    return CliRunner().invoke(main, [str(argument) for argument in arguments])


# -- the patient edition ------------------------------------------------------------


@pytest.fixture(scope="module")
def patient_pdf(tmp_path_factory):
    return build_pdf(PROTOCOLS, tmp_path_factory.mktemp("patient") / "patient.pdf",
                     audience="patient")


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


def test_patient_edition_has_no_therapist_tables(patient_pdf, library):
    text = normalise(patient_pdf.text())
    for therapist_only in ("Technique reference", "Repetitions", "Course log", "Pre-check",
                           "Contraindications:", library.forms.screening.title):
        assert therapist_only not in text
    for technique in library.techniques:
        assert f"technique-{technique.id}" not in patient_pdf.reader.named_destinations


def test_patient_edition_sets_large_calm_type(patient_pdf):
    sizes = [size for number in range(2, len(patient_pdf.pages) + 1)
             for _, size, font, _, _ in fragments(patient_pdf, number) if font == "PT-Serif"]
    assert sizes and min(sizes) >= 12.5


# -- dates -------------------------------------------------------------------------------


def test_schedule_every_other_day():
    assert schedule(DAY(2026, 12, 4), 4, 2, 1, False) == [
        DAY(2026, 12, 4), DAY(2026, 12, 6), DAY(2026, 12, 8), DAY(2026, 12, 10)]


def test_schedule_skips_weekends():
    # Friday, then Sunday moves to Monday, then Wednesday, Friday, Sunday moves to Monday
    assert schedule(DAY(2026, 12, 4), 5, 2, 1, True) == [
        DAY(2026, 12, 4), DAY(2026, 12, 7), DAY(2026, 12, 9), DAY(2026, 12, 11), DAY(2026, 12, 14)]
    assert all(day.weekday() < 5 for day in schedule(DAY(2026, 12, 5), 30, 1, 1, True))


def test_schedule_twice_a_day():
    assert schedule(DAY(2026, 1, 1), 3, 1, 2, False) == [DAY(2026, 1, 1), DAY(2026, 1, 1),
                                                         DAY(2026, 1, 2)]


def test_break_before_a_repeat_course():
    assert add_span(DAY(2026, 1, 31), Range.model_validate("2-3 months")) == DAY(2026, 3, 31)
    assert add_span(DAY(2026, 12, 31), Range.model_validate("2 months")) == DAY(2027, 2, 28)
    assert add_span(DAY(2026, 12, 10), Range.model_validate("2 weeks")) == DAY(2026, 12, 24)


def test_plan_defaults_come_from_the_protocol(library):
    plan = make_plan(library, PlanRequest("A", "lumbar-hernia-manual-therapy", DAY(2026, 12, 1)))
    assert len(plan.sessions) == 15 and plan.step_days == 2
    assert [session.date for session in plan.sessions][:3] == [
        DAY(2026, 12, 1), DAY(2026, 12, 3), DAY(2026, 12, 5)]
    assert plan.repeat_from == plan.sessions[-1].date + datetime.timedelta(weeks=2)
    classic = make_plan(library, PlanRequest("A", "lumbar-hernia-classic", DAY(2026, 12, 1)))
    assert [session.planned for session in classic.sessions][:2] == ["5–7", "8"]
    assert classic.sessions[-1].planned.endswith("+")


@pytest.mark.parametrize("request_, message", [
    (PlanRequest("A", "nope", DAY(2026, 1, 1)), "unknown protocol 'nope'; choose from: "),
    (PlanRequest("A", "lumbar-hernia-manual-therapy", DAY(2026, 1, 1), sessions=16),
     "allows at most 15 sessions"),
    (PlanRequest("A", "lumbar-hernia-manual-therapy", DAY(2026, 1, 1), every=1),
     "no closer than every 2 days"),
    (PlanRequest("  ", "lumbar-hernia-classic", DAY(2026, 1, 1)), "name is empty"),
])
def test_plans_the_protocol_does_not_allow(library, request_, message):
    with pytest.raises(PlanError, match=message):
        make_plan(library, request_)


@pytest.mark.parametrize("arguments, message", [
    (["--protocol", "nope", "--start", "2026-12-01"], "unknown protocol 'nope'"),
    (["--protocol", "lumbar-hernia-classic", "--start", "2026-02-30"], "'2026-02-30' is not a date"),
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


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plan")
    target = folder / "plan.pdf"
    result = invoke("plan", PROTOCOLS, "--patient", "Анна Петрова-Смит", "--protocol",
                    "lumbar-hernia-manual-therapy", "--start", "2026-12-04", "--skip-weekends",
                    "--therapist", "Dr Ivanova", "--clinic", "Spine Clinic", "-o", target)
    assert result.exit_code == 0, result.output
    return read_pdf(target, None), folder


def test_plan_has_dates_screening_warnings_and_log(plan_pdf, library):
    pdf, _ = plan_pdf
    text = normalise(pdf.text())
    assert "Course plan for Анна Петрова-Смит" in text
    assert "Fri 2026-12-04" in text and "Mon 2026-12-07" in text and "Sat" not in text
    assert "Patient: Анна Петрова-Смит" in text and "Date: Fri 2026-12-04" in text
    assert normalise(library.red_flags.patient_action) in text
    log = normalise(pdf.pages[pdf.anchor_page("protocol-lumbar-hernia-manual-therapy-log") - 1])
    assert "Wed 2026-12-09" in log
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
    assert f"{plans.name}:7: the start date '2026-02-30' is not a date" in result.output
    assert f"{plans.name}:8: unknown protocol 'nope'" in result.output
    assert "Secret" not in result.output  # lines and reasons, never patients


def test_batch_names_stay_in_the_folder_and_apart(batch_run):
    folder, _, _ = batch_run
    out = folder / "out"
    assert sorted(path.name for path in out.iterdir() if path.suffix == ".pdf") == [
        "anna-petrova_2026-12-01-2.pdf", "anna-petrova_2026-12-01.pdf", "hidden_2026-12-04.pdf",
        "outside_2026-12-03.pdf", "анна-каренина_2026-12-02.pdf"]
    assert sorted(path.name for path in folder.iterdir()) == ["out", "plans.csv"]
    assert not any(path.name.endswith(".part") for path in out.iterdir())


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
