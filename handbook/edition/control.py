"""Document control as it prints: the version and status where people look (the cover, every
footer, the leaflet, every plan), the approval and review dates, a DRAFT mark, and the
warnings a build gives about a review that is due.

Worded here, in the edition's language, so the templates only lay it out.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .words import N_

if TYPE_CHECKING:
    from ..source.models import Edition
    from .words import Words

STATUS_LABELS = {"draft": N_("Draft"), "approved": N_("Approved"),
                 "withdrawn": N_("Withdrawn")}


@dataclass(frozen=True)
class ControlView:
    """What the pages say about the edition's version; empty when it has no control data."""

    #: "Version 1.0 · Approved" (or "Draft", "Withdrawn"): for footers and mastheads.
    version: str = ""
    #: The cover's lines: approval, effect, review, what it replaces.
    lines: tuple[str, ...] = ()
    printed_copies: str = ""
    #: "DRAFT — not approved for use" (or "WITHDRAWN — do not use"): on every page.
    mark: str = ""
    #: The revision history: (version, date, what changed), newest first.
    history: tuple[tuple[str, str, str], ...] = ()


def control_view(edition: Edition, words: Words) -> ControlView:
    control = edition.control
    if control is None:
        return ControlView()
    status = words.gettext(STATUS_LABELS[control.status])
    lines = []
    if control.approved_by and control.approved_on:
        lines.append(words.gettext("Approved on {date} by {name}, {role}",
                                   date=words.date(control.approved_on),
                                   name=control.approved_by.name,
                                   role=control.approved_by.role))
    if control.effective:
        lines.append(words.gettext("In effect from {date}", date=words.date(control.effective)))
    lines.append(words.gettext("Due for review by {date}", date=words.date(control.review_by)))
    if control.replaces:
        lines.append(words.gettext("Replaces version {version}", version=control.replaces))
    return ControlView(
        version=words.gettext("Version {version} · {status}", version=control.version,
                              status=status),
        lines=tuple(lines), printed_copies=control.printed_copies,
        mark={"draft": words.gettext("DRAFT — not approved for use"),
              "withdrawn": words.gettext("WITHDRAWN — do not use")}.get(control.status, ""),
        history=tuple((revision.version, words.date(revision.date), revision.changes)
                      for revision in control.history))


def control_warnings(status: str | None, review_by: datetime.date | None,
                     today: datetime.date) -> list[str]:
    """What a build says about the edition's control data on the day it runs (never printed
    into the document, whose bytes depend on the edition only)."""
    warnings = []
    if review_by is not None and review_by < today:
        warnings.append(f"this edition was due for review by {review_by.isoformat()}; review "
                        "it, then give it a new version and review_by")
    if status == "draft":
        warnings.append("this edition is a draft, and every page says so; set its status to "
                        "approved once it is")
    return warnings


def withdrawn(edition: Edition) -> str | None:
    """Why nothing may be made from a withdrawn edition (None for any other edition)."""
    control = edition.control
    if control is None or control.status != "withdrawn":
        return None
    return f"version {control.version} is withdrawn: its protocols are no longer to be followed"
