"""How much and how often: the limits every protocol and method carries."""

from __future__ import annotations

from pydantic import Field, model_validator

from .base import Strict, Text
from .quantities import CourseCount, Duration, Interval, Range, Repetitions, SessionCount, Span


class Limit(Strict):
    """A method-specific limit, e.g. how far the skin may be drawn into a cup."""

    what: Text
    value: Range


class Dosage(Strict):
    """How long one session lasts and how that grows over a course."""

    session: Duration | None = None
    first_sessions: Duration | None = None
    later_sessions: Duration | None = None
    per_day: Repetitions | None = None
    hold: Duration | None = None
    limits: list[Limit] = Field(default_factory=list)
    progression: Text | None = None
    notes: list[Text] = Field(default_factory=list)

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

    sessions: SessionCount | None = None
    length: Span | None = None
    interval: Interval | None = None
    break_before_repeat: Span | None = None
    courses_per_year: CourseCount | None = None
    notes: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _says_something(self) -> Course:
        if not any(self.model_dump().values()):
            raise ValueError(
                "an empty course says nothing; give sessions, length, interval, "
                "break_before_repeat or courses_per_year, or a note saying the sources "
                "give no figure")
        return self
