"""Overlaps: one condition, one answer.

Items that ask about one condition (high blood pressure for massage and for
manual therapy) name each other in ``overlaps``; no checklist may hold both, and
where both could be asked of one treatment they must give the same answer.
"""

from __future__ import annotations

from ...errors import quoted
from .catalogue import rule, say
from .context import Context


@rule("HB301", "overlaps", "an overlap is declared one way only")
def overlap_one_way(context: Context):
    for item, source, path in context.contraindications:
        for index, other_id in enumerate(item.overlaps):
            other = context.by_id.get(other_id)
            if other is not None and item.id not in other.overlaps:
                yield say("HB301", source, path + ("overlaps", index), (
                    f"{quoted(item.id)} overlaps {quoted(other_id)}, but {quoted(other_id)} does "
                    f"not list {quoted(item.id)} in its overlaps; add it there too"))


@rule("HB302", "overlaps", "one checklist asks the same condition twice")
def overlap_on_one_checklist(context: Context):
    for place in context.places():
        ids = {item.id for item in context.checklist(place)}
        reported = set()
        for item in context.checklist(place):
            for other in sorted(ids & set(item.overlaps)):
                pair = tuple(sorted((item.id, other)))
                if pair in reported:
                    continue
                reported.add(pair)
                yield say("HB302", place.source, place.path + ("id",), (
                    f"the checklist of {place.protocol.id} asks both {quoted(pair[0])} and "
                    f"{quoted(pair[1])}, which overlap (one condition, two answers); narrow their "
                    "applies_to so that only one reaches this protocol"))


@rule("HB303", "overlaps", "overlapping items for the same treatment disagree")
def overlap_disagrees(context: Context):
    for item, source, path in context.contraindications:
        for index, other_id in enumerate(item.overlaps):
            other = context.by_id.get(other_id)
            if other is None or other_id < item.id:
                continue
            shared = all(not mine or not theirs or set(mine) & set(theirs) for mine, theirs in (
                (item.applies_to.methods, other.applies_to.methods),
                (item.applies_to.regions, other.applies_to.regions)))
            if shared and (item.tier, item.clearance) != (other.tier, other.clearance):
                yield say("HB303", source, path + ("overlaps", index), (
                    f"{quoted(item.id)} ({item.tier}) and {quoted(other_id)} ({other.tier}) ask "
                    "about one condition for the same treatment but give different answers; give "
                    "them the same tier and clearance, or scope them to different methods or regions"))
