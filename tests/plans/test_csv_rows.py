"""A batch's CSV may say, per patient, the stage of the condition and large print; a
yes-or-no column takes what a spreadsheet writes, and anything else is a reason on its
line.  A large-print request reaches the plan's stylesheet."""

from __future__ import annotations

import datetime

from handbook.plans.csv_rows import read_requests
from handbook.plans.document import _handbook, plan_setup
from handbook.plans.schedule import PlanRequest, make_plan


def test_stage_and_large_print_columns_in_english_and_russian(tmp_path):
    english = tmp_path / "plans.csv"
    english.write_text("patient,protocol,start,stage,Large print\n"
                       "A,cervical-osteochondrosis,2026-12-07,subsiding,yes\n"
                       "B,cervical-osteochondrosis,07.12.2026,,\n"
                       "C,cervical-osteochondrosis,07.12.2026,,maybe\n", encoding="utf-8")
    requests, failed = read_requests(english)
    assert [(line, request.stage, request.large_print) for line, request in requests] == [
        (2, "subsiding", True), (3, None, False)]
    assert failed == [(4, "the column large_print says 'maybe'; write yes or no (or leave it "
                          "empty for no)")]
    russian = tmp_path / "планы.csv"
    russian.write_text("Пациент;Протокол;Начало;Стадия;Крупный шрифт\n"
                       "А;cervical-osteochondrosis;07.12.2026;remission;Да\n", encoding="utf-8")
    (_, request), = read_requests(russian)[0]
    assert request.stage == "remission" and request.large_print


def test_a_plans_patient_pages_are_in_clear_or_large_print(library):
    start = datetime.date(2026, 12, 7)
    for large, size in ((False, "13.1pt"), (True, "16.0pt")):  # A4: 1.25 × 10.5 pt, or 16
        plan = make_plan(library, PlanRequest("A", "cervical-hernia", start, large_print=large))
        stylesheet = _handbook(library, plan_setup(plan)).stylesheet()
        patient_rules = stylesheet[stylesheet.index(".patient-page {\n  --size-text"):]
        assert patient_rules.split("}", 1)[0].count(size) == 3  # text, tables, notes
