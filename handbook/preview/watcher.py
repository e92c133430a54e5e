"""Re-render the preview whenever a file of the protocols folder is saved (watchfiles)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from .state import Preview


def watch(preview: Preview, folder: Path, stop: threading.Event,
          report: Callable[[list[str]], None]) -> threading.Thread:
    """A thread that refreshes ``preview`` on every change under ``folder`` (its layouts/
    overrides included) and reports the problems of each save."""
    from watchfiles import watch as changes

    def run() -> None:
        for _ in changes(folder, stop_event=stop, debounce=150, step=50, yield_on_timeout=False):
            report(preview.refresh())

    thread = threading.Thread(target=run, name="handbook-watch", daemon=True)
    thread.start()
    return thread
