"""The output is whole or not at all: atomic writes, Ctrl-C, folders that cannot be written."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, PROTOCOLS, invoke


# -- output --------------------------------------------------------------------------


def test_ctrl_c_exits_130_and_leaves_nothing_behind(tmp_path):
    """A real Ctrl-C (SIGINT to the process group) in the middle of typesetting."""
    import signal
    import subprocess
    import sys

    target = tmp_path / "out" / "handbook.pdf"
    target.parent.mkdir()
    target.write_bytes(b"%PDF earlier")
    process = subprocess.Popen(
        [sys.executable, "-m", "handbook", "build", str(PROTOCOLS), "-o", str(target),
         "--no-cache", "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        preexec_fn=_answer_ctrl_c)
    time.sleep(2.5)  # typesetting by now: the build takes several seconds
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, (stdout, stderr)
    assert "Interrupted" in stderr and "Traceback" not in stderr
    assert target.read_bytes() == b"%PDF earlier"
    assert os.listdir(target.parent) == ["handbook.pdf"]
    assert not session_members(process.pid), "worker processes survived the interrupt"


def _answer_ctrl_c() -> None:
    """A test run in the background inherits an ignored SIGINT; the build it starts must
    not, or Ctrl-C would be tested against a process that cannot hear it."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def session_members(session: int) -> list[int]:
    """Processes still alive in a session (field 6 of /proc/PID/stat), zombies aside."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


def test_interrupted_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    from handbook import files

    target = tmp_path / "handbook.pdf"
    target.write_bytes(b"%PDF earlier")

    def broken_replace(source, destination):
        raise KeyboardInterrupt
    monkeypatch.setattr(files.os, "replace", broken_replace)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomically(target, b"%PDF new")
    assert target.read_bytes() == b"%PDF earlier"
    assert os.listdir(tmp_path) == ["handbook.pdf"]


def test_missing_output_folders_are_created(tmp_path):
    target = tmp_path / "a" / "b" / "handbook.html"
    assert invoke("build", FIXTURES / "minimal", "--format", "html", "-o", target).exit_code == 0
    assert target.is_file()


def test_output_path_that_is_a_folder(tmp_path):
    result = invoke("build", FIXTURES / "minimal", "--format", "html", "-o", tmp_path)
    assert result.exit_code == 1
    assert "is a folder; give a file name" in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_output_folder(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = invoke("build", FIXTURES / "minimal", "--format", "html", "-o", folder / "x.html")
        assert result.exit_code == 1
        assert "cannot write" in result.output and "Permission denied" in result.output
    finally:
        folder.chmod(0o700)


def test_output_under_a_read_only_filesystem(tmp_path):
    result = invoke("build", FIXTURES / "minimal", "--format", "html", "-o", "/proc/handbook.html")
    assert result.exit_code == 1
    assert "error: cannot" in result.output and "Traceback" not in result.output
