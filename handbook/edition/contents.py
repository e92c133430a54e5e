"""The contents of one edition, which the PDF outline mirrors, and its label.

Chapters (level 1) and their sections (level 2), each with the anchor it
points at; the page numbers are filled in once the pages are counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import anchors

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .selection import Selection
    from .views import MethodView, RegionView


@dataclass(frozen=True)
class Entry:
    """A line of the contents, and a bookmark in the PDF outline."""

    level: int
    title: str
    anchor: str


def contents(parts: Sequence[str], titles: dict[str, str], selection: Selection,
             regions: Sequence[RegionView], methods: Sequence[MethodView],
             log_title: str) -> list[Entry]:
    """The contents, in print order: chapters, then their sections."""
    entries: list[Entry] = []
    for part in parts:
        if part in ("cover", "contents"):
            continue
        if part == "regions":
            for region in regions:
                entries.append(Entry(1, region.title, region.anchor))
                entries += [Entry(2, protocol.title, protocol.anchor) for protocol in region.protocols]
            continue
        entries.append(Entry(1, titles[part], anchors.part(part)))
        if part == "methods":
            entries += [Entry(2, view.method.name, view.anchor) for view in methods]
        elif part == "techniques":  # the legend of the body maps' marks opens the chapter
            entries.append(Entry(2, titles["mark-legend"], anchors.part("mark-legend")))
            entries += [Entry(2, item.name, anchors.technique(item.id))
                        for item in selection.techniques]
        elif part == "conditions":
            entries += [Entry(2, item.name, anchors.condition(item.id))
                        for item in selection.library.conditions]
        elif part == "forms":
            forms = selection.library.forms
            entries += [Entry(2, forms.before_session.title, anchors.FORM_BEFORE_SESSION),
                        Entry(2, forms.after_session.title, anchors.FORM_AFTER_SESSION),
                        Entry(2, log_title, anchors.FORM_COURSE_LOG)]
    return entries


def selection_label(selection: Selection) -> str:
    """What a partial edition covers, for its cover and title ("" for the full one)."""
    if not selection.partial:
        return ""
    names = [region.name for region in selection.regions]
    if not names or len(selection.methods) == 1:
        names += [method.name for method in selection.methods]
    return " · ".join(dict.fromkeys(names))
