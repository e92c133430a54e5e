"""The shared catalogues: conditions, contraindications, red flags and sources."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Id, Strict, Text

Tier = Literal["absolute", "local", "relative"]
TIERS: tuple[Tier, ...] = ("absolute", "local", "relative")
MassageAllowed = Literal["allowed", "with-care", "doctor-decides", "not-allowed"]
SourceKind = Literal["article", "systematic-review", "guideline", "framework"]


class ConditionStage(Strict):
    id: Id
    name: Text
    description: Text
    massage: MassageAllowed
    note: Text | None = None


class Condition(Strict):
    id: Id
    name: Text
    description: Text
    patient: Text | None = None
    stages: list[ConditionStage] = Field(min_length=1)


class ConditionCatalogue(Strict):
    conditions: list[Condition] = Field(min_length=1)


class TierInfo(Strict):
    """What a tier means and the one action the screening form prints for it."""

    name: Text
    meaning: Text
    action: Text


class Tiers(Strict):
    absolute: TierInfo
    local: TierInfo
    relative: TierInfo


class AppliesTo(Strict):
    """Which treatments a contraindication concerns; both lists empty means all."""

    methods: list[Id] = Field(default_factory=list)
    regions: list[Id] = Field(default_factory=list)

    @property
    def general(self) -> bool:
        return not self.methods and not self.regions


class Contraindication(Strict):
    id: Id
    text: Text
    tier: Tier
    tier_reason: Text | None = Field(
        default=None,
        description="Why the item sits in a milder tier than a source gives it (the "
                    "stricter reading wins unless a reason is printed): shown on the checklist.",
        examples=["Local by common practice; one source lists varicose veins among the "
                  "reasons not to massage at all."])
    applies_to: AppliesTo = AppliesTo()
    action: Text
    sources: list[Id] = Field(min_length=1)


class ContraindicationCatalogue(Strict):
    tiers: Tiers
    contraindications: list[Contraindication] = Field(min_length=1)


class RedFlag(Strict):
    id: Id
    sign: Text
    ask: Text
    patient: Text
    zone: list[Id] = Field(
        default_factory=list,
        description="Zones of zones.yaml to show beside the sign, e.g. the saddle area.",
        examples=[["saddle"]])
    action: Text | None = Field(
        default=None,
        description="What to do when this sign is present, if not the catalogue's emergency "
                    "action (a suspected fracture, say, needs a doctor today, not an ambulance).",
        examples=["No treatment; the doctor sees the patient today to rule out a fracture."])
    patient_action: Text | None = Field(
        default=None,
        description="The same for the patient, in plain words, if not the catalogue's.",
        examples=["See your doctor today, before any more sessions."])
    sources: list[Id] = Field(min_length=1)


class RedFlagCatalogue(Strict):
    intro: Text | None = Field(
        default=None,
        description="A paragraph above the red-flag card in the therapist's handbook.",
        examples=["These signs point to pressure on the spinal cord or nerve roots, or to "
                  "another serious disease."])
    action: Text
    patient_action: Text
    flags: list[RedFlag] = Field(min_length=1)


class Source(Strict):
    id: Id
    kind: SourceKind
    title: Text
    authors: Text | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    published_in: Text | None = None
    identifier: Text | None = None
    url: Text | None = None
    note: Text | None = None


class SourceCatalogue(Strict):
    intro: Text | None = Field(
        default=None,
        description="A paragraph above the list of sources: what the numbers in the text "
                    "refer to, and which sources the protocols were written from.",
        examples=["Numbers in the text refer to this list."])
    sources: list[Source] = Field(min_length=1)
