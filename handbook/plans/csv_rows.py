"""The rows of a batch's CSV file, as plan requests.

Read as spreadsheets write them (see csv_text): any of three separators,
header names in any case, with spaces around them, in English or Russian;
dates as YYYY-MM-DD or DD.MM.YYYY, and slashed dates only when the command
says which order they are in.  A bad row is reported with its line number
and reason and skipped; a file that cannot be used at all is refused as a
whole.  Messages name lines, never patients.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from pathlib import Path

from ..errors import BatchFileError, PlanError
from .csv_text import decode, delimiter_of
from .schedule import PlanRequest

REQUIRED = ("patient", "protocol", "start")
OPTIONAL = ("every", "sessions", "therapist", "clinic", "stage", "large_print")
#: Other names a header may give a column (compared without case or surrounding spaces).
ALIASES = {
    "пациент": "patient", "пациентка": "patient", "фио": "patient",
    "протокол": "protocol", "начало": "start", "дата начала": "start",
    "интервал": "every", "каждые": "every", "сеансы": "sessions", "сеансов": "sessions",
    "терапевт": "therapist", "массажист": "therapist", "врач": "therapist",
    "клиника": "clinic", "стадия": "stage", "large print": "large_print",
    "крупный шрифт": "large_print",
}
#: What a spreadsheet writes in a yes-or-no column (compared without case); empty is no.
YES = frozenset({"yes", "y", "true", "1", "x", "да", "д"})
NO = frozenset({"", "no", "n", "false", "0", "нет", "н"})
MAX_ROWS = 10_000
#: Slashed dates are read only in the order the command names.
DATE_FORMATS = ("DD/MM/YYYY", "MM/DD/YYYY")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ISO_MIDNIGHT = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[ T]00:00(:00)?$")


def read_requests(path: Path, date_format: str | None = None
                  ) -> tuple[list[tuple[int, PlanRequest]], list[tuple[int, str]]]:
    """The rows of the CSV as requests, and (line, reason) for the rows that are not."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise BatchFileError(f"{path}: cannot read it: {error.strerror}") from None
    text = decode(raw, str(path))
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""),
                        delimiter=delimiter_of(first_line))
    header = _columns(path, next(reader, []))
    requests, failures = [], []
    for number, fields in enumerate(reader):
        if number >= MAX_ROWS:
            raise BatchFileError(f"{path}: more than {MAX_ROWS} rows; split the file")
        if not any(field.strip() for field in fields):
            continue  # a blank line, as spreadsheets leave at the end
        line = reader.line_num
        try:
            requests.append((line, _request(header, fields, date_format)))
        except PlanError as error:
            failures.append((line, str(error)))
    if not requests and not failures:
        raise BatchFileError(f"{path}: the file has a header row but no rows of plans")
    return requests, failures


def _columns(path: Path, names: list[str]) -> list[str]:
    """The header's names as our column names; refuses a header without the required ones."""
    header = []
    for name in names:
        key = " ".join(name.strip().casefold().split())
        header.append(ALIASES.get(key, key))
    missing = [name for name in REQUIRED if name not in header]
    unknown = [original.strip() for original, name in zip(names, header)
               if name not in REQUIRED + OPTIONAL]
    repeated = sorted({name for name in header if header.count(name) > 1 and name})
    if missing or unknown or repeated:
        raise BatchFileError(
            f"{path}:1: the header row needs the columns {', '.join(REQUIRED)} "
            f"(and may have {', '.join(OPTIONAL)})"
            + (f"; missing: {', '.join(missing)}" if missing else "")
            + (f"; unknown: {', '.join(repr(name[:30]) for name in unknown)}" if unknown else "")
            + (f"; given twice: {', '.join(repeated)}" if repeated else ""))
    return header


def _request(header: list[str], fields: list[str], date_format: str | None) -> PlanRequest:
    if len(fields) != len(header):
        raise PlanError(f"this row has {len(fields)} fields where the header has {len(header)}")
    values = {name: "" for name in REQUIRED + OPTIONAL}
    values.update({name: field.strip() for name, field in zip(header, fields)})
    return PlanRequest(
        patient=values["patient"], protocol=values["protocol"],
        start=parse_date(values["start"], date_format),
        every=_count(values["every"], "every"), sessions=_count(values["sessions"], "sessions"),
        therapist=values["therapist"] or None, clinic=values["clinic"] or None,
        stage=values["stage"] or None, large_print=_yes(values["large_print"], "large_print"))


def _yes(text: str, column: str) -> bool:
    answer = text.casefold()
    if answer in YES or answer in NO:
        return answer in YES
    raise PlanError(f"the column {column} says {text[:20]!r}; write yes or no (or leave it "
                    "empty for no)")


def parse_date(text: str, date_format: str | None = None, what: str = "the start date"
               ) -> datetime.date:
    """YYYY-MM-DD, DD.MM.YYYY, or a slashed date in the order ``date_format`` names; a date
    of the right form that the calendar lacks (2026-02-30) is said not to exist."""
    text = text.strip()
    shown = repr(text[:20])
    midnight = _ISO_MIDNIGHT.match(text)
    iso = _ISO.match(midnight[1] if midnight else text)
    dotted, slashed = _DOTTED.match(text), _SLASHED.match(text)
    parts = None
    if iso:
        parts = int(iso[1]), int(iso[2]), int(iso[3])
    elif dotted:
        parts = int(dotted[3]), int(dotted[2]), int(dotted[1])
    elif slashed and date_format in DATE_FORMATS:
        first, second, year = int(slashed[1]), int(slashed[2]), int(slashed[3])
        day, month = (first, second) if date_format.startswith("DD") else (second, first)
        parts = year, month, day
    if parts is not None:
        return _calendar_date(*parts, what=f"{what} {shown}")
    if slashed:
        first, second = int(slashed[1]), int(slashed[2])
        readings = (f"{_month_day(first, second)} or {_month_day(second, first)}"
                    if first <= 12 and second <= 12 else "day and month in either order")
        raise PlanError(f"{what} {shown} could be read as {readings}; write it as "
                        "YYYY-MM-DD or DD.MM.YYYY, or give --date-format DD/MM/YYYY or "
                        "MM/DD/YYYY")
    raise PlanError(f"{what} {shown} is not a date: write it as YYYY-MM-DD "
                    "(2026-12-01) or DD.MM.YYYY (01.12.2026)")


def _calendar_date(year: int, month: int, day: int, what: str) -> datetime.date:
    import calendar

    if not 1 <= month <= 12:
        raise PlanError(f"{what} does not exist: there is no month {month} (months run from 1 "
                        "to 12)")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        days = calendar.monthrange(year, month)[1]
        raise PlanError(f"{what} does not exist: {calendar.month_name[month]} {year} has "
                        f"{days} days") from None


def _month_day(day: int, month: int) -> str:
    return datetime.date(2000, month, day).strftime("%-d %B")


def _count(text: str, column: str) -> int | None:
    if not text:
        return None
    if not text.isdigit() or int(text) < 1:
        raise PlanError(f"'{column}' must be a whole number of 1 or more")
    return int(text)
