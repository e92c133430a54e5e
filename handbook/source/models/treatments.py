"""Techniques, methods and regions with their protocols."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from .base import Id, Strict, Text
from .dosage import Course, Dosage
from .quantities import Duration, Repetitions
from .zones import Segments, StepPath

StageKind = Literal["warm-up", "main", "finish"]
Intensity = Literal["very-light", "light", "moderate", "firm"]
MethodFamily = Literal["massage", "manual-therapy"]
EvidenceLevel = Literal["moderate", "low", "very-low", "unclear", "no-trials"]


class Variant(Strict):
    id: Id
    name: Text
    how: Text | None = None
    synonyms: list[Text] = Field(default_factory=list)


class Technique(Strict):
    """A basic stroke (stroking, kneading, rubbing…) and its variants."""

    id: Id
    name: Text
    synonyms: list[Text] = Field(default_factory=list)
    purpose: Text
    how: Text
    variants: list[Variant] = Field(default_factory=list)
    cautions: list[Text] = Field(default_factory=list)
    sources: list[Id] = Field(min_length=1)


class MethodKind(Strict):
    id: Id
    name: Text
    description: Text
    caution: Text | None = None


class Evidence(Strict):
    level: EvidenceLevel
    summary: Text
    sources: list[Id] = Field(min_length=1)


class Method(Strict):
    """A way of treating (classic, vacuum, manual therapy…), with its own limits."""

    id: Id
    name: Text
    synonyms: list[Text] = Field(default_factory=list)
    family: MethodFamily
    summary: Text
    patient: Text | None = None
    used_for: list[Text] = Field(default_factory=list)
    equipment: list[Text] = Field(default_factory=list)
    procedure: list[Text] = Field(min_length=1)
    dosage: Dosage | None = None
    course: Course | None = None
    cautions: list[Text] = Field(default_factory=list)
    kinds: list[MethodKind] = Field(default_factory=list)
    evidence: Evidence
    sources: list[Id] = Field(min_length=1)
    gaps: list[Text] = Field(default_factory=list)


class Position(Strict):
    patient: Text
    support: Text | None = None


class Step(Strict):
    """One line of a protocol: a massage technique, or a kind of the protocol's method."""

    technique: Id | None = None
    kind: Id | None = None
    variants: list[Id] = Field(default_factory=list)
    area: Text
    zone: list[Id] = Field(
        min_length=1, description="The zones of zones.yaml the step works on; they are shaded "
                                  "on the stage's body map.", examples=[["upper-back"]])
    path: StepPath = Field(
        description="How the hands move over the zones, drawn as the step's numbered mark: up "
                    "(towards the head), down, up-and-down, toward-spine, away-from-spine, "
                    "across, circles, zigzag, wavy, points, traction or hold; or points of a "
                    "path in the zone's frame (0 to 1 across and down).",
        examples=["up", "circles", [[0.2, 0.9], [0.8, 0.1]]])
    direction: Text | None = None
    repetitions: Repetitions | None = None
    each_side: bool = False
    duration: Duration | None = None
    intensity: Intensity | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _one_action(self) -> Step:
        if (self.technique is None) == (self.kind is None):
            raise ValueError(
                "a step names either a 'technique' (from techniques/) or a 'kind' of the "
                "protocol's method (such as 'traction' for manual therapy), not both or neither")
        if self.kind is not None and self.variants:
            raise ValueError("'variants' belong to a technique; a step with a 'kind' has none")
        return self


class ProtocolStage(Strict):
    kind: StageKind
    title: Text
    note: Text | None = None
    steps: list[Step] = Field(min_length=1)


class Protocol(Strict):
    id: Id
    title: Text
    method: Id
    condition: Id
    allowed_stages: list[Id] = Field(min_length=1)
    summary: Text
    patient: Text
    position: Position | None = None
    stages: list[ProtocolStage] = Field(min_length=1)
    dosage: Dosage
    course: Course
    contraindications: list[Id] = Field(default_factory=list)
    cautions: list[Text] = Field(default_factory=list)
    sources: list[Id] = Field(min_length=1)
    gaps: list[Text] = Field(default_factory=list)

    @field_validator("dosage")
    @classmethod
    def _session_length_given(cls, dosage: Dosage) -> Dosage:
        if dosage.first_minutes is None:
            raise ValueError(
                "a protocol's dosage must limit the session length: give first_sessions "
                "(for example '5-7 minutes') or session")
        return dosage


class Region(Strict):
    """A part of the spine and the protocols for it."""

    id: Id
    name: Text
    vertebrae: Text
    segments: Segments = Field(
        description="The region's vertebrae as a range from the head down, highlighted on the "
                    "chapter's spine map: C1-C7, Th1-Th12, L1-L5, S1-S5.",
        examples=["C1-C7", "L5-S5"])
    overview: Text
    position: Position
    cautions: list[Text] = Field(min_length=1)
    protocols: list[Protocol] = Field(min_length=1)
    sources: list[Id] = Field(default_factory=list)
