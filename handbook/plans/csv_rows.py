"""The rows of a batch's CSV file, as plan requests.

A bad row is reported with its line number and reason and skipped; a file that
cannot be used at all is refused as a whole.  Messages name lines, never
patients.
"""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

from ..errors import BatchFileError, PlanError
from .schedule import PlanRequest

REQUIRED = ("patient", "protocol", "start")
OPTIONAL = ("every", "sessions", "therapist", "clinic")
MAX_ROWS = 10_000


def read_requests(path: Path) -> tuple[list[tuple[int, PlanRequest]], list[tuple[int, str]]]:
    """The rows of the CSV as requests, and (line, reason) for the rows that are not."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise BatchFileError(f"{path}: cannot read it: {error.strerror}") from None
    except UnicodeDecodeError:
        raise BatchFileError(f"{path}: this file is not UTF-8 text; save it as UTF-8 CSV") from None
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    unknown = [name for name in header if name not in REQUIRED + OPTIONAL]
    if missing or unknown:
        raise BatchFileError(
            f"{path}:1: the header row needs the columns {', '.join(REQUIRED)} "
            f"(and may have {', '.join(OPTIONAL)})"
            + (f"; missing: {', '.join(missing)}" if missing else "")
            + (f"; unknown: {', '.join(unknown)}" if unknown else ""))
    reader.fieldnames = header
    requests, failures = [], []
    for number, row in enumerate(reader):
        if number >= MAX_ROWS:
            raise BatchFileError(f"{path}: more than {MAX_ROWS} rows; split the file")
        line = reader.line_num
        try:
            requests.append((line, _request(row)))
        except PlanError as error:
            failures.append((line, str(error)))
    return requests, failures


def _request(row: dict) -> PlanRequest:
    if None in row or any(row.get(name) is None for name in REQUIRED):
        raise PlanError("this row does not have the same number of fields as the header")
    values = {name: (row.get(name) or "").strip() for name in REQUIRED + OPTIONAL}
    return PlanRequest(
        patient=values["patient"], protocol=values["protocol"], start=parse_date(values["start"]),
        every=_count(values["every"], "every"), sessions=_count(values["sessions"], "sessions"),
        therapist=values["therapist"] or None, clinic=values["clinic"] or None)


def parse_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise PlanError(f"the start date {text[:20]!r} is not a date: write it as YYYY-MM-DD, "
                        "for example 2026-12-01") from None


def _count(text: str, column: str) -> int | None:
    if not text:
        return None
    if not text.isdigit() or int(text) < 1:
        raise PlanError(f"'{column}' must be a whole number of 1 or more")
    return int(text)
