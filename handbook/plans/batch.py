"""Many plans from one CSV file: one PDF per row, on the same worker pool as the handbook.

A bad row is reported with its line number and reason and skipped; every
other row is still built.  A manifest of input digests lets a re-run skip
plans that are already up to date.  Messages name lines, never patients, and
nothing personal is cached.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..clock import DEFAULT_TIME_LIMIT, source_epoch
from ..errors import BuildError, PlanError
from ..files import write_atomically
from ..fhir.resources import DEFAULT_BASE, to_json
from ..resources import LAYOUTS
from ..scratch import scratch
from ..typeset.cache import Cache, digest, folder_digest
from ..typeset.pool import Runner
from .csv_rows import read_requests
from .naming import assign_files
from .schedule import Plan, make_plan

MANIFEST = ".handbook-plans.json"
#: The rows that could not be built, by line and reason (never a name), beside the plans:
#: to hand back to whoever made the spreadsheet.  Removed once every row builds.
REPORT = "problems.csv"
#: What each output format writes, beside the others.
SUFFIXES = {"pdf": ".pdf", "fhir": ".json"}


@dataclass
class BatchSummary:
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    #: (line of the CSV, reason) of every row not built; the reason names no patient.
    failed: list[tuple[int, str]] = field(default_factory=list)
    #: (line of the CSV, what could not be printed as given) of rows built all the same.
    warnings: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Job:
    line: int
    plan: Plan
    target: Path  # the PDF; a CarePlan goes beside it, as .json
    key: str


@scratch()  # WeasyPrint's font copies go in the run's own folder, removed at its end
def run_batch(plans_csv: Path, folder: Path, source: Path, jobs: int | None = None,
              progress: Callable[[int, int], object] | None = None,
              time_limit: float = DEFAULT_TIME_LIMIT,
              date_format: str | None = None, formats: tuple[str, ...] = ("pdf",),
              base: str = DEFAULT_BASE,
              holidays: frozenset = frozenset(), large_print: bool = False) -> BatchSummary:
    """Build a plan for every good row of ``plans_csv`` into ``folder``.

    ``large_print``: every plan in large print (a row's large_print column asks for one).
    ``progress(done, total)`` is called as plans finish.  Raises ContentError for a
    broken library and BatchFileError for a CSV that cannot be used at all.
    """
    from .single import load_for_plans

    library = load_for_plans(source)
    requests, failed = read_requests(plans_csv, date_format)
    summary = BatchSummary(failed=list(failed))
    planned = []
    for line, request in requests:
        try:
            request = dataclasses.replace(
                request, holidays=tuple(sorted({*request.holidays, *holidays})),
                large_print=request.large_print or large_print)
            planned.append((line, make_plan(library, request)))
        except PlanError as error:
            summary.failed.append((line, str(error)))
    epoch = source_epoch(library.edition.date)
    inputs = digest("plans", folder_digest(source), folder_digest(LAYOUTS), str(epoch),
                    ",".join(formats), base)
    manifest = _read_manifest(folder)
    todo = []
    for line, plan, target in assign_files(planned, folder):
        key = digest(inputs, json.dumps(asdict(plan.request), default=str, sort_keys=True))
        written = [target.with_suffix(SUFFIXES[kind]) for kind in formats]
        if all(path.is_file() for path in written) and manifest.get(target.name) == key:
            summary.skipped.append(target.name)
        else:
            todo.append(Job(line, plan, target, key))
    _WORK.update(library=library, source=source, epoch=epoch, time_limit=time_limit,
                 formats=formats, base=base)
    with Runner(Cache(None), jobs) as runner:  # plans name patients: never cached
        for done, (job, error, warnings) in enumerate(runner.map(_build_one, todo), start=1):
            if progress:
                progress(done, len(todo))
            summary.warnings += [(job.line, warning) for warning in warnings]
            if error:
                summary.failed.append((job.line, error))
            else:
                summary.built.append(job.target.with_suffix(SUFFIXES[formats[0]]).name)
                manifest[job.target.name] = job.key
    if todo:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
    summary.failed.sort()
    summary.warnings.sort()
    _write_report(folder, summary.failed)
    return summary


def _write_report(folder: Path, failed: list[tuple[int, str]]) -> None:
    """problems.csv: one row per failed line of the batch's CSV, UTF-8 with the mark
    spreadsheets look for; no report once nothing failed."""
    import csv
    import io

    report = folder / REPORT
    if not failed:
        report.unlink(missing_ok=True)
        return
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(["line", "reason"])
    writer.writerows(failed)
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(report, text.getvalue().encode("utf-8-sig"))


#: What every worker needs for every plan; set before the pool forks, so inherited.
_WORK: dict = {}


def _build_one(job: Job) -> tuple[Job, str | None, tuple[str, ...]]:
    from .document import print_plan

    warnings: tuple[str, ...] = ()
    try:
        if "fhir" in _WORK["formats"]:
            from ..fhir.care_plan import care_plan

            resource = care_plan(_WORK["library"], job.plan, _WORK["base"])
            write_atomically(job.target.with_suffix(".json"), to_json(resource))
        if "pdf" in _WORK["formats"]:
            printed = print_plan(_WORK["library"], job.plan, _WORK["source"], _WORK["epoch"],
                                 _WORK["time_limit"])
            write_atomically(job.target, printed.pdf)
            warnings = printed.warnings
    except (BuildError, OSError) as error:  # the path names the patient; the message must not
        message = str(error)
        for path in (job.target, job.target.with_suffix(".json")):
            message = message.replace(str(path), "the plan's file")
        return job, message, ()
    return job, None, warnings


def _read_manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {name: key for name, key in data.items()
            if isinstance(name, str) and isinstance(key, str)} if isinstance(data, dict) else {}
