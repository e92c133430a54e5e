"""How much and how often: the limits every protocol and method carries."""

from __future__ import annotations

from pydantic import Field, model_validator

from .base import Id, Strict, Text
from .quantities import (
    CourseCount,
    Duration,
    Interval,
    Range,
    Repetitions,
    SessionCount,
    Span,
)


class Limit(Strict):
    """A method-specific limit, e.g. how far the skin may be drawn into a cup."""

    what: Text = Field(description="What the limit is about.",
                       examples=["Skin drawn into the cup"])
    value: Range = Field(description="The limit itself, as a range with its unit.",
                         examples=["up to 2 cm"])


class Dosage(Strict):
    """How long one session lasts and how that grows over a course."""

    session: Duration | None = Field(
        default=None, description="The length of every session, when it does not change.",
        examples=["10-15 minutes"])
    first_sessions: Duration | None = Field(
        default=None, description="The length of the first sessions of a course.",
        examples=["5-7 minutes"])
    later_sessions: Duration | None = Field(
        default=None, description="The length the sessions grow to later in the course.",
        examples=["15+ minutes"])
    per_day: Repetitions | None = Field(
        default=None, description="Sessions a day, where the source gives more than one; "
                                  "a plan prints them as morning and evening of one date.",
        examples=["1-2 times"])
    per_day_stages: list[Id] = Field(
        default_factory=list,
        description="The condition's stages in which more than one session a day is given; "
                    "without them a plan gives one a day.", examples=[["remission"]])
    max_step: Duration | None = Field(
        default=None,
        description="The most a session may grow over the one before it.",
        examples=["2 minutes"])
    hold: Duration | None = Field(
        default=None, description="How long one pressure or stretch is held.",
        examples=["10-30 seconds"])
    limits: list[Limit] = Field(
        default_factory=list, description="Method-specific limits with their numbers.",
        examples=[[{"what": "Skin drawn into the cup", "value": "up to 2 cm"}]])
    progression: Text | None = Field(
        default=None, description="How the dose grows from session to session.",
        examples=["Lengthen the sessions only as the patient's reaction allows."])
    notes: list[Text] = Field(
        default_factory=list, description="Anything else about the dose, including where "
                                          "the sources give no figure.",
        examples=[["The sources give no session length for vacuum massage."]])

    @model_validator(mode="after")
    def _says_something(self) -> Dosage:
        if not any(self.model_dump().values()):
            raise ValueError(
                "an empty dosage says nothing; give session, first_sessions, later_sessions, "
                "per_day, hold or limits, or a note saying the sources give no figure")
        return self

    @property
    def first_minutes(self) -> Range | None:
        """The length of the first sessions, the figure a course log starts from."""
        return self.first_sessions or self.session


class Course(Strict):
    """How many sessions, how far apart, and the rest before a repeat course."""

    sessions: SessionCount | None = Field(
        default=None, description="How many sessions a course has.",
        examples=["up to 15 sessions", "10-12 sessions"])
    length: Span | None = Field(
        default=None, description="How long a course lasts, when the source counts in days.",
        examples=["10-20 days"])
    interval: Interval | None = Field(
        default=None, description="The rest between two sessions: 1 day means a session "
                                  "every 2 days (printed so, as plan --every counts).",
        examples=["1-2 days"])
    break_before_repeat: Span | None = Field(
        default=None, description="The rest before a repeat course may start.",
        examples=["2-3 months"])
    courses_per_year: CourseCount | None = Field(
        default=None, description="How many courses a year the source recommends.",
        examples=["3+ courses"])
    notes: list[Text] = Field(
        default_factory=list, description="Anything else about the course: who decides on a "
                                          "repeat, where sources disagree.",
        examples=[["A repeat course only on the attending doctor's indication."]])

    @model_validator(mode="after")
    def _says_something(self) -> Course:
        if not any(self.model_dump().values()):
            raise ValueError(
                "an empty course says nothing; give sessions, length, interval, "
                "break_before_repeat or courses_per_year, or a note saying the sources "
                "give no figure")
        return self


def course_length(course: Course, dosage: Dosage, *, low: bool) -> int | None:
    """Sessions in a course by its own figures: the low end of its range (a plan's default) or
    the high end (the most a plan may ask for); None where the course gives no count.
    Sessions counted from days assume one a day unless the dosage names stages for more."""
    def end(value: Range) -> float | None:
        return (value.min or value.max) if low else (value.max or value.min)
    if course.sessions is not None:
        return int(end(course.sessions))
    if course.length is not None and course.length.unit == "days":
        days = end(course.length)
        per_day = (dosage.per_day.max if not low and dosage.per_day and dosage.per_day.max
                   else 1)
        return int(days * per_day)
    return None


def climb_sessions(sessions: int) -> int:
    """The sessions over which the planned length climbs from the first to the later dose:
    by the middle of the course."""
    return max(1, -(-sessions // 2) - 1)
