"""The neck screen: the neck arteries are screened before every neck session.

The vascular screen (an item with ``screen: vascular``) must be on every neck
protocol's checklist, a red flag with the same screen is asked before every
session and sends the patient to a doctor the same day at the latest, and a neck
patient's leaflet and plan say what a stroke looks like.
"""

from __future__ import annotations

from ..models.red_flags import URGENCIES
from ...errors import quoted
from .catalogue import rule, say
from .context import Context, is_neck


def _neck_flags(context: Context, region_id: str):
    located = context.file("red-flags.yaml")
    flags = [] if located is None else located.model.flags
    return [(index, flag) for index, flag in enumerate(flags) if flag.screen == "vascular"
            and (not flag.regions or region_id in flag.regions)]


@rule("HB601", "neck screen", "a neck protocol's checklist lacks the vascular screen")
def neck_without_vascular_item(context: Context):
    for place in context.places():
        if is_neck(place.region) and not any(item.screen == "vascular"
                                             for item in context.checklist(place)):
            yield say("HB601", place.source, place.path + ("id",), (
                f"the neck protocol {place.protocol.id} has no item with screen: vascular on its "
                "checklist; add one for the neck arteries (sudden unusual neck pain or "
                "headache, dizziness, double vision, nausea, nystagmus, unsteadiness, trouble "
                "speaking or swallowing, numbness of the face)"))


@rule("HB602", "neck screen", "a neck protocol's before-session check does not ask the vascular screen")
def neck_screen_not_before_session(context: Context):
    for located in context.items.get("regions", {}).values():
        region = located.model
        if is_neck(region) and not _neck_flags(context, region.id):
            yield say("HB602", located.source, ("segments",), (
                f"the neck region {region.id} has no red flag with screen: vascular, so the "
                "check before each session does not ask the neck arteries' signs; add one to "
                "red-flags.yaml (urgency: today or emergency)"))


@rule("HB603", "neck screen", "the vascular screen's urgency is slower than the same day")
def vascular_screen_too_slow(context: Context):
    located = context.file("red-flags.yaml")
    if located is None:
        return
    for index, flag in enumerate(located.model.flags):
        if flag.screen == "vascular" and URGENCIES.index(flag.urgency) > URGENCIES.index("today"):
            yield say("HB603", located.source, ("flags", index, "urgency"), (
                f"the vascular screen {quoted(flag.id)} has urgency {flag.urgency}; signs of the "
                "neck arteries need a doctor the same day (emergency care for a stroke): use "
                "today or emergency"))


@rule("HB604", "neck screen", "a neck patient is not told the warning signs of a stroke")
def no_stroke_warning(context: Context):
    patient = context.file("patient.yaml")
    if patient is None or patient.model.stroke_warning:
        return
    necks = [located.model.id for located in context.items.get("regions", {}).values()
             if is_neck(located.model)]
    if necks:
        yield say("HB604", patient.source, ("warning_intro",), (
            f"the library has a neck region ({', '.join(necks)}) but patient.yaml has no "
            "stroke_warning; add the warning signs of a stroke in plain words and to call the "
            "emergency number, for a neck patient's leaflet and plan"))
