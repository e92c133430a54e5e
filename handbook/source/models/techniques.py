"""The basic strokes of massage (stroking, kneading, rubbing…) and their variants.

Protocol steps name a technique and, optionally, some of its variants; the
handbook prints each technique once, in its own chapter.
"""

from __future__ import annotations

from pydantic import Field

from .base import Id, Strict, Text


class Variant(Strict):
    """One way of doing a technique (kneading with the fingertips, with the fist…)."""

    id: Id = Field(description="How steps name the variant in `variants`.",
                   examples=["fingertips", "double-ring"])
    name: Text = Field(description="The variant's name as printed.",
                       examples=["With the fingertips"])
    how: Text | None = Field(default=None, description="How the hands do it.",
                             examples=["The pads of the fingers knead small areas in small "
                                       "movements."])
    synonyms: list[Text] = Field(default_factory=list,
                                 description="Other names it goes by in the sources.",
                                 examples=[["forceps kneading"]])


class Technique(Strict):
    """techniques/<id>.yaml: a basic stroke and its variants."""

    id: Id = Field(description="The file's name without .yaml; steps name it in `technique`.",
                   examples=["kneading"])
    name: Text = Field(description="The technique's name as printed.", examples=["Kneading"])
    synonyms: list[Text] = Field(default_factory=list,
                                 description="Other names it goes by in the sources.",
                                 examples=[["petrissage"]])
    purpose: Text = Field(description="What the technique does to the tissues.",
                          examples=["Works the muscle itself to ease spasm and improve its "
                                    "blood supply."])
    how: Text = Field(description="How it is done, in general.",
                      examples=["The muscle is grasped or pressed against the bone and "
                                "kneaded in a slow rhythm."])
    variants: list[Variant] = Field(default_factory=list, description="Its variants.",
                                    examples=[[{"id": "ordinary", "name": "Ordinary"}]])
    cautions: list[Text] = Field(default_factory=list,
                                 description="What must never be done with it.",
                                 examples=[["Knead the muscles beside the spine, never the "
                                            "vertebrae themselves."]])
    sources: list[Id] = Field(min_length=1, description="The sources that describe it.",
                              examples=[["article-massage-osteochondrosis"]])
