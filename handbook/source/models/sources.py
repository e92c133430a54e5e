"""The sources every fact is taken from, numbered in print in the order cited."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Id, Strict, Text

SourceKind = Literal["article", "systematic-review", "guideline", "framework"]


class Source(Strict):
    """One article, review, guideline or framework, kept as its authors published it."""

    id: Id = Field(description="How other files cite the source in `sources`.",
                   examples=["furlan-2015", "kngf-2021"])
    kind: SourceKind = Field(description="article, systematic-review, guideline or framework.",
                             examples=["systematic-review"])
    title: Text = Field(description="The title in its original language.",
                        examples=["Massage for low-back pain"])
    authors: Text | None = Field(default=None, description="The authors as published.",
                                 examples=["Furlan AD, Giraldo M, Baskwill A"])
    year: int | None = Field(default=None, ge=1900, le=2100, description="Year published.",
                             examples=[2015])
    published_in: Text | None = Field(default=None,
                                      description="The journal, publisher or website.",
                                      examples=["Cochrane Database of Systematic Reviews"])
    identifier: Text | None = Field(default=None, description="A DOI, PMID or similar.",
                                    examples=["doi:10.1002/14651858.CD001929.pub3"])
    url: Text | None = Field(default=None, description="Where a reader can find it.",
                             examples=["https://doi.org/10.1002/14651858.CD001929.pub3"])
    note: Text | None = Field(default=None,
                              description="What the handbook takes from it, or how far to "
                                          "trust it.",
                              examples=["A popular article; its figures are checked against "
                                        "the reviews."])


class SourceCatalogue(Strict):
    """sources.yaml: the list printed at the end of the handbook."""

    intro: Text | None = Field(
        default=None,
        description="A paragraph above the list of sources: what the numbers in the text "
                    "refer to, and which sources the protocols were written from.",
        examples=["Numbers in the text refer to this list."])
    sources: list[Source] = Field(min_length=1, description="The sources, each with its id.",
                                  examples=[[{"id": "furlan-2015", "kind": "systematic-review",
                                              "title": "Massage for low-back pain"}]])
