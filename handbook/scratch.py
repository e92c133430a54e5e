"""A private folder for each run's temporary files, removed however the run ends.

WeasyPrint copies the fonts of every font configuration into a folder of the
system's temporary directory and removes it only when the configuration is
garbage-collected, which a worker process's never is (the worker is ended with the
build): one day of development left hundreds of such folders, 677 MB, behind.  So a
run of the tool points :mod:`tempfile` (and so WeasyPrint, in its own process and in
every worker forked from it) at a folder of its own, named for its process; the run
removes the folder when it ends (normally, on an error, on Ctrl-C or SIGTERM), and
the next run removes any whose process is gone (killed with SIGKILL).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PREFIX = "handbook-run-"


@contextmanager
def scratch() -> Iterator[Path]:
    """Within the block, temporary files go into a fresh folder removed at its end (an
    inner block shares the outer one's folder)."""
    current = tempfile.gettempdir()
    if Path(current).name.startswith(PREFIX):
        yield Path(current)
        return
    _remove_orphans(Path(current))
    folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=current))
    previous = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = previous
        shutil.rmtree(folder, ignore_errors=True)


def _remove_orphans(base: Path) -> None:
    """Folders of runs whose process is gone (owned by this user)."""
    try:
        candidates = list(base.glob(f"{PREFIX}*"))
    except OSError:
        return
    for folder in candidates:
        try:
            pid = int(folder.name.removeprefix(PREFIX).split("-", 1)[0])
            if folder.stat().st_uid != os.getuid() or _alive(pid):
                continue
        except (ValueError, OSError):
            continue
        shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
