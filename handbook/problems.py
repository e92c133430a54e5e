"""Problems found in the content, reported the way an editor understands them.

Every stage before rendering collects :class:`Problem` values instead of
raising at the first one, so the author sees all of them in one run, each as
``file:line:column: message``.
"""

from __future__ import annotations

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
        if self.line == 0:  # a whole folder or file, no place inside it
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class ContentError(Exception):
    """The content cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_reading_order)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def _reading_order(problem: Problem) -> tuple:
    return (problem.file, problem.line, problem.column, problem.message)


def display_path(path: Path) -> str:
    """The path as the author typed it (relative where possible), with '/'."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()
