"""One walk of two libraries, file by file and value by value, for two different questions.

``validate --reference`` asks whether a translation says what its reference says (lists
compared entry by entry, in order); ``handbook changes`` asks what a new edition changed
(entries with ids matched by id, steps and stages matched as a reader would match them,
so one step added is one change, not every later step "changed").  Both read the same
:class:`Difference` records: where (the path of keys and indices, on each side), what
(a value changed, an entry added, removed or moved, a list of another length), whether
the value is free text, and the model and field it belongs to.
"""

from __future__ import annotations

import difflib
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .models import Range

Kind = Literal["changed", "added", "removed", "moved", "count"]
#: How the entries of two lists are paired: (index here, index there), None where missing.
Pairing = Callable[[list, list], list[tuple[int | None, int | None]]]


@dataclass(frozen=True)
class Difference:
    """One place where two libraries differ."""

    kind: Kind
    path: tuple  # on this side (the translation, the new edition); for "removed", the list
    other_path: tuple  # on the other side (the reference, the old edition)
    ours: Any
    theirs: Any
    text: bool  # the field holds free text
    owner: type | None  # the model the field belongs to
    field: str  # the field's name ("" for a whole file)


def by_position(ours: list, theirs: list) -> list[tuple[int | None, int | None]]:
    """Entry by entry, in order: what a translation must keep."""
    pairs: list[tuple[int | None, int | None]] = [(index, index)
                                                  for index in range(min(len(ours), len(theirs)))]
    pairs += [(index, None) for index in range(len(theirs), len(ours))]
    pairs += [(None, index) for index in range(len(ours), len(theirs))]
    return pairs


def by_identity(ours: list, theirs: list) -> list[tuple[int | None, int | None]]:
    """Entries with an id by their id; others (steps, stages) by what they are (technique or
    kind, variants, area; a stage's kind and title), in order, so an insertion is one."""
    if ours and theirs and all(hasattr(item, "id") for item in (*ours, *theirs)):
        where = {item.id: index for index, item in enumerate(theirs)}
        pairs = [(index, where.get(item.id)) for index, item in enumerate(ours)]
        kept = {item.id for item in ours}
        return pairs + [(None, index) for index, item in enumerate(theirs) if item.id not in kept]
    if all(isinstance(item, str) for item in (*ours, *theirs)):  # ids, or lines of text
        return _by_value(ours, theirs)
    if not all(isinstance(item, BaseModel) for item in (*ours, *theirs)):
        return by_position(ours, theirs)
    pairs: list[tuple[int, int]] = []
    _align(ours, theirs, range(len(ours)), range(len(theirs)), pairs, coarse=False)
    paired_ours = {mine for mine, _ in pairs}
    paired_theirs = {their for _, their in pairs}
    for mine in range(len(ours)):  # the same entry elsewhere: moved, not removed and added
        if mine in paired_ours:
            continue
        their = next((index for index in range(len(theirs)) if index not in paired_theirs
                      and _signature(theirs[index]) == _signature(ours[mine])), None)
        if their is not None:
            pairs.append((mine, their))
            paired_ours.add(mine)
            paired_theirs.add(their)
    everything: list[tuple[int | None, int | None]] = list(pairs)
    everything += [(index, None) for index in range(len(ours)) if index not in paired_ours]
    everything += [(None, index) for index in range(len(theirs)) if index not in paired_theirs]
    return sorted(everything, key=lambda pair: (pair[0] if pair[0] is not None else -1,
                                                pair[1] or 0))


def _align(ours: list, theirs: list, mine: range, their: range, pairs: list,
           coarse: bool) -> None:
    """Pair entries that are the same step (or stage) in order: first by all they are,
    then, among what is left between two such pairs, by their area (or title) alone, so a
    step given another technique is that step changed, not one removed and one added."""
    key = _coarse if coarse else _signature
    matcher = difflib.SequenceMatcher(a=[key(theirs[index]) for index in their],
                                      b=[key(ours[index]) for index in mine], autojunk=False)
    for tag, low_theirs, high_theirs, low_ours, high_ours in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend((mine[low_ours + offset], their[low_theirs + offset])
                         for offset in range(high_ours - low_ours))
        elif tag == "replace" and not coarse:
            _align(ours, theirs, mine[low_ours:high_ours], their[low_theirs:high_theirs],
                   pairs, coarse=True)


def _by_value(ours: list, theirs: list) -> list[tuple[int | None, int | None]]:
    """Equal values paired, in order; the rest added or removed."""
    free = {}
    for index, value in enumerate(theirs):
        free.setdefault(value, []).append(index)
    pairs: list[tuple[int | None, int | None]] = []
    for index, value in enumerate(ours):
        pairs.append((index, free[value].pop(0) if free.get(value) else None))
    used = {their for _, their in pairs if their is not None}
    return pairs + [(None, index) for index in range(len(theirs)) if index not in used]


def _signature(item: BaseModel) -> tuple:
    names = ("technique", "kind", "variants", "area", "title", "text")
    return tuple(str(getattr(item, name, "")) for name in names)


def _coarse(item: BaseModel) -> tuple:
    return tuple(str(getattr(item, name, "")) for name in ("area", "title", "text"))


def walk(ours: BaseModel, theirs: BaseModel, pairing: Pairing = by_position
         ) -> Iterator[Difference]:
    """Every difference between two files' models, in the order of the file."""
    yield from _model(ours, theirs, (), (), pairing)


def _model(ours: BaseModel, theirs: BaseModel, path: tuple, other: tuple,
           pairing: Pairing) -> Iterator[Difference]:
    kind = type(ours)
    if isinstance(ours, Range):
        if ours != theirs:
            yield Difference("changed", path, other, ours, theirs, False, kind, _last(path))
        return
    for name, info in kind.model_fields.items():
        yield from _value(getattr(ours, name), getattr(theirs, name), path + (name,),
                          other + (name,), is_text(info), kind, name, pairing)


def _value(ours: Any, theirs: Any, path: tuple, other: tuple, text: bool, owner: type,
           name: str, pairing: Pairing) -> Iterator[Difference]:
    if isinstance(ours, list) and isinstance(theirs, list):
        if len(ours) != len(theirs):
            yield Difference("count", path, other, len(ours), len(theirs), text, owner, name)
        pairs = pairing(ours, theirs)
        for position, (mine, their) in enumerate(pairs):
            if mine is None:  # placed here at the list that no longer holds it
                yield Difference("removed", path, other + (their,), None, theirs[their],
                                 text, owner, name)
            elif their is None:
                yield Difference("added", path + (mine,), other, ours[mine], None, text, owner,
                                 name)
            else:
                if mine != their and pairing is not by_position and _moved(pairs, position):
                    yield Difference("moved", path + (mine,), other + (their,), mine, their,
                                     text, owner, name)
                yield from _value(ours[mine], theirs[their], path + (mine,),
                                  other + (their,), text, owner, name, pairing)
    elif isinstance(ours, BaseModel) and isinstance(theirs, BaseModel) and (
            type(ours) is type(theirs)):
        yield from _model(ours, theirs, path, other, pairing)
    elif ours != theirs:
        yield Difference("changed", path, other, ours, theirs, text, owner, name)


def _moved(pairs: list, position: int) -> bool:
    """Whether an entry changed its place among the entries both sides keep (not merely
    shifted by an insertion or a removal before it)."""
    kept = [(mine, their) for mine, their in pairs if mine is not None and their is not None]
    order = sorted(kept, key=lambda pair: pair[1])
    rank_theirs = {pair: rank for rank, pair in enumerate(order)}
    rank_ours = {pair: rank for rank, pair in enumerate(sorted(kept))}
    pair = pairs[position]
    return rank_theirs[pair] != rank_ours[pair]


def _last(path: tuple) -> str:
    named = [part for part in path if isinstance(part, str)]
    return named[-1] if named else ""


def is_text(info: FieldInfo) -> bool:
    """Whether a field holds free text (``Text``), as opposed to ids, choices, numbers."""
    return _text_annotation(info.annotation, info.metadata)


def _text_annotation(annotation: Any, metadata: list) -> bool:
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *extra = get_args(annotation)
        return _text_annotation(inner, [*metadata, *extra])
    if origin in (list, Union, types.UnionType):
        return any(_text_annotation(argument, metadata) for argument in get_args(annotation)
                   if argument is not type(None))
    if annotation is str:
        return not any(getattr(item, "pattern", None) for item in metadata)
    return False
