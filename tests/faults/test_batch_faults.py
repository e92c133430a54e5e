"""Batches under faults: CSVs as spreadsheets really save them, files that are not CSVs at
all, absurd requests, awkward names, and a batch killed half-way and run again."""

from __future__ import annotations

import codecs
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import PROTOCOLS, fragments, invoke, normalise, read_pdf
from handbook.errors import BatchFileError, PlanError
from handbook.plans.csv_rows import parse_date, read_requests

HEADER = "patient,protocol,start"


def csv_file(tmp_path: Path, data: bytes | str, name: str = "plans.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def requests_of(path: Path, **options):
    requests, failures = read_requests(path, **options)
    return [(line, request.patient, request.protocol, request.start.isoformat())
            for line, request in requests], failures


# -- how spreadsheets save CSV ------------------------------------------------------------------


RUSSIAN = "пациент;протокол;начало\nАнна Петрова;lumbar-hernia-classic;01.12.2026\n" \
          "Ёлкина Юлия;cervical-hernia;02.12.2026\n"
GERMAN = "Patient;Protocol;Start\nJürgen Müller;lumbar-hernia-classic;01.12.2026\n" \
         "Grete Weiß;cervical-hernia;02.12.2026\n"
EXPECTED_RUSSIAN = [(2, "Анна Петрова", "lumbar-hernia-classic", "2026-12-01"),
                    (3, "Ёлкина Юлия", "cervical-hernia", "2026-12-02")]
EXPECTED_GERMAN = [(2, "Jürgen Müller", "lumbar-hernia-classic", "2026-12-01"),
                   (3, "Grete Weiß", "cervical-hernia", "2026-12-02")]


@pytest.mark.parametrize("text, encode, expected", [
    (RUSSIAN, lambda text: text.encode("utf-8"), EXPECTED_RUSSIAN),
    (RUSSIAN, lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), EXPECTED_RUSSIAN),
    (RUSSIAN, lambda text: text.encode("utf-16"), EXPECTED_RUSSIAN),
    (RUSSIAN.replace(";", "\t"), lambda text: text.encode("utf-16"), EXPECTED_RUSSIAN),
    (RUSSIAN.replace("\n", "\r\n"), lambda text: text.encode("cp1251"), EXPECTED_RUSSIAN),
    (GERMAN, lambda text: text.encode("cp1252"), EXPECTED_GERMAN),
    (GERMAN.replace(";", ","), lambda text: text.encode("utf-8-sig"), EXPECTED_GERMAN),
], ids=["utf-8 semicolons", "utf-8 with BOM", "utf-16 'Unicode text'", "utf-16 tabs",
        "windows-1251", "windows-1252", "commas"])
def test_csvs_as_spreadsheets_save_them(tmp_path, text, encode, expected):
    assert requests_of(csv_file(tmp_path, encode(text))) == (expected, [])


def test_header_names_ignore_case_and_spaces(tmp_path):
    path = csv_file(tmp_path, " Patient ,PROTOCOL, start \nA,lumbar-hernia-classic,2026-12-01\n")
    assert requests_of(path)[0] == [(2, "A", "lumbar-hernia-classic", "2026-12-01")]


def test_a_short_cyrillic_name_in_windows_1251_is_not_garbled(tmp_path):
    # Read as Windows-1252 it would be "Ðåæå", four accented letters and no word at all.
    path = csv_file(tmp_path, f"{HEADER}\n".encode() + "Реже,x,2026-12-01\n".encode("cp1251"))
    assert requests_of(path)[0] == [(2, "Реже", "x", "2026-12-01")]


def test_a_legacy_file_that_cannot_be_told_apart_is_refused(tmp_path):
    # Only symbols beyond ASCII: both code pages read it, neither gives words to judge by.
    path = csv_file(tmp_path, f"{HEADER}\n".encode() + "A ©®,x,2026-12-01\n".encode("cp1252"))
    with pytest.raises(BatchFileError) as refused:
        read_requests(path)
    message = str(refused.value)
    assert "not UTF-8" in message and "CSV UTF-8" in message and "Windows-125" in message


@pytest.mark.parametrize("text, expected", [
    ("2026-12-01", "2026-12-01"), ("01.12.2026", "2026-12-01"), ("1.2.2026", "2026-02-01"),
    ("2026-12-01 00:00:00", "2026-12-01")])
def test_dates_as_spreadsheets_show_them(text, expected):
    assert parse_date(text).isoformat() == expected


def test_a_slashed_date_is_never_guessed():
    with pytest.raises(PlanError, match="could be read as 1 February or 2 January"):
        parse_date("01/02/2026")
    with pytest.raises(PlanError, match="--date-format"):
        parse_date("25/12/2026")
    assert parse_date("01/02/2026", "DD/MM/YYYY").isoformat() == "2026-02-01"
    assert parse_date("01/02/2026", "MM/DD/YYYY").isoformat() == "2026-01-02"


def test_the_batch_command_takes_a_date_format(tmp_path):
    path = csv_file(tmp_path, f"{HEADER}\nA,lumbar-hernia-classic,01/02/2026\n")
    refused = invoke("batch", path, "-o", tmp_path / "out", "--source", PROTOCOLS)
    assert refused.exit_code == 1 and "could be read as" in refused.output
    built = invoke("batch", path, "-o", tmp_path / "out", "--source", PROTOCOLS,
                   "--date-format", "DD/MM/YYYY")
    assert built.exit_code == 0, built.output
    assert [path.name for path in (tmp_path / "out").glob("*.pdf")] == ["a_2026-02-01.pdf"]


# -- files that are not usable CSVs -----------------------------------------------------------


@pytest.mark.parametrize("data, message", [
    (b"", "the file is empty"),
    (b"\xef\xbb\xbf\r\n", "the file is empty"),
    (f"{HEADER}\n".encode(), "has a header row but no rows"),
    (b"%PDF-1.7\x00\x01\x02binary", "not a text file"),
    (b"patient protocol start\nA lumbar 2026-12-01\n", "missing: patient, protocol, start"),
    (f"{HEADER},patient\nA,b,2026-12-01,c\n".encode(), "given twice: patient"),
    (b"x" * 10_000_001, "larger than 10 MB"),
])
def test_unusable_files_are_refused_whole(tmp_path, data, message):
    result = invoke("batch", csv_file(tmp_path, data), "-o", tmp_path / "out",
                    "--source", PROTOCOLS)
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_an_enormous_number_of_rows_is_refused(tmp_path):
    rows = "".join(f"P{number},lumbar-hernia-classic,2026-12-01\n" for number in range(10_001))
    result = invoke("batch", csv_file(tmp_path, f"{HEADER}\n{rows}"), "-o", tmp_path / "out",
                    "--source", PROTOCOLS)
    assert result.exit_code == 1 and "more than 10000 rows" in result.output


@pytest.mark.parametrize("row, message", [
    ("A,lumbar-hernia-classic,2026-12-01,,99999999999999999999", "allows at most"),
    ("A,lumbar-hernia-classic,2026-12-01,100000,", "every 60 days or fewer"),
    ("A,lumbar-hernia-classic,9999-12-01,,", "between 2000 and 2099"),
    ("A,lumbar-hernia-classic,2026-12-01,-3,", "whole number of 1 or more"),
    ("A,lumbar-hernia-classic,2026-12-01", "3 fields where the header has 5"),
    ("Anna\u202eavortep,lumbar-hernia-classic,2026-12-01,,", "invisible control characters"),
])
def test_absurd_rows_are_refused_by_line(tmp_path, row, message):
    path = csv_file(tmp_path, f"{HEADER},every,sessions\n{row}\n")
    result = invoke("batch", path, "-o", tmp_path / "out", "--source", PROTOCOLS)
    assert result.exit_code == 1
    assert f"plans.csv:2: {message}" in normalise(result.output) or message in result.output
    assert "Anna" not in result.output  # rows are named by line, never by patient


# -- names ------------------------------------------------------------------------------------


def test_a_very_long_name_wraps_inside_the_page(tmp_path):
    name = "Ж" * 120  # one word, as long as a name may be
    target = tmp_path / "plan.pdf"
    result = invoke("plan", PROTOCOLS, "--patient", name, "--protocol", "lumbar-hernia-classic",
                    "--start", "2026-12-01", "-o", target)
    assert result.exit_code == 0, result.output
    pdf = read_pdf(target, None)
    for number, page in enumerate(pdf.reader.pages, start=1):
        width = float(page.mediabox.width)
        for y, size, font, text, x in fragments(pdf, number):
            if "Ж" not in text:
                continue  # other runs may wrap within one text object; the name is the test
            assert 0 <= x and x + len(text) * size * 0.3 <= width + 1, (number, text[:20])


def test_characters_the_fonts_lack_are_said_not_hidden(tmp_path):
    target = tmp_path / "plan.pdf"
    result = invoke("plan", PROTOCOLS, "--patient", "Dana שלום Levi", "--protocol",
                    "lumbar-hernia-classic", "--start", "2026-12-01", "-o", target)
    assert result.exit_code == 0, result.output
    assert "4 characters the handbook's fonts cannot print (U+05D5, U+05DC, U+05DD, U+05E9)" \
        in result.output
    assert "Dana" not in result.output  # the warning names characters, not the patient
    text = normalise(read_pdf(target, None).text())
    assert "Course plan for Dana ???? Levi" in text


# -- a batch killed half-way -------------------------------------------------------------------


def test_a_killed_batch_runs_again_to_completion(tmp_path):
    rows = "".join(f"Patient {number},lumbar-hernia-classic,2026-12-{number:02d}\n"
                   for number in range(1, 13))
    path = csv_file(tmp_path, f"{HEADER}\n{rows}")
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "handbook", "batch", str(path), "-o", str(out), "--source",
         str(PROTOCOLS), "--jobs", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.pdf"))) < 3:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    result = invoke("batch", path, "-o", out, "--source", PROTOCOLS, "--jobs", "2")
    assert result.exit_code == 0, result.output
    plans = sorted(out.glob("*.pdf"))
    assert len(plans) == 12
    for plan in plans:
        assert len(PdfReader(plan).pages) >= 3
    assert sorted(path.name for path in out.iterdir() if not path.name.endswith(".pdf")) == [
        ".handbook-plans.json"]
