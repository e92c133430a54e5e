"""One catalogue of contraindications, each in a tier with the action the forms print.

Every protocol's checklist is made from this catalogue: the general items, those
of its region and those of its method.  Tiers and actions are fixed here so that
one patient never meets two instructions for the same finding.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Id, Strict, Text

Tier = Literal["absolute", "local", "relative"]
TIERS: tuple[Tier, ...] = ("absolute", "local", "relative")


class TierInfo(Strict):
    """What a tier means and the one action the screening form prints for it."""

    name: Text = Field(description="The tier's name as printed.", examples=["Absolute"])
    meaning: Text = Field(description="What an item of this tier means for treatment.",
                          examples=["Massage or manual therapy is unsafe for now; do not "
                                    "treat."])
    action: Text = Field(description="The action line under the tier's block of questions.",
                         examples=["If any YES: do not start. Refer the patient to the doctor "
                                   "and treat only after written clearance."])


class Tiers(Strict):
    """The three tiers, strictest first."""

    absolute: TierInfo = Field(description="Do not treat at all.",
                               examples=[{"name": "Absolute", "meaning": "Do not treat.",
                                          "action": "If any YES: do not start."}])
    local: TierInfo = Field(description="Do not treat the affected area.",
                            examples=[{"name": "Local", "meaning": "The area is off limits.",
                                       "action": "If any YES: avoid the area."}])
    relative: TierInfo = Field(description="Treat only changed, or with the doctor's clearance.",
                               examples=[{"name": "Relative", "meaning": "Treat with care.",
                                          "action": "If any YES: get clearance first."}])


class AppliesTo(Strict):
    """Which treatments a contraindication concerns; both lists empty means all."""

    methods: list[Id] = Field(default_factory=list,
                              description="Method ids; the item is asked for these methods.",
                              examples=[["vacuum", "honey"]])
    regions: list[Id] = Field(default_factory=list,
                              description="Region ids; the item is asked for these regions.",
                              examples=[["cervical"]])

    @property
    def general(self) -> bool:
        return not self.methods and not self.regions


class Contraindication(Strict):
    """A reason not to treat, or to treat only changed: one checklist line."""

    id: Id = Field(description="How protocols name the item in `contraindications`.",
                   examples=["fever-inflammation", "skin-inflammation"])
    text: Text = Field(description="The checklist line, asked as a yes/no question.",
                       examples=["Raised body temperature or fever"])
    tier: Tier = Field(description="absolute, local or relative: which block it is asked in "
                                   "and which action follows a YES.", examples=["absolute"])
    tier_reason: Text | None = Field(
        default=None,
        description="Why the item sits in a milder tier than a source gives it (the "
                    "stricter reading wins unless a reason is printed): shown on the checklist.",
        examples=["Local by common practice; one source lists varicose veins among the "
                  "reasons not to massage at all."])
    applies_to: AppliesTo = Field(
        default=AppliesTo(),
        description="The methods and regions it concerns; leave out for every treatment.",
        examples=[{"methods": ["vacuum"]}])
    overlaps: list[Id] = Field(
        default_factory=list,
        description="Items that ask about the same condition in another tier or scope (high "
                    "blood pressure for massage, and for manual therapy): no checklist may "
                    "hold both, or one patient would get two instructions.",
        examples=[["circulatory-disease"]])
    action: Text = Field(description="What to do after a YES, if more than the tier's action.",
                         examples=["Do not treat; refer to the doctor."])
    sources: list[Id] = Field(min_length=1, description="The sources that list it.",
                              examples=[["article-massage-osteochondrosis"]])


class ContraindicationCatalogue(Strict):
    """contraindications.yaml: the tiers and every item."""

    tiers: Tiers = Field(description="What each tier means and its action line.",
                         examples=[{"absolute": {}, "local": {}, "relative": {}}])
    contraindications: list[Contraindication] = Field(
        min_length=1, description="Every item, in any order; print sorts them by tier.",
        examples=[[{"id": "fever", "text": "Fever", "tier": "absolute",
                    "action": "Treat after recovery.", "sources": ["nice-ng59"]}]])
