"""File names for plans: readable, but unable to leave their folder or collide.

A name is made from the patient's name and the start date, reduced to letters,
digits and hyphens, so no name can leave the output folder, hide itself or
overwrite another patient's plan.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from .schedule import Plan


def file_stem(patient: str, start: datetime.date) -> str:
    """A file name that keeps the name readable but can go nowhere but here."""
    name = unicodedata.normalize("NFKC", patient).casefold()
    name = "".join(character if character.isalnum() else "-" for character in name)
    name = re.sub(r"-{2,}", "-", name).strip("-")[:60].strip("-") or "patient"
    return f"{name}_{start.isoformat()}"


def assign_files(plans: Iterable[tuple[int, Plan]], folder: Path) -> list[tuple[int, Plan, Path]]:
    """One distinct file per plan; a second patient of the same name and date gets -2."""
    taken: set[str] = set()
    assigned = []
    for line, plan in plans:
        stem, number = file_stem(plan.request.patient, plan.request.start), 1
        name = f"{stem}.pdf"
        while name in taken:
            number += 1
            name = f"{stem}-{number}.pdf"
        taken.add(name)
        assigned.append((line, plan, folder / name))
    return assigned
