"""The edition: what is printed on the cover and in which order the parts come."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from .base import Id, Strict, Text
from .brand import Brand
from .control import Control

Part = Literal[
    "cover", "how-to-use", "contents", "conditions", "red-flags", "screening", "techniques",
    "regions", "methods", "forms", "sources",
]
#: The safety parts an edition may not leave out.
REQUIRED_PARTS: tuple[Part, ...] = ("screening", "forms")
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")]


class Order(Strict):
    """The printed order of chapters; ids not listed follow alphabetically."""

    regions: list[Id] = Field(default_factory=list, description="Region chapters, in order.",
                              examples=[["cervical", "thoracic", "lumbar"]])
    methods: list[Id] = Field(default_factory=list, description="Method chapters, in order.",
                              examples=[["classic", "manual-therapy"]])
    techniques: list[Id] = Field(default_factory=list,
                                 description="Technique descriptions, in order.",
                                 examples=[["stroking", "rubbing", "kneading", "vibration"]])

    @field_validator("regions", "methods", "techniques")
    @classmethod
    def _once_each(cls, ids: list[str]) -> list[str]:
        return _listed_once(ids, "id")


class Edition(Strict):
    """What the cover and the PDF's metadata say, and which parts are printed."""

    title: Text = Field(description="The handbook's title, on the cover and in the PDF.",
                        examples=["Massage and Manual Therapy for Disc Hernia"])
    subtitle: Text | None = Field(default=None, description="A line under the title.",
                                  examples=["Protocols, dosages and safety checklists"])
    short_title: Text | None = Field(
        default=None, description="The title in the running heads, when the full title is too "
                                  "long for one line there; by default the title.",
        examples=["Massage for Disc Hernia"])
    edition: Text = Field(description="Which edition this is, printed on the cover.",
                          examples=["First edition"])
    date: datetime.date = Field(description="The edition's date (YYYY-MM-DD).",
                                examples=["2026-11-22"])
    publisher: Text = Field(description="Who issues the handbook.",
                            examples=["Clinic methodology office"])
    authors: list[Text] = Field(default_factory=list, description="Its authors.",
                                examples=[["Clinic methodology office"]])
    language: Language = Field(description="The language it is written in, as a language "
                                           "code; the fixed words follow it.",
                               examples=["en", "ru"])
    subject: Text = Field(description="What the handbook covers, for the PDF's metadata.",
                          examples=["Treatment protocols for massage of the spine."])
    keywords: list[Text] = Field(default_factory=list, description="Keywords for the PDF.",
                                 examples=[["massage", "red flags"]])
    disclaimer: Text = Field(description="What the handbook is and is not, on the cover's "
                                         "back: no curative claims.",
                             examples=["This handbook does not replace a diagnosis."])
    how_to_use: list[Text] = Field(min_length=1, description="The paragraphs of 'How to use "
                                                             "this handbook'.",
                                   examples=[["Start with the screening form."]])
    parts: list[Part] = Field(min_length=1, description="The parts printed, in order; "
                                                        "screening and forms are required.",
                              examples=[["cover", "contents", "screening", "regions", "forms"]])
    order: Order = Field(default=Order(), description="The order of the chapters.",
                         examples=[{"regions": ["cervical", "lumbar"]}])
    brand: Brand | None = Field(default=None, description="The clinic's logo, colours and "
                                                          "contact lines.",
                                examples=[{"colours": {"primary": "#1d4f5c",
                                                       "accent": "#e9eff1"}}])
    holidays: list[datetime.date] = Field(
        default_factory=list,
        description="The clinic's closed days (public holidays, YYYY-MM-DD): plan and batch "
                    "move a session off them.", examples=[["2027-01-01", "2027-01-07"]])
    reading_grade: float = Field(
        default=7, ge=1, le=18,
        description="The highest reading grade (school grade, Flesch–Kincaid; for Russian "
                    "Oborneva's adaptation) a patient text may read at; validate warns above it.",
        examples=[7, 6])
    control: Control | None = Field(
        default=None, description="Document control: version, status, approval, review date, "
                                  "what it replaces, the wording for printed copies, history.",
        examples=[{"version": "1.0", "status": "approved",
                   "approved_by": {"name": "Dr Anna Morozova", "role": "Head of rehabilitation"},
                   "approved_on": "2026-11-22", "review_by": "2028-11-22",
                   "printed_copies": "Uncontrolled when printed; valid on the date of issue."}])

    @field_validator("parts")
    @classmethod
    def _parts_complete(cls, parts: list[str]) -> list[str]:
        _listed_once(parts, "part")
        missing = [part for part in REQUIRED_PARTS if part not in parts]
        if missing:
            raise ValueError(
                f"safety parts cannot be left out; add: {', '.join(missing)}")
        return parts


def _listed_once(entries: list[str], what: str) -> list[str]:
    repeated = sorted({entry for entry in entries if entries.count(entry) > 1})
    if repeated:
        raise ValueError(f"list each {what} once; repeated: {', '.join(repeated)}")
    return entries
