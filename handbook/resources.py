"""Where the package's own files are, without importing anything heavy."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

#: Templates, the print stylesheet and the fonts (installed as handbook.layouts).
LAYOUTS = Path(str(resources.files("handbook.layouts")))
