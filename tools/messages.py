"""Keep the message catalogues in step with the code: ``make messages``.

Extracts every fixed string from the templates and Python (babel.cfg) into
handbook/locale/handbook.pot, updates each language's handbook.po from it, and
fills the English catalogue's empty entries with the English source text (the
source strings are English; an English entry may still be reworded by hand).
New entries of other languages stay empty until translated: the test suite
fails on an empty or fuzzy entry, so none is printed untranslated.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "handbook" / "locale"
POT = LOCALE / "handbook.pot"


def main() -> None:
    babel = [sys.executable, "-m", "babel.messages.frontend"]
    subprocess.run([*babel, "extract", "-F", "babel.cfg", "--no-location", "--sort-output",
                    "-k", "N_", "-c", "Translators:", "--project", "handbook",
                    "--copyright-holder", "Clinic methodology office", "-o", str(POT), "."],
                   cwd=ROOT, check=True, capture_output=True)
    subprocess.run([*babel, "update", "-D", "handbook", "-i", str(POT), "-d", str(LOCALE),
                    "--no-wrap", "--ignore-pot-creation-date", "--ignore-obsolete"],
                   cwd=ROOT, check=True, capture_output=True)
    fill_english(LOCALE / "en" / "LC_MESSAGES" / "handbook.po")
    for path in sorted(LOCALE.glob("*/LC_MESSAGES/handbook.po")):
        catalog = read_po(path.open("rb"))
        empty = [message.id for message in catalog if message.id and not _translated(message)]
        print(f"{path.relative_to(ROOT)}: {len(catalog)} messages, {len(empty)} to translate")


def fill_english(path: Path) -> None:
    with path.open("rb") as stream:
        catalog = read_po(stream)
    for message in catalog:
        if message.id and not _translated(message):
            message.string = message.id
            message.flags.discard("fuzzy")
    with path.open("wb") as stream:
        write_po(stream, catalog, width=0, omit_header=False, no_location=True)


def _translated(message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return all(strings) and "fuzzy" not in message.flags


if __name__ == "__main__":
    main()
