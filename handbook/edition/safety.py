"""Which contraindications apply where, grouped the way a checklist asks them.

Kept apart from layout so the handbook, a personal plan and the tests all use
the same rule: a contraindication with no ``applies_to`` concerns every
treatment; one that names methods or regions concerns a treatment that uses
one of those methods *and* is in one of those regions (an empty list matches
anything).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..source.models import TIERS, Contraindication, Library, Protocol, Region
from ..source.models.red_flags import URGENCIES
from ..source.rules import applies as _applies
from ..source.rules import protocol_methods
from .words import N_

if TYPE_CHECKING:
    from .words import Words

#: The checklist-design rule: a block holds at most nine items.
MAX_BLOCK = 9


def applies(item: Contraindication, region_id: str, method_id: str) -> bool:
    return _applies(item, region_id, method_id)


def applies_to_edition(item: Contraindication, regions: set[str], methods: set[str]) -> bool:
    scope = item.applies_to
    return ((not scope.methods or bool(methods & set(scope.methods)))
            and (not scope.regions or bool(regions & set(scope.regions))))


def for_protocol(library: Library, region: Region, protocol: Protocol) -> list[Contraindication]:
    """Every contraindication a therapist must rule out before this protocol."""
    explicit = set(protocol.contraindications)
    methods = protocol_methods(protocol)
    return [item for item in library.contraindications
            if item.id in explicit or _applies(item, region.id, methods)]


def for_method(library: Library, method_id: str) -> list[Contraindication]:
    """The items a method carries of its own: its screening checklist when given alone."""
    return [item for item in library.contraindications if method_id in item.applies_to.methods]


@dataclass(frozen=True)
class Line:
    """One checklist line: the question, why its tier is milder, its own action, and a
    measurement to record beside it."""

    text: str
    note: str = ""
    action: str = ""
    measure: str = ""


@dataclass(frozen=True)
class Block:
    """One block of a checklist: a heading, up to nine items, one action line."""

    title: str
    meaning: str
    items: tuple[Line, ...]
    action: str


def tier_blocks(library: Library, items: Iterable[Contraindication], words: Words) -> list[Block]:
    """Absolute, then local, then relative; long tiers split into balanced blocks."""
    blocks = []
    items = list(items)
    for tier in TIERS:
        info = getattr(library.tiers, tier)
        if info is None:
            continue
        lines = [Line(item.text, item.tier_reason or "", item.action, item.measure or "")
                 for item in items if item.tier == tier]
        blocks += _split(info.name, info.meaning, lines, info.action, words)
    return blocks


def urgency_action(library: Library, urgency: str) -> str:
    """The action line over the red flags of one urgency."""
    catalogue = library.red_flags
    return {"emergency": catalogue.action,
            "today": catalogue.today_action or catalogue.referral_action or catalogue.action,
            "this-week": catalogue.week_action or catalogue.referral_action or catalogue.action,
            }[urgency]


def flags_by_urgency(library: Library, regions: set[str] | None = None):
    """The red flags, fastest urgency first, each group with its flags (those of
    ``regions`` only, or all)."""
    flags = [flag for flag in library.red_flags.flags
             if regions is None or not flag.regions or regions & set(flag.regions)]
    return [(urgency, [flag for flag in flags if flag.urgency == urgency])
            for urgency in URGENCIES if any(flag.urgency == urgency for flag in flags)]


#: The headings over the red flags of each urgency but emergency care.
_URGENCY_HEADINGS = {
    "today": (N_("Signs for a doctor today: no treatment until the doctor has seen the patient"),
              N_("See a doctor today, before any more sessions, if:")),
    "this-week": (N_("Signs for a doctor this week: no treatment until the doctor has seen "
                     "the patient"),
                  N_("See your doctor this week, before any more sessions, if:")),
}


def referral_groups(library: Library, words: Words,
                    regions: set[str] | None = None) -> list[dict]:
    """The red flags that are not for emergency care, one group per urgency with the
    headings for the therapist's card and the leaflet.  The leaflet's heading says the
    group's usual action ("See a doctor today"), so a sign prints its patient action only
    where it says more (call the emergency number if it came on suddenly)."""
    groups = []
    for urgency, flags in flags_by_urgency(library, regions):
        if urgency == "emergency":
            continue
        actions = [flag.patient_action for flag in flags if flag.patient_action]
        usual = max(set(actions), key=actions.count) if actions else None
        groups.append({
            "heading": words.gettext(_URGENCY_HEADINGS[urgency][0]),
            "patient_heading": words.gettext(_URGENCY_HEADINGS[urgency][1]), "flags": flags,
            "patient_lines": [(flag.patient, "" if flag.patient_action == usual
                               else flag.patient_action or "") for flag in flags]})
    return groups


def red_flag_block(library: Library, title: str, words: Words,
                   regions: set[str] | None = None) -> list[Block]:
    """The red flags, one block per urgency (emergency care, a doctor today, this week),
    so no action line promises another urgency than its signs; a sign with its own action
    prints it under its line."""
    blocks = []
    for urgency, flags in flags_by_urgency(library, regions):
        lines = [Line(flag.ask, "", flag.action or "") for flag in flags]
        blocks += _split(title, "", lines,
                         words.gettext("If any YES: {action}",
                                       action=urgency_action(library, urgency)), words)
    if len(blocks) > 1:
        blocks = [Block(words.gettext("{title} ({number} of {count})", title=title,
                                      number=number, count=len(blocks)),
                        block.meaning, block.items, block.action)
                  for number, block in enumerate(blocks, start=1)]
    return blocks


def _split(title: str, meaning: str, texts: list[Line], action: str,
           words: Words) -> list[Block]:
    if not texts:
        return []
    count = -(-len(texts) // MAX_BLOCK)
    size = -(-len(texts) // count)
    chunks = [texts[start:start + size] for start in range(0, len(texts), size)]
    return [Block(words.gettext("{title} ({number} of {count})", title=title, number=number,
                                count=count) if count > 1 else title,
                  meaning, tuple(chunk), action)
            for number, chunk in enumerate(chunks, start=1)]
