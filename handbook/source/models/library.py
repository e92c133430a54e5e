"""A whole, validated library: every file's model, with lookups by id."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .conditions import Condition
from .contraindications import Contraindication, Tiers
from .edition import Edition
from .forms import Forms
from .methods import Method
from .patient import PatientText
from .red_flags import RedFlagCatalogue
from .regions import Protocol, Region
from .sources import Source
from .techniques import Technique
from .zones import Zone


@dataclass(frozen=True)
class Library:
    """Everything the handbook is made from; every reference in it resolves."""

    edition: Edition
    conditions: tuple[Condition, ...]
    tiers: Tiers
    contraindications: tuple[Contraindication, ...]
    red_flags: RedFlagCatalogue
    sources: tuple[Source, ...]
    #: The paragraph above the list of sources ("" if none).
    sources_intro: str
    zones: tuple[Zone, ...]
    techniques: tuple[Technique, ...]
    methods: tuple[Method, ...]
    regions: tuple[Region, ...]
    forms: Forms
    patient: PatientText
    #: The protocols folder it was read from (its layouts/ may override the shipped ones).
    folder: Path | None = None

    def protocols(self) -> Iterator[tuple[Region, Protocol]]:
        for region in self.regions:
            for protocol in region.protocols:
                yield region, protocol

    @cached_property
    def technique_by_id(self) -> dict[str, Technique]:
        return {technique.id: technique for technique in self.techniques}

    @cached_property
    def method_by_id(self) -> dict[str, Method]:
        return {method.id: method for method in self.methods}

    @cached_property
    def source_by_id(self) -> dict[str, Source]:
        return {source.id: source for source in self.sources}

    @cached_property
    def condition_by_id(self) -> dict[str, Condition]:
        return {condition.id: condition for condition in self.conditions}

    @cached_property
    def contraindication_by_id(self) -> dict[str, Contraindication]:
        return {item.id: item for item in self.contraindications}

    def protocol(self, protocol_id: str) -> tuple[Region, Protocol] | None:
        return next(((region, protocol) for region, protocol in self.protocols()
                     if protocol.id == protocol_id), None)
