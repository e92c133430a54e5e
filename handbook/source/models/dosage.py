"""How much and how often: the limits every protocol and method carries."""

from __future__ import annotations

from pydantic import Field, model_validator

from .base import Strict, Text
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
