"""Where the package's own files are, without importing anything heavy."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

#: Templates, the print stylesheet and the fonts (installed as handbook.layouts).
LAYOUTS = Path(str(resources.files("handbook.layouts")))
#: The message catalogues, one folder per language (installed as handbook/locale).
LOCALE = Path(__file__).resolve().parent / "locale"


def catalogue_languages() -> list[str]:
    """The languages the tool can print in: those with a message catalogue."""
    return sorted(path.parent.parent.name for path in LOCALE.glob("*/LC_MESSAGES/handbook.po"))

#: The small library ``handbook new`` writes to start from (installed as handbook/scaffold).
SCAFFOLD = Path(__file__).resolve().parent / "scaffold"
