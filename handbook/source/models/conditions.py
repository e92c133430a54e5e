"""The conditions the protocols treat, and at which of their stages massage is allowed.

A protocol names the stages it may be used in; the stage's ``massage`` value is
what the selection and the checklists read, so it is a fixed word, not prose.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Id, Strict, Text

MassageAllowed = Literal["allowed", "with-care", "doctor-decides", "not-allowed"]


class ConditionStage(Strict):
    """One stage of a condition and whether massage is given in it."""

    id: Id = Field(description="How protocols name the stage in `allowed_stages`.",
                   examples=["protrusion", "acute"])
    name: Text = Field(description="The stage's name as printed.",
                       examples=["Protrusion", "Initial displacement (bulge)"])
    description: Text = Field(description="What happens to the disc or spine in this stage.",
                              examples=["The disc bulges between the vertebrae but does not "
                                        "pass far beyond its natural limits."])
    massage: MassageAllowed = Field(
        description="Whether massage is given in this stage: allowed, with-care, "
                    "doctor-decides or not-allowed.",
        examples=["with-care", "not-allowed"])
    manual_therapy: MassageAllowed | None = Field(
        default=None,
        description="Whether manual therapy is given in this stage, if not as `massage` says "
                    "(a sequestered hernia is not-allowed for manipulation and traction).",
        examples=["not-allowed"])
    note: Text | None = Field(default=None,
                              description="What a therapist should know about this stage, "
                                          "e.g. where the sources disagree.",
                              examples=["Only outside an exacerbation and after the pain has "
                                        "settled."])


    @property
    def for_manual_therapy(self) -> MassageAllowed:
        return self.manual_therapy or self.massage


class Condition(Strict):
    """A condition the protocols treat (a disc hernia, osteochondrosis…)."""

    id: Id = Field(description="How protocols name the condition in `condition`.",
                   examples=["hernia", "osteochondrosis"])
    name: Text = Field(description="The condition's name as printed.",
                       examples=["Intervertebral disc hernia"])
    description: Text = Field(description="What the condition is and what massage can and "
                                          "cannot do for it, for the therapist.",
                              examples=["The fibrous ring of a disc tears and part of the "
                                        "nucleus is pushed out past its edge."])
    patient: Text | None = Field(default=None,
                                 description="The same in plain words, for the leaflet.",
                                 examples=["The soft centre of a disc has pushed out through "
                                           "its outer ring and can press on a nerve."])
    sources: list[Id] = Field(min_length=1,
                              description="The sources the description, the stages and their "
                                          "notes were written from.",
                              examples=[["article-massage-intervertebral-hernia", "nice-ng59"]])
    stages: list[ConditionStage] = Field(min_length=1,
                                         description="The stages, from the earliest.",
                                         examples=[[{"id": "acute", "name": "Acute stage",
                                                     "description": "Sharp pain.",
                                                     "massage": "not-allowed"}]])


class ConditionCatalogue(Strict):
    """conditions.yaml: every condition a protocol may name."""

    conditions: list[Condition] = Field(min_length=1, description="The conditions.",
                                        examples=[[{"id": "osteochondrosis",
                                                    "name": "Osteochondrosis",
                                                    "description": "Wear of the discs.",
                                                    "sources": ["nice-ng59"],
                                                    "stages": []}]])
