"""The current preview: re-rendered on every save, the last good one kept when a save breaks
the library, the PDF built on request from the warm cache.

Patient data never passes through here: the preview is the handbook only.
"""

from __future__ import annotations

import html
import tempfile
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from ..build import BuildOptions, build
from ..errors import ContentError, HandbookError, display_path, problems_found
from ..typeset.cache import Cache, default_folder
from ..typeset.pool import Runner

#: Reloads the page when the handbook changes: one event stream, no polling, no CDN.
RELOAD_SCRIPT = """<script>
new EventSource("/events").onmessage = function () { location.reload(); };
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
        self.runner = Runner(Cache(default_folder()), jobs)
        self.changed = threading.Condition()
        self.pdf_lock = threading.Lock()
        self.snapshot = Snapshot(0, "", ())
        #: The pages of the last PDF built (None before the first).
        self.pages: int | None = None
        self.folder = Path(tempfile.mkdtemp(prefix="handbook-serve-"))

    def start(self) -> None:
        self.runner.start()  # the workers load WeasyPrint now, not at the first PDF
        self.refresh()
        # Typeset every unit once while the author reads the page, so the first PDF asked
        # for after an edit only typesets what the edit changed.
        threading.Thread(target=self._warm, name="handbook-warm", daemon=True).start()

    def _warm(self) -> None:
        try:
            if not self.snapshot.problems:
                self.pdf()
        except Exception:  # noqa: BLE001 - a failed warm-up only means a slower first PDF
            pass

    def close(self) -> None:
        self.runner.__exit__(None, None, None)
        for path in self.folder.iterdir():
            path.unlink(missing_ok=True)
        self.folder.rmdir()

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
        start = page.find("<body")
        end = page.find(">", start) + 1
        page = page[:end] + banner + page[end:]
        return page.replace("</body>", RELOAD_SCRIPT + "</body>", 1)

    def wait(self, version: int, timeout: float) -> int:
        """Block until the preview is newer than ``version`` (or the timeout); the version."""
        with self.changed:
            self.changed.wait_for(lambda: self.snapshot.version > version, timeout)
            return self.snapshot.version

    def pdf(self) -> bytes:
        """The handbook as PDF, from the warm unit cache and the workers kept loaded."""
        with self.pdf_lock:
            target = self.folder / "handbook.pdf"
            self.pages = build(replace(self.pdf_options, output=target), runner=self.runner).pages
            return target.read_bytes()


def shown_instead(snapshot: Snapshot) -> str:
    """What the preview shows while the library is broken: never a "last good version" that
    never was."""
    if snapshot.html:
        return "the preview shows the last good version"
    them = "it" if len(snapshot.problems) == 1 else "them"
    return f"there is no good version to show yet: fix {them} and save"


def shown(path: Path) -> str:
    return display_path(path.resolve())
