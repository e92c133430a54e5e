"""The fixed words in the edition's language: catalogues, plurals, ranges, dates, typography."""

from __future__ import annotations

import datetime

import pytest

from handbook.edition.words import NBSP, Words
from handbook.source.models import Range

RU, EN = Words("ru"), Words("en")


@pytest.mark.parametrize("count, russian", [
    (1, "1 сеанс"), (2, "2 сеанса"), (5, "5 сеансов"), (11, "11 сеансов"), (12, "12 сеансов"),
    (21, "21 сеанс"), (22, "22 сеанса"), (25, "25 сеансов"), (111, "111 сеансов")])
def test_russian_plurals(count, russian):
    assert RU.quantity(count, "sessions") == russian.replace(" ", NBSP)


@pytest.mark.parametrize("count, english", [(1, "1 session"), (2, "2 sessions"),
                                            (21, "21 sessions"), (111, "111 sessions")])
def test_english_plurals(count, english):
    assert EN.quantity(count, "sessions") == english.replace(" ", NBSP)


@pytest.mark.parametrize("text, russian, english", [
    ("6-7 times", "6–7 раз", "6–7 times"),
    ("2-3 times", "2–3 раза", "2–3 times"),
    ("5-7 minutes", "5–7 минут", "5–7 minutes"),
    ("1 time", "1 раз", "1 time"),
    ("15+ minutes", "15 минут и более", "15 minutes or more"),
    ("up to 15 sessions", "до 15 сеансов", "up to 15 sessions"),
    ("up to 1 week", "до 1 недели", "up to 1 week"),
    ("up to 2 weeks", "до 2 недель", "up to 2 weeks"),
    ("2-3 months", "2–3 месяца", "2–3 months"),
    ("1.5 hours", "1,5 часа", "1.5 hours"),
])
def test_ranges_read_as_each_language_writes_them(text, russian, english):
    value = Range.model_validate(text)
    assert RU.range(value).replace(NBSP, " ") == russian
    assert EN.range(value).replace(NBSP, " ") == english


def test_a_number_never_leaves_its_unit():
    assert NBSP in RU.range(Range.model_validate("5-7 minutes"))
    assert RU.range(Range.model_validate("5-7 minutes")).split(NBSP) == ["5–7", "минут"]


@pytest.mark.parametrize("day, russian, english, british", [
    (datetime.date(2026, 12, 1), "вт, 1 декабря 2026 г.", "Tue, December 1, 2026",
     "Tue, 1 December 2026"),
    (datetime.date(2026, 12, 7), "пн, 7 декабря 2026 г.", "Mon, December 7, 2026",
     "Mon, 7 December 2026"),
])
def test_session_dates_as_the_language_writes_them(day, russian, english, british):
    assert RU.day(day).replace(NBSP, " ") == russian and EN.day(day) == english
    assert Words("en-GB").day(day) == british


def test_russian_typography():
    text = RU.typeset('Массаж в спине и шее — "мягко" 5 минут')
    assert text == f"Массаж в{NBSP}спине и{NBSP}шее{NBSP}— «мягко» 5{NBSP}минут"
    assert EN.typeset('in a "soft" way') == 'in a "soft" way'  # English keeps its quotes


def test_an_unknown_language_is_refused_where_it_is_written(minimal_copy):
    from conftest import invoke
    edition = minimal_copy / "handbook.yaml"
    edition.write_text(edition.read_text().replace("language: en", "language: de"))
    result = invoke("validate", minimal_copy)
    assert result.exit_code == 1
    assert "handbook.yaml:" in result.output and "no printed words for the language 'de'" \
        in result.output and "use one of: en, ru" in result.output


@pytest.mark.parametrize("interval, english, russian", [
    ("1 day", "every 2 days", "каждые 2 дня"),
    ("1-2 days", "every 2–3 days", "каждые 2–3 дня"),
    ("0 days", "daily", "ежедневно"),
])
def test_the_interval_prints_as_plan_every_counts_it(interval, english, russian):
    from handbook.edition.facts import how_often

    value = Range.model_validate(interval)
    assert how_often(value, EN).replace(NBSP, " ") == english
    assert how_often(value, RU).replace(NBSP, " ") == russian
