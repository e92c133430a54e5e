"""Dosage progressions, course rows and checklist blocks."""

from __future__ import annotations


from handbook.edition import dosing, safety
from handbook.edition.words import Words
from handbook.source.models import Course, Dosage


def planned(dosage: Dosage, sessions: int, language: str = "en") -> list[str]:
    words = Words(language)
    return [words.short_range(minutes) for minutes in dosing.planned_minutes(dosage, sessions)]


def test_planned_minutes_climb_to_the_later_dose_by_mid_course():
    dosage = Dosage(first_sessions="5-7 minutes", later_sessions="15+ minutes")
    assert planned(dosage, 10) == ["5–7", "9", "11", "13", "15+", "15+", "15+", "15+", "15+",
                                   "15+"]


def test_planned_minutes_without_a_later_dose_stay_at_the_first():
    assert planned(Dosage(session="30 minutes"), 3) == ["30", "30", "30"]


def test_planned_minutes_climb_in_whole_minutes_in_every_language():
    dosage = Dosage(first_sessions="5-7 minutes", later_sessions="15+ minutes")
    assert planned(dosage, 10, "ru") == planned(dosage, 10, "en")


def test_course_rows_follow_the_course():
    assert dosing.course_sessions(Course(sessions="up to 15 sessions"), Dosage(session="30 minutes")) == 15
    assert dosing.course_sessions(Course(length="10-20 days"), Dosage(session="30 minutes")) == 20
    assert dosing.course_sessions(Course(notes=["no figure"]), Dosage(session="30 minutes")) == dosing.DEFAULT_SESSIONS


def test_long_tiers_split_into_blocks_of_at_most_nine(library):
    blocks = safety.tier_blocks(library, library.contraindications, Words("en"))
    assert all(1 <= len(block.items) <= safety.MAX_BLOCK for block in blocks)
    assert sum(len(block.items) for block in blocks) == len(library.contraindications)
    tiers = [block.title.split(" (")[0] for block in blocks]
    assert tiers == sorted(tiers, key=["Absolute", "Until cleared", "Local", "Relative"].index)
