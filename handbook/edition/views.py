"""What each page shows, resolved and worded, so templates only lay it out.

Ids become names and anchors, ranges become printed text, checklists are
grouped, course logs get their planned minutes, sources get their numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..source.models import Method, Protocol, Region, Step
from . import anchors, dosing, safety
from .facts import course_rows, dosage_rows
from .figures import Drawer, Figure, SpineMap
from .selection import Selection
from .words import N_, Words

STAGE_LABELS = {"warm-up": N_("Warm-up"), "main": N_("Main"), "finish": N_("Finish")}
INTENSITY_LABELS = {"very-light": N_("very light"), "light": N_("light"),
                    "moderate": N_("moderate"), "firm": N_("firm")}
MASSAGE_LABELS = {"allowed": N_("Allowed"), "with-care": N_("With care"),
                  "doctor-decides": N_("Doctor decides"), "not-allowed": N_("Not allowed")}
FAMILY_LABELS = {"massage": N_("Massage"), "manual-therapy": N_("Manual therapy")}
EVIDENCE_LABELS = {"moderate": N_("Moderate"), "low": N_("Low"), "very-low": N_("Very low"),
                   "unclear": N_("Unclear"), "no-trials": N_("No trials")}


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
    #: The row's element id: a change in it points at the page it prints on.
    anchor: str = ""


@dataclass(frozen=True)
class StageView:
    label: str
    title: str
    note: str
    rows: tuple[StepRow, ...]
    #: Some step of the stage gives an intensity: its table has the column, else not.
    intensity: bool


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
    #: One body map per stage: the zones it works on and a numbered mark per step.
    figures: tuple[Figure, ...] = ()
    #: Every zone of the protocol, for a patient: where the massage will be.
    where: Figure | None = None


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
    spine: SpineMap | None = None
    where: Figure | None = None


@dataclass(frozen=True)
class MethodView:
    anchor: str
    method: Method
    family: str
    dosage: tuple[tuple[str, str], ...]
    course: tuple[tuple[str, str], ...]
    own_contraindications: tuple[str, ...]
    #: The method's own screening checklist (its items, each with its action).
    checklist: tuple[safety.Block, ...]
    evidence_level: str
    evidence_refs: str
    refs: str


@dataclass
class Presenter:
    """Builds the views of one selection; numbers sources in order of the sources part."""

    selection: Selection
    words: Words = field(default_factory=Words)
    numbers: dict[str, int] = field(init=False)
    drawer: Drawer = field(init=False)

    def __post_init__(self) -> None:
        self.drawer = Drawer(self.selection.library, self.words)
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
            protocols=tuple(self.protocol(region, protocol) for protocol in region.protocols),
            spine=self.drawer.spine(region),
            where=self.drawer.where(
                [zone for protocol in region.protocols
                 for zone in self.drawer.protocol_zones(protocol)],
                region.name))

    def protocol(self, region: Region, protocol: Protocol) -> ProtocolView:
        library = self.selection.library
        condition = library.condition_by_id[protocol.condition]
        stage_names = {stage.id: stage.name for stage in condition.stages}
        position = protocol.position or region.position
        words = self.words
        sessions = dosing.course_sessions(protocol.course, protocol.dosage)
        minutes = [words.short_range(planned) if planned else ""
                   for planned in dosing.planned_minutes(protocol.dosage, sessions)]
        stages = self._stages(protocol)
        blocks = safety.tier_blocks(library, safety.for_protocol(library, region, protocol), words)
        blocks += safety.red_flag_block(library, library.forms.screening.red_flags_title, words,
                                        {region.id})
        return ProtocolView(
            anchor=anchors.protocol(protocol.id), checklist_anchor=anchors.checklist(protocol.id),
            log_anchor=anchors.course_log(protocol.id), title=protocol.title, region=region.name,
            method=library.method_by_id[protocol.method].name,
            method_anchor=anchors.method(protocol.method),
            condition=condition.name,
            allowed_stages=", ".join(stage_names[stage] for stage in protocol.allowed_stages),
            summary=protocol.summary, position=position.patient, support=position.support or "",
            stages=stages, dosage=dosage_rows(protocol.dosage, words),
            course=course_rows(protocol.course, words), checklist=tuple(blocks),
            cautions=tuple(protocol.cautions), gaps=tuple(protocol.gaps),
            refs=self.refs(protocol.sources),
            log_rows=tuple((number, "", planned) for number, planned in enumerate(minutes, start=1)),
            log_rule=library.forms.course_log.planned_minutes_rule,
            figures=tuple(self._figure(protocol, stage) for stage in stages),
            where=self.drawer.where(self.drawer.protocol_zones(protocol),
                                    words.gettext("Where the massage will be")))

    def _stages(self, protocol: Protocol) -> tuple[StageView, ...]:
        number, stages, words = 0, [], self.words
        for stage in protocol.stages:
            rows = []
            for step in stage.steps:
                number += 1
                name, anchor, variants = self._action(protocol, step)
                repetitions = words.range(step.repetitions) if step.repetitions else ""
                if step.each_side and repetitions:
                    repetitions = words.gettext("{amount} on each side", amount=repetitions)
                if step.duration:
                    repetitions = ", ".join(filter(None, (repetitions,
                                                          words.range(step.duration))))
                rows.append(StepRow(
                    number=number, technique=name, technique_anchor=anchor, variants=variants,
                    area=step.area, direction=step.direction or "", repetitions=repetitions,
                    intensity=words.gettext(INTENSITY_LABELS[step.intensity])
                    if step.intensity else "",
                    note=step.note or "", anchor=anchors.step(protocol.id, number)))
            stages.append(StageView(words.gettext(STAGE_LABELS[stage.kind]), stage.title,
                                    stage.note or "", tuple(rows),
                                    intensity=any(row.intensity for row in rows)))
        return tuple(stages)

    def _figure(self, protocol: Protocol, stage: StageView) -> Figure:
        steps = {step_number: step for step_number, step in self._numbered_steps(protocol)}
        return self.drawer.stage(stage.label, stage.title, [
            (row.number, row.technique, steps[row.number]) for row in stage.rows])

    @staticmethod
    def _numbered_steps(protocol: Protocol):
        steps = [step for stage in protocol.stages for step in stage.steps]
        return enumerate(steps, start=1)

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
        library, words = self.selection.library, self.words
        return [MethodView(
            anchor=anchors.method(method.id), method=method,
            family=words.gettext(FAMILY_LABELS[method.family]),
            dosage=dosage_rows(method.dosage, words) if method.dosage else (),
            course=course_rows(method.course, words) if method.course else (),
            own_contraindications=tuple(
                item.text for item in library.contraindications
                if method.id in item.applies_to.methods),
            checklist=tuple(safety.tier_blocks(library, safety.for_method(library, method.id),
                                               words)),
            evidence_level=words.gettext(EVIDENCE_LABELS[method.evidence.level]),
            evidence_refs=self.refs(method.evidence.sources),
            refs=self.refs(method.sources),
        ) for method in self.selection.methods]
