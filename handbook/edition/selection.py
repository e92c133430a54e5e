"""Stage three: choose what one edition prints.

A cervical-only booklet keeps the cervical chapter; a vacuum-massage sheet
keeps the vacuum method and the protocols that use it.  Everything else an
edition needs (techniques, contraindications, sources) follows from that
choice, so a selection can never print a protocol without its safeguards.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..source.models import Contraindication, Library, Method, Region, Source, Technique
from ..errors import SelectionError
from .safety import applies_to_edition


@dataclass(frozen=True)
class Selection:
    library: Library
    regions: tuple[Region, ...]
    methods: tuple[Method, ...]
    techniques: tuple[Technique, ...]
    contraindications: tuple[Contraindication, ...]
    sources: tuple[Source, ...]
    partial: bool


def select(library: Library, regions: Iterable[str] = (), methods: Iterable[str] = ()) -> Selection:
    """The part of ``library`` for the given region and method ids (all when empty)."""
    region_ids = _known("region", list(regions), [region.id for region in library.regions])
    method_ids = _known("method", list(methods), [method.id for method in library.methods])
    chosen_regions = []
    for region in library.regions:
        if region_ids and region.id not in region_ids:
            continue
        protocols = [protocol for protocol in region.protocols
                     if not method_ids or protocol.method in method_ids]
        if protocols:
            chosen_regions.append(region.model_copy(update={"protocols": protocols}))
        elif region_ids:
            raise SelectionError(
                f"the region '{region.id}' has no protocol using the method(s) "
                f"{', '.join(method_ids)}; its protocols use: "
                f"{', '.join(sorted({protocol.method for protocol in region.protocols}))}")
    used_methods = {protocol.method for region in chosen_regions for protocol in region.protocols}
    chosen_methods = tuple(method for method in library.methods
                           if method.id in method_ids or (not method_ids and (
                               not region_ids or method.id in used_methods)))
    used_techniques = {step.technique for region in chosen_regions
                       for protocol in region.protocols for stage in protocol.stages
                       for step in stage.steps if step.technique}
    techniques = tuple(technique for technique in library.techniques
                       if not (region_ids or method_ids) or technique.id in used_techniques)
    region_set = {region.id for region in chosen_regions}
    method_set = {method.id for method in chosen_methods} | used_methods
    contraindications = tuple(item for item in library.contraindications
                              if applies_to_edition(item, region_set, method_set))
    return Selection(
        library=library,
        regions=tuple(chosen_regions),
        methods=chosen_methods,
        techniques=techniques,
        contraindications=contraindications,
        sources=_cited(library, chosen_regions, chosen_methods, techniques, contraindications),
        partial=bool(region_ids or method_ids),
    )


def _known(kind: str, wanted: list[str], ids: list[str]) -> list[str]:
    unknown = [item for item in wanted if item not in ids]
    if unknown:
        raise SelectionError(
            f"unknown {kind} {', '.join(repr(item) for item in unknown)}; "
            f"choose from: {', '.join(ids)}")
    return wanted


def _cited(library: Library, regions, methods, techniques, contraindications) -> tuple[Source, ...]:
    """The sources the selected content cites, in catalogue order."""
    cited: set[str] = set()
    for region in regions:
        cited.update(region.sources)
        for protocol in region.protocols:
            cited.update(protocol.sources)
    for method in methods:
        cited.update(method.sources)
        cited.update(method.evidence.sources)
    for item in (*techniques, *contraindications, *library.red_flags.flags,
                 *library.conditions):
        cited.update(item.sources)
    return tuple(source for source in library.sources if source.id in cited)
