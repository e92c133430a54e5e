"""Stages: a protocol may be used only in stages its condition and its method permit.

Without these rules ``allowed_stages: [acute]`` validates, and the handbook prints
"Stages allowed: Acute stage" beside a checklist that rules the acute stage out.
"""

from __future__ import annotations

from ...errors import quoted
from .catalogue import rule, say
from .context import Context


def allowed_stages(context: Context):
    """Every allowed stage of every protocol with its condition's stage and its place."""
    for place in context.places():
        condition = context.conditions.get(place.protocol.condition)
        if condition is None:
            continue
        stages = {stage.id: stage for stage in condition.stages}
        for index, stage_id in enumerate(place.protocol.allowed_stages):
            if stage_id in stages:
                yield place, stages[stage_id], place.path + ("allowed_stages", index)


def manual_therapy_stages(context: Context, for_manual_therapy: str):
    """The allowed stages of manual-therapy protocols whose condition says
    ``for_manual_therapy`` of them (not-allowed, doctor-decides, ...)."""
    for place, stage, path in allowed_stages(context):
        if (context.family(place.protocol.method) == "manual-therapy"
                and stage.for_manual_therapy == for_manual_therapy):
            yield place, stage, path


@rule("HB101", "stages", "a protocol allows a stage in which its condition forbids massage")
def stage_forbidden(context: Context):
    for place, stage, path in allowed_stages(context):
        if context.family(place.protocol.method) == "massage" and stage.massage == "not-allowed":
            yield say("HB101", place.source, path, (
                f"the protocol {place.protocol.id} allows the stage {quoted(stage.id)}, in which "
                f"{place.protocol.condition} forbids massage (massage: not-allowed in "
                "conditions.yaml); remove the stage from allowed_stages"))


@rule("HB102", "stages", "a manual-therapy protocol allows a stage its method forbids")
def stage_forbidden_for_method(context: Context):
    for place, stage, path in manual_therapy_stages(context, "not-allowed"):
        yield say("HB102", place.source, path, (
            f"the manual-therapy protocol {place.protocol.id} allows the stage "
            f"{quoted(stage.id)}, in which {place.protocol.condition} forbids manual therapy "
            "(its manual_therapy, or massage, is not-allowed); remove the stage from "
            "allowed_stages"))
