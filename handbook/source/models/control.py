"""The edition as a controlled document: its version, who approved it and when, when it
takes effect and is due for review, what it replaces, and its history.

A clinic's protocols are controlled documents: before a therapist follows a printed
protocol, the clinic must be able to say which version it is, who approved it, and
when it is due for review.  The rules here are the ones document control follows: an
approved edition names its approver and date; it takes effect no earlier than it was
approved; it is reviewed within three years; its history starts with itself.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from .base import Strict, Text

#: "2", "2.1", "2.1.3": what clinics write as a document's version.
Version = Annotated[str, StringConstraints(pattern=r"^\d{1,3}(\.\d{1,3}){0,2}$")]
Status = Literal["draft", "approved", "withdrawn"]
#: Document control reviews a protocol at least this often.
REVIEW_YEARS = 3


class Approver(Strict):
    """Who approved the edition: a person, by name and role."""

    name: Text = Field(description="The approver's name, as it is signed.",
                       examples=["Dr Anna Morozova"])
    role: Text = Field(description="The approver's role in the clinic.",
                       examples=["Head of rehabilitation"])


class Revision(Strict):
    """One edition in the history: its version, date and what changed, in a line."""

    version: Version = Field(description="The version of that edition.", examples=["1.0"])
    date: datetime.date = Field(description="When it was approved (YYYY-MM-DD).",
                                examples=["2026-11-22"])
    changes: Text = Field(description="What changed in it, and why, in a sentence or two.",
                          examples=["First approved edition."])


class Control(Strict):
    """Document control: the version, its approval, its review and what it replaces."""

    version: Version = Field(description="The edition's version, in quotes: \"2.1\".",
                             examples=["1.0", "2.1"])
    status: Status = Field(description="draft (every page marked DRAFT), approved, or "
                                       "withdrawn (refused by build unless --allow-withdrawn).",
                           examples=["approved"])
    approved_by: Approver | None = Field(default=None, description="Who approved it; required "
                                                                   "once approved.",
                                         examples=[{"name": "Dr Anna Morozova",
                                                    "role": "Head of rehabilitation"}])
    approved_on: datetime.date | None = Field(default=None, description="The approval date "
                                                                        "(YYYY-MM-DD).",
                                              examples=["2026-11-22"])
    effective: datetime.date | None = Field(default=None, description="From when therapists "
                                                                      "follow it (YYYY-MM-DD).",
                                            examples=["2026-12-01"])
    review_by: datetime.date = Field(description=f"When it is due for review (YYYY-MM-DD), at "
                                                 f"most {REVIEW_YEARS} years after approval.",
                                     examples=["2028-11-22"])
    replaces: Version | None = Field(default=None, description="The version this edition "
                                                               "replaces.",
                                     examples=["0.9"])
    printed_copies: Text = Field(
        description="The clinic's wording for printed copies, on the cover and every plan.",
        examples=["Uncontrolled when printed; valid on the date of issue only."])
    history: list[Revision] = Field(
        default_factory=list, description="Every edition, newest first, this one at the top.",
        examples=[[{"version": "1.0", "date": "2026-11-22",
                    "changes": "First approved edition."}]])

    @field_validator("effective")
    @classmethod
    def _effective_once_approved(cls, effective, info: ValidationInfo):
        approved = info.data.get("approved_on")
        if approved and effective and effective < approved:
            raise ValueError(f"effective ({effective}) comes before approved_on ({approved}); "
                             "an edition takes effect once it is approved")
        return effective

    @field_validator("review_by")
    @classmethod
    def _reviewed_in_time(cls, review_by, info: ValidationInfo):
        approved = info.data.get("approved_on")
        if approved and review_by <= approved:
            raise ValueError(f"review_by ({review_by}) must come after approved_on "
                             f"({approved}); a review is due after the approval")
        if approved and review_by > _years_after(approved, REVIEW_YEARS):
            raise ValueError(f"review_by ({review_by}) is more than {REVIEW_YEARS} years after "
                             f"approved_on ({approved}); document control reviews a protocol "
                             f"at least every {REVIEW_YEARS} years")
        return review_by

    @field_validator("replaces")
    @classmethod
    def _older(cls, replaces, info: ValidationInfo):
        version = info.data.get("version")
        if replaces is not None and version and _number(replaces) >= _number(version):
            raise ValueError(f"version {version} cannot replace version {replaces}, which is "
                             "not older")
        return replaces

    @field_validator("history")
    @classmethod
    def _starts_here(cls, history, info: ValidationInfo):
        version = info.data.get("version")
        if history and version and history[0].version != version:
            raise ValueError(f"the history starts with this edition: its first entry is "
                             f"version {history[0].version}, not {version}; put this one "
                             "first")
        return history

    @model_validator(mode="after")
    def _approved_by_someone(self) -> Control:
        if self.status != "draft" and (self.approved_by is None or self.approved_on is None):
            raise ValueError(f"an edition that is {self.status} names who approved it and when; "
                             "add approved_by (name and role) and approved_on, or set status: "
                             "draft")
        return self


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # the 29th of February
        return day.replace(year=day.year + years, day=28)


def _number(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))
