"""Red flags are triaged once: each sign's urgency, its action and the promise agree.

A sign for emergency care takes the catalogue's emergency action; a sign for a
doctor today or this week carries its own, for the therapist and the patient.
Forms and the leaflet group the signs by urgency, so no heading promises another
urgency than its signs; and no sign is milder than the disclaimer promises
(``at_most``).
"""

from __future__ import annotations

from ..models.red_flags import URGENCIES
from ...errors import quoted
from .catalogue import rule, say
from .context import Context


def _flags(context: Context):
    located = context.file("red-flags.yaml")
    if located is None:
        return
    for index, flag in enumerate(located.model.flags):
        yield located.model, flag, located.source, ("flags", index)


@rule("HB801", "red flags", "a red flag's action does not match its urgency")
def action_matches_urgency(context: Context):
    for _, flag, source, path in _flags(context):
        if flag.urgency == "emergency" and (flag.action or flag.patient_action):
            yield say("HB801", source, path + ("action" if flag.action else "patient_action",), (
                f"the red flag {quoted(flag.id)} is for emergency care but has an action of its "
                "own; remove it (the catalogue's emergency action applies) or set urgency: "
                "today or this-week"))
        elif flag.urgency != "emergency" and not (flag.action and flag.patient_action):
            yield say("HB801", source, path + ("urgency",), (
                f"the red flag {quoted(flag.id)} has urgency {flag.urgency} but no "
                f"{'action' if not flag.action else 'patient_action'}; say what to do, for the "
                "therapist (action) and for the patient (patient_action)"))


@rule("HB802", "red flags", "a red flag is milder than the disclaimer promises")
def milder_than_promised(context: Context):
    for catalogue, flag, source, path in _flags(context):
        if URGENCIES.index(flag.urgency) > URGENCIES.index(catalogue.at_most):
            yield say("HB802", source, path + ("urgency",), (
                f"the red flag {quoted(flag.id)} has urgency {flag.urgency}, milder than the "
                f"{catalogue.at_most} the catalogue promises (at_most in red-flags.yaml, worded "
                "in the disclaimer); make the sign's urgency faster, or at_most and the "
                "disclaimer slower"))
