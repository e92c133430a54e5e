"""``handbook serve`` started as the author starts it, for the tests that talk to it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from conftest import FIXTURES


def start_serve(tmp_path: Path, *options: str) -> tuple[Path, str, subprocess.Popen]:
    """``handbook serve`` on a copy of the minimal library, on a free local port, its
    temporary files in ``tmp_path/tmp``: the library, the URL and the process."""
    library = tmp_path / "library"
    shutil.copytree(FIXTURES / "minimal", library)
    (tmp_path / "tmp").mkdir()
    environment = {**os.environ, "HANDBOOK_CACHE": str(tmp_path / "cache"),
                   "PYTHONUNBUFFERED": "1", "TMPDIR": str(tmp_path / "tmp")}
    process = subprocess.Popen(
        [sys.executable, "-m", "handbook", "serve", str(library), "--no-browser", "--jobs", "1",
         *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # as a terminal would
    line = process.stdout.readline()
    assert "http://127.0.0.1:" in line, (line, process.stderr.read() if process.poll() else "")
    url = line.split(" at ")[1].split(" ")[0]
    return library, url, process


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
        process.wait(timeout=10)


def fetch(url: str, headers: dict | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
