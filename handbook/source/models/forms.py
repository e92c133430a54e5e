"""The wording of the clinical forms: when each is run, by whom, and its items.

Checklists follow the rules behind the WHO Surgical Safety Checklist: say when
and by whom the list is run, keep a block to a handful of plain items, and
answer each with a box.  The limits below enforce the block sizes.
"""

from __future__ import annotations

from pydantic import Field

from .base import Strict, Text


class FormHeader(Strict):
    title: Text
    when: Text
    who: Text
    how: Text


class Screening(FormHeader):
    """Read-do: the questions come from the contraindication and red-flag catalogues."""

    red_flags_title: Text


class SessionCheck(FormHeader):
    items: list[Text] = Field(min_length=3, max_length=7)


class Forms(Strict):
    screening: Screening
    before_session: SessionCheck
    after_session: SessionCheck
    home_advice: list[Text] = Field(min_length=1, max_length=9)
