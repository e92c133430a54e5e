"""How the library is worded: no dosage left as prose, no curative claims, and only
characters the printed fonts can show."""

from __future__ import annotations

import re
import typing
import unicodedata

import pytest
from fontTools.ttLib import TTFont
from library_walk import FONTS, everything, r, strings, walk, where
from pydantic import BaseModel

from handbook.source.models import Course, Dosage, Range

# -- no dosage left as prose --------------------------------------------------

def _mentions_range(annotation) -> bool:
    if annotation is Range:
        return True
    return any(_mentions_range(argument) for argument in typing.get_args(annotation))


def test_every_range_field_holds_a_range(library):
    checked = 0
    for path, value in everything(library):
        if not isinstance(value, BaseModel):
            continue
        for name, info in type(value).model_fields.items():
            if _mentions_range(info.annotation):
                held = getattr(value, name)
                assert held is None or isinstance(held, Range), where(path + (name,))
                checked += held is not None
    assert checked > 50


UNITS = {
    "time": "times", "times": "times", "second": "seconds", "seconds": "seconds",
    "sec": "seconds", "minute": "minutes", "minutes": "minutes", "min": "minutes",
    "hour": "hours", "hours": "hours", "day": "days", "days": "days", "week": "weeks",
    "weeks": "weeks", "month": "months", "months": "months", "year": "years",
    "years": "years", "session": "sessions", "sessions": "sessions", "course": "courses",
    "courses": "courses", "cm": "cm",
}
FIGURE = re.compile(
    r"(?<![\w.])(?P<low>\d+(?:\.\d+)?)(?:\s*(?:-|–|—|to)\s*(?P<high>\d+(?:\.\d+)?))?\s*\+?\s*"
    rf"(?P<unit>{'|'.join(sorted(UNITS, key=len, reverse=True))})\b", re.IGNORECASE)


def loose_figures(*blocks: Dosage | Course | None) -> list[str]:
    """Figures with a unit in notes or progression that no structured value of ``blocks`` holds."""
    structured: set[tuple[float, str]] = set()
    texts: list[str] = []
    for block in blocks:
        if block is None:
            continue
        for _, value in walk(block):
            if isinstance(value, Range):
                structured |= {(end, value.unit) for end in (value.min, value.max) if end is not None}
        texts += list(block.notes)
        if isinstance(block, Dosage) and block.progression:
            texts.append(block.progression)
    loose = []
    for text in texts:
        for match in FIGURE.finditer(text):
            unit = UNITS[match["unit"].lower()]
            for number in filter(None, (match["low"], match["high"])):
                if (float(number), unit) not in structured:
                    loose.append(f"{match.group(0)!r} in {text!r}")
    return loose


def test_the_prose_check_catches_a_figure_left_in_text():
    dosage = Dosage(first_sessions=r("5-7 minutes"), notes=["Then about 20 minutes a day."],
                    progression="Raise to 5-7 minutes, then grow.")
    assert loose_figures(dosage) == ["'20 minutes' in 'Then about 20 minutes a day.'"]
    assert loose_figures(Course(sessions=r("up to 15 sessions"),
                                notes=["Up to 15 sessions."])) == []


def test_no_dosage_or_course_figure_is_left_as_prose(library):
    owners = [(item.id, item.dosage, item.course) for _, item in library.protocols()]
    owners += [(item.id, item.dosage, item.course) for item in library.methods]
    for owner, dosage, course in owners:
        assert loose_figures(dosage, course) == [], owner


# -- no curative claims ---------------------------------------------------------

CLAIMS = [
    re.compile(pattern, re.IGNORECASE) for pattern in (
        r"\bcur(?:e|es|ed|ing)\b",
        r"\btoxins?\b",
        r"\b(?:in|into|to)\s+(?:its|their|the)\s+place\b",
        r"\bback\s+in(?:to)?\s+place\b",
        r"\b(?:returns?|returning|puts?|putting|sets?)\b[^.;]{0,30}\b(?:disc|disk|hernia|cartilage)\b[^.;]{0,12}\bback\b",
        r"\b(?:returns?|puts?)\s+(?:the\s+|a\s+)?(?:disc|disk|hernia|cartilage)\b",
        r"\b(?:disc|disk|hernia)\s+returns\b",
        r"\bsucks?\b",
    )
]
NEGATION = re.compile(r"\b(?:not|no|never|cannot|nor|without)\b|n't\b", re.IGNORECASE)


def claims_in(text: str) -> list[str]:
    """Sentences or clauses that make a curative claim without denying it."""
    found = []
    for clause in re.split(r"(?<=[.!?;])\s+", text):
        if any(pattern.search(clause) for pattern in CLAIMS) and not NEGATION.search(clause):
            found.append(clause)
    return found


def test_the_claim_check_tells_a_claim_from_a_denial():
    assert claims_in("Massage cures a hernia.")
    assert claims_in("Honey removes toxins from the body.")
    assert claims_in("After a few sessions the disc returns to its place.")
    assert claims_in("It returns the disc back where it belongs.")
    assert not claims_in("Massage eases pain; it does not cure a hernia.")
    assert not claims_in('The claims that honey "removes toxins" are not repeated here.')


def test_no_text_claims_a_cure(library):
    offending = [(where(path), clause) for path, text in strings(library)
                 for clause in claims_in(text)]
    assert offending == []


def test_the_handbook_says_massage_does_not_cure_a_hernia(library):
    assert re.search(r"does not cure a (?:disc )?hernia", library.edition.disclaimer)
    for item in library.methods:
        if item.family == "massage":
            assert item.evidence.level in ("low", "very-low", "unclear", "no-trials"), item.id


# -- printable characters -------------------------------------------------------

@pytest.fixture(scope="module")
def printable() -> set[int]:
    covered: set[int] = set()
    for name in ("PTSerif-Regular.ttf", "PTSans-Regular.ttf"):
        covered |= set(TTFont(FONTS / name).getBestCmap())
    return covered


def test_every_character_is_in_the_fonts(library, printable):
    missing = {}
    for path, text in strings(library):
        for character in set(text) - {"\n"}:
            if ord(character) not in printable:
                missing.setdefault(f"U+{ord(character):04X} {character!r}", where(path))
    assert missing == {}


def test_no_arrows_check_marks_or_pictographs(library):
    allowed_symbols = {"№", "°"}
    found = {}
    for path, text in strings(library):
        for character in text:
            symbol = unicodedata.category(character) == "So" and character not in allowed_symbols
            if symbol or 0x2190 <= ord(character) <= 0x21FF:
                found.setdefault(character, where(path))
    assert found == {}
