"""A method's precautions reach every place it can be used.

A method no protocol uses is printed with a screening checklist of its own; its
absolute items must also reach the patient, whose 'tell your therapist' list asks
them in plain words.  A protocol may add methods (cupping during a classic
massage); their items then join its checklist, and a doctor's method (manual
therapy) is never added to a massage.
"""

from __future__ import annotations

from ...errors import quoted
from .catalogue import rule, say
from .context import Context, protocol_methods


@rule("HB401", "method precautions", "a method's absolute item is not asked of the patient")
def method_item_not_asked(context: Context):
    used = {method for place in context.places() for method in protocol_methods(place.protocol)}
    for item, source, path in context.contraindications:
        scope = item.applies_to.methods
        if (item.tier == "absolute" and scope and not item.applies_to.regions
                and set(scope) - used and not item.patient):
            lone = sorted(set(scope) - used)
            yield say("HB401", source, path, (
                f"{quoted(item.id)} is asked only on the checklist of {', '.join(lone)}, which no "
                "protocol uses; add 'patient:' with the question in plain words, so the "
                "patient's 'tell your therapist' list asks it too"))


@rule("HB402", "method precautions", "a massage protocol adds a method of another family")
def added_method_of_other_family(context: Context):
    for place in context.places():
        own = context.family(place.protocol.method)
        for index, method_id in enumerate(place.protocol.add_methods):
            family = context.family(method_id)
            if family is not None and own is not None and family != own:
                yield say("HB402", place.source, place.path + ("add_methods", index), (
                    f"the {own} protocol {place.protocol.id} adds {quoted(method_id)}, a "
                    f"{family} method; only a method of the same family may be added - write a "
                    "protocol of its own for it"))
