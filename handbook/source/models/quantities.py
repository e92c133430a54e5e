"""Ranges such as "6-7 times" or "5-7 minutes", kept as numbers.

Dosages are what plans and logs are computed from, so they are never prose.
An author may write a range compactly (``6-7 times``, ``15+ minutes``,
``up to 15 sessions``) or as a mapping (``{min: 6, max: 7, unit: times}``);
both become the same :class:`Range`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import Field, WrapValidator, model_validator

from ...errors import quoted
from .base import Strict

Unit = Literal[
    "times", "seconds", "minutes", "hours", "days", "weeks", "months", "years",
    "sessions", "courses", "cm",
]

_UNIT_SPELLINGS: dict[str, str] = {
    "time": "times", "times": "times", "x": "times", "pass": "times", "passes": "times",
    "s": "seconds", "sec": "seconds", "second": "seconds", "seconds": "seconds",
    "min": "minutes", "minute": "minutes", "minutes": "minutes",
    "h": "hours", "hour": "hours", "hours": "hours",
    "day": "days", "days": "days", "week": "weeks", "weeks": "weeks",
    "month": "months", "months": "months", "year": "years", "years": "years",
    "session": "sessions", "sessions": "sessions", "course": "courses", "courses": "courses",
    "cm": "cm",
}
_SINGULAR = {
    "times": "time", "seconds": "second", "minutes": "minute", "hours": "hour",
    "days": "day", "weeks": "week", "months": "month", "years": "year",
    "sessions": "session", "courses": "course", "cm": "cm",
}
_NUMBER = r"\d+(?:\.\d+)?"
_COMPACT = re.compile(
    rf"^\s*(?:(?P<upto>up to)\s+(?P<cap>{_NUMBER})"
    rf"|(?P<low>{_NUMBER})\s*(?:(?:-|–|—|to)\s*(?P<high>{_NUMBER})|(?P<plus>\+))?)"
    r"\s*(?P<unit>[a-z]+)\s*$"
)
COMPACT_HELP = "write it like '6-7 times', '10 minutes', '15+ minutes' or 'up to 15 sessions'"
#: A number or a range written without its unit ("8", "10-12", "15+").
_UNITLESS = re.compile(rf"^\s*(?:up to\s+)?{_NUMBER}\s*(?:(?:-|–|—|to)\s*{_NUMBER}|\+)?\s*$")

TIME_UNITS = ("seconds", "minutes", "hours")
SPAN_UNITS = ("days", "weeks", "months", "years")


class Range(Strict):
    """From ``min`` to ``max`` of ``unit``; an open end is ``None``."""

    min: float | None = Field(default=None, ge=0, description="The low end; empty for "
                                                              "'up to'.", examples=[6])
    max: float | None = Field(default=None, ge=0, description="The high end; empty for "
                                                              "'or more'.", examples=[7])
    unit: Unit = Field(description="What is counted.", examples=["times", "minutes"])

    @model_validator(mode="before")
    @classmethod
    def _compact(cls, value: Any) -> Any:
        if _unitless(value) is not None and not isinstance(value, str):
            raise ValueError(f"{_unitless(value)} needs its unit: write it like "
                             f"{_with_unit(value, ('times',))} or {_with_unit(value, ('minutes',))}")
        return parse_compact(value) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.min is None and self.max is None:
            raise ValueError("give at least 'min' or 'max'")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"'min' ({_number(self.min)}) is larger than 'max' ({_number(self.max)})")
        return self

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):
        """Editors should offer both spellings: ``6-7 times`` and the mapping."""
        mapping = handler(core_schema)
        compact = {"type": "string", "pattern": _COMPACT.pattern, "description": COMPACT_HELP,
                   "examples": ["6-7 times", "5-7 minutes", "15+ minutes", "up to 15 sessions"]}
        return {"anyOf": [compact, mapping]}

    @property
    def exact(self) -> bool:
        return self.min is not None and self.min == self.max

    def __str__(self) -> str:
        return format_range(self)


def parse_compact(text: str) -> dict:
    """``"6-7 times"`` → ``{"min": 6.0, "max": 7.0, "unit": "times"}``."""
    match = _COMPACT.match(text.lower())
    if not match and _UNITLESS.match(text):
        raise ValueError(f"{quoted(text)} needs its unit: write it like "
                         f"{_with_unit(text, ('times',))} or {_with_unit(text, ('minutes',))}")
    if not match:
        raise ValueError(f"{quoted(text)} is not a range: {COMPACT_HELP}")
    unit = _UNIT_SPELLINGS.get(match["unit"])
    if unit is None:
        known = ", ".join(sorted(set(_UNIT_SPELLINGS.values())))
        raise ValueError(f"{quoted(match['unit'])} is not a unit this handbook knows; use one of: {known}")
    if match["upto"]:
        return {"max": float(match["cap"]), "unit": unit}
    low = float(match["low"])
    if match["plus"]:
        return {"min": low, "unit": unit}
    high = float(match["high"]) if match["high"] else low
    return {"min": low, "max": high, "unit": unit}


def format_range(value: Range) -> str:
    """How a range reads in print: "6–7 times", "15 minutes or more", "up to 15 sessions"."""
    unit = _unit_word(value)
    if value.min is None:
        return f"up to {_number(value.max)} {unit}"
    if value.max is None:
        return f"{_number(value.min)} {unit} or more"
    if value.exact:
        return f"{_number(value.min)} {unit}"
    return f"{_number(value.min)}–{_number(value.max)} {unit}"


def _unit_word(value: Range) -> str:
    largest = value.max if value.max is not None else value.min
    return _SINGULAR[value.unit] if largest == 1 else value.unit


def _number(number: float | None) -> str:
    return f"{number:g}"


def _in_units(*units: str):
    """A range in one of ``units``; a number or range without its unit, or prose, is
    answered with the unit it needs (the first of ``units`` is the usual one)."""
    def check(value: Any, handler) -> Range:
        shown = _unitless(value)
        if shown is not None:
            raise ValueError(f"{shown} needs its unit: write {_with_unit(value, units)}")
        if units == INTERVAL_UNITS and isinstance(value, str) and not _COMPACT.match(value.lower()):
            raise ValueError(f"{quoted(value)} is not an interval: {INTERVAL_HELP}")
        result = handler(value)
        if result.unit not in units:
            raise ValueError(f"'{result}' should be in {' or '.join(units)}, not {result.unit}")
        return result
    return WrapValidator(check)


def _unitless(value: Any) -> str | None:
    """How to name ``value`` if it is a number or a range without a unit, else None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"the number {value:g}"
    if isinstance(value, str) and _UNITLESS.match(value):
        return quoted(value)
    return None


def _with_unit(value: Any, units: tuple[str, ...]) -> str:
    text = f"{value:g}" if isinstance(value, (int, float)) else " ".join(str(value).split())
    example = f"'{text} {_SINGULAR[units[0]] if text == '1' else units[0]}'"
    return example if len(units) == 1 else f"{example} (in {', '.join(units[:-1])} or {units[-1]})"


INTERVAL_UNITS = ("days", "weeks")
INTERVAL_HELP = ("write the rest between two sessions in days or weeks, like '1 day' "
                 "(a session every 2 days), '1-2 days' or '1 week'")


Repetitions = Annotated[Range, _in_units("times")]
Duration = Annotated[Range, _in_units("minutes", "seconds", "hours")]
Span = Annotated[Range, _in_units(*SPAN_UNITS)]
Interval = Annotated[Range, _in_units(*INTERVAL_UNITS)]
SessionCount = Annotated[Range, _in_units("sessions")]
CourseCount = Annotated[Range, _in_units("courses")]
