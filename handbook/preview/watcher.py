"""Re-render the preview whenever a file of the protocols folder is saved (watchfiles)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from ..errors import display_path
from .state import Preview


def watch(preview: Preview, folder: Path, stop: threading.Event,
          report: Callable[[list[str]], None]) -> threading.Thread:
    """A thread that refreshes ``preview`` on every change under ``folder`` (its layouts/
    overrides included) and reports the problems of each save."""
    from watchfiles import watch as changes

    watching = threading.Event()

    def run() -> None:
        try:
            # The first (empty) answer says the folder is watched, so a save made once serve
            # has printed its address is never missed.
            for changed in changes(folder, stop_event=stop, debounce=150, step=50,
                                   rust_timeout=READY_AFTER_MS, yield_on_timeout=True):
                watching.set()
                if changed:
                    report(preview.refresh())
        except Exception as error:  # noqa: BLE001 - the folder went away: say so, no traceback
            report([f"{display_path(folder)}: this folder can no longer be watched ({error}); "
                    "saves are not shown until handbook serve is started again"])
        finally:
            watching.set()

    thread = threading.Thread(target=run, name="handbook-watch", daemon=True)
    thread.start()
    watching.wait()
    return thread


#: How long the watcher waits for a change before it answers that it is watching (and, after
#: that, between its looks at the stop event).
READY_AFTER_MS = 500
