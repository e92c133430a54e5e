"""Radicular signs in every region, and a measurement on the form that needs it.

A nerve-root syndrome (arm pain, numbness or weakness from the neck; the leg from
the low back) changes what a massage may do, so every protocol's checklist asks
it through an item with ``screen: radicular``.
"""

from __future__ import annotations

from .catalogue import rule, say
from .context import Context


@rule("HB901", "radicular", "a protocol's checklist does not ask about radicular signs")
def no_radicular_item(context: Context):
    for place in context.places():
        if not any(item.screen == "radicular" for item in context.checklist(place)):
            yield say("HB901", place.source, place.path + ("id",), (
                f"the checklist of {place.protocol.id} has no item with screen: radicular; add "
                f"one for the {place.region.id} region (pain spreading into a limb, with "
                "numbness, tingling or weakness)"))
