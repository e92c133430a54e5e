"""The page view: the built PDF's pages, one image each, as the printer will print them.

The fast HTML view shows each unit as one sheet however long it is; this view shows the
real pages, so a page break, a blank page or an overflow is seen before it is printed.
It is plain HTML made here (every text escaped), styled by layouts/preview.css, and it
reloads itself when new pages are built; while a build runs the last pages stay, with a
note, and when one fails its problems stand above them.  Its words are the edition's
language (the translation catalogue).
"""

from __future__ import annotations

import datetime
import html
import re
from functools import lru_cache

from ..edition.words import Words
from ..resources import LAYOUTS
from .printed import Printed

#: CSS pixels per point: a page shown at its printed size at 100 % zoom.
PIXELS_PER_POINT = 96 / 72

#: Reloads the page view when the pages or the HTML change (one reload for a burst), and
#: when either changed between the page's making and the stream's start ("versions").
RELOAD_SCRIPT = """<script>
(function (seen) {
  var events = new EventSource("/events"), pending = null;
  function reload() { if (pending === null) { pending = setTimeout(function () { location.reload(); }, 150); } }
  events.addEventListener("versions", function (event) { if (event.data !== seen) { reload(); } });
  events.onmessage = reload;
  events.addEventListener("pages", reload);
})("SEEN");
</script>"""

_LANG = re.compile(r'<html[^>]*\blang="([A-Za-z0-9-]{1,20})"')


def language_of(page: str) -> str:
    """The edition's language, as the rendered HTML names it ("en" when it does not)."""
    found = _LANG.search(page[:2000])
    return found.group(1) if found else "en"


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return (LAYOUTS / "preview.css").read_text(encoding="utf-8")


def views_nav(words: Words, current: str) -> str:
    """The two views, linked both ways; ``current`` is "sheets" or "pages"."""
    links = []
    for view, href, label in (("sheets", "/", words.gettext("Fast view")),
                              ("pages", "/pages", words.gettext("Pages as printed"))):
        current_attribute = ' aria-current="page"' if view == current else ""
        links.append(f'<a href="{href}"{current_attribute}>{html.escape(label)}</a>')
    views = html.escape(words.gettext("Views"))
    return f'<nav class="preview-views" aria-label="{views}">' + "".join(links) + "</nav>"


def page_view(printed: Printed, save_problems: tuple[str, ...], language: str,
              html_version: int) -> str:
    """The page view's HTML for the pages ``printed`` holds, and the last save's problems
    (of the HTML's ``html_version``)."""
    words = Words(language)
    pdf = printed.pdf
    notes = []
    if pdf is not None:
        finished = datetime.datetime.fromtimestamp(printed.finished).strftime("%H:%M:%S")
        status = ", ".join((
            words.ngettext("{count} page", "{count} pages", len(pdf.sizes)),
            words.gettext("built in {seconds} s at {time}",
                          seconds=words.number(round(printed.seconds, 1)), time=finished)))
        notes.append(f'<p class="status">{html.escape(status)}</p>')
    problems = save_problems or printed.problems
    if problems:
        if save_problems:
            lead = words.gettext("The last save has problems; these are the pages from "
                                 "before it.")
        else:
            lead = words.gettext("The pages could not be built; these are the last that were.")
        items = "".join(f"<li>{html.escape(problem)}</li>" for problem in problems)
        notes.append(f'<section class="problems" role="alert"><strong>{html.escape(lead)}'
                     f"</strong><ul>{items}</ul></section>")
    elif printed.building:
        if pdf is not None:
            note = words.gettext("Building the pages of the last save; these are the pages "
                                 "from before it.")
        else:
            note = words.gettext("Building the pages…")
        notes.append(f'<p class="building" role="status">{html.escape(note)}</p>')
    title = html.escape(words.gettext("Pages as printed"))
    return (f'<!DOCTYPE html><html lang="{html.escape(language)}"><head><meta charset="utf-8">'
            f"<title>{title}</title><style>{stylesheet()}</style></head>"
            f'<body class="page-view"><header class="page-view-head">{views_nav(words, "pages")}'
            + "".join(notes) + f'</header><main class="printed-pages">{_pages(printed, words)}'
            "</main>" + RELOAD_SCRIPT.replace("SEEN", f"{html_version} {printed.version}")
            + "</body></html>")


def _pages(printed: Printed, words: Words) -> str:
    if printed.pdf is None:
        return ""
    count = len(printed.pdf.sizes)
    figures = []
    for number, (width, height) in enumerate(printed.pdf.sizes, start=1):
        label = html.escape(words.gettext("Page {page} of {pages}", page=number, pages=count))
        figures.append(
            f'<figure class="printed-page" id="page-{number}">'
            f'<img src="/pages/{printed.build}/{number}.png" alt="{label}" '
            f'width="{round(width * PIXELS_PER_POINT)}" height="{round(height * PIXELS_PER_POINT)}"'
            f' loading="lazy"><figcaption>{number}</figcaption></figure>')
    return "".join(figures)
