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
    assert [str(session.planned) for session in classic.sessions][:2] == ["5–7 minutes",
                                                                         "8 minutes"]
    assert classic.sessions[-1].planned.max is None  # "15 minutes or more"


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


def test_protocol_ids_are_read_in_any_case(library):
    plan = make_plan(library, PlanRequest("A", " Cervical-Hernia ", DAY(2026, 1, 1)))
    assert plan.protocol.id == "cervical-hernia"
