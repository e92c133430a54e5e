"""Document control in the FHIR records: version, status, approval, review and what an
edition replaces, the same on every definition the library exports.

Status follows FHIR's PublicationStatus: a draft is ``draft``, an approved edition
``active``, a withdrawn one ``retired``.  The effective period runs from the date the
edition takes effect (or its approval) to its review date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..source.models import Edition

STATUS = {"draft": "draft", "approved": "active", "withdrawn": "retired"}


def control_elements(edition: Edition, url: str) -> dict:
    """``version``, ``status`` and, for a controlled edition, its approval and review
    dates, effective period and predecessor (``url`` is the resource's canonical URL)."""
    control = edition.control
    if control is None:
        return {"version": edition.date.isoformat(), "status": "active"}
    elements: dict = {"version": control.version, "status": STATUS[control.status]}
    if control.approved_on is not None:
        elements.update(approvalDate=control.approved_on.isoformat(),
                        lastReviewDate=control.approved_on.isoformat())
    start = control.effective or control.approved_on
    elements["effectivePeriod"] = {**({"start": start.isoformat()} if start else {}),
                                   "end": control.review_by.isoformat()}
    return elements


def predecessor(edition: Edition, url: str) -> list[dict]:
    """The version this edition replaces, as a related artifact (or none)."""
    control = edition.control
    if control is None or control.replaces is None:
        return []
    return [{"type": "predecessor", "display": f"Version {control.replaces}",
             "resource": f"{url}|{control.replaces}"}]
