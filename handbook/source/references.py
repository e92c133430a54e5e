"""Cross-references: every id a file mentions must exist, and ids must be unique.

Run on the validated models, with each file's :class:`SourceMap`, so that a
dangling reference is reported where it was written.  A catalogue that failed
validation is skipped as a target, so one broken file does not bury the
author in hundreds of follow-on errors.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import Strict
from ..errors import Problem, quoted
from .yaml_reader import SourceMap

Path_ = tuple


@dataclass
class Located:
    """A validated model with the map of the file it came from."""

    model: Strict
    source: SourceMap


@dataclass
class ReferenceCheck:
    """Collects reference problems against the known ids of each kind."""

    known: dict[str, set[str] | None]
    problems: list[Problem] = field(default_factory=list)

    def expect(self, kind: str, value: str, source: SourceMap, path: Path_,
               *, among: set[str] | None = None, where: str = "") -> None:
        """Report ``value`` at ``path`` unless it is a known id of ``kind``."""
        known = self.known.get(kind) if among is None else among
        if known is None or value in known:
            return
        close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
        guess = f"; did you mean '{close[0]}'?" if close else ""
        listing = _listing(known, kind, where)
        self.problems.append(source.problem(path, f"unknown {kind} {quoted(value)}{guess}{listing}"))

    def expect_all(self, kind: str, values: Iterable[str], source: SourceMap, path: Path_) -> None:
        for index, value in enumerate(values):
            self.expect(kind, value, source, path + (index,))

    def unique(self, kind: str, entries: Iterable[tuple[str, SourceMap, Path_]]) -> None:
        """Report every id of ``kind`` used a second time."""
        first: dict[str, tuple[SourceMap, Path_]] = {}
        for value, source, path in entries:
            if value in first:
                where = first[value][0].locate(first[value][1])
                self.problems.append(source.problem(path, (
                    f"the {kind} id {quoted(value)} is already used ({first[value][0].file} line "
                    f"{where.line}); give each {kind} its own id")))
            else:
                first[value] = (source, path)


def _listing(known: set[str], kind: str, where: str) -> str:
    if not known:
        return f" (there are no {kind}s{where})"
    names = sorted(known)
    if len(names) > 12:
        return f" (see the {len(names)} {kind}s{where})"
    return f" (known {kind}s{where}: {', '.join(names)})"


def check_references(files: dict[str, Located], items: dict[str, dict[str, Located]],
                     present: dict[str, set[str]]) -> list[Problem]:
    """Every reference problem in the library, in no particular order."""
    catalogues = _catalogue_ids(files)
    check = ReferenceCheck({
        "technique": present.get("techniques", set()),
        "method": present.get("methods", set()),
        "region": present.get("regions", set()),
        **catalogues,
    })
    _check_catalogues(check, files)
    _check_edition(check, files.get("handbook.yaml"))
    for located in items.get("techniques", {}).values():
        check.expect_all("source", located.model.sources, located.source, ("sources",))
        check.unique("variant", ((variant.id, located.source, ("variants", index, "id"))
                                 for index, variant in enumerate(located.model.variants)))
    for located in items.get("methods", {}).values():
        method, source = located.model, located.source
        check.expect_all("source", method.sources, source, ("sources",))
        check.expect_all("source", method.evidence.sources, source, ("evidence", "sources"))
        check.unique("kind", ((kind.id, source, ("kinds", index, "id"))
                              for index, kind in enumerate(method.kinds)))
    protocol_ids = []
    for located in items.get("regions", {}).values():
        check.expect_all("source", located.model.sources, located.source, ("sources",))
        for index, protocol in enumerate(located.model.protocols):
            path = ("protocols", index)
            protocol_ids.append((protocol.id, located.source, path + ("id",)))
            _check_protocol(check, protocol, located.source, path, files, items)
    check.unique("protocol", protocol_ids)
    return check.problems


def _catalogue_ids(files: dict[str, Located]) -> dict[str, set[str] | None]:
    def ids(name: str, attribute: str) -> set[str] | None:
        located = files.get(name)
        return None if located is None else {entry.id for entry in getattr(located.model, attribute)}
    return {
        "contraindication": ids("contraindications.yaml", "contraindications"),
        "source": ids("sources.yaml", "sources"),
        "condition": ids("conditions.yaml", "conditions"),
        "zone": ids("zones.yaml", "zones"),
    }


def _check_catalogues(check: ReferenceCheck, files: dict[str, Located]) -> None:
    for name, attribute, kind in (
        ("contraindications.yaml", "contraindications", "contraindication"),
        ("sources.yaml", "sources", "source"),
        ("conditions.yaml", "conditions", "condition"),
        ("red-flags.yaml", "flags", "red flag"),
        ("zones.yaml", "zones", "zone"),
    ):
        located = files.get(name)
        if located is None:
            continue
        entries = getattr(located.model, attribute)
        check.unique(kind, ((entry.id, located.source, (attribute, index, "id"))
                            for index, entry in enumerate(entries)))
        for index, entry in enumerate(entries):
            if hasattr(entry, "sources"):
                check.expect_all("source", entry.sources, located.source,
                                 (attribute, index, "sources"))
            if kind == "contraindication":
                check.expect_all("contraindication", entry.overlaps, located.source,
                                 (attribute, index, "overlaps"))
                path = (attribute, index, "applies_to")
                check.expect_all("method", entry.applies_to.methods, located.source,
                                 path + ("methods",))
                check.expect_all("region", entry.applies_to.regions, located.source,
                                 path + ("regions",))
            if kind == "red flag":
                check.expect_all("zone", entry.zone, located.source, (attribute, index, "zone"))
                check.expect_all("region", entry.regions, located.source,
                                 (attribute, index, "regions"))
            if kind == "condition":
                check.unique("stage", ((stage.id, located.source,
                                        (attribute, index, "stages", number, "id"))
                                       for number, stage in enumerate(entry.stages)))


def _check_edition(check: ReferenceCheck, located: Located | None) -> None:
    if located is None:
        return
    order = located.model.order
    for kind, ids in (("region", order.regions), ("method", order.methods),
                      ("technique", order.techniques)):
        check.expect_all(kind, ids, located.source, ("order", f"{kind}s"))


def _check_protocol(check: ReferenceCheck, protocol, source: SourceMap, path: Path_,
                    files: dict[str, Located], items: dict[str, dict[str, Located]]) -> None:
    check.expect("method", protocol.method, source, path + ("method",))
    check.expect_all("method", protocol.add_methods, source, path + ("add_methods",))
    check.expect("condition", protocol.condition, source, path + ("condition",))
    check.expect_all("contraindication", protocol.contraindications, source,
                     path + ("contraindications",))
    check.expect_all("source", protocol.sources, source, path + ("sources",))
    conditions = files.get("conditions.yaml")
    condition = next((entry for entry in conditions.model.conditions
                      if entry.id == protocol.condition), None) if conditions else None
    if condition is not None:
        stages = {stage.id for stage in condition.stages}
        for index, stage in enumerate(protocol.allowed_stages):
            check.expect("stage", stage, source, path + ("allowed_stages", index),
                         among=stages, where=f" of {condition.id}")
    techniques = items.get("techniques", {})
    method = items.get("methods", {}).get(protocol.method)
    for stage_index, stage in enumerate(protocol.stages):
        for step_index, step in enumerate(stage.steps):
            step_path = path + ("stages", stage_index, "steps", step_index)
            check.expect_all("zone", step.zone, source, step_path + ("zone",))
            if step.kind is not None:
                if method is not None:
                    check.expect("kind", step.kind, source, step_path + ("kind",),
                                 among={kind.id for kind in method.model.kinds},
                                 where=f" of the method {protocol.method}")
                continue
            check.expect("technique", step.technique, source, step_path + ("technique",))
            technique = techniques.get(step.technique)
            if technique is None:
                continue
            variants = {variant.id for variant in technique.model.variants}
            for index, variant in enumerate(step.variants):
                check.expect("variant", variant, source, step_path + ("variants", index),
                             among=variants, where=f" of {step.technique}")
