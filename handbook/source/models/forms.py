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
    items: list[Text] = Field(min_length=3, max_length=7)


class Forms(Strict):
    screening: Screening
    before_session: SessionCheck
    after_session: SessionCheck
    home_advice: list[Text] = Field(min_length=1, max_length=9)
    protocol_checklist: ProtocolChecklistText
    course_log: CourseLogText
