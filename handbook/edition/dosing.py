"""Planned session lengths over a course, computed from a protocol's dosage.

The sources give a starting dose ("the first sessions no longer than 5–7
minutes") and a later one ("up to 15 minutes or more") but not the shape of the
climb.  The rule used here (printed under every course log, worded in
forms.yaml): the planned length rises in even steps from the first dose to the
later dose by the middle of the course, then stays there.  It is a plan to
adjust to the patient's reaction, never a target to push towards.
"""

from __future__ import annotations

import math

from ..source.models import Course, Dosage, Range
from ..source.models.dosage import climb_sessions, course_length

#: Rows of a course log when the sources give no course length.
DEFAULT_SESSIONS = 10


def course_sessions(course: Course, dosage: Dosage) -> int:
    """How many rows a course log needs: the most sessions the course allows."""
    return course_length(course, dosage, low=False) or DEFAULT_SESSIONS


def default_sessions(course: Course, dosage: Dosage) -> int:
    """A plan's default course: the low end of the protocol's range, never the top."""
    return course_length(course, dosage, low=True) or DEFAULT_SESSIONS


def planned_minutes(dosage: Dosage, sessions: int) -> list[Range | None]:
    """The planned length of each session, in minutes (None where the dosage gives none)."""
    first = dosage.first_minutes
    if first is None:
        return [None] * sessions
    later = dosage.later_sessions or dosage.session
    target = None if later is None or later is first else later.min
    if target is None or first.max is None or target <= first.max:
        return [first] * sessions
    climb = climb_sessions(sessions)
    step = dosage.max_step
    if step is not None and step.max and step.unit == first.unit:  # never steeper than allowed
        climb = max(climb, math.ceil((target - first.max) / step.max))
    plan = [first]
    for number in range(1, sessions):
        if number >= climb:
            plan.append(later)
        else:
            minutes = round(first.max + (target - first.max) * number / climb)
            plan.append(Range(min=float(minutes), max=float(minutes), unit=first.unit))
    return plan
