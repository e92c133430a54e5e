"""One catalogue of contraindications, each in a tier with the action the forms print.

Every protocol's checklist is made from this catalogue: the general items, those
of its region and those of its method.  Tiers and actions are fixed here so that
one patient never meets two instructions for the same finding.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Id, Strict, Text

Tier = Literal["absolute", "cleared", "local", "relative"]
#: Strictest first; ``cleared`` is the optional tier of "not until the doctor's written clearance".
TIERS: tuple[Tier, ...] = ("absolute", "cleared", "local", "relative")
Screen = Literal["vascular", "radicular"]


class TierInfo(Strict):
    """What a tier means and the one action the screening form prints for it."""

    name: Text = Field(description="The tier's name as printed.", examples=["Absolute"])
    meaning: Text = Field(description="What an item of this tier means for treatment.",
                          examples=["Massage or manual therapy is unsafe for now; do not "
                                    "treat."])
    action: Text = Field(description="The action line under the tier's block of questions.",
                         examples=["If any YES: do not start. Refer the patient to the doctor "
                                   "and treat only after written clearance."])
    clearance: bool = Field(
        description="Whether the doctor's written clearance lets treatment go ahead after a YES "
                    "in this tier (true), or nothing but the end of the condition does (false); "
                    "every item of the tier must say the same.",
        examples=[False, True])


class Tiers(Strict):
    """The tiers, strictest first: three always, `cleared` where a library splits absolute."""

    absolute: TierInfo = Field(description="Do not treat at all.",
                               examples=[{"name": "Absolute", "meaning": "Do not treat.",
                                          "action": "If any YES: do not start.",
                                          "clearance": False}])
    cleared: TierInfo | None = Field(
        default=None,
        description="Optional: do not treat until the doctor's written clearance (kept apart "
                    "from `absolute`, whose items no note lifts).",
        examples=[{"name": "Until cleared", "meaning": "Not before the doctor's clearance.",
                   "action": "If any YES: not before written clearance.", "clearance": True}])
    local: TierInfo = Field(description="Do not treat the affected area.",
                            examples=[{"name": "Local", "meaning": "The area is off limits.",
                                       "action": "If any YES: avoid the area.",
                                       "clearance": False}])
    relative: TierInfo = Field(description="Treat only changed, or with the doctor's clearance.",
                               examples=[{"name": "Relative", "meaning": "Treat with care.",
                                          "action": "If any YES: get clearance first.",
                                          "clearance": True}])


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
    action: Text = Field(description="What to do after a YES; printed on its checklist line.",
                         examples=["Do not treat; refer to the doctor."])
    clearance: bool = Field(
        description="Whether the doctor's written clearance lets treatment go ahead (true), or "
                    "nothing but the end of the condition does (false: pregnancy, a tumour); "
                    "it must match its tier's.", examples=[False])
    stages: list[Id] = Field(
        default_factory=list,
        description="Stages of the protocol's condition this item asks about (a large or "
                    "sequestered hernia): a protocol whose checklist holds the item as absolute "
                    "may not allow them.", examples=[["extrusion", "sequestration"]])
    screen: Screen | None = Field(
        default=None,
        description="The screen this item is: vascular (the neck arteries) or radicular (a "
                    "nerve root); every neck protocol needs the first, every protocol the "
                    "second.", examples=["vascular"])
    patient: Text | None = Field(
        default=None,
        description="The question in plain words for the patient's 'tell your therapist' list.",
        examples=["If you take blood thinners or bruise easily."])
    measure: Text | None = Field(
        default=None,
        description="A measurement the form records beside the question.",
        examples=["Blood pressure today: ____ / ____ mmHg"])
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
