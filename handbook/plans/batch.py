"""Many plans from one CSV file: one PDF per row, on every core.

A bad row is reported with its line number and reason and skipped; every
other row is still built.  File names are made from the patient's name and
the start date, reduced to letters, digits and hyphens, so no name can leave
the output folder, hide itself or overwrite another patient's plan.  A
manifest of input digests lets a re-run skip plans that are already up to
date.  Messages name lines, never patients.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import multiprocessing
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..typeset.cache import digest, folder_digest
from ..source.models import Library
from ..files import write_atomically
from ..resources import LAYOUTS
from .schedule import Plan, PlanError, PlanRequest, make_plan

REQUIRED = ("patient", "protocol", "start")
OPTIONAL = ("every", "sessions", "therapist", "clinic")
MAX_ROWS = 10_000
MANIFEST = ".handbook-plans.json"


class BatchFileError(ValueError):
    """The CSV file as a whole cannot be used (not its rows)."""


@dataclass
class BatchSummary:
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Job:
    line: int
    plan: Plan
    target: Path
    key: str


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


def file_stem(patient: str, start: datetime.date) -> str:
    """A file name that keeps the name readable but can go nowhere but here."""
    name = unicodedata.normalize("NFKC", patient).casefold()
    name = "".join(character if character.isalnum() else "-" for character in name)
    name = re.sub(r"-{2,}", "-", name).strip("-")[:60].strip("-") or "patient"
    return f"{name}_{start.isoformat()}"


def assign_files(plans: Iterable[tuple[int, Plan]], folder: Path) -> list[tuple[int, Plan, Path]]:
    """One distinct file per plan; a second patient of the same name and date gets -2."""
    taken: set[str] = set()
    assigned = []
    for line, plan in plans:
        stem, number = file_stem(plan.request.patient, plan.request.start), 1
        name = f"{stem}.pdf"
        while name in taken:
            number += 1
            name = f"{stem}-{number}.pdf"
        taken.add(name)
        assigned.append((line, plan, folder / name))
    return assigned


def run_batch(library: Library, source: Path, rows: tuple[list, list], folder: Path, jobs: int,
              epoch: int, time_limit: float,
              progress: Callable[[int], object] | None = None) -> BatchSummary:
    """Build the plans of ``rows`` (from :func:`read_requests`) into ``folder``."""
    requests, failed = rows
    summary = BatchSummary(failed=list(failed))
    planned = []
    for line, request in requests:
        try:
            planned.append((line, make_plan(library, request)))
        except PlanError as error:
            summary.failed.append((line, str(error)))
    inputs = digest("plans", folder_digest(source), folder_digest(LAYOUTS), str(epoch))
    manifest = _read_manifest(folder)
    todo = []
    for line, plan, target in assign_files(planned, folder):
        key = digest(inputs, json.dumps(asdict(plan.request), default=str, sort_keys=True))
        if target.is_file() and manifest.get(target.name) == key:
            summary.skipped.append(target.name)
        else:
            todo.append(Job(line, plan, target, key))
    for job, error in _build_all(library, source, todo, jobs, epoch, time_limit, progress):
        if error:
            summary.failed.append((job.line, error))
        else:
            summary.built.append(job.target.name)
            manifest[job.target.name] = job.key
    if todo:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
    summary.failed.sort()
    return summary


_WORK: dict = {}


def _build_all(library, source, jobs_todo: list[Job], jobs: int, epoch, time_limit, progress):
    import weasyprint  # noqa: F401 - loaded once here, inherited by every forked worker

    _WORK.update(library=library, source=source, epoch=epoch, time_limit=time_limit)
    if jobs <= 1 or len(jobs_todo) <= 1:
        results = map(_build_one, jobs_todo)
    else:
        pool = multiprocessing.get_context("fork").Pool(min(jobs, len(jobs_todo)),
                                                        initializer=_quiet_worker)
        results = pool.imap_unordered(_build_one, jobs_todo)
    try:
        for job, error in results:
            if progress:
                progress(1)
            yield job, error
    finally:
        if jobs > 1 and len(jobs_todo) > 1:
            pool.terminate()
            pool.join()


def _quiet_worker() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _build_one(job: Job) -> tuple[Job, str | None]:
    from .document import print_plan
    from ..errors import BuildError

    try:
        printed = print_plan(_WORK["library"], job.plan, _WORK["source"], _WORK["epoch"],
                             _WORK["time_limit"])
        write_atomically(job.target, printed.pdf)
    except (BuildError, OSError) as error:  # the path names the patient; the message must not
        return job, str(error).replace(str(job.target), "the plan's file")
    return job, None


def _read_manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {name: key for name, key in data.items()
            if isinstance(name, str) and isinstance(key, str)} if isinstance(data, dict) else {}
