"""A build, a plan, a batch and an interrupted build leave nothing in the temporary folder:
WeasyPrint's copies of the fonts (one folder per worker, never removed by WeasyPrint itself)
go in the run's own folder, removed when the run ends, and a run killed outright has its
folder removed by the next one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, PROTOCOLS


def run(tmp_path: Path, *arguments: str, wait: bool = True):
    environment = {**os.environ, "TMPDIR": str(tmp_path / "tmp"),
                   "HANDBOOK_CACHE": str(tmp_path / "cache")}
    (tmp_path / "tmp").mkdir(exist_ok=True)
    command = [sys.executable, "-m", "handbook", *arguments]
    if not wait:
        return subprocess.Popen(command, env=environment, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=300)


def leftovers(tmp_path: Path) -> list[str]:
    return sorted(path.name for path in (tmp_path / "tmp").iterdir())


@pytest.mark.parametrize("arguments", [
    ("build", str(FIXTURES / "minimal"), "--no-cache", "--jobs", "2", "-o", "{out}/h.pdf"),
    ("build", str(FIXTURES / "minimal"), "--no-cache", "--jobs", "1", "-o", "{out}/h.pdf"),
    ("build", str(FIXTURES / "minimal"), "--pdf-variant", "pdf/a-3u", "-o", "{out}/a.pdf"),
    ("plan", str(FIXTURES / "minimal"), "--patient", "Anna", "--protocol", "neck-basic",
     "--start", "2026-12-07", "-o", "{out}/p.pdf"),
])
def test_a_run_leaves_no_temporary_files(tmp_path, arguments):
    completed = run(tmp_path, *(argument.format(out=tmp_path) for argument in arguments))
    assert completed.returncode == 0, completed.stderr
    assert leftovers(tmp_path) == []


def test_a_batch_leaves_no_temporary_files(tmp_path):
    plans = tmp_path / "plans.csv"
    plans.write_text("patient,protocol,start\n" + "".join(
        f"Patient {number},neck-basic,2026-12-0{number}\n" for number in range(1, 5)))
    completed = run(tmp_path, "batch", str(plans), "-o", str(tmp_path / "out"), "--source",
                    str(FIXTURES / "minimal"), "--jobs", "2")
    assert completed.returncode == 0, completed.stderr
    assert leftovers(tmp_path) == []


def test_an_interrupted_build_leaves_no_temporary_files(tmp_path):
    process = run(tmp_path, "build", str(PROTOCOLS), "--no-cache", "-o", str(tmp_path / "h.pdf"),
                  wait=False)
    deadline = time.monotonic() + 60
    while not any((tmp_path / "tmp").glob("handbook-run-*/weasyprint-*")):  # typesetting
        assert time.monotonic() < deadline and process.poll() is None, process.stderr.read()
        time.sleep(0.1)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 130
    assert "Interrupted" in process.stderr.read()
    assert leftovers(tmp_path) == [] and not (tmp_path / "h.pdf").exists()


def test_the_folder_of_a_run_killed_outright_is_removed_by_the_next(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    orphan = tmp_path / "tmp" / f"handbook-run-{dead}-x1"
    (orphan / "weasyprint-abc").mkdir(parents=True)
    completed = run(tmp_path, "validate", str(FIXTURES / "minimal"))
    assert completed.returncode == 0, completed.stderr
    assert leftovers(tmp_path) == []
