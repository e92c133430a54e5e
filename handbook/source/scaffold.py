"""``handbook new``: a small, valid, commented library to start from.

Every file names its JSON Schema on its first line (``# yaml-language-server:
$schema=…``), and the schemas are written beside it in ``schema/``, so an
editor with a YAML language server completes every key and explains it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import HandbookError
from ..resources import SCAFFOLD
from .json_schema import write_schemas


def write_scaffold(folder: Path) -> list[Path]:
    """Write the starter library into ``folder`` (created; refused if it holds anything)."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise HandbookError(f"{folder} is not an empty folder; give a new folder's name, so "
                            "nothing there is overwritten")
    written = []
    for source in sorted(SCAFFOLD.rglob("*.yaml")):
        target = folder / source.relative_to(SCAFFOLD)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    written += write_schemas(folder / "schema")
    return written
