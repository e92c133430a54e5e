"""The message catalogues are complete: every fixed word the code prints is in each
language's catalogue, translated, and none is fuzzy."""

from __future__ import annotations

import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from conftest import ROOT
from handbook.resources import LOCALE, catalogue_languages


def messages(path) -> dict:
    with open(path, "rb") as stream:
        return {(message.id if isinstance(message.id, str) else message.id[0], message.context):
                message for message in read_po(stream) if message.id}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict:
    """What the templates and the Python code ask to be printed, extracted now."""
    pot = tmp_path_factory.mktemp("messages") / "handbook.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    "babel.cfg", "--no-location", "-k", "N_", "-o", str(pot), "."],
                   cwd=ROOT, check=True, capture_output=True)
    return messages(pot)


def test_there_are_english_and_russian_catalogues():
    assert {"en", "ru"} <= set(catalogue_languages())


@pytest.mark.parametrize("language", catalogue_languages())
def test_every_message_is_translated_and_none_is_fuzzy(language, extracted):
    catalogue = messages(LOCALE / language / "LC_MESSAGES" / "handbook.po")
    missing = sorted(key[0] for key in set(extracted) - set(catalogue))
    assert not missing, f"not in the {language} catalogue (run: make messages): {missing[:5]}"
    for key, message in catalogue.items():
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        assert all(strings), f"{language}: {key[0]!r} is not translated"
        assert "fuzzy" not in message.flags, f"{language}: {key[0]!r} is fuzzy; check it"


def test_placeholders_survive_translation():
    import re
    for language in catalogue_languages():
        for key, message in messages(LOCALE / language / "LC_MESSAGES" / "handbook.po").items():
            strings = message.string if isinstance(message.string, (list, tuple)) \
                else [message.string]
            expected = sorted(re.findall(r"\{\w+\}|%\(\w+\)s|%%", key[0]))
            for string in strings:
                assert sorted(re.findall(r"\{\w+\}|%\(\w+\)s|%%", string)) == expected, (
                    language, key[0])
