"""Stage four: lay the selection out as one HTML document with Jinja2.

Autoescaping is on for every template, and no content is ever marked safe:
text from YAML reaches the page only as text.  The only markup inserted
unescaped is the project's own stylesheet.
"""

from __future__ import annotations

import base64
import datetime
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import __version__, dosing
from .paper import PAPERS, PageSetup
from .presenting import MASSAGE_LABELS, Entry, Presenter, citation
from .safety import red_flag_block, tier_blocks
from .selection import Selection

LAYOUTS = Path(str(resources.files("handbook.layouts")))

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
}


def render_html(selection: Selection, *, setup: PageSetup = PageSetup(PAPERS["a4"]),
                embed_fonts: bool = False, modified: datetime.datetime | None = None) -> str:
    """The whole handbook as one HTML string, ready for WeasyPrint or a browser."""
    environment = _environment()
    presenter = Presenter(selection)
    library = selection.library
    regions = presenter.regions()
    methods = presenter.methods()
    parts = [part for part in library.edition.parts if _has_content(part, selection)]
    titles = {**PART_TITLES, "screening": library.forms.screening.title}
    stylesheet = (LAYOUTS / "print.css").read_text(encoding="utf-8")
    stylesheet += environment.get_template("page.css.j2").render(setup=setup)
    if embed_fonts:
        stylesheet = _inline_fonts(stylesheet)
    blank_log = tuple((number, "") for number in range(1, dosing.DEFAULT_SESSIONS + 1))
    label = selection_label(selection)
    return environment.get_template("handbook.html.j2").render(
        version=__version__,
        edition=library.edition,
        modified=(modified.date() if modified else library.edition.date).isoformat(),
        document_title=library.edition.title + (f": {label}" if label else ""),
        selection_label=label,
        stylesheet=Markup(stylesheet),  # the project's own CSS, never content
        parts=parts,
        titles=titles,
        contents=contents(parts, titles, selection, regions, methods),
        conditions=library.conditions,
        massage_labels=MASSAGE_LABELS,
        red_flags=library.red_flags,
        forms=library.forms,
        screening_blocks=_screening_blocks(selection),
        techniques=selection.techniques,
        regions=regions,
        methods=methods,
        sources=selection.sources,
        refs=presenter.refs,
        citation=citation,
        blank_log=blank_log,
        blank_log_rule="Fill in the planned minutes from the protocol's dosage.",
    )


def contents(parts, titles, selection, regions, methods) -> list[Entry]:
    """The contents, which the PDF outline mirrors: chapters, then their sections."""
    entries: list[Entry] = []
    for part in parts:
        if part in ("cover", "contents"):
            continue
        if part == "regions":
            for region in regions:
                entries.append(Entry(1, region.title, region.anchor))
                entries += [Entry(2, protocol.title, protocol.anchor) for protocol in region.protocols]
            continue
        entries.append(Entry(1, titles[part], f"part-{part}"))
        if part == "methods":
            entries += [Entry(2, view.method.name, view.anchor) for view in methods]
        elif part == "techniques":
            entries += [Entry(2, item.name, f"technique-{item.id}") for item in selection.techniques]
        elif part == "conditions":
            entries += [Entry(2, item.name, f"condition-{item.id}")
                        for item in selection.library.conditions]
        elif part == "forms":
            forms = selection.library.forms
            entries += [Entry(2, forms.before_session.title, "form-before-session"),
                        Entry(2, forms.after_session.title, "form-after-session"),
                        Entry(2, "Blank course log", "form-course-log")]
    return entries


def selection_label(selection: Selection) -> str:
    """What a partial edition covers, for its cover and title ("" for the full one)."""
    if not selection.partial:
        return ""
    names = [region.name for region in selection.regions]
    if not names or len(selection.methods) == 1:
        names += [method.name for method in selection.methods]
    return " · ".join(dict.fromkeys(names))


def _has_content(part: str, selection: Selection) -> bool:
    return {"regions": bool(selection.regions), "methods": bool(selection.methods),
            "techniques": bool(selection.techniques)}.get(part, True)


def _screening_blocks(selection: Selection):
    """The intake form asks the general contraindications; each protocol adds its own."""
    library = selection.library
    general = [item for item in selection.contraindications if item.applies_to.general]
    return (tier_blocks(library, general)
            + red_flag_block(library, library.forms.screening.red_flags_title))


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(LAYOUTS),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment


_FONT_URL = re.compile(r"url\((fonts/[A-Za-z0-9_.-]+\.ttf)\)")


def _inline_fonts(stylesheet: str) -> str:
    """Make the HTML preview self-contained: fonts become data: URIs."""
    def data_uri(match: re.Match) -> str:
        encoded = base64.b64encode((LAYOUTS / match[1]).read_bytes()).decode("ascii")
        return f"url(data:font/ttf;base64,{encoded})"
    return _FONT_URL.sub(data_uri, stylesheet)
