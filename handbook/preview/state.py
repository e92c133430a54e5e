"""The current preview: re-rendered on every save, the last good one kept when a save breaks
the library; the PDF built after every good save in the background (:mod:`.printed`) for
the page view, and on request from the warm cache.

Patient data never passes through here: the preview is the handbook only.
"""

from __future__ import annotations

import html
import shutil
import tempfile
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from ..build import BuildOptions, BuildResult, build
from ..edition.words import Words
from ..errors import ContentError, HandbookError, display_path, problems_found
from ..typeset.cache import Cache, default_folder
from ..typeset.pool import Runner
from .page_view import language_of, page_view, stylesheet, views_nav
from .printed import Printer

#: Reloads the page when the handbook changes (or changed between the page's making and the
#: stream's start): one event stream, no polling, no CDN; and fills in the contents' page
#: numbers from the last built PDF, whenever one is built.
RELOAD_SCRIPT = """<script>
(function (seen) {
  function number() {
    fetch("/pages/numbers.json").then(function (answer) { return answer.json(); }).then(function (numbers) {
      document.querySelectorAll('.toc a[href^="#"], a.page-ref[href^="#"]').forEach(function (link) {
        var page = numbers[link.getAttribute("href").slice(1)];
        if (page) { link.dataset.page = page; } else { delete link.dataset.page; }
      });
    }).catch(function () {});
  }
  var events = new EventSource("/events");
  events.addEventListener("versions", function (event) {
    if (event.data.split(" ")[0] !== seen) { location.reload(); } else { number(); }
  });
  events.onmessage = function () { location.reload(); };
  events.addEventListener("pages", number);
})("SEEN");
</script>"""


#: What the page shows before the first preview ever rendered (a broken library at start).
EMPTY = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>handbook</title></head>'
         "<body></body></html>")


@dataclass(frozen=True)
class Snapshot:
    version: int
    html: str  # the last HTML that rendered, with the reload script
    problems: tuple[str, ...]  # "file:line:column: message" of the last save, if it failed


class Preview:
    """What the server shows; thread-safe, one per ``handbook serve``."""

    def __init__(self, options: BuildOptions, jobs: int | None = None):
        self.options = replace(options, format="html", cache_folder=None)
        # No finished-file cache: every PDF is assembled from the unit cache, which the
        # runner (its workers keeping WeasyPrint loaded) fills and reads.
        self.pdf_options = replace(options, format="pdf", cache_folder=None, jobs=jobs)
        # Always in worker processes, even one: the time limit holds only in a process's
        # main thread, and the PDF is built from threads of this one.  In the background:
        # the HTML view's refresh comes first.
        self.runner = Runner(Cache(default_folder()), jobs, workers=True, background=True)
        self.changed = threading.Condition()
        self.pdf_lock = threading.Lock()
        self.snapshot = Snapshot(0, "", ())
        self.folder = Path(tempfile.mkdtemp(prefix="handbook-serve-"))
        self.printer = Printer(self.build_pdf, self.changed)

    def start(self) -> None:
        self.runner.start()  # the workers load WeasyPrint now, not at the first PDF
        self.refresh()
        # The first pages typeset every unit while the author reads the HTML view, so the
        # pages after an edit only typeset what the edit changed.
        self.printer.start()

    def close(self) -> None:
        # End the workers at once (as an interrupted build does): a build of the pages under
        # way is not waited for, it gives up.
        self.runner.__exit__(SystemExit, SystemExit(), None)
        self.printer.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def refresh(self) -> list[str]:
        """Validate and render again; return the problems (empty when all is well)."""
        target = self.folder / "preview.html"
        try:
            build(replace(self.options, output=target))
            page, problems = target.read_text(encoding="utf-8"), ()
        except ContentError as error:
            page, problems = self.snapshot.html, tuple(str(problem) for problem in error.problems)
        except HandbookError as error:
            page, problems = self.snapshot.html, (str(error),)
        with self.changed:
            self.snapshot = Snapshot(self.snapshot.version + 1, page, problems)
            self.changed.notify_all()
        if not problems:
            self.printer.wanted()  # the pages as they print, built after the HTML
        return list(problems)

    def page(self) -> str:
        """The preview with the problems (if any) above the last good one, and the reload."""
        snapshot = self.snapshot
        banner = ""
        if snapshot.problems:
            items = "".join(f"<li>{html.escape(problem)}</li>" for problem in snapshot.problems)
            banner = (f'<section class="problems" role="alert"><strong>'
                      f"{problems_found(len(snapshot.problems))} in the last save; "
                      f"{html.escape(shown_instead(snapshot))}.</strong><ul>{items}</ul></section>")
        page = snapshot.html or EMPTY
        views = views_nav(Words(language_of(page)), "sheets")
        start = page.find("<body")
        end = page.find(">", start) + 1
        page = page[:end] + views + banner + page[end:]
        page = page.replace("</head>", f"<style>{stylesheet()}</style></head>", 1)
        script = RELOAD_SCRIPT.replace("SEEN", str(snapshot.version))
        return page.replace("</body>", script + "</body>", 1)

    def pages(self) -> str:
        """The page view: the last built PDF's pages, a note while newer ones build."""
        snapshot = self.snapshot
        return page_view(self.printer.printed, snapshot.problems, language_of(snapshot.html),
                         snapshot.version)

    def versions(self) -> tuple[int, int]:
        """The HTML's version and the page view's."""
        return self.snapshot.version, self.printer.printed.version

    def wait(self, seen: tuple[int, int], timeout: float) -> tuple[int, int]:
        """Block until the HTML or the pages are newer than ``seen`` (or the timeout);
        the versions."""
        with self.changed:
            self.changed.wait_for(lambda: self.versions() != seen, timeout)
            return self.versions()

    def pdf(self) -> bytes:
        """The handbook as PDF, from the warm unit cache and the workers kept loaded."""
        return self.build_pdf()[1]

    def build_pdf(self) -> tuple[BuildResult, bytes]:
        """Build the PDF as ``handbook build`` does (its sandbox, its time limit), on the
        workers kept loaded: the result and the file's bytes."""
        with self.pdf_lock:
            target = self.folder / "handbook.pdf"
            result = build(replace(self.pdf_options, output=target), runner=self.runner)
            return result, target.read_bytes()


def shown_instead(snapshot: Snapshot) -> str:
    """What the preview shows while the library is broken: never a "last good version" that
    never was."""
    if snapshot.html:
        return "the preview shows the last good version"
    them = "it" if len(snapshot.problems) == 1 else "them"
    return f"there is no good version to show yet: fix {them} and save"


def shown(path: Path) -> str:
    return display_path(path.resolve())
