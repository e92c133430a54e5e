"""The wording of the clinical forms: when each is run, by whom, and its items.

Checklists follow the rules behind the WHO Surgical Safety Checklist: say when
and by whom the list is run, keep a block to a handful of plain items, and
answer each with a box.  The limits below enforce the block sizes.
"""

from __future__ import annotations

from pydantic import Field

from .base import Strict, Text


class FormHeader(Strict):
    """The head of every checklist: its name, when and by whom it is run, and how."""

    title: Text = Field(description="The form's heading.", examples=["Before each session"])
    when: Text = Field(description="When the form is run.",
                       examples=["At the start of every session."])
    who: Text = Field(description="Who runs it.", examples=["The therapist, with the patient."])
    how: Text = Field(description="How it is answered.",
                      examples=["Confirm each point; any No means the session does not start."])


class Screening(FormHeader):
    """Read-do: the questions come from the contraindication and red-flag catalogues."""

    red_flags_title: Text = Field(
        description="The heading of the form's red-flag block.",
        examples=["Red flags (signs of nerve compression or serious disease)"])
    scope: Text = Field(
        description="The scope line of the blank screening form: what it asks and what each "
                    "protocol's own checklist adds.",
        examples=["These are the contraindications of every treatment; each protocol's "
                  "checklist adds those of its region and method."])


class ProtocolChecklistText(Strict):
    """The wording printed on every protocol's contraindication checklist."""

    rule: Text = Field(
        description="The line under the checklist's heading: when the list is run.",
        examples=["Rule out every line before the first session of a course; the red flags "
                  "are asked again before every session."])


class CourseLogText(Strict):
    """The clinical wording printed on course logs."""

    planned_minutes_rule: Text = Field(
        description="How the planned minutes printed in a protocol's log were worked out "
                    "(they rise evenly from the first to the later dose by mid-course).",
        examples=["Planned minutes rise in even steps from the first-session dose to the "
                  "later dose by the middle of the course, then stay there."])
    blank_rule: Text = Field(
        description="The note on the blank course log, whose planned minutes are empty.",
        examples=["Fill in the planned minutes from the protocol's dosage."])
    meaningful_change: Text = Field(
        description="The summary row's reading of the pain change, printed after the blanks.",
        examples=["A fall of 2 points or 30 % is clinically meaningful."])


class SessionCheck(FormHeader):
    items: list[Text] = Field(min_length=3, max_length=7,
                              description="The points to confirm, 3 to 7 of them.",
                              examples=[["Temperature normal and the patient feels well"]])


class Forms(Strict):
    """Every form the handbook prints, and the advice handed out for home."""

    screening: Screening = Field(description="The screening form run before a course.",
                                 examples=[{"title": "Before the course: screening"}])
    before_session: SessionCheck = Field(description="The check before each session.",
                                         examples=[{"title": "Before each session"}])
    after_session: SessionCheck = Field(description="The check after each session.",
                                        examples=[{"title": "After each session"}])
    home_advice: list[Text] = Field(min_length=1, max_length=9,
                                    description="Advice for between sessions, up to 9 lines.",
                                    examples=[["Keep up the exercises your doctor gave you."]])
    protocol_checklist: ProtocolChecklistText = Field(
        description="The wording of every protocol's checklist.",
        examples=[{"rule": "Rule out every line before the first session of a course."}])
    course_log: CourseLogText = Field(
        description="The wording of the course logs.",
        examples=[{"blank_rule": "Fill in the planned minutes from the protocol's dosage."}])
