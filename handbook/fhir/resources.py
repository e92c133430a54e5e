"""What the FHIR resources share: canonical URLs, ids from content, timings, writing."""

from __future__ import annotations

import hashlib
import json
import re

from ..source.models import Range

#: Where a clinic's canonical URLs start unless it says otherwise (--base).
DEFAULT_BASE = "http://example.org/handbook"
#: Our own extensions, for what FHIR has no element for.
EXTENSIONS = {
    "break": "StructureDefinition/break-before-repeat-course",
    "courses": "StructureDefinition/courses-per-year",
    "later": "StructureDefinition/later-session-duration",
}
#: Minutes, hours... as UCUM codes (the units of FHIR's Duration).
UCUM = {"seconds": "s", "minutes": "min", "hours": "h", "days": "d", "weeks": "wk",
        "months": "mo", "years": "a"}


def canonical(base: str, kind: str, item_id: str) -> str:
    return f"{base.rstrip('/')}/{kind}/{item_id}"


def stable_id(*parts: str) -> str:
    """A resource id made from what the resource says: the same input, the same id."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def computable_name(item_id: str) -> str:
    """``lumbar-hernia-classic`` → ``LumbarHerniaClassic`` (a FHIR ``name``)."""
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", item_id) if part)


def number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def repeat_counts(value: Range) -> dict:
    """Repetitions as Timing.repeat count / countMax."""
    counts = {}
    if value.min is not None:
        counts["count"] = number(value.min)
    if value.max is not None and value.max != value.min:
        counts["countMax"] = number(value.max)
        counts.setdefault("count", 1)
    elif value.max is not None:
        counts["count"] = number(value.max)
    return counts


def repeat_duration(value: Range) -> dict:
    """A length as Timing.repeat duration / durationMax / durationUnit."""
    timing = {"durationUnit": UCUM[value.unit]}
    if value.min is not None:
        timing["duration"] = number(value.min)
    if value.max is not None and value.max != value.min:
        timing["durationMax"] = number(value.max)
    elif value.max is not None and value.min is None:
        timing["durationMax"] = number(value.max)
    return timing


def fhir_range(value: Range) -> dict:
    """A Range with UCUM units where the unit has one, else the unit as text."""
    unit = {"unit": value.unit}
    if value.unit in UCUM:
        unit.update(system="http://unitsofmeasure.org", code=UCUM[value.unit])
    result = {}
    if value.min is not None:
        result["low"] = {"value": number(value.min), **unit}
    if value.max is not None:
        result["high"] = {"value": number(value.max), **unit}
    return result


def extension(base: str, name: str, **value) -> dict:
    return {"url": f"{base.rstrip('/')}/{EXTENSIONS[name]}", **value}


def to_json(resource: dict) -> bytes:
    """One way to write a resource: sorted keys, indented, UTF-8, a final line break."""
    return (json.dumps(resource, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode()
