"""One patient's plan, from a protocols folder and a request to a PDF on disk."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ..clock import DEFAULT_TIME_LIMIT, source_epoch
from ..fhir.resources import DEFAULT_BASE, to_json
from ..files import write_atomically
from ..scratch import scratch
from .naming import file_stem
from .schedule import PlanRequest, make_plan


@dataclass(frozen=True)
class PlanResult:
    output: Path
    pages: int
    seconds: float
    warnings: tuple[str, ...] = ()


def default_target(request: PlanRequest, suffix: str = ".pdf") -> Path:
    return Path("build") / "plans" / f"{file_stem(request.patient, request.start)}{suffix}"


@scratch()  # WeasyPrint's font copies go in the run's own folder, removed at its end
def plan_pdf(source: Path, request: PlanRequest, output: Path | None = None,
             time_limit: float = DEFAULT_TIME_LIMIT) -> PlanResult:
    """Make and write the plan; raises ContentError, PlanError or BuildError, and
    writes nothing unless the whole plan was made."""
    from .document import print_plan

    started = time.perf_counter()
    library = load_for_plans(source)
    plan = make_plan(library, request)
    target = output or default_target(request)
    printed = print_plan(library, plan, source, source_epoch(library.edition.date), time_limit)
    write_atomically(target, printed.pdf)
    return PlanResult(target, printed.pages, time.perf_counter() - started, printed.warnings)


def plan_fhir(source: Path, request: PlanRequest, output: Path | None = None,
              base: str = DEFAULT_BASE) -> PlanResult:
    """The plan as a FHIR CarePlan (JSON), with the same sessions as the printed plan."""
    from ..fhir.care_plan import care_plan

    started = time.perf_counter()
    library = load_for_plans(source)
    plan = make_plan(library, request)
    target = output or default_target(request, ".json")
    write_atomically(target, to_json(care_plan(library, plan, base)))
    return PlanResult(target, 0, time.perf_counter() - started)


def load_for_plans(source: Path):
    """The library, validated, if plans may be made from it: never from a withdrawn edition,
    whose protocols are no longer to be followed."""
    from ..edition.control import withdrawn
    from ..errors import ContentError, Problem, display_path
    from ..source.loader import load_library

    library = load_library(source)
    reason = withdrawn(library.edition)
    if reason:
        raise ContentError([Problem(display_path(source / "handbook.yaml"), 0, 0,
                                    f"{reason}; no plan is made from it")],
                           what_failed="no plan was made")
    return library
