"""The fixed words of one edition, in the edition's language: catalogues, plurals, numbers,
dates and typography.

Every word the tool itself prints (part titles, table headers, form labels, units,
"Page X of Y", dates) comes from a gettext catalogue per language,
``handbook/locale/<language>/LC_MESSAGES/handbook.po``, kept in the repository,
extracted with Babel from the templates and from Python (``make messages``) and
read at run time.  Numbers, plurals and dates follow the language's rules
through Babel (CLDR): "1 сеанс, 2 сеанса, 5 сеансов", "пн, 1 декабря 2026 г.".
The language comes from the edition (``language:`` in handbook.yaml), never
from the machine's locale.
"""

from __future__ import annotations

import datetime
import io
import re
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from ..resources import LOCALE, catalogue_languages

if TYPE_CHECKING:
    from babel.support import Translations

    from ..source.models import Range

DOMAIN = "handbook"
NBSP = "\u00a0"


def N_(message: str) -> str:  # noqa: N802 - the marker Babel looks for
    """Marks a message for the catalogue where it is defined; translated where it is used."""
    return message


def catalogue_language(language: str) -> str | None:
    """The catalogue for an edition's ``language`` (``en-GB`` is served by ``en``)."""
    primary = language.split("-")[0].lower()
    return primary if primary in catalogue_languages() else None


@lru_cache(maxsize=4)
def translations(language: str) -> Translations:
    """The compiled catalogue of ``language``, read from its .po file."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with open(LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as stream:
        catalog = read_po(stream, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


class Words:
    """The wording of one language: messages, quantities, dates and typography."""

    def __init__(self, language: str = "en"):
        self.language = catalogue_language(language) or "en"
        self.translations = translations(self.language)
        self.tag = language  # "en-GB": dates as British readers write them

    @cached_property
    def locale(self):
        from babel import Locale

        return Locale.parse(self.language)

    @cached_property
    def date_locale(self):
        """The edition's own locale for dates ("en-GB" writes 7 Dec, "en" Dec 7), or the
        catalogue's where Babel does not know the tag."""
        from babel import Locale, UnknownLocaleError

        try:
            return Locale.parse(self.tag, sep="-")
        except (ValueError, UnknownLocaleError):
            return self.locale

    # -- messages --------------------------------------------------------------------

    def gettext(self, message: str, **values) -> str:
        """``message`` translated; ``{name}`` fields filled from ``values``."""
        text = self.translations.gettext(message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, count: float, **values) -> str:
        """The form for ``count``; ``{count}`` is the number as the language writes it."""
        text = self.translations.ngettext(singular, plural, _plural_count(count))
        return text.format(count=self.number(count), **values)

    # -- numbers and quantities -------------------------------------------------------

    def number(self, value: float) -> str:
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.locale)

    def quantity(self, value: float, unit: str) -> str:
        """"5 minutes", "5 минут": the number and its unit, never broken apart."""
        return f"{self.number(value)}{NBSP}{unit_word(self.translations, unit, value)}"

    def range(self, value: Range) -> str:
        """How a range reads: "6–7 times", "15 minutes or more", "up to 15 sessions"."""
        if value.min is None:
            amount = f"{self.number(value.max)}{NBSP}" + unit_word(
                self.translations, value.unit, value.max, up_to=True)
            return self.gettext("up to {amount}", amount=amount)
        if value.max is None:
            return self.gettext("{amount} or more", amount=self.quantity(value.min, value.unit))
        if value.exact:
            return self.quantity(value.min, value.unit)
        return (f"{self.number(value.min)}–{self.number(value.max)}{NBSP}"
                f"{unit_word(self.translations, value.unit, value.max)}")

    def short_range(self, value: Range) -> str:
        """The numbers only, for a narrow column: "5–7", "15+", "≤15"."""
        if value.min is None:
            return f"≤{self.number(value.max)}"
        if value.max is None:
            return f"{self.number(value.min)}+"
        if value.exact:
            return self.number(value.min)
        return f"{self.number(value.min)}–{self.number(value.max)}"

    # -- dates ------------------------------------------------------------------------

    def day(self, day: datetime.date) -> str:
        """A session's date, with its weekday so nobody miscounts, as the edition's language
        writes it (its CLDR long date after the short weekday): "Mon, December 7, 2026",
        "Mon, 7 December 2026" (en-GB), "пн, 7 декабря 2026 г."."""
        from babel.dates import format_date

        long = self.date_locale.date_formats["long"].pattern
        return _printable(format_date(day, f"EEE, {long}", locale=self.date_locale))

    def date(self, day: datetime.date) -> str:
        """A date in running text: "November 22, 2026", "22 ноября 2026 г."."""
        from babel.dates import format_date

        return _printable(format_date(day, "long", locale=self.date_locale))

    # -- typography -------------------------------------------------------------------

    def typeset(self, text: str) -> str:
        """Text as the language sets it: a number never leaves its unit, nor a dash the
        word before it; in Russian, short prepositions and conjunctions hold to the next
        word and straight quotes become «ёлочки»."""
        text = _NUMBER_AND_WORD.sub(rf"\1{NBSP}", text)
        text = _BEFORE_DASH.sub(f"{NBSP}—", text)
        if self.language == "ru":
            text = _SHORT_RU.sub(rf"\1{NBSP}", text)
            text = _STRAIGHT_QUOTES.sub("«\\1»", text)
        return text


def _printable(text: str) -> str:
    """CLDR's narrow no-break space (before "г.") is not in the handbook's fonts: a plain
    no-break space holds the same words together."""
    return text.replace("\u202f", NBSP)


def unit_word(translations: Translations, unit: str, count: float, *, up_to: bool = False) -> str:
    """The unit's word for ``count`` of it (after "up to", the case that follows it)."""
    count = _plural_count(count)
    if up_to:
        return _UP_TO[unit](translations, count)
    return _AFTER_NUMBER[unit](translations, count)


def _plural_count(count: float) -> int:
    """gettext counts are whole; a fraction takes the form of 2 ("1.5 hours", "1,5 часа")."""
    return int(count) if float(count).is_integer() else 2


# The literal calls let Babel extract every unit's forms.
_AFTER_NUMBER = {
    "times": lambda t, n: t.ngettext("time", "times", n),
    "seconds": lambda t, n: t.ngettext("second", "seconds", n),
    "minutes": lambda t, n: t.ngettext("minute", "minutes", n),
    "hours": lambda t, n: t.ngettext("hour", "hours", n),
    "days": lambda t, n: t.ngettext("day", "days", n),
    "weeks": lambda t, n: t.ngettext("week", "weeks", n),
    "months": lambda t, n: t.ngettext("month", "months", n),
    "years": lambda t, n: t.ngettext("year", "years", n),
    "sessions": lambda t, n: t.ngettext("session", "sessions", n),
    "courses": lambda t, n: t.ngettext("course", "courses", n),
    "cm": lambda t, n: t.ngettext("cm", "cm", n),
}
_UP_TO = {
    "times": lambda t, n: t.npgettext("up to", "time", "times", n),
    "seconds": lambda t, n: t.npgettext("up to", "second", "seconds", n),
    "minutes": lambda t, n: t.npgettext("up to", "minute", "minutes", n),
    "hours": lambda t, n: t.npgettext("up to", "hour", "hours", n),
    "days": lambda t, n: t.npgettext("up to", "day", "days", n),
    "weeks": lambda t, n: t.npgettext("up to", "week", "weeks", n),
    "months": lambda t, n: t.npgettext("up to", "month", "months", n),
    "years": lambda t, n: t.npgettext("up to", "year", "years", n),
    "sessions": lambda t, n: t.npgettext("up to", "session", "sessions", n),
    "courses": lambda t, n: t.npgettext("up to", "course", "courses", n),
    "cm": lambda t, n: t.npgettext("up to", "cm", "cm", n),
}

_NUMBER_AND_WORD = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?(?:[–-]\d+(?:[.,]\d+)?)?|№) (?=\w)")
_BEFORE_DASH = re.compile(r" —")
#: Prepositions, conjunctions and particles that must not end a line.
_SHORT_RU = re.compile(
    r"(?<![\w-])((?i:в|во|и|к|ко|с|со|о|об|обо|у|а|но|на|по|до|от|за|из|не|ни|для|без|при|"
    r"под|над|или|ли|же|бы|то|их|его|её|ее|это|что|как)) ")
_STRAIGHT_QUOTES = re.compile(r'"([^"\n]+)"')
