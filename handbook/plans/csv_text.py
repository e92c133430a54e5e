"""A batch CSV's bytes as text, the way spreadsheets write them.

Spreadsheets save CSV as UTF-8 (with or without a byte-order mark), as UTF-16
("Unicode text", always with a mark), or, in older programs, in the Windows
code page of the machine: Windows-1251 for Cyrillic, Windows-1252 for Western
European names.  UTF-8 and UTF-16 are certain.  A legacy file is read only
when exactly one of the two code pages gives real words: a Cyrillic file read
as Windows-1252 gives words of accented letters only ("Ðåæå"), a Western one
read as Windows-1251 mixes alphabets inside a word ("Mьller").  When both or
neither read as words, the file is refused with how to save it as UTF-8, so a
plan never prints a garbled name.  (A statistical detector, charset-normalizer,
was tried: it read short Cyrillic names as Windows-1252, so it does not decide.)
"""

from __future__ import annotations

import codecs
import re

from ..errors import BatchFileError

#: Far beyond any clinic's week of plans (10,000 rows of a few hundred bytes).
MAX_BYTES = 10_000_000
LEGACY = {"cp1251": "Windows-1251 (Cyrillic)", "cp1252": "Windows-1252 (Western European)"}
RESAVE = ("open it in the spreadsheet program and save it again as \"CSV UTF-8\" "
          "(in LibreOffice: Save As, CSV, character set Unicode (UTF-8))")
_WORD = re.compile(r"[^\W\d_]+")


def decode(raw: bytes, shown: str) -> str:
    """The text of a CSV file, or BatchFileError saying why it cannot be read."""
    if len(raw) > MAX_BYTES:
        raise BatchFileError(f"{shown}: the file is larger than {MAX_BYTES // 1_000_000} MB; "
                             "split it into smaller batches")
    if not raw.strip(b" \t\r\n\xef\xbb\xbf"):
        raise BatchFileError(f"{shown}: the file is empty; it needs a header row "
                             "(patient, protocol, start) and one row per plan")
    for mark, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                           (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(mark):
            return _strict(raw, encoding, shown)
    if b"\x00" in raw:
        raise BatchFileError(f"{shown}: this is not a text file (it holds NUL bytes); "
                             f"export the plans as CSV: {RESAVE}")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return _legacy(raw, shown)


def _strict(raw: bytes, encoding: str, shown: str) -> str:
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        raise BatchFileError(f"{shown}: the file says it is {encoding.upper().split('-SIG')[0]} "
                             f"but is damaged; {RESAVE}") from None
    if "\x00" in text:
        raise BatchFileError(f"{shown}: this is not a text file (it holds NUL characters); "
                             f"{RESAVE}")
    return text


def _legacy(raw: bytes, shown: str) -> str:
    readings = {}
    for encoding in LEGACY:
        try:
            readings[encoding] = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    plausible = [encoding for encoding, text in readings.items() if _real_words(text, encoding)]
    if len(plausible) == 1:
        return readings[plausible[0]]
    seems = " or ".join(LEGACY[encoding] for encoding in (plausible or readings))
    raise BatchFileError(f"{shown}: this file is not UTF-8; it may be {seems}, but its names "
                         f"cannot be read with certainty; {RESAVE}")


def _real_words(text: str, encoding: str) -> bool:
    """Whether every word of ``text`` read in ``encoding`` looks like a word of a name."""
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        cyrillic = sum("\u0400" <= character <= "\u04ff" for character in word)
        ascii_letters = sum(character.isascii() for character in word)
        if encoding == "cp1251" and (ascii_letters or cyrillic < len(word)):
            return False  # alphabets mixed inside one word
        if encoding == "cp1252" and (cyrillic or not ascii_letters):
            return False  # a Western word has plain letters beside its accented ones
    return True


def delimiter_of(header_line: str) -> str:
    """The field separator: whichever of comma, semicolon and tab the header row uses most
    (a header names at least three columns, so it holds at least two separators)."""
    counts = {separator: _unquoted(header_line).count(separator) for separator in ",;\t"}
    return max(counts, key=lambda separator: (counts[separator], separator == ","))


def _unquoted(line: str) -> str:
    return re.sub(r'"[^"]*"', "", line)
