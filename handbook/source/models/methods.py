"""Ways of treating (classic, vacuum, manual therapy…), each with its own limits.

A method carries what holds wherever it is used: its procedure, dosage,
course, cautions and the strength of its evidence.  Protocols refer to it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Id, Strict, Text
from .dosage import Course, Dosage

MethodFamily = Literal["massage", "manual-therapy"]
EvidenceLevel = Literal["moderate", "low", "very-low", "unclear", "no-trials"]


class MethodKind(Strict):
    """One kind of a method that protocol steps name in `kind` (traction, mobilisation…)."""

    id: Id = Field(description="How steps name the kind in `kind`.", examples=["traction"])
    name: Text = Field(description="The kind's name as printed.", examples=["Traction"])
    description: Text = Field(description="What is done.",
                              examples=["A gentle, steady pull along the spine."])
    caution: Text | None = Field(default=None, description="What limits it.",
                                 examples=["Stop at once if the pain spreads to a limb."])


class Evidence(Strict):
    """How well the method is studied for these conditions."""

    level: EvidenceLevel = Field(description="moderate, low, very-low, unclear or no-trials.",
                                 examples=["low", "no-trials"])
    summary: Text = Field(description="What the trials found, without curative claims.",
                          examples=["Short-term relief of pain at best; no trial for a hernia."])
    sources: list[Id] = Field(min_length=1, description="The reviews and trials behind it.",
                              examples=[["furlan-2015"]])


class Method(Strict):
    """methods/<id>.yaml: a way of treating, with its own limits."""

    id: Id = Field(description="The file's name without .yaml; protocols name it in `method`.",
                   examples=["classic", "vacuum"])
    name: Text = Field(description="The method's name as printed.",
                       examples=["Vacuum (cupping) massage"])
    synonyms: list[Text] = Field(default_factory=list,
                                 description="Other names it goes by in the sources.",
                                 examples=[["cupping massage"]])
    family: MethodFamily = Field(description="massage, or manual-therapy (a doctor's work).",
                                 examples=["massage"])
    summary: Text = Field(description="What it is and what it is for, for the therapist.",
                          examples=["Cups drawn onto the skin are glided along the back "
                                    "muscles."])
    patient: Text | None = Field(default=None,
                                 description="The same in plain words, for the leaflet.",
                                 examples=["Cups that gently draw up the skin are glided "
                                           "along the back muscles."])
    used_for: list[Text] = Field(default_factory=list, description="What it is used for.",
                                 examples=[["Muscle tension along the spine"]])
    equipment: list[Text] = Field(default_factory=list, description="What the therapist needs.",
                                  examples=[["Two massage cups"]])
    procedure: list[Text] = Field(min_length=1, description="The steps of a session, in order.",
                                  examples=[["Apply cream so the cups glide easily."]])
    dosage: Dosage | None = Field(default=None, description="Its session limits.",
                                  examples=[{"session": "10-15 minutes"}])
    course: Course | None = Field(default=None, description="Its course limits.",
                                  examples=[{"sessions": "10-12 sessions"}])
    cautions: list[Text] = Field(default_factory=list, description="What must never be done.",
                                 examples=[["Never over the vertebrae."]])
    kinds: list[MethodKind] = Field(default_factory=list,
                                    description="Kinds that protocol steps may name.",
                                    examples=[[{"id": "traction", "name": "Traction",
                                                "description": "A steady pull."}]])
    evidence: Evidence = Field(description="How well it is studied.",
                               examples=[{"level": "low", "summary": "…",
                                          "sources": ["furlan-2015"]}])
    sources: list[Id] = Field(min_length=1, description="The sources that describe it.",
                              examples=[["article-back-massage-hernia"]])
    gaps: list[Text] = Field(default_factory=list,
                             description="What the sources leave open, said plainly.",
                             examples=[["The sources give no session length."]])
