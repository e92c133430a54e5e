"""Planned session lengths over a course, computed from a protocol's dosage.

The sources give a starting dose ("the first sessions no longer than 5–7
minutes") and a later one ("up to 15 minutes or more") but not the shape of the
climb.  The rule used here, and printed under every course log: the planned
length rises in even steps from the first dose to the later dose by the middle
of the course, then stays there.  It is a plan to adjust to the patient's
reaction, never a target to push towards.
"""

from __future__ import annotations

import math

from ..source.models import Course, Dosage, Range
from ..source.models.quantities import format_range

#: Rows of a course log when the sources give no course length.
DEFAULT_SESSIONS = 10

RAMP_RULE = (
    "Planned minutes rise in even steps from the first-session dose to the later dose "
    "by the middle of the course, then stay there; shorten any session the patient "
    "does not tolerate."
)


def course_sessions(course: Course, dosage: Dosage) -> int:
    """How many rows a course log needs: the most sessions the course allows."""
    if course.sessions is not None:
        return int(course.sessions.max or course.sessions.min)
    if course.length is not None and course.length.unit == "days":
        days = course.length.max or course.length.min
        per_day = dosage.per_day.max if dosage.per_day and dosage.per_day.max else 1
        return int(days * per_day)
    return DEFAULT_SESSIONS


def planned_minutes(dosage: Dosage, sessions: int) -> list[str]:
    """The planned length of each session as print shows it ("5–7", "9", "15+")."""
    first = dosage.first_minutes
    if first is None:
        return [""] * sessions
    later = dosage.later_sessions or dosage.session
    target = None if later is None or later is first else later.min
    if target is None or first.max is None or target <= first.max:
        return [_short(first)] * sessions
    climb = max(1, math.ceil(sessions / 2) - 1)
    plan = [_short(first)]
    for number in range(1, sessions):
        if number >= climb:
            plan.append(_short(later))
        else:
            plan.append(f"{round(first.max + (target - first.max) * number / climb):g}")
    return plan


def _short(value: Range) -> str:
    """``5–7 minutes`` → ``5–7``; ``15 minutes or more`` → ``15+``; for a narrow log column."""
    if value.min is None:
        return f"≤{value.max:g}"
    if value.max is None:
        return f"{value.min:g}+"
    return format_range(value).split(" ")[0]
