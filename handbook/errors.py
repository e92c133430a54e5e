"""Problems found in the content, reported the way an editor understands them.

Every stage before rendering collects :class:`Problem` values instead of
raising at the first one, so the author sees all of them in one run, each as
``file:line:column: message``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one file."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        file, message = one_line(self.file), one_line(self.message)
        if self.line == 0:  # a whole folder or file, no place inside it
            return f"{file}: {message}"
        return f"{file}:{self.line}:{self.column}: {message}"


class ContentError(Exception):
    """The content cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_reading_order)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class BuildError(Exception):
    """An expected failure after validation (output, limits); its message is for people."""


def _reading_order(problem: Problem) -> tuple:
    return (problem.file, problem.line, problem.column, problem.message)


def quoted(text: object, limit: int = 60) -> str:
    """Author text inside a message: quoted, on one line, long text shortened."""
    text = str(text)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{one_line(text)}'"


def one_line(text: str) -> str:
    """Escape line breaks and other invisible characters, so a problem stays one line.

    Also defuses bidirectional overrides that could make a message read
    differently from what it says.
    """
    return "".join(
        character if not unicodedata.category(character).startswith(("C", "Z")) or character == " "
        else f"\\u{ord(character):04x}" if ord(character) > 0xFF else f"\\x{ord(character):02x}"
        for character in text)


def display_path(path: Path) -> str:
    """The path as the author typed it (relative where possible), with '/'."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()
