"""The clinic's closed days for ``plan`` and ``batch --holidays FILE``.

One date a line (YYYY-MM-DD or DD.MM.YYYY, as a batch's dates), with blank lines and ``#`` comments allowed, so a
clinic keeps its list of public holidays beside its CSV files; the list in
handbook.yaml (``holidays``) holds the same for every plan.  Every bad line is
reported at once, as ``file:line:column: message``.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from ..errors import ContentError, PlanError, Problem, display_path
from .csv_rows import parse_date

#: A list of holidays longer than this is not a list of holidays.
MAX_LINES = 2000


def read_holidays(path: Path) -> tuple[datetime.date, ...]:
    """The dates of ``path``, in order; ContentError naming every line that is not a date."""
    shown = display_path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        reason = "it is not UTF-8 text" if isinstance(error, UnicodeDecodeError) else \
            (error.strerror or "it cannot be read").lower()
        raise ContentError([Problem(shown, 0, 0, f"the holidays file cannot be read: {reason}")],
                           what_failed="no plan was made") from None
    if len(lines) > MAX_LINES:
        raise ContentError([Problem(shown, 0, 0, (
            f"the holidays file has {len(lines)} lines, more than {MAX_LINES}; give one date "
            "a line"))], what_failed="no plan was made")
    dates, problems = set(), []
    for number, line in enumerate(lines, start=1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        try:
            dates.add(parse_date(text, what="the closed day"))
        except PlanError as error:
            column = len(line) - len(line.lstrip()) + 1
            problems.append(Problem(shown, number, column,
                                    f"{error}; one date a line ('#' starts a comment)"))
    if problems:
        raise ContentError(problems, what_failed="no plan was made")
    return tuple(sorted(dates))
