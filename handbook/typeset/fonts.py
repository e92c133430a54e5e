"""The shipped fonts: which font programs are ours, and one subset of each for a document.

Units mark our fonts instead of embedding them (see engine); the assembler embeds
each font once, subset to every glyph any unit used.  Subsetting is the same as
WeasyPrint's own and is cached by glyph set: an edit rarely brings a new glyph.
"""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..clock import source_date
from ..resources import LAYOUTS
from .cache import digest

if TYPE_CHECKING:
    from .cache import Cache


@lru_cache(maxsize=1)
def known_fonts() -> dict[str, Path]:
    """SHA-256 → file, for the fonts shipped in layouts/fonts/."""
    return {font_key(path): path for path in sorted((LAYOUTS / "fonts").glob("*.ttf"))}


def font_key(path: Path) -> str:
    """How a marked font program names its font: the SHA-256 of the font file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def printable_characters() -> frozenset[int]:
    """The code points every shipped font draws: what the handbook can print anywhere."""
    from fontTools.ttLib import TTFont

    maps = [set(TTFont(path, lazy=True).getBestCmap()) for path in known_fonts().values()]
    return frozenset(set.intersection(*maps)) if maps else frozenset()


def unprintable(text: str) -> list[str]:
    """The characters of ``text`` (other than spaces) that no shipped font can draw."""
    printable = printable_characters()
    return sorted({character for character in text
                   if not character.isspace() and ord(character) not in printable})


#: The letters names are written in: Basic Latin, Latin-1 and Latin Extended-A, Cyrillic,
#: and the punctuation of dates and names.
ALPHABET = [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x400, 0x460), 0x2013, 0x2014,
            0x2019, 0x201C, 0x201D, 0x2116, 0xAB, 0xBB]


@lru_cache(maxsize=16)
def alphabet_glyphs(font_key: str) -> frozenset[int]:
    """The glyphs of ``ALPHABET`` in a font: padded to them, documents that differ only in
    a name (a batch of plans) share one subset instead of making one each."""
    from fontTools.ttLib import TTFont

    font = TTFont(known_fonts()[font_key], lazy=True)
    cmap, order = font.getBestCmap(), font.getGlyphOrder()
    ids = {name: number for number, name in enumerate(order)}
    return frozenset(ids[cmap[code]] for code in ALPHABET if code in cmap)


class MemoryCache:
    """A cache kept only in this process: for what must never reach the disk (the font
    subsets of documents that name a patient)."""

    folder = None

    def __init__(self, size: int = 64):
        self.entries: dict[str, tuple[dict, bytes]] = {}
        self.size = size

    def get(self, kind: str, key: str):
        return self.entries.get(f"{kind}/{key}")

    def put(self, kind: str, key: str, metadata: dict, data: bytes) -> None:
        if len(self.entries) >= self.size:
            self.entries.pop(next(iter(self.entries)))
        self.entries[f"{kind}/{key}"] = (metadata, data)


def subset(font_key: str, glyph_ids: set[int], epoch: int, cache: Cache) -> bytes:
    """The font program ``font_key`` subset to ``glyph_ids`` (glyph ids kept in place)."""
    key = digest("font", font_key, ",".join(map(str, sorted(glyph_ids))), str(epoch))
    cached = cache.get("fonts", key)
    if cached is not None:
        return cached[1]
    from fontTools import subset as subsetting
    from fontTools.ttLib import TTFont

    options = subsetting.Options(retain_gids=True, passthrough_tables=True,
                                 ignore_missing_glyphs=True, hinting=False, desubroutinize=True)
    options.drop_tables += ["GSUB", "GPOS", "SVG"]
    subsetter = subsetting.Subsetter(options)
    subsetter.populate(gids=sorted(glyph_ids | {0}))
    font = TTFont(io.BytesIO(known_fonts()[font_key].read_bytes()))
    subsetter.subset(font)
    output = io.BytesIO()
    with source_date(epoch):  # fontTools stamps the font with "now"
        font.save(output)
    cache.put("fonts", key, {}, output.getvalue())
    return output.getvalue()
