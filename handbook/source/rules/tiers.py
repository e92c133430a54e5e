"""Tiers and actions: a tier's action may not contradict the action of an item in it.

Each checklist line prints its item's own action; the tier's action line sums
them up.  If the tier says "treat only after written clearance" over an item no
note can lift (pregnancy, a tumour), the form reads as if a doctor's note lifted
it; such an item belongs in a tier of its own.
"""

from __future__ import annotations

from ...errors import quoted
from .catalogue import rule, say
from .context import Context

_LIFTS = {True: "the doctor's written clearance lets treatment go ahead",
          False: "nothing but the end of the condition lifts it"}


@rule("HB201", "tiers", "an item's action and its tier's disagree on what lifts it")
def clearance_contradicts_tier(context: Context):
    for item, source, path in context.contraindications:
        tier = context.tier(item.tier)
        if tier is not None and tier.clearance != item.clearance:
            yield say("HB201", source, path + ("clearance",), (
                f"{quoted(item.id)} says {_LIFTS[item.clearance]} (clearance: "
                f"{str(item.clearance).lower()}), but its tier {quoted(item.tier)} prints that "
                f"{_LIFTS[tier.clearance]}; move it to a tier whose clearance is "
                f"{str(item.clearance).lower()} (add the tier 'cleared' to split 'absolute')"))


@rule("HB202", "tiers", "an item is in a tier the catalogue does not define")
def tier_not_defined(context: Context):
    for item, source, path in context.contraindications:
        if context.tier(item.tier) is None:
            yield say("HB202", source, path + ("tier",), (
                f"{quoted(item.id)} is in the tier {quoted(item.tier)}, which tiers: does not "
                f"define; add tiers: {item.tier}: with its name, meaning, action and clearance"))


@rule("HB203", "tiers", "two tiers print the same name or the same action")
def tiers_not_distinct(context: Context):
    located = context.file("contraindications.yaml")
    if located is None:
        return
    tiers = located.model.tiers
    seen: dict[str, str] = {}
    for name in type(tiers).model_fields:
        info = getattr(tiers, name)
        if info is None:
            continue
        for what, text in (("name", info.name), ("action", info.action)):
            key = f"{what}:{' '.join(text.split()).lower()}"
            if key in seen:
                yield say("HB203", located.source, ("tiers", name, what), (
                    f"the tier {quoted(name)} prints the same {what} as {quoted(seen[key])}; "
                    "give each tier its own name and action, or a reader cannot tell them apart"))
            else:
                seen[key] = name
