"""The finished file under real faults: a full disk, a SIGKILL, two builds at once, and
special files in the protocols folder.  The earlier file stays whole, nothing half-written
is left behind, and a cached build never answers for a folder a fresh build refuses."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, invoke
from handbook import files

SOURCE = FIXTURES / "minimal"
EARLIER = b"%PDF-1.7 earlier build\n%%EOF\n"


def handbook(*arguments, **options) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "handbook", *map(str, arguments)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **options)


def debris(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".part"))


def test_a_full_disk_is_one_line_and_keeps_the_earlier_pdf(tmp_path, monkeypatch):
    target = tmp_path / "handbook.pdf"
    target.write_bytes(EARLIER)
    real_write = os.write

    def full(fd, data):  # the disk fills up half-way through the file
        real_write(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(files.os, "fsync", lambda fd: full(fd, b"xx"))
    result = invoke("build", SOURCE, "-o", target, "--no-cache")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines == [f"error: cannot write {target}: No space left on device"], lines
    assert target.read_bytes() == EARLIER
    assert debris(tmp_path) == []


def test_a_full_tmpfs(tmp_path):
    """The same on a real, tiny filesystem, where the test may mount one."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", str(disk)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here; the injected ENOSPC test covers this")
    try:
        target = disk / "handbook.pdf"
        target.write_bytes(EARLIER)
        process = handbook("build", SOURCE, "-o", target, "--no-cache", "--jobs", "1")
        stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == 1, stderr
        assert stderr.strip() == f"error: cannot write {target}: No space left on device"
        assert target.read_bytes() == EARLIER
        assert debris(disk) == []
    finally:
        subprocess.run(["umount", str(disk)], check=False)


WRITER = """
import os, sys, time
from pathlib import Path
from handbook import files
def slow_sync(fd):
    print("writing", flush=True)
    time.sleep(60)
files.os.fsync = slow_sync
files.write_atomically(Path(sys.argv[1]), b"%PDF new and long" * 100000)
"""


def test_sigkill_while_writing_keeps_the_earlier_pdf_and_the_next_build_sweeps(tmp_path):
    target = tmp_path / "handbook.pdf"
    target.write_bytes(EARLIER)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(target)],
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "writing"
    assert len(debris(tmp_path)) == 1  # the half-written file, locked by its writer
    files.sweep_debris(tmp_path, ".handbook.pdf.")
    assert len(debris(tmp_path)) == 1, "a live writer's file was swept"
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
    assert target.read_bytes() == EARLIER
    result = invoke("build", SOURCE, "-o", target, "--no-cache", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert debris(tmp_path) == []
    assert len(PdfReader(target).pages) > 1


def test_sigkill_during_a_build(tmp_path):
    target = tmp_path / "handbook.pdf"
    target.write_bytes(EARLIER)
    process = handbook("build", FIXTURES.parent.parent / "protocols", "-o", target,
                       "--no-cache", "--jobs", "2", start_new_session=True)
    time.sleep(2)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert target.read_bytes() == EARLIER or len(PdfReader(target).pages) > 50
    result = invoke("build", SOURCE, "-o", target, "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert debris(tmp_path) == []


def test_two_builds_at_once_to_the_same_file(tmp_path):
    target, cache = tmp_path / "handbook.pdf", tmp_path / "cache"
    environment = {**os.environ, "HANDBOOK_CACHE": str(cache)}
    processes = [handbook("build", SOURCE, "-o", target, env=environment) for _ in range(2)]
    for process in processes:
        stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr
    assert len(PdfReader(target).pages) > 1
    assert debris(tmp_path) == []


def test_two_libraries_at_once_through_one_cache(tmp_path):
    other = tmp_path / "other"
    shutil.copytree(SOURCE, other)
    region = other / "regions" / "neck.yaml"
    region.write_text(region.read_text().replace("summary: Stroking only.",
                                                 "summary: Stroking, and only that."))
    cache = tmp_path / "cache"
    environment = {**os.environ, "HANDBOOK_CACHE": str(cache)}
    runs = [(library, tmp_path / f"{library.name}.pdf") for library in (SOURCE, other)] * 2
    processes = [handbook("build", library, "-o", target.with_stem(f"{target.stem}{index}"),
                          env=environment) for index, (library, target) in enumerate(runs)]
    for process in processes:
        assert process.wait(timeout=120) == 0
    fresh = {}
    for library in (SOURCE, other):
        fresh[library] = tmp_path / f"fresh-{library.name}.pdf"
        assert invoke("build", library, "-o", fresh[library], "--no-cache").exit_code == 0
    for index, (library, target) in enumerate(runs):
        assert target.with_stem(f"{target.stem}{index}").read_bytes() == \
            fresh[library].read_bytes()


def special_fifo(folder: Path) -> None:
    os.mkfifo(folder / "regions" / "waiting.yaml")


def special_device_link(folder: Path) -> None:
    (folder / "methods" / "zero.yaml").symlink_to("/dev/zero")


def special_outside_link(folder: Path) -> None:
    outside = folder.parent / "elsewhere.yaml"
    outside.write_text("name: Elsewhere\n")
    (folder / "techniques" / "elsewhere.yaml").symlink_to(outside)


@pytest.mark.parametrize("add", [special_fifo, special_device_link, special_outside_link],
                         ids=["fifo", "link to a device", "link out of the folder"])
def test_a_cached_build_refuses_what_a_fresh_build_refuses(minimal_copy, tmp_path, add):
    cache = tmp_path / "cache"
    environment = {"HANDBOOK_CACHE": str(cache)}
    first = invoke_with(environment, "build", minimal_copy, "-o", tmp_path / "a.pdf")
    assert first.exit_code == 0, first.output
    add(minimal_copy)
    cached = invoke_with(environment, "build", minimal_copy, "-o", tmp_path / "b.pdf")
    fresh = invoke("build", minimal_copy, "-o", tmp_path / "c.pdf", "--no-cache")
    validated = invoke("validate", minimal_copy)
    assert cached.exit_code == fresh.exit_code == validated.exit_code == 1
    assert cached.output == fresh.output
    assert not (tmp_path / "b.pdf").exists()


def invoke_with(environment: dict, *arguments):
    from click.testing import CliRunner

    from handbook.cli import main
    return CliRunner(env=environment).invoke(main, [str(argument) for argument in arguments])
