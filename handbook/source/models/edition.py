"""The edition: what is printed on the cover and in which order the parts come."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from .base import Id, Strict, Text
from .brand import Brand

Part = Literal[
    "cover", "how-to-use", "contents", "conditions", "red-flags", "screening", "techniques",
    "regions", "methods", "forms", "sources",
]
#: The safety parts an edition may not leave out.
REQUIRED_PARTS: tuple[Part, ...] = ("screening", "forms")
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")]


class Order(Strict):
    """The printed order of chapters; ids not listed follow alphabetically."""

    regions: list[Id] = Field(default_factory=list)
    methods: list[Id] = Field(default_factory=list)
    techniques: list[Id] = Field(default_factory=list)

    @field_validator("regions", "methods", "techniques")
    @classmethod
    def _once_each(cls, ids: list[str]) -> list[str]:
        return _listed_once(ids, "id")


class Edition(Strict):
    title: Text
    subtitle: Text | None = None
    edition: Text
    date: datetime.date
    publisher: Text
    authors: list[Text] = Field(default_factory=list)
    language: Language
    subject: Text
    keywords: list[Text] = Field(default_factory=list)
    disclaimer: Text
    how_to_use: list[Text] = Field(min_length=1)
    parts: list[Part] = Field(min_length=1)
    order: Order = Order()
    brand: Brand | None = Field(default=None, description="The clinic's logo, colours and "
                                                          "contact lines.")

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
