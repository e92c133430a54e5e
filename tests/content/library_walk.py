"""Walking the loaded library for the content tests: every value with its path, the
ranges written as the YAML writes them, a protocol or method by id."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from handbook.source.models import Library, Range

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "layouts" / "fonts"

REGIONS = {"cervical", "thoracic", "lumbar", "lumbosacral"}
METHODS = {"classic", "swedish", "shiatsu", "neuromuscular", "ice", "vacuum", "honey",
           "hydromassage", "manual-therapy"}
MANUAL_THERAPY_KINDS = {"muscle-energy", "mobilisation", "manipulation",
                        "post-isometric-relaxation", "myofascial-release", "craniosacral",
                        "traction"}
TECHNIQUES = {"stroking", "squeezing", "kneading", "rubbing", "shaking", "pinching",
              "vibration", "pressure"}
RED_FLAGS = {"bladder-bowel", "saddle-numbness", "leg-numbness", "leg-weakness",
             "worsening-gait"}



def r(text: str) -> Range:
    """A range written the way the YAML writes it: ``r("6-7 times")``."""
    return Range.model_validate(text)


def walk(value, path: tuple = ()) -> Iterator[tuple[tuple, object]]:
    """Every value in a model tree, with the path of field names and indexes to it."""
    yield path, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from walk(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from walk(item, path + (index,))


def everything(library: Library) -> Iterator[tuple[tuple, object]]:
    for field in dataclasses.fields(library):
        yield from walk(getattr(library, field.name), (field.name,))


def strings(library: Library) -> Iterator[tuple[tuple, str]]:
    for path, value in everything(library):
        if isinstance(value, str):
            yield path, value


def where(path: tuple) -> str:
    return ".".join(str(part) for part in path)


def protocol(library: Library, protocol_id: str):
    found = [item for _, item in library.protocols() if item.id == protocol_id]
    assert found, f"the library has no protocol '{protocol_id}'"
    return found[0]


def method(library: Library, method_id: str):
    assert method_id in library.method_by_id, f"the library has no method '{method_id}'"
    return library.method_by_id[method_id]


def steps(stage) -> list[tuple[str | None, tuple[str, ...], Range | None]]:
    """(technique or kind, variants, repetitions) for each step of a stage."""
    return [(step.technique or step.kind, tuple(step.variants), step.repetitions)
            for step in stage.steps]


