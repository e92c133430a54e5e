"""One patient's plan as a printed document: dates, screening, warning signs, log.

A plan carries a patient's name, so it is never cached and never logged; the
only metadata that names the patient is the document title.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..edition import anchors
from ..edition.safety import referral_groups
from ..edition.selection import select
from ..edition.words import N_, Words
from ..render.document import Handbook, Unit
from ..render.paper import PAPERS, PageSetup
from ..source.models import Library
from ..source.rules import is_neck
from ..typeset.fonts import MemoryCache, unprintable
from .schedule import Plan, PlanRequest, Session

#: The parts of a day, for protocols that give more than one session a day.
PARTS_OF_DAY = {2: (N_("morning"), N_("evening")), 3: (N_("morning"), N_("midday"), N_("evening"))}


def plan_setup(plan: Plan) -> PageSetup:
    """A plan's page: A4, the patient's pages in clear print, or large print if asked."""
    return PageSetup(PAPERS["a4"], large_print=plan.request.large_print)


def plan_html(library: Library, plan: Plan) -> str:
    """The plan as one HTML document: summary, screening, warning signs, course log."""
    handbook = _handbook(library, plan_setup(plan))
    title = handbook.words.gettext("Course plan: {name}", name=plan.request.patient)
    return handbook.html(plan_units(library, plan), handbook.stylesheet(), title=title)


def plan_units(library: Library, plan: Plan) -> list[Unit]:
    """The plan's units: summary and dates, screening, warning signs, course log."""
    handbook = _handbook(library, plan_setup(plan))
    words = handbook.words
    view = handbook.presenter.protocol(plan.region, plan.protocol)
    sessions = [{"number": session.number, "day": session_day(session, plan, words),
                 "planned": words.short_range(session.planned) if session.planned else ""}
                for session in plan.sessions]
    dated = dataclasses.replace(view, log_rows=tuple(
        (session["number"], session["day"], session["planned"]) for session in sessions))
    repeat_note = ""
    if plan.repeat_from:
        repeat_note = words.gettext(
            "a break of {span} before any repeat course, which could then start on {day} at "
            "the earliest, if the doctor advises one.",
            span=words.range(plan.protocol.course.break_before_repeat),
            day=words.day(plan.repeat_from))
    filled = {"patient": plan.request.patient, "region": plan.region.name,
              "date": words.day(plan.request.start), "therapist": plan.request.therapist or "",
              "scope": words.gettext("Before the first session of {title}.",
                                     title=plan.protocol.title)}
    return [
        handbook.unit(anchors.PLAN, "parts/plan.html.j2", {
            "plan": plan, "view": view, "sessions": sessions,
            "repeat_from": plan.repeat_from, "repeat_note": repeat_note}),
        handbook.unit(anchors.part("screening"), "parts/screening.html.j2",
                      {"screening_blocks": view.checklist, "filled": filled}),
        handbook.unit(anchors.part("patient-warnings"), "parts/patient-warnings.html.j2", {
            "referral_groups": referral_groups(library, words, {plan.region.id}),
            "stroke_warning": library.patient.stroke_warning if is_neck(plan.region) else []}),
        handbook.unit(view.log_anchor, "parts/protocol-log.html.j2",
                      {"protocol": dated, "filled": filled}),
    ]


_HANDBOOKS: dict[tuple[int, PageSetup], Handbook] = {}


def _handbook(library: Library, setup: PageSetup) -> Handbook:
    """One rendered handbook per library and page (clear or large print): a batch of plans
    shares them."""
    key = (id(library), setup)
    if key not in _HANDBOOKS:
        if any(kept != id(library) for kept, _ in _HANDBOOKS):
            _HANDBOOKS.clear()  # one library at a time; never keep an old one alive
        _HANDBOOKS[key] = Handbook(select(library), setup=setup)
    return _HANDBOOKS[key]


def session_day(session: Session, plan: Plan, words: Words) -> str:
    """The session's date, and with two or three sessions a day which one: "Tue 2026-12-01,
    morning"."""
    day = words.day(session.date)
    parts = PARTS_OF_DAY.get(plan.per_day)
    if session.of_day is None or parts is None or session.of_day >= len(parts):
        return day
    return words.gettext("{day}, {part_of_day}", day=day,
                         part_of_day=words.gettext(parts[session.of_day]))


@dataclass(frozen=True)
class PlanPdf:
    pdf: bytes
    pages: int
    #: What could not be printed as given (characters the fonts lack); names no patient.
    warnings: tuple[str, ...]


def print_plan(library: Library, plan: Plan, source: Path, epoch: int,
               time_limit: float) -> PlanPdf:
    """The plan as PDF; names are printed in what the fonts can draw, and what they could
    not is said in the warnings, never left to print as empty boxes.

    Typeset unit by unit: the pages that name the patient afresh, never cached; the pages
    every patient of the protocol shares (the warning card) from the unit cache.  Font
    subsets are padded to the whole alphabet and kept in memory only, so plans that differ
    only in a name share them without anything personal reaching the disk."""
    from ..build import metadata_of, unit_document
    from ..typeset.units import TypesetOptions, typeset

    from ..render.guard import budget

    request, warnings = printable_request(plan.request)
    plan = dataclasses.replace(plan, request=request)
    handbook = _handbook(library, plan_setup(plan))
    with budget(time_limit):  # rendering keeps to the plan's time limit
        units = plan_units(library, plan)
        personal = frozenset(unit.name for unit in units if unit.name != _SHARED)
        title = handbook.words.gettext("Course plan: {name}", name=request.patient)
        document = unit_document(handbook, units, personal=personal)
    result = typeset(document, metadata_of(handbook, title),
                     TypesetOptions((str(source.resolve()),), epoch, time_limit),
                     _runner(), fonts=_FONTS, pad_fonts=True)
    return PlanPdf(result.pdf, result.pages, warnings)


#: The unit every patient of a library shares.
_SHARED = anchors.part("patient-warnings")
#: Font subsets of plans, in memory only (they depend on a patient's name).
_FONTS = MemoryCache()
_RUNNERS: list = []


def _runner():
    """One runner per process and cache folder (a batch worker, or the plan command),
    typesetting here, on the unit cache for the shared pages."""
    from ..typeset.cache import Cache, default_folder
    from ..typeset.pool import Runner

    folder = default_folder()
    if not _RUNNERS or _RUNNERS[0].cache.folder != folder:
        _RUNNERS[:] = [Runner(Cache(folder), 1)]
    runner = _RUNNERS[0]
    runner.begin()
    return runner


def printable_request(request: PlanRequest) -> tuple[PlanRequest, tuple[str, ...]]:
    """The request with every character the fonts cannot draw in a name replaced by '?'."""
    changes, warnings = {}, []
    for field, what in (("patient", "the patient's name"), ("therapist", "the therapist's name"),
                        ("clinic", "the clinic's name")):
        text = getattr(request, field)
        missing = unprintable(text) if text else []
        if missing:
            changes[field] = "".join("?" if character in missing else character
                                     for character in text)
            codes = ", ".join(f"U+{ord(character):04X}" for character in missing[:6])
            warnings.append(f"{what} has {len(missing)} character{'s' if len(missing) > 1 else ''}"
                            f" the handbook's fonts cannot print ({codes}), printed as '?'; "
                            "write it in Latin or Cyrillic letters")
    return dataclasses.replace(request, **changes), tuple(warnings)
