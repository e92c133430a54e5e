"""What every safety rule reads: the validated library with where each part was written.

Rules report at the author's text, so they walk :class:`Located` models, not the
assembled library.  The scope of a contraindication (which checklists it reaches)
is decided here once, and the edition's checklists use the same function, so the
rules judge exactly the lists that print.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from ..models import Condition, Contraindication, Method, Protocol, Region
from ..references import Located
from ..yaml_reader import SourceMap

Path_ = tuple


def applies(item: Contraindication, region_id: str, method_ids: list[str] | str) -> bool:
    """Whether ``item`` is asked of a treatment in ``region_id`` by one of ``method_ids``:
    an empty scope list matches anything."""
    methods = [method_ids] if isinstance(method_ids, str) else method_ids
    scope = item.applies_to
    return ((not scope.methods or bool(set(methods) & set(scope.methods)))
            and (not scope.regions or region_id in scope.regions))


def protocol_methods(protocol: Protocol) -> list[str]:
    """The protocol's method and those it may add."""
    return [protocol.method, *protocol.add_methods]


def is_neck(region: Region) -> bool:
    """A region of the cervical spine only (C1-C7)."""
    return region.segments.startswith("C")


@dataclass(frozen=True)
class Place:
    """A protocol with its region and where it was written."""

    region: Region
    protocol: Protocol
    source: SourceMap
    path: Path_


@dataclass
class Context:
    files: dict[str, Located]
    items: dict[str, dict[str, Located]]

    def file(self, name: str) -> Located | None:
        return self.files.get(name)

    @cached_property
    def contraindications(self) -> list[tuple[Contraindication, SourceMap, Path_]]:
        located = self.files.get("contraindications.yaml")
        if located is None:
            return []
        return [(item, located.source, ("contraindications", index))
                for index, item in enumerate(located.model.contraindications)]

    @cached_property
    def by_id(self) -> dict[str, Contraindication]:
        return {item.id: item for item, _, _ in self.contraindications}

    @cached_property
    def conditions(self) -> dict[str, Condition]:
        located = self.files.get("conditions.yaml")
        return {} if located is None else {entry.id: entry for entry in located.model.conditions}

    @cached_property
    def methods(self) -> dict[str, Method]:
        return {stem: located.model for stem, located in self.items.get("methods", {}).items()}

    def places(self) -> Iterator[Place]:
        for located in self.items.get("regions", {}).values():
            for index, protocol in enumerate(located.model.protocols):
                yield Place(located.model, protocol, located.source, ("protocols", index))

    def family(self, method_id: str) -> str | None:
        method = self.methods.get(method_id)
        return None if method is None else method.family

    def checklist(self, place: Place) -> list[Contraindication]:
        """Every item the protocol's checklist asks, as the edition prints it."""
        explicit = set(place.protocol.contraindications)
        methods = protocol_methods(place.protocol)
        return [item for item, _, _ in self.contraindications
                if item.id in explicit or applies(item, place.region.id, methods)]

    def tier(self, name: str):
        located = self.files.get("contraindications.yaml")
        return None if located is None else getattr(located.model.tiers, name, None)
