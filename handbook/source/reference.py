"""A translated library against its reference: the same clinical content in other words.

``handbook validate protocols-ru --reference protocols`` checks that two libraries
describe the same treatment: the same files and ids; every number, range and
unit equal (repetitions, minutes, sessions, intervals, courses, breaks,
limits); the same contraindications with the same tiers and scope; the same red
flags; the same stages and steps in the same order with the same techniques and
variants; the same sources, titles and all.  Only wording may differ: in every
field whose type is free text only the numbers must agree (the same numbers, as
many times each, however the language writes them: "1.5" and «1,5», "10,000" and
«10 000»), everything else must be equal, and a list of safety texts (cautions,
steps of a procedure) must keep its length, so a translation cannot drop a
caution or change a dose in a note.  Each difference is reported at its place
in the translation, with the reference's value and place beside it.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from pydantic import BaseModel

from ..errors import ContentError, Problem, display_path
from .comparison import Difference, by_position, walk
from .loader import LoadedLibrary
from .models import Range, Source
from .references import Located


#: Lists of words that a translation may make longer or shorter.
FREE_LENGTH = {"synonyms", "keywords", "authors"}
#: Fields that are the translation's own: its language.
OWN = {"language"}


def compare(translation: LoadedLibrary, reference: LoadedLibrary, root: str) -> list[Problem]:
    """Every difference between the translation's files and the reference's; ``root`` is
    the translation's folder as the author typed it."""
    problems: list[Problem] = []
    for name in sorted(set(translation.files) | set(reference.files)):
        _compare_file(translation.files.get(name), reference.files.get(name),
                      f"{root}/{name}", problems)
    for folder in sorted(set(translation.items) | set(reference.items)):
        ours, theirs = translation.items.get(folder, {}), reference.items.get(folder, {})
        for stem in sorted(set(ours) | set(theirs)):
            _compare_file(ours.get(stem), theirs.get(stem), f"{root}/{folder}/{stem}.yaml",
                          problems)
    return problems


def _compare_file(ours: Located | None, theirs: Located | None, name: str,
                  problems: list[Problem]) -> None:
    if ours is None:
        problems.append(Problem(name, 0, 0, f"the reference has {theirs.source.file} and the "
                                "translation has no such file; translate it"))
    elif theirs is None:
        problems.append(ours.source.problem((), "the reference has no such file; every file "
                                            "of a translation translates one of the reference"))
    else:
        comparison = _Comparison(ours, theirs, problems)
        for difference in walk(ours.model, theirs.model, by_position):
            comparison.report(difference)


#: A number as text writes it: grouped thousands ("10,000", «10 000») or a decimal
#: ("1.5", «1,5»); the group mark and the decimal mark are read by what follows them.
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:(?:,|[ \u00a0\u202f])\d{3})+(?![\d])"
                     r"|\d+(?:[.,]\d+)?")


def numbers_in(text: str) -> Counter:
    """The numbers written in ``text``, each as often as it is written."""
    found: Counter = Counter()
    for match in _NUMBER.finditer(text):
        written = match[0]
        if re.fullmatch(r"\d{1,3}(?:(?:,|[ \u00a0\u202f])\d{3})+", written) and not (
                re.fullmatch(r"\d+,\d{3}", written) and _decimal_comma(text)):
            value = float(re.sub(r"[^\d]", "", written))
        else:
            value = float(written.replace(",", "."))
        found[value] += 1
    return found


def _decimal_comma(text: str) -> bool:
    """A comma between digits is a decimal mark in a text whose other numbers use it so
    (Russian, German); in English it groups thousands."""
    return bool(re.search(r"[А-Яа-яЁё]", text))


class _Comparison:
    def __init__(self, ours: Located, theirs: Located, problems: list[Problem]):
        self.ours, self.theirs, self.problems = ours, theirs, problems

    def numbers(self, path: tuple, ours: str, theirs: str) -> None:
        """Free text may say anything in other words, but never another number."""
        mine, other = numbers_in(ours), numbers_in(theirs)
        if mine == other:
            return
        where = self.theirs.source.locate(path)
        extra, missing = mine - other, other - mine
        said = []
        if extra:
            said.append(f"{_listed(extra)} here, which the reference does not have")
        if missing:
            said.append(f"not {_listed(missing)}, which the reference has")
        self.problems.append(self.ours.source.problem(path, (
            f"the numbers of {_name(path)} differ from the reference's "
            f"({self.theirs.source.file}:{where.line}:{where.column}): {'; '.join(said)}; "
            "a translation changes words only, so write the reference's numbers")))

    def differ(self, path: tuple, what: str, ours: object, theirs: object) -> None:
        where = self.theirs.source.locate(path)
        self.problems.append(self.ours.source.problem(path, (
            f"{what} is {_shown(ours)} here but {_shown(theirs)} in the reference "
            f"({self.theirs.source.file}:{where.line}:{where.column}); a translation changes "
            "words only")))

    def report(self, difference: Difference) -> None:
        """What of a difference a translation may not have: anything but its own words."""
        path, field = difference.path, difference.field
        if field in OWN or (difference.owner is Source and field == "note"):
            return
        text = difference.text and difference.owner is not Source  # titles are titles
        if difference.kind == "count":
            if field not in FREE_LENGTH:
                self.differ(path, f"the number of entries of {_name(path)}", difference.ours,
                            difference.theirs)
        elif difference.kind != "changed" or (text and field in FREE_LENGTH):
            return  # an entry added or removed is the count's; free-length words are words
        elif text and isinstance(difference.ours, str) and isinstance(difference.theirs, str):
            self.numbers(path, difference.ours, difference.theirs)
        else:
            self.differ(path, _name(path), difference.ours, difference.theirs)


def _name(path: tuple) -> str:
    named = [str(part) for part in path if isinstance(part, str)]
    return f"'{named[-1]}'" if named else "this value"


def _listed(numbers: Counter) -> str:
    values = [f"{value:g}" for value in sorted(numbers.elements())]
    return ", ".join(values)


def _shown(value: object) -> str:
    if isinstance(value, Range):
        return f"'{value}'"
    if isinstance(value, BaseModel):
        return "a group of values"
    if value is None:
        return "not given"
    return f"'{value}'" if isinstance(value, str) else str(value)


def validate_translation(translation: Path, reference: Path):
    """Load both libraries and compare them; raise ContentError listing every difference."""
    from .loader import load_located

    ours, theirs = load_located(translation), load_located(reference)
    problems = compare(ours, theirs, display_path(translation))
    if problems:
        raise ContentError(problems, what_failed=(
            "the translation must say exactly what its reference says, in other words"))
    return ours.library
