"""What each page shows, resolved and worded, so templates only lay it out.

Ids become names and anchors, ranges become printed text, checklists are
grouped, course logs get their planned minutes, sources get their numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import anchors, dosing, safety
from ..source.models import Course, Dosage, Method, Protocol, Region, Source, Step
from ..source.models.quantities import format_range
from .selection import Selection

STAGE_LABELS = {"warm-up": "Warm-up", "main": "Main", "finish": "Finish"}
INTENSITY_LABELS = {"very-light": "very light", "light": "light", "moderate": "moderate",
                    "firm": "firm"}
MASSAGE_LABELS = {"allowed": "Allowed", "with-care": "With care",
                  "doctor-decides": "Doctor decides", "not-allowed": "Not allowed"}
FAMILY_LABELS = {"massage": "Massage", "manual-therapy": "Manual therapy"}
EVIDENCE_LABELS = {"moderate": "Moderate", "low": "Low", "very-low": "Very low",
                   "unclear": "Unclear", "no-trials": "No trials"}


@dataclass(frozen=True)
class StepRow:
    number: int
    technique: str
    technique_anchor: str
    variants: str
    area: str
    direction: str
    repetitions: str
    intensity: str
    note: str


@dataclass(frozen=True)
class StageView:
    label: str
    title: str
    note: str
    rows: tuple[StepRow, ...]


@dataclass(frozen=True)
class ProtocolView:
    anchor: str
    checklist_anchor: str
    log_anchor: str
    title: str
    region: str
    method: str
    method_anchor: str
    condition: str
    allowed_stages: str
    summary: str
    position: str
    support: str
    stages: tuple[StageView, ...]
    dosage: tuple[tuple[str, str], ...]
    course: tuple[tuple[str, str], ...]
    checklist: tuple[safety.Block, ...]
    cautions: tuple[str, ...]
    gaps: tuple[str, ...]
    refs: str
    log_rows: tuple[tuple[int, str, str], ...]  # number, date (blank to fill in), planned minutes
    log_rule: str


@dataclass(frozen=True)
class RegionView:
    anchor: str
    title: str
    vertebrae: str
    overview: str
    position: str
    support: str
    cautions: tuple[str, ...]
    refs: str
    protocols: tuple[ProtocolView, ...]


@dataclass(frozen=True)
class MethodView:
    anchor: str
    method: Method
    family: str
    dosage: tuple[tuple[str, str], ...]
    course: tuple[tuple[str, str], ...]
    own_contraindications: tuple[str, ...]
    evidence_level: str
    evidence_refs: str
    refs: str


@dataclass
class Presenter:
    """Builds the views of one selection; numbers sources in order of the sources part."""

    selection: Selection
    numbers: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.numbers = {source.id: number
                        for number, source in enumerate(self.selection.sources, start=1)}

    def refs(self, ids) -> str:
        numbers = sorted({self.numbers[source] for source in ids if source in self.numbers})
        return ", ".join(str(number) for number in numbers)

    def regions(self) -> list[RegionView]:
        return [self.region(region) for region in self.selection.regions]

    def region(self, region: Region) -> RegionView:
        return RegionView(
            anchor=anchors.region(region.id), title=region.name, vertebrae=region.vertebrae,
            overview=region.overview, position=region.position.patient,
            support=region.position.support or "", cautions=tuple(region.cautions),
            refs=self.refs(region.sources),
            protocols=tuple(self.protocol(region, protocol) for protocol in region.protocols))

    def protocol(self, region: Region, protocol: Protocol) -> ProtocolView:
        library = self.selection.library
        condition = library.condition_by_id[protocol.condition]
        stage_names = {stage.id: stage.name for stage in condition.stages}
        position = protocol.position or region.position
        sessions = dosing.course_sessions(protocol.course, protocol.dosage)
        minutes = dosing.planned_minutes(protocol.dosage, sessions)
        blocks = safety.tier_blocks(library, safety.for_protocol(library, region, protocol))
        blocks += safety.red_flag_block(library, library.forms.screening.red_flags_title)
        return ProtocolView(
            anchor=anchors.protocol(protocol.id), checklist_anchor=anchors.checklist(protocol.id),
            log_anchor=anchors.course_log(protocol.id), title=protocol.title, region=region.name,
            method=library.method_by_id[protocol.method].name,
            method_anchor=anchors.method(protocol.method),
            condition=condition.name,
            allowed_stages=", ".join(stage_names[stage] for stage in protocol.allowed_stages),
            summary=protocol.summary, position=position.patient, support=position.support or "",
            stages=self._stages(protocol), dosage=dosage_rows(protocol.dosage),
            course=course_rows(protocol.course), checklist=tuple(blocks),
            cautions=tuple(protocol.cautions), gaps=tuple(protocol.gaps),
            refs=self.refs(protocol.sources),
            log_rows=tuple((number, "", planned) for number, planned in enumerate(minutes, start=1)),
            log_rule=dosing.RAMP_RULE)

    def _stages(self, protocol: Protocol) -> tuple[StageView, ...]:
        number, stages = 0, []
        for stage in protocol.stages:
            rows = []
            for step in stage.steps:
                number += 1
                name, anchor, variants = self._action(protocol, step)
                repetitions = str(step.repetitions) if step.repetitions else ""
                if step.each_side and repetitions:
                    repetitions += " on each side"
                if step.duration:
                    repetitions = ", ".join(filter(None, (repetitions, str(step.duration))))
                rows.append(StepRow(
                    number=number, technique=name, technique_anchor=anchor, variants=variants,
                    area=step.area, direction=step.direction or "", repetitions=repetitions,
                    intensity=INTENSITY_LABELS.get(step.intensity or "", ""),
                    note=step.note or ""))
            stages.append(StageView(STAGE_LABELS[stage.kind], stage.title, stage.note or "",
                                    tuple(rows)))
        return tuple(stages)

    def _action(self, protocol: Protocol, step: Step) -> tuple[str, str, str]:
        """The step's technique or method kind: its name, anchor and variant names."""
        library = self.selection.library
        if step.kind is not None:
            method = library.method_by_id[protocol.method]
            kind = next(kind for kind in method.kinds if kind.id == step.kind)
            return kind.name, anchors.method(method.id), ""
        technique = library.technique_by_id[step.technique]
        names = {variant.id: variant.name.lower() for variant in technique.variants}
        return (technique.name, anchors.technique(technique.id),
                ", ".join(names[variant] for variant in step.variants))

    def methods(self) -> list[MethodView]:
        library = self.selection.library
        return [MethodView(
            anchor=anchors.method(method.id), method=method, family=FAMILY_LABELS[method.family],
            dosage=dosage_rows(method.dosage) if method.dosage else (),
            course=course_rows(method.course) if method.course else (),
            own_contraindications=tuple(
                item.text for item in library.contraindications
                if method.id in item.applies_to.methods),
            evidence_level=EVIDENCE_LABELS[method.evidence.level],
            evidence_refs=self.refs(method.evidence.sources),
            refs=self.refs(method.sources),
        ) for method in self.selection.methods]


def dosage_rows(dosage: Dosage) -> tuple[tuple[str, str], ...]:
    rows = [(label, format_range(value)) for label, value in (
        ("Full session", dosage.session), ("First sessions", dosage.first_sessions),
        ("Later sessions", dosage.later_sessions), ("Each press held", dosage.hold),
    ) if value is not None]
    if dosage.per_day is not None:
        rows.append(("Frequency", f"{format_range(dosage.per_day)} a day"))
    rows += [(limit.what, format_range(limit.value)) for limit in dosage.limits]
    if dosage.progression:
        rows.append(("Progression", dosage.progression))
    rows += [("Note", note) for note in dosage.notes]
    return tuple(rows)


def course_rows(course: Course) -> tuple[tuple[str, str], ...]:
    rows = [(label, format_range(value)) for label, value in (
        ("Sessions", course.sessions), ("Course length", course.length),
        ("Between sessions", course.interval), ("Break before a repeat course",
                                                course.break_before_repeat),
        ("Courses a year", course.courses_per_year),
    ) if value is not None]
    rows += [("Note", note) for note in course.notes]
    return tuple(rows)


def citation(source: Source) -> str:
    """"Authors (year). Title. Published in. Identifier." with no doubled punctuation."""
    head = source.authors or ""
    if source.year:
        head = f"{head} ({source.year})" if head else str(source.year)
    parts = [head, source.title, source.published_in, source.identifier, source.url]
    return " ".join(_sentence(part) for part in parts if part)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."
