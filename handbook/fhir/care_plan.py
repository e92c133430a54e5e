"""A personal course plan as a FHIR CarePlan: the same sessions, dates and minutes as the
printed plan.

Status draft, intent plan, instantiating the protocol's PlanDefinition; one
activity per session, scheduled on its date (with the time of day, morning or
evening, when the protocol gives two sessions a day) for its planned minutes.
The patient appears only by the name given, as the subject's display: no
identifier is invented.  Nothing is cached.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..edition.words import Words
from .resources import canonical, repeat_duration, stable_id

if TYPE_CHECKING:
    from ..plans.schedule import Plan
    from ..source.models import Library

#: The times of day of FHIR's EventTiming, for two or three sessions a day.
TIMES_OF_DAY = {2: ("MORN", "EVE"), 3: ("MORN", "AFT", "EVE")}


def care_plan(library: Library, plan: Plan, base: str) -> dict:
    words = Words(library.edition.language)
    request, protocol = plan.request, plan.protocol
    definition = canonical(base, "PlanDefinition", protocol.id)
    sessions = plan.sessions
    resource = {
        "resourceType": "CarePlan",
        "id": stable_id("careplan", definition, request.patient, request.start.isoformat(),
                        *(f"{session.date}/{session.of_day}" for session in sessions)),
        "status": "draft", "intent": "plan",
        "instantiatesCanonical": [definition],
        "title": words.gettext("Course plan: {name}", name=request.patient),
        "description": protocol.title,
        "subject": {"display": request.patient},
        "period": {"start": sessions[0].date.isoformat(), "end": sessions[-1].date.isoformat()},
        "activity": [_activity(session, len(sessions), plan.per_day, definition, words)
                     for session in sessions],
    }
    if request.therapist:
        resource["author"] = {"display": request.therapist}
    if plan.repeat_from:
        resource["note"] = [{"text": words.gettext(
            "a break of {span} before any repeat course, which could then start on {day} at "
            "the earliest, if the doctor advises one.",
            span=words.range(protocol.course.break_before_repeat),
            day=words.day(plan.repeat_from))}]
    return resource


def _activity(session, count: int, per_day: int, definition: str, words: Words) -> dict:
    repeat: dict = {}
    times = TIMES_OF_DAY.get(per_day)
    if times and session.of_day is not None and session.of_day < len(times):
        repeat["when"] = [times[session.of_day]]
    if session.planned is not None:
        repeat.update(repeat_duration(session.planned))
    timing: dict = {"event": [session.date.isoformat()]}
    if repeat:
        timing["repeat"] = repeat
    return {"detail": {
        "kind": "ServiceRequest", "instantiatesCanonical": [definition],
        "status": "not-started",
        "description": words.gettext("Session {number} of {count}", number=session.number,
                                     count=count),
        "scheduledTiming": timing}}
