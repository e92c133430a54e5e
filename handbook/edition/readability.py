"""How hard the patient texts are to read, measured per language, said by ``validate``.

Many patients read these pages in pain, some with poor sight; a leaflet that reads
above the edition's limit (``reading_grade`` in handbook.yaml, grade 7 by default)
gets a warning pointing at the YAML line of the text, with the grade, so the author
can shorten it.  The grade is about the words an edition prints, so it lives here;
the libraries that count syllables load only in :mod:`._readability`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from ..errors import Problem

#: The keys whose text a patient reads (a whole file, or a field of an item).
PATIENT_FILE = "patient.yaml"
PATIENT_KEYS = frozenset({"patient", "patient_action", "patient_heading"})
#: Keys whose ``patient`` is not for the patient: a position is worded for the therapist.
THERAPIST_KEYS = frozenset({"position"})
#: Texts shorter than this (a heading, a name) are graded with nothing to go on.
MIN_WORDS = 8


@dataclass(frozen=True)
class Graded:
    file: str
    line: int
    column: int
    #: Flesch–Kincaid grade (for Russian, Oborneva's adaptation): the one held to the limit.
    grade: float
    #: SMOG grade, for comparison (0 where the text is too short for it).
    smog: float
    words: int


def patient_texts(loaded) -> Iterator[tuple[str, int, int, str]]:
    """(file, line, column, text) of every patient-facing text of a located library."""
    located = [(name, item) for name, item in loaded.files.items()]
    located += [(name, item) for folder in loaded.items.values() for name, item in folder.items()]
    for name, item in located:
        whole = item.source.file.endswith(PATIENT_FILE)
        for path, text in _strings(item.model.model_dump(mode="json"), (), whole):
            mark = item.source.locate(path)
            yield item.source.file, mark.line, mark.column, text


def _strings(value: Any, path: tuple, wanted: bool) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        if wanted:
            yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key in THERAPIST_KEYS:
                continue
            yield from _strings(inner, path + (key,), wanted or key in PATIENT_KEYS)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _strings(inner, path + (index,), wanted)


def grade_texts(loaded) -> list[Graded]:
    """The grade of every patient text long enough to be graded, in reading order."""
    from ._readability import measure

    language = loaded.library.edition.language
    graded = []
    for file, line, column, text in patient_texts(loaded):
        if len(text.split()) < MIN_WORDS:
            continue
        grade, smog = measure(text, language)
        graded.append(Graded(file, line, column, grade, smog, len(text.split())))
    return sorted(graded, key=lambda item: (item.file, item.line, item.column))


def reading_warnings(graded: list[Graded], limit: float) -> list[Problem]:
    """A warning for each text above the limit, at its place."""
    return [Problem(item.file, item.line, item.column, (
        f"warning: this patient text reads at grade {item.grade:.1f} (limit {limit:g}); "
        "shorter sentences and everyday words bring it down, and a medical term "
        "needs its plain meaning beside it")) for item in graded if item.grade > limit]


def summary(graded: list[Graded], limit: float) -> str:
    """One line: how many texts, the hardest, how many above the limit."""
    if not graded:
        return "no patient texts to grade"
    hardest = max(graded, key=lambda item: item.grade)
    above = sum(item.grade > limit for item in graded)
    mean = sum(item.grade for item in graded) / len(graded)
    return (f"reading grade of {len(graded)} patient texts: mean {mean:.1f}, hardest "
            f"{hardest.grade:.1f}, {above} above the limit of {limit:g}")
