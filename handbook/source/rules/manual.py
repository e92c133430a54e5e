"""Manual therapy and sequestration: allowed stages, checklist and notes agree.

A large or sequestered hernia is absolute for manipulation and traction (the risk
is a cauda equina syndrome).  A protocol may not allow a stage its own checklist
rules out, a manual-therapy checklist must give the doctor a line to tick for
every stage the method forbids, and no manual-therapy stage is left to "the
doctor": the doctor giving the treatment would decide alone.
"""

from __future__ import annotations

from ...errors import quoted
from .catalogue import rule, say
from .context import Context
from .stages import manual_therapy_stages


@rule("HB501", "manual therapy", "a protocol allows a stage its own checklist rules out")
def allowed_stage_ruled_out(context: Context):
    for place in context.places():
        for item in context.checklist(place):
            if item.tier != "absolute":
                continue
            for index, stage in enumerate(place.protocol.allowed_stages):
                if stage in item.stages:
                    yield say("HB501", place.source, place.path + ("allowed_stages", index), (
                        f"the protocol {place.protocol.id} allows the stage {quoted(stage)}, "
                        f"which its checklist rules out ({quoted(item.id)} is absolute); remove "
                        "the stage, or narrow the item's applies_to"))


@rule("HB502", "manual therapy", "a stage the method forbids has no line on its checklist")
def forbidden_stage_not_screened(context: Context):
    for place in context.places():
        if context.family(place.protocol.method) != "manual-therapy":
            continue
        condition = context.conditions.get(place.protocol.condition)
        if condition is None:
            continue
        asked = {stage for item in context.checklist(place) if item.tier == "absolute"
                 for stage in item.stages}
        missing = [stage.id for stage in condition.stages
                   if stage.for_manual_therapy == "not-allowed" and stage.id not in asked]
        if missing:
            yield say("HB502", place.source, place.path + ("condition",), (
                f"manual therapy is not-allowed in the stages {', '.join(missing)} of "
                f"{condition.id}, but no absolute item of the checklist of {place.protocol.id} "
                "asks about them; add an absolute item for manual therapy with stages: "
                f"[{', '.join(missing)}]"))


@rule("HB503", "manual therapy", "a manual-therapy protocol leaves a stage to the doctor's decision")
def stage_left_to_doctor(context: Context):
    for place, stage, path in manual_therapy_stages(context, "doctor-decides"):
        yield say("HB503", place.source, path, (
            f"the manual-therapy protocol {place.protocol.id} allows the stage "
            f"{quoted(stage.id)}, which is left to 'the doctor' - but manual therapy is given "
            "by the doctor, who would decide alone; set the stage's manual_therapy to "
            "allowed, with-care or not-allowed in conditions.yaml, or remove the stage"))
