"""The red flags: signs that stop treatment and send the patient to a doctor.

The compression signs share one emergency action; the signs of another serious
disease carry their own (a suspected fracture needs a doctor today, not an
ambulance).  The forms and the leaflet print each with its action.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Id, Strict, Text

Urgency = Literal["emergency", "today", "this-week"]
#: Fastest first: an urgency later in this list is milder.
URGENCIES: tuple[Urgency, ...] = ("emergency", "today", "this-week")


class RedFlag(Strict):
    """One sign, worded for the therapist, as a question, and for the patient."""

    id: Id = Field(description="The sign's id.", examples=["bladder-bowel", "saddle-numbness"])
    sign: Text = Field(description="The sign as the therapist's card prints it.",
                       examples=["New trouble passing urine, or loss of control of the "
                                 "bladder or bowel"])
    ask: Text = Field(description="The question asked before every session.",
                      examples=["Since the last visit, any new trouble passing urine?"])
    patient: Text = Field(description="The sign in plain words, for the leaflet and plans.",
                          examples=["New trouble passing urine, or losing control of your "
                                    "bladder or bowels"])
    zone: list[Id] = Field(
        default_factory=list,
        description="Zones of zones.yaml to show beside the sign, e.g. the saddle area.",
        examples=[["saddle"]])
    action: Text | None = Field(
        default=None,
        description="What to do when this sign is present, if not the catalogue's emergency "
                    "action (a suspected fracture, say, needs a doctor today, not an ambulance).",
        examples=["No treatment; the doctor sees the patient today to rule out a fracture."])
    patient_action: Text | None = Field(
        default=None,
        description="The same for the patient, in plain words, if not the catalogue's.",
        examples=["See your doctor today, before any more sessions."])
    urgency: Urgency = Field(
        default="emergency",
        description="How soon the patient must be seen: emergency (the catalogue's action), "
                    "today or this-week (the sign's own action); forms and the leaflet group "
                    "the signs by it.", examples=["today"])
    regions: list[Id] = Field(
        default_factory=list,
        description="Regions whose patients are asked this sign; leave out for every patient.",
        examples=[["cervical"]])
    screen: Literal["vascular"] | None = Field(
        default=None,
        description="vascular: the sign is the neck arteries' screen, asked before every "
                    "session of a neck protocol.", examples=["vascular"])
    sources: list[Id] = Field(min_length=1, description="The sources that name the sign.",
                              examples=[["nice-ng59"]])


class RedFlagCatalogue(Strict):
    """red-flags.yaml: the red flags, with the emergency action of the compression signs
    and the action for the signs that carry their own."""

    intro: Text | None = Field(
        default=None,
        description="A paragraph above the red-flag card in the therapist's handbook.",
        examples=["These signs point to pressure on the spinal cord or nerve roots, or to "
                  "another serious disease."])
    action: Text = Field(description="The emergency action for any sign without its own.",
                         examples=["Stop the session and send the patient to emergency care "
                                   "today."])
    referral_action: Text | None = Field(
        default=None,
        description="The checklist's action line for the signs that carry their own action "
                    "(they are asked in one block; the card gives each sign's action).",
        examples=["If any YES: no treatment; the doctor sees the patient first (today after "
                  "a fall or with fever)."])
    at_most: Urgency = Field(
        default="today",
        description="The slowest urgency any sign may have, as the disclaimer promises it: "
                    "today (the same day) or this-week.", examples=["this-week"])
    today_action: Text | None = Field(
        default=None,
        description="The checklist's action line over the signs for a doctor today "
                    "(referral_action if left out).",
        examples=["No treatment; the doctor sees the patient today."])
    week_action: Text | None = Field(
        default=None,
        description="The checklist's action line over the signs for a doctor this week "
                    "(referral_action if left out).",
        examples=["No treatment until the doctor has seen the patient, within the week."])
    patient_action: Text = Field(description="The emergency action in plain words.",
                                 examples=["Stop the course and get medical help today."])
    flags: list[RedFlag] = Field(min_length=1, description="The signs, compression signs first.",
                                 examples=[[{"id": "bladder-bowel", "sign": "…", "ask": "…",
                                             "patient": "…", "sources": ["nice-ng59"]}]])
