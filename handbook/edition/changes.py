"""What changed between two editions of a library, as a therapist must know it.

The two libraries are walked as :mod:`..source.comparison` walks them (entries with an
id matched by id, stages and steps as a reader matches them), and every difference a
therapist acts on becomes one :class:`Change`: a dose or course number, a step added,
removed, moved or given another technique, a contraindication or red flag added,
removed, re-tiered or reworded, a stage a condition allows or refuses, a source added.
Each says where it is (region, protocol, stage, step) in the edition's words, the page
it prints on (an anchor), and the line of the new library it comes from.  Wording that
changes nothing a therapist does (a summary, a note, a figure's zones) is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..source.comparison import Difference, by_identity, walk
from ..source.models import Range
from . import anchors, safety
from .facts import LABELS
from .views import INTENSITY_LABELS, MASSAGE_LABELS
from .words import N_

if TYPE_CHECKING:
    from ..source.loader import LoadedLibrary
    from ..source.references import Located
    from .words import Words

#: Fields whose change is a change of treatment, by how it reads in a list of changes.
FIELDS = {
    "method": N_("Method"), "condition": N_("Condition"), "allowed_stages": N_("Stages allowed"),
    "contraindications": N_("Contraindications asked"), "technique": N_("Technique"),
    "kind": N_("Kind"), "variants": N_("Variants"), "intensity": N_("Intensity"),
    "each_side": N_("On each side"), "tier": N_("Tier"), "action": N_("Action"),
    "text": N_("Question"), "ask": N_("Question"), "massage": N_("Massage"),
    "methods": N_("Methods it applies to"), "regions": N_("Regions it applies to"),
    "tier_reason": N_("Reason for its tier"), "referral_action": N_("Action"),
    "patient_action": N_("What the patient is told to do"), "cautions": N_("Caution"),
    "per_day": N_("Sessions a day"),
}
#: Lists whose entries are reported one by one when added or removed.
ENTRIES = {"protocols": N_("Protocol"), "stages": N_("Stage"), "steps": N_("Step"),
           "contraindications": N_("Contraindication"), "flags": N_("Red flag"),
           "sources": N_("Source"), "kinds": N_("Kind"), "variants": N_("Variant"),
           "cautions": N_("Caution"), "limits": N_("Limit")}

#: Lists whose order is what a therapist follows: a move among them is a change.
ORDERED = {"stages", "steps"}


@dataclass(frozen=True)
class EditionChanges:
    """The changes since an earlier edition, for the handbook's pages."""

    previous: str  # "version 1.0" (or the earlier edition's name and date)
    current: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Change:
    """One change a therapist must know."""

    where: str  # "Lumbar spine › Classic massage … › Main: Back › step 4"
    what: str  # "repetitions: 3–4 times → 4–5 times"
    anchor: str  # the page it prints on
    file: str  # the new library's file and line it comes from ("" if removed)
    line: int


def compare_editions(old: str, new: str) -> EditionChanges:
    """Every change from the library ``old`` names to the one ``new`` names (a folder, or
    REVISION:FOLDER in git), worded in the new edition's language."""
    from ..source.loader import load_located
    from ..source.revision import library_at
    from .words import Words

    ours, theirs = load_located(library_at(new)), load_located(library_at(old))
    return edition_changes(ours, theirs, Words(ours.library.edition.language))


def edition_changes(new: LoadedLibrary, old: LoadedLibrary, words: Words) -> EditionChanges:
    """The changes with the names of the two editions they lie between."""
    return EditionChanges(_version(old, words), _version(new, words),
                          tuple(changes(new, old, words)))


def _version(library: LoadedLibrary, words: Words) -> str:
    edition = library.library.edition
    if edition.control is not None:
        return words.gettext("version {version}", version=edition.control.version)
    return f"{edition.edition}, {words.date(edition.date)}"


def changes(new: LoadedLibrary, old: LoadedLibrary, words: Words) -> list[Change]:
    """Every change from ``old`` to ``new`` a therapist must know, in the order of the
    handbook's files."""
    found: list[Change] = []
    for name in sorted(set(new.files) | set(old.files)):
        if name in ("handbook.yaml", "patient.yaml", "zones.yaml"):
            continue  # the edition itself, the leaflet's words, the figures' outlines
        _file(new.files.get(name), old.files.get(name), name, new, old, words, found)
    for folder in sorted(set(new.items) | set(old.items)):
        ours, theirs = new.items.get(folder, {}), old.items.get(folder, {})
        for stem in sorted(set(ours) | set(theirs)):
            _file(ours.get(stem), theirs.get(stem), f"{folder}/{stem}.yaml", new, old, words,
                  found)
    return list(dict.fromkeys(found))


def _file(ours: Located | None, theirs: Located | None, name: str, new: LoadedLibrary,
          old: LoadedLibrary, words: Words, found: list[Change]) -> None:
    if ours is None or theirs is None:
        model = (ours or theirs).model
        title = getattr(model, "name", None) or getattr(model, "id", name)
        what = words.gettext("added") if ours else words.gettext("removed")
        found.append(Change(str(title), what, _item_anchor(name, model), ours.source.file
                            if ours else "", 1 if ours else 0))
        return
    reader = _Reader(ours, theirs, name, new, old, words)
    for difference in walk(ours.model, theirs.model, by_identity):
        change = reader.change(difference)
        if change is not None:
            found.append(change)


class _Reader:
    """Turns the differences of one file into changes, worded and placed."""

    def __init__(self, ours: Located, theirs: Located, name: str, new: LoadedLibrary,
                 old: LoadedLibrary, words: Words):
        self.ours, self.theirs, self.name, self.words = ours, theirs, name, words
        self.new, self.old = new, old

    def change(self, difference: Difference) -> Change | None:
        field, kind = difference.field, difference.kind
        if kind == "count":
            return None  # each entry added or removed is a change of its own
        if kind in ("added", "removed", "moved"):
            if field not in ENTRIES or (kind == "moved" and field not in ORDERED):
                return None
            what = self._entry(difference)
        elif isinstance(difference.ours, Range) or isinstance(difference.theirs, Range):
            what = self.words.gettext("{field}: {old} → {new}",
                                      field=_label(difference, self.words),
                                      old=self._shown(difference.theirs),
                                      new=self._shown(difference.ours))
        elif field in FIELDS:
            what = self.words.gettext("{field}: {old} → {new}",
                                      field=self.words.gettext(FIELDS[field]),
                                      old=self._shown(difference.theirs),
                                      new=self._shown(difference.ours))
        else:
            return None
        path = difference.path
        if kind == "added" and not self.name.startswith("regions/"):
            path = path[:-1]  # a catalogue's entry: placed at the catalogue, named in what
        where, anchor = self._place(self.ours.model, path)
        return Change(where, what, anchor, self.ours.source.file,
                      self.ours.source.locate(difference.path).line)

    def _entry(self, difference: Difference) -> str:
        words, field = self.words, difference.field
        label = words.gettext(ENTRIES[field])
        value = difference.ours if difference.kind == "added" else difference.theirs
        shown = self._shown(value)
        if difference.kind == "moved":
            return words.gettext("{entry} moved: it was number {old}", entry=label,
                                 old=_number(self.theirs.model, difference.other_path))
        if difference.kind == "added":
            return words.gettext("{entry} added: {value}", entry=label, value=shown)
        return words.gettext("{entry} removed: {value}", entry=label, value=shown)

    def _shown(self, value: Any) -> str:
        words = self.words
        if value is None:
            return words.gettext("none")
        if isinstance(value, Range):
            return words.range(value)
        if isinstance(value, bool):
            return words.gettext("yes") if value else words.gettext("no")
        if isinstance(value, list):
            return ", ".join(self._shown(item) for item in value) or words.gettext("none")
        if isinstance(value, BaseModel):
            if getattr(value, "area", None) and (getattr(value, "technique", None)
                                                 or getattr(value, "kind", None)):
                return f"{self._shown(value.technique or value.kind)}: {_short(value.area)}"
            for name in ("title", "name", "text", "sign", "id"):
                text = getattr(value, name, None)
                if isinstance(text, str):
                    return _short(text)
            return words.gettext("an entry")
        return _short(self.names.get(value, str(value)))

    @cached_property
    def names(self) -> dict[str, str]:
        """What an id is called where it prints: techniques, variants, kinds, methods,
        conditions and their stages, contraindications (by their question)."""
        names: dict[str, str] = {}
        for library in (self.old.library, self.new.library):
            for technique in library.techniques:
                names.update({variant.id: variant.name.lower() for variant in technique.variants})
                names[technique.id] = technique.name
            for method in library.methods:
                names.update({kind.id: kind.name for kind in method.kinds})
                names[method.id] = method.name
            for condition in library.conditions:
                names.update({stage.id: stage.name for stage in condition.stages})
                names[condition.id] = condition.name
            names.update({item.id: _short(item.text) for item in library.contraindications})
            names.update({source.id: _short(source.title) for source in library.sources})
            tiers = library.tiers
            names.update({tier: getattr(tiers, tier).name for tier in type(tiers).model_fields
                          if getattr(tiers, tier) is not None})
        words = self.words
        names.update({key: words.gettext(label) for labels in (INTENSITY_LABELS, MASSAGE_LABELS)
                      for key, label in labels.items()})
        return names

    def _place(self, model: BaseModel, path: tuple) -> tuple[str, str]:
        """Where a path points, in words, and the anchor of the page it prints on."""
        words, library = self.words, self.new.library
        if self.name.startswith("regions/"):
            return self._in_region(model, path)
        if self.name.startswith("methods/"):
            return model.name, anchors.method(model.id)
        if self.name.startswith("techniques/"):
            return model.name, anchors.technique(model.id)
        item = _indexed(model, path)
        if self.name == "contraindications.yaml":
            if item is None:
                where = (words.gettext("Contraindication tiers") if path[:1] == ("tiers",)
                         else words.gettext("Contraindications"))
                return where, anchors.part("screening")
            anchor = anchors.part("screening")
            for region, protocol in library.protocols():
                if item.id in {entry.id for entry in safety.for_protocol(library, region,
                                                                          protocol)}:
                    if not item.applies_to.general:
                        anchor = anchors.checklist(protocol.id)
                    break
            return words.gettext("Contraindication: {text}", text=_short(item.text)), anchor
        if self.name == "red-flags.yaml":
            text = words.gettext("Red flag: {text}", text=_short(item.sign)) if item else (
                words.gettext("Red flags"))
            return text, anchors.part("red-flags")
        if self.name == "sources.yaml":
            return words.gettext("Sources"), anchors.part("sources")
        if self.name == "conditions.yaml":
            stage = _indexed(model, path, depth=2)
            where = item.name if item else words.gettext("Conditions")
            if stage is not None:
                where += f" › {stage.name}"
            return where, anchors.condition(item.id) if item else anchors.part("conditions")
        return self.name, anchors.part("forms")

    def _in_region(self, region: BaseModel, path: tuple) -> tuple[str, str]:
        if len(path) < 2 or path[0] != "protocols":
            return region.name, anchors.region(region.id)
        protocol = region.protocols[path[1]]
        where = [region.name, protocol.title]
        anchor = (anchors.checklist(protocol.id) if "contraindications" in path[2:3]
                  else anchors.protocol(protocol.id))
        if len(path) >= 4 and path[2] == "stages":
            stage = protocol.stages[path[3]]
            where.append(f"{stage.title}")
            if len(path) >= 6 and path[4] == "steps":
                number = _number(region, path)
                where.append(self.words.gettext("step {number}", number=number))
                anchor = anchors.step(protocol.id, number)
        return " › ".join(where), anchor


def _number(region: BaseModel, path: tuple) -> int:
    """A step's number as its protocol prints it (numbered through the stages); a stage's
    number among its protocol's stages."""
    protocol = region.protocols[path[1]]
    if len(path) < 6:
        return path[3] + 1
    return sum(len(stage.steps) for stage in protocol.stages[:path[3]]) + path[5] + 1


def _indexed(model: BaseModel, path: tuple, depth: int = 1) -> Any:
    """The entry of the file's main list a path is in (depth 2: the entry within it)."""
    value: Any = model
    found = None
    seen = 0
    for part in path:
        value = value[part] if isinstance(part, int) else getattr(value, part, None)
        if isinstance(part, int):
            seen += 1
            if seen == depth:
                found = value
                break
    return found


def _label(difference: Difference, words: Words) -> str:
    """A number's label as the handbook prints it ("First sessions")."""
    named = [part for part in difference.path if isinstance(part, str)]
    name = named[-1] if named else difference.field
    return words.gettext(LABELS[name]) if name in LABELS else name.replace("_", " ")


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _item_anchor(name: str, model: BaseModel) -> str:
    if name.startswith("regions/"):
        return anchors.region(model.id)
    if name.startswith("methods/"):
        return anchors.method(model.id)
    if name.startswith("techniques/"):
        return anchors.technique(model.id)
    return anchors.part("forms")
