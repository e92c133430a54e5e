"""The clinic's own look: its logo, its colours and the contact lines patients read.

Colours are checked for legibility (WCAG contrast of at least 4.5:1): the
primary colour carries white text (the cover band) and is the colour of
headings on white paper; the accent colour is a background for black text
(table heads, callouts).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from .base import Strict, Text

Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
#: WCAG 2's minimum contrast for body text.
MIN_CONTRAST = 4.5


class Colours(Strict):
    """Two colours of the clinic's look."""

    primary: Colour = Field(
        description="A dark colour: the cover band (white text on it) and headings on white.",
        examples=["#1d4f5c"])
    accent: Colour = Field(
        description="A light colour: table heads and callouts, black text on it.",
        examples=["#e9eff1"])

    @model_validator(mode="after")
    def _legible(self) -> Colours:
        for colour, text, where in ((self.primary, "#ffffff", "white text on the primary colour"),
                                    (self.accent, "#000000", "black text on the accent colour")):
            ratio = contrast(colour, text)
            if ratio < MIN_CONTRAST:
                raise ValueError(f"{where} has a contrast of {ratio:.1f}:1, below the "
                                 f"{MIN_CONTRAST}:1 print needs to be read; choose a "
                                 f"{'darker' if text == '#ffffff' else 'lighter'} colour")
        return self


class Brand(Strict):
    """What makes the handbook the clinic's own: logo, colours, contacts."""

    logo: Text | None = Field(
        default=None, description="An SVG, PNG or JPEG file inside the protocols folder, printed on "
                                  "the covers and in the running heads.",
        examples=["logo.svg"])
    colours: Colours | None = Field(default=None, description="The clinic's two colours.",
                                    examples=[{"primary": "#1d4f5c", "accent": "#e9eff1"}])
    contact: list[Text] = Field(
        default_factory=list, max_length=4,
        description="Contact lines printed for patients (leaflet and plans) and on a "
                    "booklet's back cover: address, phone, website.",
        examples=[["12 Garden Street, Springfield", "+1 555 0100", "clinic.example"]])


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[index:index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
              for value in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
