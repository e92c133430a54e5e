"""The rendered handbook: the edition's views laid out as HTML, one unit at a time.

A *unit* is a block that starts a page of its own: the cover, a chapter's
opening pages, a protocol, a method, a form.  Units can be typeset one by one
(in parallel, or from a cache) and joined, or joined first into one document;
both give the same pages.

Autoescaping is on for every template, and nothing from YAML is ever marked
safe: text reaches the page only as text.  The only markup inserted unescaped
is the project's own stylesheet, its figures and the units its own templates
produced.  Templates get the context as inert data (:mod:`.inert`): records of
plain values and a few helpers, never the library's live models.
"""

from __future__ import annotations

import base64
import datetime
import inspect
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from markupsafe import Markup

from .. import __version__
from ..edition import anchors, dosing
from ..edition.contents import Entry, contents, selection_label
from ..edition.control import control_view
from ..edition.safety import red_flag_block, referral_groups, tier_blocks
from ..source.rules import is_neck
from ..edition.selection import Selection
from ..edition.facts import citation
from ..edition.views import MASSAGE_LABELS, Presenter
from ..edition.words import N_, Words
from .environment import (
    clinic_css, css_environment, css_string, design_value, html_environment, inline_files,
    overrides_folder, print_css, render,
)
from .inert import Helper, Inert, Record
from .paper import DEFAULT_SETUP, PageSetup
from .svg import body_map, legend, spine_map

if TYPE_CHECKING:
    from ..edition.changes import EditionChanges

PART_TITLES = {
    "how-to-use": N_("How to use this handbook"),
    "contents": N_("Contents"),
    "conditions": N_("Conditions and when to treat"),
    "red-flags": N_("Red flags: stop and refer"),
    "techniques": N_("Technique reference"),
    "mark-legend": N_("The marks on the body maps"),
    "methods": N_("Methods"),
    "forms": N_("Forms to copy"),
    "sources": N_("Sources"),
    "patient-about": N_("What massage can and cannot do"),
    "patient-session": N_("What a session is like"),
    "patient-before": N_("Before each session, tell your therapist"),
    "patient-warnings": N_("Warning signs: stop and get help today"),
    "patient-home": N_("At home"),
}
#: The patient handout: short, plain, no technique tables, no therapist's forms.
PATIENT_PARTS = ["cover", "patient-about", "patient-session", "patient-before",
                 "patient-warnings", "patient-home"]
#: Points per millimetre, and the gap above "Page X of Y" in its margin box (print.css).
PT_PER_MM = 72 / 25.4
FOOTER_PADDING = 2.0
#: The gap below the DRAFT mark in its margin box (page.css.j2).
MARK_PADDING = 5.0

@dataclass(frozen=True)
class Unit:
    """One block of the handbook that starts a page: its stable name and its HTML."""

    name: str
    html: Markup


class Handbook:
    """The rendered handbook: its units, its contents and its stylesheet."""

    def __init__(self, selection: Selection, *, setup: PageSetup = DEFAULT_SETUP,
                 modified: datetime.date | None = None, embed_fonts: bool = False,
                 audience: str = "therapist", changes: EditionChanges | None = None):
        self.selection = selection
        self.changes = changes if audience != "patient" else None
        self.setup = setup
        self.embed_fonts = embed_fonts
        self.audience = audience
        library = selection.library
        self.overrides = overrides_folder(library.folder)
        self.words = Words(library.edition.language)
        self.presenter = Presenter(selection, self.words)
        self.regions = self.presenter.regions()
        self.methods = self.presenter.methods()
        if audience == "patient":
            self.parts = PATIENT_PARTS
        else:
            self.parts = [part for part in library.edition.parts if _has_content(part, selection)]
        self.titles = {part: self.words.gettext(title) for part, title in PART_TITLES.items()}
        self.titles["screening"] = library.forms.screening.title
        self.label = selection_label(selection)
        self.modified = modified or library.edition.date
        self.contents = contents(self.parts, self.titles, selection, self.regions, self.methods,
                                 self.words.gettext("Blank course log"))
        if self.changes is not None and "contents" in self.parts:
            self._list_the_changes()
        self.inert = Inert()
        self.control = control_view(library.edition, self.words)

    @cached_property
    def context(self) -> dict:
        library, words = self.selection.library, self.words
        edition = library.edition
        title = library.patient.title if self.audience == "patient" else edition.title
        return {
            "version": __version__,
            "anchors": ANCHORS,
            "edition": library.edition,
            "patient": library.patient,
            # the running heads; the PDF's metadata keep the full title
            "short_title": (title if self.audience == "patient"
                            else edition.short_title or title),
            "modified": self.modified.isoformat(),
            "document_title": title + (f": {self.label}" if self.label else ""),
            "selection_label": self.label,
            "titles": self.titles,
            "contents": self.contents,
            "page_numbers": None,
            "conditions": library.conditions,
            "massage_labels": {key: words.gettext(label) for key, label in MASSAGE_LABELS.items()},
            "red_flags": library.red_flags,
            "emergency_flags": [flag for flag in library.red_flags.flags
                                if flag.urgency == "emergency"],
            "referral_groups": referral_groups(library, words),
            "patient_questions": [*library.patient.tell_therapist,
                                  *(item.patient for item in self.selection.contraindications
                                    if item.patient)],
            "stroke_warning": (library.patient.stroke_warning
                               if any(is_neck(region) for region in self.selection.regions)
                               else []),
            "forms": library.forms,
            "screening_blocks": _screening_blocks(self.selection, words),
            "techniques": self.selection.techniques,
            "regions": self.regions,
            "methods": self.methods,
            "sources": self.selection.sources,
            "refs": Helper("refs", self.presenter.refs),
            "citation": Helper("citation", citation),
            "blank_log": tuple((number, "", "") for number in range(1, dosing.DEFAULT_SESSIONS + 1)),
            "blank_log_title": words.gettext("Blank course log"),
            # a plan fills these
            "filled": {"patient": "", "region": "", "date": "", "scope": "", "therapist": ""},
            "flow": False,  # the leaflet's parts flow into each other
            "edition_date": words.date(library.edition.date),
            "edition_line": " · ".join(filter(None, (
                library.edition.edition, self.control.version, words.date(library.edition.date)))),
            "control": self.control,
            "changes": self.changes,
            "sources_intro": library.sources_intro,
            "logo_url": self._logo_url(),
            "preview": self.embed_fonts,  # the HTML preview: a contents sidebar on screen
            "contact": list(library.edition.brand.contact) if library.edition.brand else [],
            "body_map": Helper("body_map", body_map),
            "spine_map": Helper("spine_map", spine_map),
            "mark_legend": Helper("mark_legend", legend),
            "legend_marks": self.presenter.drawer.legend(),
            "red_flag_figures": [self.presenter.drawer.where(flag.zone, self._zone_names(flag.zone))
                                 for flag in library.red_flags.flags if flag.zone],
        }

    def numbered_anchors(self) -> list[str]:
        """Every anchor the contents unit prints the page of: the contents' entries, and the
        changes since the previous edition."""
        changed = [change.anchor for change in self.changes.changes] if self.changes else []
        return [entry.anchor for entry in self.contents] + changed

    def _list_the_changes(self) -> None:
        """The changes, the history and the sign-off sheet follow the contents, in its unit
        (so their page references are filled in as the contents' are), and are listed in it."""
        self.titles.update(changes=self.words.gettext("Changes in this edition"),
                           signoff=self.words.gettext("Read and understood"))
        later = self.parts[self.parts.index("contents") + 1:]
        anchors_after = {anchors.part(part) for part in later} | {
            region.anchor for region in self.regions}
        place = next((index for index, entry in enumerate(self.contents)
                      if entry.anchor in anchors_after), len(self.contents))
        self.contents[place:place] = [Entry(1, self.titles["changes"], anchors.part("changes")),
                                      Entry(1, self.titles["signoff"], anchors.part("signoff"))]

    @cached_property
    def template_context(self) -> dict:
        """The context as templates see it: inert values only."""
        return {name: self.inert(value) for name, value in self.context.items()}

    def template_values(self, extra: dict) -> dict:
        """The context with ``extra`` added, every value inert."""
        return {**self.template_context,
                **{name: self.inert(value) for name, value in extra.items()}}

    def _logo_url(self) -> str:
        """The clinic's logo: a file the sandbox serves, or inline in the HTML preview."""
        library = self.selection.library
        brand = library.edition.brand
        if brand is None or brand.logo is None or library.folder is None:
            return ""
        path = (library.folder / brand.logo).resolve()
        if not self.embed_fonts:
            return path.as_uri()
        kind = {".svg": "image/svg+xml", ".png": "image/png"}.get(path.suffix.lower(),
                                                                 "image/jpeg")
        return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"

    def _zone_names(self, zone_ids) -> str:
        names = {zone.id: zone.name for zone in self.selection.library.zones}
        return ", ".join(names[zone] for zone in zone_ids)

    def units(self, page_numbers: dict[str, int] | None = None) -> list[Unit]:
        """Every unit in print order; the contents print ``page_numbers`` when given,
        else ask the typesetter for them (``target-counter``).  The patient leaflet flows:
        its masthead and parts follow each other as one unit, like a leaflet's."""
        units = [self.unit(name, template, {**extra, "page_numbers": page_numbers,
                                            "flow": self.audience == "patient"})
                 for part in self.parts for name, template, extra in self._part_units(part)]
        if self.audience != "patient":
            if self.setup.booklet:  # the outside back cover: blank, or the clinic's contacts
                units.append(self.unit(anchors.BACK_COVER, "parts/back-cover.html.j2", {}))
            return units
        return [Unit(anchors.LEAFLET, Markup("".join(unit.html for unit in units)))]

    def contents_unit(self, page_numbers: dict[str, int]) -> Unit:
        return self.unit(anchors.CONTENTS, "parts/contents.html.j2", {"page_numbers": page_numbers})

    def unit(self, name: str, template: str, extra: dict) -> Unit:
        """One unit from a part template, with ``extra`` added to the context."""
        html = render(html_environment(self.words.language, self.overrides), template,
                      self.template_values(extra), self.overrides)
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

    def stylesheet(self, *, page_numbers: bool = True, first: str = "right") -> str:
        """print.css and the page geometry; without page numbers when the assembler adds them.
        ``first="left"``: in duplex, for a unit that opens on a left-hand page (a booklet's)."""
        patient_sizes, patient_leading = self.setup.patient_type()
        page = render(css_environment(self.overrides), "page.css.j2", {
            name: self.inert(value) for name, value in dict(
                setup=self.setup, audience=self.audience,
                margins={side: self.setup.margins(side) for side in ("right", "left")},
                sizes=(patient_sizes if self.audience == "patient"
                       else self.setup.paper.type_sizes()),
                patient_sizes=patient_sizes, patient_leading=patient_leading,
                page_number=self._page_number() if page_numbers else "none", first=first,
                hyphenate=self.words.language != "en",
                mark=css_string(self.control.mark) if self.control.mark else "",
                colours=library_colours(self.selection.library)).items()}, self.overrides)
        stylesheet = print_css() + page + clinic_css(self.overrides)
        return inline_files(stylesheet) if self.embed_fonts else stylesheet

    def footer_places(self) -> dict[str, tuple[float, float, str]]:
        """Where the page's margin box puts "Page X of Y": (x of the end it aligns to, top of
        its line, alignment) in points from the trimmed page's left and bottom edges (a bleed
        lies outside them), for portrait pages and landscape logs, right- and left-hand."""
        setup, paper = self.setup, self.setup.paper
        places = {}
        for kind in ("page", "log"):
            width = paper.width if kind == "page" else paper.height
            for side in ("right", "left"):
                if kind == "log":
                    top, right, bottom, left = [float(value.removesuffix("mm"))
                                                for value in setup.log_margins.split()]
                else:
                    top, right, bottom, left = [float(value.removesuffix("mm"))
                                                for value in setup.margins(side).split()]
                align = "left" if setup.duplex and side == "left" else "right"
                x = left if align == "left" else width - right
                places[f"{kind}-{side}"] = (x * PT_PER_MM, (bottom - FOOTER_PADDING) * PT_PER_MM,
                                            align)
        return places

    def running_type(self) -> tuple[float, tuple[float, float, float]]:
        """The running heads' size (points) and colour (RGB, 0 to 1), as print.css sets them:
        the stamped page numbers match the margin boxes beside them."""
        size = float(design_value("--running-size").removesuffix("pt"))
        return size, _rgb(design_value("--muted"))

    def mark_place(self) -> tuple[str, float, tuple[float, float, float], float] | None:
        """A draft's mark as print.css sets it above the running heads: its text, size,
        colour and its baseline's drop from the trimmed page's top (points); None if the
        edition is neither a draft nor withdrawn."""
        if not self.control.mark:
            return None
        size = float(design_value("--mark-size").removesuffix("pt"))
        drop = (self.setup.paper.top - MARK_PADDING) * PT_PER_MM - size * 0.25
        return self.control.mark, size, _rgb(design_value("--mark")), drop

    def page_number_text(self) -> str:
        """"Page {page} of {pages}" in the edition's language."""
        return self.words.gettext("Page {page} of {pages}")

    def _page_number(self) -> str:
        """The CSS content of "Page X of Y" in the edition's language."""
        before, middle, after = self.words.gettext("Page {page} of {pages}").replace(
            "{page}", "\0").replace("{pages}", "\0").split("\0")
        pieces = [css_string(before), "counter(page)", css_string(middle), "counter(pages)",
                  css_string(after)]
        return " ".join(piece for piece in pieces if piece != '""')

    def document(self) -> str:
        """The whole handbook as one HTML page, for WeasyPrint or a browser."""
        return self.html(self.units(), self.stylesheet())

    def html(self, units: list[Unit], stylesheet: str | None, *, title: str | None = None) -> str:
        """An HTML page holding ``units``; without a <style> when WeasyPrint gets it apart."""
        extra = {"document_title": title} if title else {}
        return render(html_environment(self.words.language, self.overrides), "handbook.html.j2",
                      self.template_values({
                          **extra, "units": [unit.html for unit in units],
                          "stylesheet": Markup(stylesheet) if stylesheet is not None else None}),
                      self.overrides)


#: The ids that link the handbook, for templates: the fixed ones, and a helper per kind.
ANCHORS = Record({
    **{name: value for name, value in vars(anchors).items()
       if name.isupper() and isinstance(value, str)},
    **{name: Helper(name, value) for name, value in vars(anchors).items()
       if inspect.isfunction(value) and value.__module__ == anchors.__name__}})


def _rgb(colour: str) -> tuple[float, float, float]:
    """``#333`` or ``#a4161a`` as RGB from 0 to 1."""
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(digit * 2 for digit in colour)
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4))


def library_colours(library):
    """The clinic's colours, or None for the handbook's own."""
    brand = library.edition.brand
    return brand.colours if brand is not None else None


def _has_content(part: str, selection: Selection) -> bool:
    return {"regions": bool(selection.regions), "methods": bool(selection.methods),
            "techniques": bool(selection.techniques)}.get(part, True)


def _screening_blocks(selection: Selection, words: Words):
    """The intake form asks the general contraindications and red flags; each protocol adds
    its own, and those of its region."""
    library = selection.library
    general = [item for item in selection.contraindications if item.applies_to.general]
    return (tier_blocks(library, general, words)
            + red_flag_block(library, library.forms.screening.red_flags_title, words, set()))
