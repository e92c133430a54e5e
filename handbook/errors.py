"""Every failure a user can meet, each with its exit code and its own way of being shown.

Following Click's pattern (``ClickException.exit_code``), the exit code lives on
the error class, so the command line has one handler: ``except HandbookError
as error: error.show(); exit(error.exit_code)``.  Stages raise these and
nothing else for expected failures; anything else is a bug.

Content problems are collected, not raised one by one: every stage before
rendering gathers :class:`Problem` values, so the author sees all of them in
one run, each as ``file:line:column: message``.
"""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, TextIO

#: What each kind of ending means to a script that runs the command.
EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


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


class HandbookError(Exception):
    """An expected failure; its message is for people and names no patient."""

    exit_code: ClassVar[int] = EXIT_PROBLEM

    def show(self, stream: TextIO | None = None) -> None:
        print(f"error: {self}", file=stream or sys.stderr)


class ContentError(HandbookError):
    """The content cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem], *, what_failed: str = "nothing was built"):
        self.problems = sorted(set(problems), key=_reading_order)
        self.what_failed = what_failed
        super().__init__("\n".join(str(problem) for problem in self.problems))

    def show(self, stream: TextIO | None = None) -> None:
        stream = stream or sys.stderr
        for problem in self.problems:
            print(problem, file=stream)
        print(f"{problems_found(len(self.problems))}; {self.what_failed}.", file=stream)


def problems_found(count: int) -> str:
    """"1 problem found", "3 problems found": the count every command ends its problems with."""
    return f"{count} problem{'s' if count != 1 else ''} found"


class BuildError(HandbookError):
    """A failure after validation (output, limits, typesetting)."""


class OutputError(BuildError):
    """The target cannot be written; the message says why in plain words."""


class TimeLimitExceeded(BuildError):
    """Typesetting ran past its limit; the message says what to do."""


class UsageError(HandbookError):
    """The command asked for something that cannot be given (exit code 2, as Click's)."""

    exit_code = EXIT_USAGE

    def show(self, stream: TextIO | None = None) -> None:
        print(f"Error: {self}", file=stream or sys.stderr)


class SelectionError(UsageError):
    """The reader asked for a region or method the library does not have."""


class PlanError(UsageError):
    """A plan cannot be made as asked; the message says why and what to ask instead."""


class BatchFileError(HandbookError):
    """A batch's CSV file as a whole cannot be used (not one of its rows)."""


class BatchIncomplete(HandbookError):
    """Some rows of a batch could not be built; the others were."""


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
