"""A personal course plan: which days, how many sessions, how many minutes each.

Defaults come from the protocol and follow its own rules: the low end of its
course (never the top), its interval, one session a day unless the protocol
gives more for the stage asked for, its first-session dose and its climb, and
its break before a repeat course.  A session never falls on a closed day (the
clinic's holidays, and weekends if asked).  A request that asks for more than
the protocol allows, or for sessions closer together than it allows, is
refused with the reason.
"""

from __future__ import annotations

import calendar
import datetime
import unicodedata
from dataclasses import dataclass

from ..edition import dosing
from ..source.models import Library, Protocol, Range, Region
from ..source.models.quantities import format_range
from ..errors import PlanError, quoted

#: No course in the sources comes near this; a plan longer than it is a typo.
MAX_PLAN_SESSIONS = 60
MAX_NAME_LENGTH = 120
#: No protocol spaces sessions further apart; a larger step is a typo (and would run
#: the calendar off its end).
MAX_EVERY_DAYS = 60
#: A course starts in this century.
EARLIEST_START, LATEST_START = datetime.date(2000, 1, 1), datetime.date(2099, 12, 31)


@dataclass(frozen=True)
class PlanRequest:
    patient: str
    protocol: str
    start: datetime.date
    every: int | None = None
    sessions: int | None = None
    skip_weekends: bool = False
    therapist: str | None = None
    clinic: str | None = None
    #: Days the clinic is closed (public holidays) besides those of handbook.yaml.
    holidays: tuple[datetime.date, ...] = ()
    #: The condition's stage the patient is in; more than one session a day only where the
    #: protocol gives it for this stage.
    stage: str | None = None
    #: The patient's pages (the dates, the warning signs) in large print, for low vision.
    large_print: bool = False


@dataclass(frozen=True)
class Session:
    number: int
    date: datetime.date
    #: The planned length in minutes (None where the protocol gives none).
    planned: Range | None
    #: With more than one session a day: which of the day's sessions this is (0 = first).
    of_day: int | None = None


@dataclass(frozen=True)
class Plan:
    request: PlanRequest
    region: Region
    protocol: Protocol
    sessions: tuple[Session, ...]
    step_days: int
    per_day: int
    repeat_from: datetime.date | None


def make_plan(library: Library, request: PlanRequest) -> Plan:
    """The dated plan for ``request``, or PlanError."""
    name = request.patient.strip()
    if not name:
        raise PlanError("the patient's name is empty")
    if len(name) > MAX_NAME_LENGTH:
        raise PlanError(f"the patient's name is longer than {MAX_NAME_LENGTH} characters")
    hidden = sorted({f"U+{ord(character):04X}" for character in name
                     if unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp")})
    if hidden:
        raise PlanError(f"the patient's name holds invisible control characters "
                        f"({', '.join(hidden)}) that can reorder or hide printed text; type it again")
    if not EARLIEST_START <= request.start <= LATEST_START:
        raise PlanError(f"the start date must lie between {EARLIEST_START.year} and "
                        f"{LATEST_START.year}")
    if request.every is not None and request.every > MAX_EVERY_DAYS:
        raise PlanError(f"sessions every {request.every} days is far beyond any protocol; "
                        f"ask for every {MAX_EVERY_DAYS} days or fewer")
    region, protocol = find_protocol(library, request.protocol)
    course, dosage = protocol.course, protocol.dosage
    if request.stage is not None and request.stage not in protocol.allowed_stages:
        raise PlanError(f"the protocol {protocol.id} is not given in the stage "
                        f"{quoted(request.stage)}; choose from: "
                        f"{', '.join(protocol.allowed_stages)}")
    count = request.sessions or dosing.default_sessions(course, dosage)
    allowed = most_sessions(protocol)
    if count > allowed:
        sessions = course.sessions  # "(3-7 sessions)" adds to "at most 7"; "up to 7" does not
        where = (f" ({format_range(sessions)})" if sessions and sessions.min
                 and sessions.min != sessions.max else "")
        raise PlanError(f"the protocol {protocol.id} allows at most {allowed} sessions in a "
                        f"course{where}; ask for {allowed} or fewer")
    shortest = shortest_step(protocol)
    if request.every is not None and request.every < shortest:
        raise PlanError(f"the protocol {protocol.id} needs {format_range(course.interval)} off "
                        f"between sessions, so sessions can be no closer than every {shortest} days")
    step = request.every or shortest
    per_day = sessions_per_day(protocol, request.stage)
    closed = frozenset(library.edition.holidays) | frozenset(request.holidays)
    dates = schedule(request.start, count, step, per_day, request.skip_weekends, closed)
    minutes = dosing.planned_minutes(dosage, count)
    sessions = tuple(Session(number, day, planned, dates[:number - 1].count(day)
                             if per_day > 1 else None)
                     for number, (day, planned) in enumerate(zip(dates, minutes), start=1))
    repeat = course.break_before_repeat
    repeat_from = add_span(dates[-1], repeat) if repeat is not None and repeat.min else None
    return Plan(request, region, protocol, sessions, step, per_day, repeat_from)


def sessions_per_day(protocol: Protocol, stage: str | None) -> int:
    """One a day, unless the protocol gives more for ``stage`` (its per_day_stages)."""
    dosage = protocol.dosage
    if stage is None or stage not in dosage.per_day_stages or not dosage.per_day:
        return 1
    return int(dosage.per_day.max or dosage.per_day.min or 1)


def find_protocol(library: Library, wanted: str) -> tuple[Region, Protocol]:
    """The protocol an id names, in any case and with the spaces a spreadsheet leaves;
    a typo is answered with the id it is closest to."""
    import difflib

    ids = {protocol.id: (region, protocol) for region, protocol in library.protocols()}
    key = "-".join(wanted.strip().casefold().split())
    if key in ids:
        return ids[key]
    close = difflib.get_close_matches(key, list(ids), n=1, cutoff=0.6)
    guess = f"; did you mean '{close[0]}'?" if close else ""
    raise PlanError(f"unknown protocol {quoted(wanted)}{guess} (the protocols: "
                    f"{', '.join(ids)}; see handbook list)")


def most_sessions(protocol: Protocol) -> int:
    """The longest course the protocol allows (the sources' upper figure)."""
    course, dosage = protocol.course, protocol.dosage
    if course.sessions is not None and course.sessions.max:
        return int(course.sessions.max)
    if course.length is not None and course.length.unit == "days" and course.length.max:
        per_day = dosage.per_day.max if dosage.per_day and dosage.per_day.max else 1
        return int(course.length.max * per_day)
    return MAX_PLAN_SESSIONS


def shortest_step(protocol: Protocol) -> int:
    """Days from one session date to the next: one, plus the days off the protocol asks for."""
    interval = protocol.course.interval
    if interval is None or not interval.min:
        return 1
    return 1 + int(interval.min * (7 if interval.unit == "weeks" else 1))


def schedule(start: datetime.date, sessions: int, step: int, per_day: int,
             skip_weekends: bool, holidays: frozenset[datetime.date] = frozenset(),
             ) -> list[datetime.date]:
    """Session dates from ``start``, ``step`` days apart, ``per_day`` sessions a day; a date
    on a holiday, or with ``skip_weekends`` on a Saturday or Sunday, moves to the next open
    day, and the next session is counted from there."""
    dates: list[datetime.date] = []
    day = start
    while len(dates) < sessions:
        while day in holidays or (skip_weekends and day.weekday() >= 5):
            day += datetime.timedelta(days=1)
        dates += [day] * min(per_day, sessions - len(dates))
        day += datetime.timedelta(days=step)
    return dates


def add_span(day: datetime.date, span: Range) -> datetime.date:
    """``day`` plus the shortest length of ``span`` (days, weeks, months or years)."""
    amount = int(span.min)
    if span.unit == "days":
        return day + datetime.timedelta(days=amount)
    if span.unit == "weeks":
        return day + datetime.timedelta(weeks=amount)
    months = amount * (12 if span.unit == "years" else 1)
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))
