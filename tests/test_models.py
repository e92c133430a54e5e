"""Ranges, dosage progressions and checklist blocks."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from handbook.edition import dosing
from handbook.edition import safety
from handbook.source.models import Course, Dosage, Range


@pytest.mark.parametrize("text, expected, printed", [
    ("6-7 times", (6, 7, "times"), "6–7 times"),
    ("5–7 minutes", (5, 7, "minutes"), "5–7 minutes"),
    ("15+ minutes", (15, None, "minutes"), "15 minutes or more"),
    ("up to 15 sessions", (None, 15, "sessions"), "up to 15 sessions"),
    ("10 sessions", (10, 10, "sessions"), "10 sessions"),
    ("1 time", (1, 1, "times"), "1 time"),
    ("10-30 s", (10, 30, "seconds"), "10–30 seconds"),
    ("2-3 months", (2, 3, "months"), "2–3 months"),
    ("up to 2 cm", (None, 2, "cm"), "up to 2 cm"),
])
def test_compact_ranges(text, expected, printed):
    value = Range.model_validate(text)
    assert (value.min, value.max, value.unit) == expected
    assert str(value) == printed


def test_mapping_form_is_the_same_range():
    assert Range.model_validate({"min": 6, "max": 7, "unit": "times"}) == Range.model_validate("6-7 times")


@pytest.mark.parametrize("text, message", [
    ("twice", "is not a range"),
    ("7-5 minutes", r"'min' \(7\) is larger than 'max' \(5\)"),
    ("5 parsecs", "'parsecs' is not a unit"),
])
def test_bad_ranges(text, message):
    with pytest.raises(ValidationError, match=message):
        Range.model_validate(text)


def test_a_protocol_dosage_must_limit_the_session():
    from handbook.source.models.treatments import Protocol
    field = Protocol.model_fields["dosage"]
    assert field.is_required()
    with pytest.raises(ValueError, match="must limit the session length"):
        Protocol._session_length_given(Dosage(per_day="2 times"))


def test_planned_minutes_climb_to_the_later_dose_by_mid_course():
    dosage = Dosage(first_sessions="5-7 minutes", later_sessions="15+ minutes")
    assert dosing.planned_minutes(dosage, 10) == ["5–7", "9", "11", "13", "15+", "15+", "15+",
                                                  "15+", "15+", "15+"]


def test_planned_minutes_without_a_later_dose_stay_at_the_first():
    assert dosing.planned_minutes(Dosage(session="30 minutes"), 3) == ["30", "30", "30"]


def test_course_rows_follow_the_course():
    assert dosing.course_sessions(Course(sessions="up to 15 sessions"), Dosage(session="30 minutes")) == 15
    assert dosing.course_sessions(Course(length="10-20 days"), Dosage(session="30 minutes")) == 20
    assert dosing.course_sessions(Course(notes=["no figure"]), Dosage(session="30 minutes")) == dosing.DEFAULT_SESSIONS


def test_long_tiers_split_into_blocks_of_at_most_nine(library):
    blocks = safety.tier_blocks(library, library.contraindications)
    assert all(1 <= len(block.items) <= safety.MAX_BLOCK for block in blocks)
    assert sum(len(block.items) for block in blocks) == len(library.contraindications)
    tiers = [block.title.split(" (")[0] for block in blocks]
    assert tiers == sorted(tiers, key=["Absolute", "Local", "Relative"].index)
