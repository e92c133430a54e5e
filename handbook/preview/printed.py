"""The pages as they print: the PDF built again in the background after every save.

The HTML view answers a save in a fraction of a second; the PDF takes longer (every
changed unit typeset, the contents numbered, the whole assembled).  So the PDF is never
built on the save's path: the save asks for it (:meth:`Printer.wanted`) and one thread
builds it, with the same :func:`~handbook.build.build` as ``handbook build`` (so the same
sandboxed fetcher, template sandbox and time limit), while the last built pages stay on
show.  Saves that come while it builds are folded into one more build after it.  A build
that fails keeps the last good pages, with its problems.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..errors import ContentError, HandbookError

if TYPE_CHECKING:
    from ..build import BuildResult
    from ._pages import PrintedPdf


@dataclass(frozen=True)
class Printed:
    """What the page view shows; a new one (and a higher ``version``) at every change."""

    version: int = 0
    #: How many PDFs have built; names the images of the pages shown (0: none yet).
    build: int = 0
    pdf: PrintedPdf | None = field(default=None, compare=False)
    #: The page of every anchor of the PDF shown (for the contents of the HTML view).
    numbers: dict[str, int] = field(default_factory=dict, compare=False)
    #: Seconds the PDF shown took, and when it finished (time.time()).
    seconds: float = 0.0
    finished: float = 0.0
    #: A newer save is being built (the pages shown are from before it).
    building: bool = False
    #: Why the last build failed ("file:line:column: message"); the pages are older.
    problems: tuple[str, ...] = ()


class Printer:
    """Builds the PDF in a thread of its own whenever :meth:`wanted`; thread-safe."""

    def __init__(self, make_pdf: Callable[[], tuple[BuildResult, bytes]],
                 changed: threading.Condition):
        self._make_pdf = make_pdf
        self._changed = changed  # notified at every new Printed (the preview's condition)
        self._wanted = threading.Event()
        self._stopping = threading.Event()
        self.printed = Printed()
        #: Told of every build that ended, good or failed (``serve``'s terminal line).
        self.listeners: list[Callable[[Printed], None]] = []
        self._thread = threading.Thread(target=self._run, name="handbook-pages", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wanted(self) -> None:
        """A save changed the handbook: build the PDF again (after the build under way)."""
        self._update(building=True)
        self._wanted.set()

    def stop(self, timeout: float = 3.0) -> None:
        """Build no more; wait a little for a build under way to give up."""
        self._stopping.set()
        self._wanted.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        pdf = self.printed.pdf
        if pdf is not None:
            pdf.close()

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            if self._stopping.is_set():
                return
            self._wanted.clear()
            self._build_once()

    def _build_once(self) -> None:
        started = time.perf_counter()
        try:
            result, data = self._make_pdf()
            from ._pages import PrintedPdf  # PDFium loads with the first PDF to show

            pdf = PrintedPdf(data)
        except ContentError as error:
            self._failed(tuple(str(problem) for problem in error.problems))
            return
        except HandbookError as error:
            self._failed((str(error),))
            return
        except Exception as error:  # noqa: BLE001 - the workers ended (Ctrl-C), or PDFium
            if not self._stopping.is_set():
                self._failed((f"error: the pages could not be built: {error}",))
            return
        old = self.printed.pdf
        self._update(build=self.printed.build + 1, pdf=pdf, numbers=dict(result.page_numbers),
                     seconds=time.perf_counter() - started, finished=time.time(),
                     building=self._wanted.is_set(), problems=())
        if old is not None:
            old.close()
        self._tell()

    def _failed(self, problems: tuple[str, ...]) -> None:
        self._update(building=self._wanted.is_set(), problems=problems)
        self._tell()

    def _tell(self) -> None:
        printed = self.printed
        for listener in self.listeners:
            try:
                listener(printed)
            except Exception:  # noqa: BLE001 - a terminal gone away must not stop the pages
                continue

    def _update(self, **changes) -> None:
        with self._changed:
            self.printed = replace(self.printed, version=self.printed.version + 1, **changes)
            self._changed.notify_all()
