"""The rendered handbook: the edition's views laid out as HTML, one unit at a time.

A *unit* is a block that starts a page of its own: the cover, a chapter's
opening pages, a protocol, a method, a form.  Units can be typeset one by one
(in parallel, or from a cache) and joined, or joined first into one document;
both give the same pages.

Autoescaping is on for every template, and nothing from YAML is ever marked
safe: text reaches the page only as text.  The only markup inserted unescaped
is the project's own stylesheet and the units its own templates produced.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from markupsafe import Markup

from .. import __version__
from ..edition import anchors, dosing
from ..edition.contents import contents, selection_label
from ..edition.safety import red_flag_block, tier_blocks
from ..edition.selection import Selection
from ..edition.views import MASSAGE_LABELS, Presenter, citation
from .environment import css_environment, html_environment, inline_fonts, print_css
from .paper import DEFAULT_SETUP, PageSetup

PART_TITLES = {
    "how-to-use": "How to use this handbook",
    "contents": "Contents",
    "conditions": "Conditions and when to treat",
    "red-flags": "Red flags: stop and refer",
    "screening": None,  # the form's own title, from forms.yaml
    "techniques": "Technique reference",
    "methods": "Methods",
    "forms": "Forms to copy",
    "sources": "Sources",
    "patient-about": "What massage can and cannot do",
    "patient-session": "What a session is like",
    "patient-before": "Before each session, tell your therapist",
    "patient-warnings": "Warning signs: stop and get help today",
    "patient-home": "At home",
}
#: The patient handout: short, plain, no technique tables, no therapist's forms.
PATIENT_PARTS = ["cover", "patient-about", "patient-session", "patient-before",
                 "patient-warnings", "patient-home"]
#: Patients get larger, calmer type.
PATIENT_TYPE_SCALE = 1.25
PAGE_NUMBER = '"Page " counter(page) " of " counter(pages)'
BLANK_LOG_TITLE = "Blank course log"


@dataclass(frozen=True)
class Unit:
    """One block of the handbook that starts a page: its stable name and its HTML."""

    name: str
    html: Markup


class Handbook:
    """The rendered handbook: its units, its contents and its stylesheet."""

    def __init__(self, selection: Selection, *, setup: PageSetup = DEFAULT_SETUP,
                 modified: datetime.date | None = None, embed_fonts: bool = False,
                 audience: str = "therapist"):
        self.selection = selection
        self.setup = setup
        self.embed_fonts = embed_fonts
        self.audience = audience
        library = selection.library
        self.presenter = Presenter(selection)
        self.regions = self.presenter.regions()
        self.methods = self.presenter.methods()
        if audience == "patient":
            self.parts = PATIENT_PARTS
        else:
            self.parts = [part for part in library.edition.parts if _has_content(part, selection)]
        self.titles = {**PART_TITLES, "screening": library.forms.screening.title}
        self.label = selection_label(selection)
        self.modified = modified or library.edition.date
        self.contents = contents(self.parts, self.titles, selection, self.regions, self.methods,
                                 BLANK_LOG_TITLE)

    @cached_property
    def context(self) -> dict:
        library = self.selection.library
        title = library.patient.title if self.audience == "patient" else library.edition.title
        return {
            "version": __version__,
            "anchors": anchors,
            "edition": library.edition,
            "patient": library.patient,
            "short_title": title,
            "modified": self.modified.isoformat(),
            "document_title": title + (f": {self.label}" if self.label else ""),
            "selection_label": self.label,
            "titles": self.titles,
            "contents": self.contents,
            "page_numbers": None,
            "conditions": library.conditions,
            "massage_labels": MASSAGE_LABELS,
            "red_flags": library.red_flags,
            "forms": library.forms,
            "screening_blocks": _screening_blocks(self.selection),
            "techniques": self.selection.techniques,
            "regions": self.regions,
            "methods": self.methods,
            "sources": self.selection.sources,
            "refs": self.presenter.refs,
            "citation": citation,
            "blank_log": tuple((number, "", "") for number in range(1, dosing.DEFAULT_SESSIONS + 1)),
            "blank_log_title": BLANK_LOG_TITLE,
            "filled": {"patient": "", "region": "", "date": "", "scope": ""},  # a plan fills these
            "blank_log_rule": "Fill in the planned minutes from the protocol's dosage.",
        }

    def units(self, page_numbers: dict[str, int] | None = None) -> list[Unit]:
        """Every unit in print order; the contents print ``page_numbers`` when given,
        else ask the typesetter for them (``target-counter``)."""
        return [self.unit(name, template, {**extra, "page_numbers": page_numbers})
                for part in self.parts for name, template, extra in self._part_units(part)]

    def contents_unit(self, page_numbers: dict[str, int]) -> Unit:
        return self.unit(anchors.CONTENTS, "parts/contents.html.j2", {"page_numbers": page_numbers})

    def unit(self, name: str, template: str, extra: dict) -> Unit:
        """One unit from a part template, with ``extra`` added to the context."""
        html = html_environment().get_template(template).render({**self.context, **extra})
        return Unit(name, Markup(html))

    def _part_units(self, part: str):
        if part == "regions":
            for region in self.regions:
                yield region.anchor, "parts/region.html.j2", {"region": region}
                for protocol in region.protocols:
                    for name, template in (
                            (protocol.anchor, "protocol"),
                            (protocol.checklist_anchor, "protocol-checklist"),
                            (protocol.log_anchor, "protocol-log")):
                        yield name, f"parts/{template}.html.j2", {"protocol": protocol}
        elif part == "methods":
            yield anchors.part("methods"), "parts/methods.html.j2", {}
            for view in self.methods:
                yield view.anchor, "parts/method.html.j2", {"view": view}
        elif part == "forms":
            yield anchors.FORMS, "parts/forms.html.j2", {}
            yield anchors.FORM_AFTER_SESSION, "parts/form-after.html.j2", {}
            yield anchors.FORM_COURSE_LOG, "parts/form-log.html.j2", {}
        elif part == "cover" and self.audience == "patient":
            yield anchors.COVER, "parts/patient-cover.html.j2", {}
        else:
            yield anchors.part(part), f"parts/{part}.html.j2", {}

    def stylesheet(self, *, page_numbers: bool = True, overlay: bool = False) -> str:
        """print.css and the page geometry; without page numbers when the assembler adds them."""
        scale = PATIENT_TYPE_SCALE if self.audience == "patient" else 1.0
        page = css_environment().get_template("page.css.j2").render(
            setup=self.setup, overlay=overlay, audience=self.audience,
            sizes=self.setup.paper.type_sizes(scale),
            page_number=PAGE_NUMBER if page_numbers else "none")
        stylesheet = print_css() + page
        return inline_fonts(stylesheet) if self.embed_fonts else stylesheet

    def document(self) -> str:
        """The whole handbook as one HTML page, for WeasyPrint or a browser."""
        return self.html(self.units(), self.stylesheet())

    def html(self, units: list[Unit], stylesheet: str | None, *, title: str | None = None) -> str:
        """An HTML page holding ``units``; without a <style> when WeasyPrint gets it apart."""
        extra = {"document_title": title} if title else {}
        return html_environment().get_template("handbook.html.j2").render({
            **self.context, **extra, "units": [unit.html for unit in units],
            "stylesheet": Markup(stylesheet) if stylesheet is not None else None})


def _has_content(part: str, selection: Selection) -> bool:
    return {"regions": bool(selection.regions), "methods": bool(selection.methods),
            "techniques": bool(selection.techniques)}.get(part, True)


def _screening_blocks(selection: Selection):
    """The intake form asks the general contraindications; each protocol adds its own."""
    library = selection.library
    general = [item for item in selection.contraindications if item.applies_to.general]
    return (tier_blocks(library, general)
            + red_flag_block(library, library.forms.screening.red_flags_title))
