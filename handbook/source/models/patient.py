"""Wording for patients: the handout's own text, in plain and calm language.

Where an item of the library needs different words for a patient (a red
flag, a protocol, a method, a condition), it carries a ``patient`` field of
its own; this file holds the prose that exists only for patients.
"""

from __future__ import annotations

from pydantic import Field

from .base import Strict, Text


class PatientText(Strict):
    """The leaflet's prose, in the order a patient reads it."""

    title: Text = Field(description="The leaflet's title.",
                        examples=["Massage for a disc hernia or osteochondrosis"])
    subtitle: Text | None = Field(default=None, description="A line under the title.",
                                  examples=["What it can do and when to get help"])
    intro: list[Text] = Field(min_length=1, description="Why the patient has the leaflet.",
                              examples=[["Keep this leaflet and bring it to your sessions."]])
    can_do: list[Text] = Field(min_length=1, description="What massage can do; no promises "
                                                         "of a cure.",
                               examples=[["Relax the tight muscles around your spine."]])
    cannot_do: list[Text] = Field(min_length=1, description="What massage cannot do.",
                                  examples=[["Massage cannot cure a disc hernia."]])
    session: list[Text] = Field(min_length=1, description="What a session is like.",
                                examples=[["The first sessions are short and gentle."]])
    tell_therapist: list[Text] = Field(min_length=1, max_length=9,
                                       description="What to tell the therapist, up to 9 lines.",
                                       examples=[["Any new numbness, tingling or weakness."]])
    warning_intro: Text = Field(description="The line before the warning signs.",
                                examples=["If you notice any of these signs:"])
    stroke_warning: list[Text] = Field(
        default_factory=list,
        description="For neck patients: what the warning signs of a stroke look like and to "
                    "call emergency services; printed on the leaflet and a neck patient's plan.",
        examples=[["Sudden weakness or numbness of the face, an arm or a leg: call 112."]])
    home_intro: Text = Field(description="The line before the advice for home.",
                             examples=["Between sessions, and after the course has ended:"])
    plan_intro: Text = Field(description="The line at the top of a personal plan.",
                             examples=["Your course at a glance."])
    closing: Text = Field(description="The leaflet's last words.",
                          examples=["Ask your therapist if anything is unclear."])
