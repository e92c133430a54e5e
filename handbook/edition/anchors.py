"""The ids that link the handbook together: element ids, unit names, PDF destinations.

Python names the units, the contents point at the anchors, the templates write
them as element ids and the assembler maps them to pages; all of them take the
ids from here, so they can never disagree.
"""

from __future__ import annotations

COVER = "part-cover"
#: A booklet's outside back cover: blank, or the clinic's contacts.
BACK_COVER = "part-back-cover"
CONTENTS = "part-contents"
PLAN = "part-plan"
#: The patient leaflet: its masthead and parts flowing as one unit.
LEAFLET = "part-leaflet"
FORMS = "part-forms"
FORM_BEFORE_SESSION = "form-before-session"
FORM_AFTER_SESSION = "form-after-session"
FORM_COURSE_LOG = "form-course-log"


def part(name: str) -> str:
    """A part of the handbook: ``part-red-flags``."""
    return f"part-{name}"


def region(region_id: str) -> str:
    return f"region-{region_id}"


def protocol(protocol_id: str) -> str:
    return f"protocol-{protocol_id}"


def step(protocol_id: str, number: int) -> str:
    """A row of a protocol's step table (numbered through the protocol, as printed)."""
    return f"{protocol(protocol_id)}-step-{number}"


def checklist(protocol_id: str) -> str:
    """A protocol's contraindication checklist, a unit of its own."""
    return f"{protocol(protocol_id)}-checklist"


def course_log(protocol_id: str) -> str:
    """A protocol's course log, a (landscape) unit of its own."""
    return f"{protocol(protocol_id)}-log"


def method(method_id: str) -> str:
    return f"method-{method_id}"


def technique(technique_id: str) -> str:
    return f"technique-{technique_id}"


def condition(condition_id: str) -> str:
    return f"condition-{condition_id}"


def source(source_id: str) -> str:
    return f"source-{source_id}"
