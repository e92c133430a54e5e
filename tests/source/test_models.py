"""Ranges and the rules the models hold."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from handbook.source.models import Dosage, Range


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
    from handbook.source.models import Protocol
    field = Protocol.model_fields["dosage"]
    assert field.is_required()
    with pytest.raises(ValueError, match="must limit the session length"):
        Protocol._session_length_given(Dosage(per_day="2 times"))
