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

if TYPE_CHECKING:
    from .words import Words

#: The checklist-design rule: a block holds at most nine items.
MAX_BLOCK = 9


def applies(item: Contraindication, region_id: str, method_id: str) -> bool:
    scope = item.applies_to
    return ((not scope.methods or method_id in scope.methods)
            and (not scope.regions or region_id in scope.regions))


def applies_to_edition(item: Contraindication, regions: set[str], methods: set[str]) -> bool:
    scope = item.applies_to
    return ((not scope.methods or bool(methods & set(scope.methods)))
            and (not scope.regions or bool(regions & set(scope.regions))))


def for_protocol(library: Library, region: Region, protocol: Protocol) -> list[Contraindication]:
    """Every contraindication a therapist must rule out before this protocol."""
    explicit = set(protocol.contraindications)
    return [item for item in library.contraindications
            if item.id in explicit or applies(item, region.id, protocol.method)]


@dataclass(frozen=True)
class Block:
    """One block of a checklist: a heading, up to nine items, one action line."""

    title: str
    meaning: str
    items: tuple[tuple[str, str], ...]  # (question, note): the note says why a tier is milder
    action: str


def tier_blocks(library: Library, items: Iterable[Contraindication], words: Words) -> list[Block]:
    """Absolute, then local, then relative; long tiers split into balanced blocks."""
    blocks = []
    items = list(items)
    for tier in TIERS:
        info = getattr(library.tiers, tier)
        texts = [(item.text, item.tier_reason or "") for item in items if item.tier == tier]
        blocks += _split(info.name, info.meaning, texts, info.action, words)
    return blocks


def red_flag_block(library: Library, title: str, words: Words) -> list[Block]:
    """The red flags, one block per action: the signs that send the patient to emergency
    care first, then each group whose sign asks for something else."""
    catalogue = library.red_flags
    referral = catalogue.referral_action
    groups: dict[str, list[tuple[str, str]]] = {catalogue.action: []}
    for flag in catalogue.flags:
        action = catalogue.action if not flag.action else (referral or flag.action)
        groups.setdefault(action, []).append((flag.ask, ""))
    blocks = []
    for action, asks in groups.items():
        blocks += _split(title, "", asks, words.gettext("If any YES: {action}", action=action),
                         words)
    if len(blocks) > 1:
        blocks = [Block(words.gettext("{title} ({number} of {count})", title=title,
                                      number=number, count=len(blocks)),
                        block.meaning, block.items, block.action)
                  for number, block in enumerate(blocks, start=1)]
    return blocks


def _split(title: str, meaning: str, texts: list[tuple[str, str]], action: str,
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
