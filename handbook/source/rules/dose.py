"""Dose and schedule follow the protocol's own rules.

A plan starts at the first-session dose and climbs to the later dose by the
middle of the course (the rule printed under every log).  A protocol whose
numbers contradict that (every session longer than the first-session dose, a
climb steeper than its own ``max_step``, two sessions a day in no named stage)
would print a plan that breaks its own rules.
"""

from __future__ import annotations

from ..models.dosage import climb_sessions, course_length
from ..models.quantities import format_range
from ...errors import quoted
from .catalogue import rule, say
from .context import Context


@rule("HB701", "dose", "every session is longer than the first-session dose")
def session_longer_than_first(context: Context):
    for place in context.places():
        dosage = place.protocol.dosage
        first, every = dosage.first_sessions, dosage.session
        if (first and every and first.unit == every.unit and first.max is not None
                and every.min is not None and every.min > first.max):
            yield say("HB701", place.source, place.path + ("dosage", "session"), (
                f"the protocol {place.protocol.id} gives every session {format_range(every)}, "
                f"longer than its first sessions ({format_range(first)}); remove 'session' or "
                "make it the whole range, and give the later dose as later_sessions"))


@rule("HB702", "dose", "a course climbs faster than the protocol's max_step")
def ramp_too_steep(context: Context):
    for place in context.places():
        dosage, course = place.protocol.dosage, place.protocol.course
        first, later, step = dosage.first_sessions, dosage.later_sessions, dosage.max_step
        if not (first and later and step and step.max and first.max is not None
                and later.min is not None and first.unit == later.unit == step.unit):
            continue
        sessions = course_length(course, dosage, low=True) or 10
        climb = (later.min - first.max) / climb_sessions(sessions)
        if climb > step.max:
            yield say("HB702", place.source, place.path + ("dosage", "max_step"), (
                f"the protocol {place.protocol.id} climbs from {format_range(first)} to "
                f"{format_range(later)} over {climb_sessions(sessions)} sessions of a "
                f"{sessions}-session course, {climb:.1f} {step.unit} a session, more than its "
                f"max_step ({format_range(step)}); lower later_sessions or lengthen the course"))


@rule("HB703", "dose", "two sessions a day in no named stage")
def per_day_without_stage(context: Context):
    for place in context.places():
        dosage = place.protocol.dosage
        if dosage.per_day and (dosage.per_day.max or dosage.per_day.min or 1) > 1 \
                and not dosage.per_day_stages:
            yield say("HB703", place.source, place.path + ("dosage", "per_day"), (
                f"the protocol {place.protocol.id} gives {format_range(dosage.per_day)} a day "
                "without saying in which stage; add per_day_stages with the stages the source "
                "gives it for (a plan gives one session a day otherwise)"))


@rule("HB704", "dose", "more sessions a day in a stage the protocol does not allow")
def per_day_stage_not_allowed(context: Context):
    for place in context.places():
        for index, stage in enumerate(place.protocol.dosage.per_day_stages):
            if stage not in place.protocol.allowed_stages:
                yield say("HB704", place.source,
                          place.path + ("dosage", "per_day_stages", index), (
                              f"per_day_stages names {quoted(stage)}, which is not among the "
                              f"allowed_stages of {place.protocol.id} "
                              f"({', '.join(place.protocol.allowed_stages)}); name an allowed "
                              "stage"))
