"""Wording for patients: the handout's own text, in plain and calm language.

Where an item of the library needs different words for a patient (a red
flag, a protocol, a method, a condition), it carries a ``patient`` field of
its own; this file holds the prose that exists only for patients.
"""

from __future__ import annotations

from pydantic import Field

from .base import Strict, Text


class PatientText(Strict):
    title: Text
    subtitle: Text | None = None
    intro: list[Text] = Field(min_length=1)
    can_do: list[Text] = Field(min_length=1)
    cannot_do: list[Text] = Field(min_length=1)
    session: list[Text] = Field(min_length=1)
    tell_therapist: list[Text] = Field(min_length=1, max_length=9)
    warning_intro: Text
    home_intro: Text
    plan_intro: Text
    closing: Text
