"""Dosage, course and citation as printed: label and value rows in the edition's words.

Shared by protocols and methods in the handbook, and by personal plans.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .words import N_

if TYPE_CHECKING:
    from ..source.models import Course, Dosage, Range, Source
    from .words import Words

_DOSAGE = (("session", N_("Full session")), ("first_sessions", N_("First sessions")),
           ("later_sessions", N_("Later sessions")), ("hold", N_("Each press held")))
_COURSE = (("sessions", N_("Sessions")), ("length", N_("Course length")),
           ("interval", N_("How often")),
           ("break_before_repeat", N_("Break before a repeat course")),
           ("courses_per_year", N_("Courses a year")))
#: How every number of a dosage, a course and a step is labelled where it prints.
LABELS = {**dict(_DOSAGE), **dict(_COURSE), "per_day": N_("Frequency"),
          "repetitions": N_("Repetitions"), "duration": N_("Duration"), "value": N_("Limit")}


def dosage_rows(dosage: Dosage, words: Words) -> tuple[tuple[str, str], ...]:
    rows = [(words.gettext(label), words.range(getattr(dosage, name)))
            for name, label in _DOSAGE if getattr(dosage, name) is not None]
    if dosage.per_day is not None:
        rows.append((words.gettext("Frequency"),
                     words.gettext("{amount} a day", amount=words.range(dosage.per_day))))
    rows += [(limit.what, words.range(limit.value)) for limit in dosage.limits]
    if dosage.progression:
        rows.append((words.gettext("Progression"), dosage.progression))
    rows += [(words.gettext("Note"), note) for note in dosage.notes]
    return tuple(rows)


def course_rows(course: Course, words: Words) -> tuple[tuple[str, str], ...]:
    rows = [(words.gettext(label), how_often(course.interval, words) if name == "interval"
             else words.range(getattr(course, name)))
            for name, label in _COURSE if getattr(course, name) is not None]
    rows += [(words.gettext("Note"), note) for note in course.notes]
    return tuple(rows)


def how_often(interval: Range, words: Words) -> str:
    """The rest between sessions as the days from one session to the next, as ``plan
    --every`` counts them: a day off is "every 2 days"; weeks off are said as weeks."""
    from ..source.models import Range

    if interval.unit != "days":
        return words.gettext("{span} off between sessions", span=words.range(interval))
    low = (interval.min or 0) + 1
    high = interval.max + 1 if interval.max is not None else None
    if low == high == 1:
        return words.gettext("daily")
    return words.gettext("every {span}", span=words.range(Range(min=low, max=high, unit="days")))


def citation(source: Source) -> str:
    """"Authors (year). Title. Published in. Identifier." with no doubled punctuation;
    sources keep their own language."""
    head = source.authors or ""
    if source.year:
        head = f"{head} ({source.year})" if head else str(source.year)
    parts = [head, source.title, source.published_in, source.identifier, source.url]
    return " ".join(_sentence(part) for part in parts if part)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."
