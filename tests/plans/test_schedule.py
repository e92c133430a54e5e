"""Plan dates and defaults: intervals, weekends, twice a day, the break before a repeat course."""

from __future__ import annotations

import datetime

import pytest

from handbook.errors import PlanError
from handbook.plans.schedule import PlanRequest, add_span, make_plan, schedule
from handbook.source.models import Range


# -- dates -------------------------------------------------------------------------------


DAY = datetime.date


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
    assert len(classic.sessions) == 10  # the low end of "10-20 days", never the top
    assert [str(session.planned) for session in classic.sessions][:2] == ["5–7 minutes",
                                                                         "9 minutes"]
    assert classic.sessions[-1].planned.max is None  # "15 minutes or more"


def test_two_sessions_a_day_only_in_the_stage_the_protocol_gives_them_for(library):
    """Rule 7: the cervical protocol gives twice a day in the subsiding stage only."""
    plain = make_plan(library, PlanRequest("A", "cervical-osteochondrosis", DAY(2026, 12, 1)))
    assert plain.per_day == 1 and len({session.date for session in plain.sessions}) == 10
    remission = make_plan(library, PlanRequest("A", "cervical-osteochondrosis", DAY(2026, 12, 1),
                                               stage="remission"))
    assert remission.per_day == 1
    subsiding = make_plan(library, PlanRequest("A", "cervical-osteochondrosis", DAY(2026, 12, 1),
                                               stage="subsiding"))
    assert subsiding.per_day == 2 and subsiding.sessions[1].date == DAY(2026, 12, 1)
    with pytest.raises(PlanError, match="not given in the stage 'exacerbation'"):
        make_plan(library, PlanRequest("A", "cervical-osteochondrosis", DAY(2026, 12, 1),
                                       stage="exacerbation"))


def test_holidays_and_weekends_move_a_session_to_the_next_open_day(library):
    closed = (DAY(2026, 12, 3), DAY(2026, 12, 4))
    plan = make_plan(library, PlanRequest("A", "lumbar-hernia-classic", DAY(2026, 12, 1),
                                          skip_weekends=True, holidays=closed))
    dates = [session.date for session in plan.sessions]
    assert dates[:4] == [DAY(2026, 12, 1), DAY(2026, 12, 2), DAY(2026, 12, 7), DAY(2026, 12, 8)]
    assert not set(dates) & set(closed) and all(day.weekday() < 5 for day in dates)


@pytest.mark.parametrize("request_, message", [
    (PlanRequest("A", "nope", DAY(2026, 1, 1)), r"unknown protocol 'nope' \(the protocols: "),
    (PlanRequest("A", "lumbar-hernia-clasic", DAY(2026, 1, 1)),
     "did you mean 'lumbar-hernia-classic'"),
    (PlanRequest("A", "lumbar-hernia-manual-therapy", DAY(2026, 1, 1), sessions=16),
     r"allows at most 15 sessions in a course; ask for 15 or fewer$"),
    (PlanRequest("A", "lumbar-hernia-manual-therapy", DAY(2026, 1, 1), every=1),
     "no closer than every 2 days"),
    (PlanRequest("  ", "lumbar-hernia-classic", DAY(2026, 1, 1)), "name is empty"),
])
def test_plans_the_protocol_does_not_allow(library, request_, message):
    with pytest.raises(PlanError, match=message):
        make_plan(library, request_)


def test_plan_takes_a_holidays_file_and_the_clinics_list(tmp_path):
    """``--holidays FILE`` and handbook.yaml's ``holidays`` both close days (checked on the
    CarePlan, which carries the same dates as the printed plan)."""
    import json
    import shutil

    from conftest import PROTOCOLS, invoke, set_yaml

    library = tmp_path / "protocols"
    shutil.copytree(PROTOCOLS, library)
    set_yaml(library / "handbook.yaml", lambda data: data.update(holidays=[datetime.date(2026, 12, 2)]))
    closed = tmp_path / "closed.txt"
    closed.write_text("# the clinic's own\n03.12.2026\n\n")
    output = tmp_path / "plan.json"
    result = invoke("plan", library, "--patient", "A", "--protocol", "lumbar-hernia-classic",
                    "--start", "2026-12-01", "--holidays", closed, "--format", "fhir",
                    "-o", output)
    assert result.exit_code == 0, result.output
    events = [activity["detail"]["scheduledTiming"]["event"][0]
              for activity in json.loads(output.read_text())["activity"]]
    assert events[:3] == ["2026-12-01", "2026-12-04", "2026-12-05"] and len(events) == 10
    closed.write_text("2026-12-03\n 3 December\n")
    result = invoke("plan", library, "--patient", "A", "--protocol", "lumbar-hernia-classic",
                    "--start", "2026-12-01", "--holidays", closed, "--format", "fhir",
                    "-o", output)
    assert result.exit_code == 1
    assert f"{closed.as_posix()}:2:2: the closed day '3 December' is not a date: write it as " \
           "YYYY-MM-DD (2026-12-01) or DD.MM.YYYY (01.12.2026); one date a line" in result.output


def test_protocol_ids_are_read_in_any_case(library):
    plan = make_plan(library, PlanRequest("A", " Cervical-Hernia ", DAY(2026, 1, 1)))
    assert plan.protocol.id == "cervical-hernia"
