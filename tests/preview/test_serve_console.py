"""What ``handbook serve`` says in the terminal: a mistyped folder or a taken port refused at
once (exit 1, no traceback), one line per PDF built, "fixed" once a broken save is mended, and
never a "last good version" that never was."""

from __future__ import annotations

import queue
import socket
import threading
from pathlib import Path

from click.testing import CliRunner

from conftest import FIXTURES
from handbook.build import BuildOptions
from handbook.cli import main
from handbook.preview.state import Preview
from serving import start_serve, stop


def test_a_folder_that_does_not_exist_is_refused_at_once(tmp_path, monkeypatch):
    (tmp_path / "my-clinic").mkdir()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["serve", "my-clinc", "--no-browser"])
    assert result.exit_code == 1
    assert result.output == (
        "my-clinc: this protocols folder does not exist; give the folder that holds "
        "handbook.yaml (did you mean 'my-clinic'?)\n1 problem found; nothing is served.\n")


def test_a_taken_port_is_said_with_the_way_out():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", str(FIXTURES / "minimal"), "--no-browser",
                                           "--port", str(port)])
    assert result.exit_code == 1
    assert result.output == (
        f"error: port {port} is already in use on 127.0.0.1 (another handbook serve, or "
        "another program); stop that one, or choose another port: --port 0 takes a free one\n")


def test_a_library_broken_from_the_start_has_no_last_good_version(minimal_copy):
    neck = minimal_copy / "regions" / "neck.yaml"
    neck.write_text(neck.read_text().replace("path: down", "path: circle"))
    preview = Preview(BuildOptions(source=minimal_copy, output=Path("preview.html")), 1)
    try:
        assert len(preview.refresh()) == 1
        page = preview.page()
    finally:
        preview.close()
    assert "1 problem found in the last save; there is no good version to show yet: fix it " \
           "and save." in page
    assert "last good" not in page


def test_every_save_is_a_line_and_a_mended_one_says_fixed(tmp_path):
    library, _, process = start_serve(tmp_path)
    neck = library / "regions" / "neck.yaml"
    try:
        assert _next_line(process).endswith(" built: 15 pages")  # the first pages, at start
        neck.write_text(neck.read_text().replace("summary: Stroking only.", "summary: Saved."))
        assert _next_line(process).endswith(" rebuilt: 15 pages")
        neck.write_text(neck.read_text().replace("path: down", "path: circle"))
        assert "did you mean 'circles'?" in _next_line(process)
        assert _next_line(process).endswith(
            " 1 problem found; the preview shows the last good version.")
        neck.write_text(neck.read_text().replace("path: circle", "path: down"))
        assert _next_line(process).endswith(" rebuilt: 15 pages; fixed")
    finally:
        stop(process)


def _next_line(process) -> str:
    """The next line serve writes to the terminal (the wait is a guard against a hang, not
    a timing)."""
    if not hasattr(process, "lines"):
        process.lines = queue.Queue()

        def read() -> None:
            for line in process.stderr:
                process.lines.put(line.rstrip("\n"))
        threading.Thread(target=read, daemon=True).start()
    try:
        return process.lines.get(timeout=120)
    except queue.Empty:
        raise AssertionError("handbook serve said nothing after a save") from None
