"""Regions of the spine and their protocols: the stages and steps a therapist follows.

A protocol is written as stages of steps; each step names a technique or a kind
of the protocol's method, the zones it works on and how the hands move, so the
handbook can print the step table and draw the body map from the same lines.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from .base import Id, Strict, Text
from .dosage import Course, Dosage
from .quantities import Duration, Repetitions
from .zones import Segments, StepPath

StageKind = Literal["warm-up", "main", "finish"]
Intensity = Literal["very-light", "light", "moderate", "firm"]


class Position(Strict):
    """How the patient lies or sits, and on what."""

    patient: Text = Field(description="The patient's position.",
                          examples=["Lying on the stomach, arms along the body."])
    support: Text | None = Field(default=None, description="The couch, rollers or pillows.",
                                 examples=["A firm couch; a small roller under the ankles."])


class Step(Strict):
    """One line of a protocol: a massage technique, or a kind of the protocol's method."""

    technique: Id | None = Field(default=None, description="A technique of techniques/.",
                                 examples=["stroking"])
    kind: Id | None = Field(default=None,
                            description="Instead of a technique: a kind of the protocol's "
                                        "method (its `kinds`).", examples=["traction"])
    variants: list[Id] = Field(default_factory=list,
                               description="Variants of the technique to use.",
                               examples=[["fingertips", "circular"]])
    area: Text = Field(description="The muscles or area worked, as printed.",
                       examples=["Latissimus dorsi and the long back muscles"])
    zone: list[Id] = Field(
        min_length=1, description="The zones of zones.yaml the step works on; they are shaded "
                                  "on the stage's body map.", examples=[["upper-back"]])
    path: StepPath = Field(
        description="How the hands move over the zones, drawn as the step's numbered mark: up "
                    "(towards the head), down, up-and-down, toward-spine, away-from-spine, "
                    "across, across-and-along, circles, zigzag, wavy, points, traction or hold; or points of a "
                    "path in the zone's frame (0 to 1 across and down).",
        examples=["up", "circles", [[0.2, 0.9], [0.8, 0.1]]])
    direction: Text | None = Field(default=None, description="The direction, in words.",
                                   examples=["From the sacrum up to the shoulder blades"])
    repetitions: Repetitions | None = Field(default=None, description="How many passes.",
                                            examples=["3-4 times"])
    each_side: bool = Field(default=False, description="Whether the step is done on each side.",
                            examples=[True])
    duration: Duration | None = Field(default=None, description="How long the step lasts.",
                                      examples=["2-3 minutes"])
    intensity: Intensity | None = Field(default=None,
                                        description="very-light, light, moderate or firm.",
                                        examples=["light"])
    note: Text | None = Field(default=None, description="Anything the table should add.",
                              examples=["Light rubbing, without force."])

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
    """A stage of a session: the warm-up, the main part or the finish."""

    kind: StageKind = Field(description="warm-up, main or finish.", examples=["warm-up"])
    title: Text = Field(description="The stage's heading.",
                        examples=["Warming the skin and the muscles"])
    note: Text | None = Field(default=None, description="What holds for every step of it.",
                              examples=["Each movement 3–4 times; soft, with no pressure."])
    steps: list[Step] = Field(min_length=1, description="The steps, in order.",
                              examples=[[{"technique": "stroking", "area": "Back muscles",
                                          "zone": ["back-muscles"], "path": "up"}]])


class Protocol(Strict):
    """One treatment: a method for a condition in a region, with its own limits."""

    id: Id = Field(description="How plans and the command line name the protocol.",
                   examples=["lumbar-hernia-classic"])
    title: Text = Field(description="The protocol's title as printed.",
                        examples=["Classic massage for a lumbar disc hernia"])
    method: Id = Field(description="A method of methods/.", examples=["classic"])
    condition: Id = Field(description="A condition of conditions.yaml.", examples=["hernia"])
    allowed_stages: list[Id] = Field(min_length=1,
                                     description="The condition's stages it may be used in.",
                                     examples=[["prolapse", "protrusion"]])
    summary: Text = Field(description="The protocol in brief, for the therapist.",
                          examples=["A warm-up of the skin and back muscles, then seven main "
                                    "steps."])
    patient: Text = Field(description="The same in plain words, for the patient's plan.",
                          examples=["A soft massage of your lower back and buttocks."])
    position: Position | None = Field(default=None,
                                      description="The position, if not the region's.",
                                      examples=[{"patient": "Sitting, the forehead on the "
                                                            "hands."}])
    stages: list[ProtocolStage] = Field(min_length=1, description="The stages, in order.",
                                        examples=[[{"kind": "main", "title": "Main massage",
                                                    "steps": []}]])
    dosage: Dosage = Field(description="Session limits; the session length is required.",
                           examples=[{"first_sessions": "5-7 minutes",
                                      "later_sessions": "15-20 minutes"}])
    course: Course = Field(description="Course limits.",
                           examples=[{"sessions": "10-15 sessions",
                                      "break_before_repeat": "2-3 months"}])
    contraindications: list[Id] = Field(
        default_factory=list,
        description="Items of contraindications.yaml its checklist adds to those of its region "
                    "and method.", examples=[["radicular-syndrome"]])
    add_methods: list[Id] = Field(
        default_factory=list,
        description="Methods the therapist may add to this protocol (cupping with a classic "
                    "massage); their contraindications join its checklist.",
        examples=[["vacuum"]])
    cautions: list[Text] = Field(default_factory=list, description="What must never be done.",
                                 examples=[["No pressure on the spine itself."]])
    sources: list[Id] = Field(min_length=1, description="The sources it was written from.",
                              examples=[["article-back-massage-hernia"]])
    gaps: list[Text] = Field(default_factory=list,
                             description="What the sources leave open, said plainly.",
                             examples=[["The source does not say how long each step lasts."]])

    @field_validator("dosage")
    @classmethod
    def _session_length_given(cls, dosage: Dosage) -> Dosage:
        if dosage.first_minutes is None:
            raise ValueError(
                "a protocol's dosage must limit the session length: give first_sessions "
                "(for example '5-7 minutes') or session")
        return dosage


class Region(Strict):
    """regions/<id>.yaml: a part of the spine and the protocols for it."""

    id: Id = Field(description="The file's name without .yaml.", examples=["lumbar"])
    name: Text = Field(description="The region's name as printed.", examples=["Lumbar spine"])
    vertebrae: Text = Field(description="The vertebrae as printed.", examples=["L1–L5"])
    segments: Segments = Field(
        description="The region's vertebrae as a range from the head down, highlighted on the "
                    "chapter's spine map: C1-C7, Th1-Th12, L1-L5, S1-S5.",
        examples=["C1-C7", "L5-S5"])
    overview: Text = Field(description="What massage can do here, and what it cannot.",
                           examples=["The lower back bears the heaviest load."])
    position: Position = Field(description="The usual position for this region.",
                               examples=[{"patient": "Lying on the stomach."}])
    cautions: list[Text] = Field(min_length=1,
                                 description="What holds for every protocol of the region.",
                                 examples=[["Soft movements with no pressure and no force."]])
    protocols: list[Protocol] = Field(min_length=1, description="The region's protocols.",
                                      examples=[[{"id": "lumbar-hernia-classic"}]])
    sources: list[Id] = Field(default_factory=list, description="Sources for the chapter text.",
                              examples=[["article-back-massage-hernia"]])
