"""Hostile and broken input: refused clearly, nothing fetched, nothing leaked, nothing lost."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import FIXTURES, PROTOCOLS, normalise
from handbook.build import BuildOptions, build
from handbook.cli import main
from handbook.typeset.fetcher import FetchRefused, SandboxFetcher

HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<link rel="attachment" href="file:///etc/passwd">',
    "<style>body { display: none }</style>",
    "<script>alert(1)</script>",
    "url(file:///etc/shadow)",
    '<iframe src="https://example.com/"></iframe>',
]


def invoke(*arguments):
    return CliRunner().invoke(main, [str(argument) for argument in arguments])


def set_yaml(path: Path, update) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    update(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def hostile_library(minimal_copy) -> Path:
    def region(data):
        data["overview"] = " ".join(HOSTILE)
        data["protocols"][0]["summary"] = HOSTILE[1]
        data["cautions"] = HOSTILE
    set_yaml(minimal_copy / "regions" / "neck.yaml", region)
    set_yaml(minimal_copy / "handbook.yaml", lambda data: data.update(title=HOSTILE[0]))
    return minimal_copy


def test_markup_in_text_is_printed_as_text(hostile_library, tmp_path, monkeypatch):
    fetched = []
    original = SandboxFetcher.fetch
    monkeypatch.setattr(SandboxFetcher, "fetch",
                        lambda self, url, headers=None: fetched.append(url) or original(self, url, headers))
    result = build(BuildOptions(source=hostile_library, output=tmp_path / "out.pdf"))
    assert result.refused == ()
    assert all(url.startswith("file://") and "/fonts/" in url for url in fetched), fetched
    reader = PdfReader(tmp_path / "out.pdf")
    text = normalise(" ".join(page.extract_text() for page in reader.pages))
    for sample in HOSTILE:
        assert normalise(sample) in text, sample
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    assert "/AF" not in reader.trailer["/Root"]
    assert reader.metadata.title == HOSTILE[0]


def test_markup_in_text_is_escaped_in_the_html_preview(hostile_library, tmp_path):
    result = invoke("build", hostile_library, "--format", "html", "-o", tmp_path / "out.html")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    for tag in ("<img", "<script", "<iframe", '<link rel="attachment"'):
        assert tag not in html
    assert html.count("<style>") == 1  # the handbook's own stylesheet only


def test_templates_never_mark_content_safe():
    layouts = Path(__file__).resolve().parent.parent / "layouts"
    for template in layouts.rglob("*.j2"):
        text = template.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", "") and "autoescape false" not in text, template


# -- the fetcher ---------------------------------------------------------------


@pytest.fixture
def sandbox(tmp_path) -> tuple[SandboxFetcher, Path]:
    root = tmp_path / "root"
    (root / "images").mkdir(parents=True)
    (root / "images" / "spine.png").write_bytes(b"\x89PNG fake")
    (tmp_path / "secret.txt").write_text("secret")
    return SandboxFetcher([root]), root


def test_fetcher_serves_files_under_its_roots(sandbox):
    fetcher, root = sandbox
    response = fetcher.fetch((root / "images" / "spine.png").as_uri())
    assert response.read() == b"\x89PNG fake"
    assert response.content_type == "image/png"


def test_fetcher_serves_data_uris(sandbox):
    fetcher, _ = sandbox
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"


@pytest.mark.parametrize("make_url", [
    lambda root: (root.parent / "secret.txt").as_uri(),                    # elsewhere on disk
    lambda root: root.as_uri() + "/../secret.txt",                          # a .. escape
    lambda root: root.as_uri() + "/images/%2e%2e/%2e%2e/secret.txt",        # an encoded .. escape
    lambda root: "file:///etc/passwd",
    lambda root: "http://example.com/font.ttf",
    lambda root: "https://example.com/style.css",
    lambda root: "ftp://example.com/x",
    lambda root: "file://otherhost" + str(root / "images" / "spine.png"),
])
def test_fetcher_refuses_everything_else(sandbox, make_url):
    fetcher, root = sandbox
    url = make_url(root)
    with pytest.raises(FetchRefused):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_refuses_symlinks_pointing_out(sandbox):
    fetcher, root = sandbox
    link = root / "images" / "link.png"
    link.symlink_to(root.parent / "secret.txt")
    with pytest.raises(FetchRefused):
        fetcher.fetch(link.as_uri())


def test_no_default_fetcher_is_used_behind_our_back(tmp_path, monkeypatch):
    from weasyprint.urls import URLFetcher

    unsandboxed = []
    original = URLFetcher.fetch

    def record(self, url, headers=None):
        if not isinstance(self, SandboxFetcher):
            unsandboxed.append(url)
        return original(self, url, headers)
    monkeypatch.setattr(URLFetcher, "fetch", record)
    build(BuildOptions(source=FIXTURES / "minimal", output=tmp_path / "out.pdf"))
    assert unsandboxed == []


FORBIDDEN = "file:///etc/hostname"


@pytest.fixture
def stylesheet_asking_for_a_file(monkeypatch):
    """The page stylesheet (what a clinic's layout override could do) names a file outside
    the sandbox; units and the whole document are typeset with it."""
    from handbook.render.document import Handbook

    original = Handbook.stylesheet

    def stylesheet(self, **options):
        return original(self, **options) + f"\n.cover {{ background: url({FORBIDDEN}); }}\n"
    monkeypatch.setattr(Handbook, "stylesheet", stylesheet)


@pytest.mark.parametrize("mode", ["one job", "two jobs", "cached units", "cached output",
                                  "whole document"])
def test_refused_fetches_are_reported_on_every_path(stylesheet_asking_for_a_file, tmp_path,
                                                    mode):
    source, cache = FIXTURES / "minimal", tmp_path / "cache"
    options = {"one job": {"jobs": 1, "cache_folder": None},
               "two jobs": {"jobs": 2, "cache_folder": None},
               "cached units": {"jobs": 1, "cache_folder": cache},
               "cached output": {"jobs": 1, "cache_folder": cache},
               "whole document": {"variant": "pdf/ua-1", "cache_folder": None}}[mode]
    if mode.startswith("cached"):
        build(BuildOptions(source=source, output=tmp_path / "first.pdf", **options))
        if mode == "cached units":
            import shutil
            shutil.rmtree(cache / "outputs")
    result = build(BuildOptions(source=source, output=tmp_path / "out.pdf", **options))
    assert FORBIDDEN in result.refused
    assert result.from_cache == (mode == "cached output")
    if mode == "cached units":
        assert result.units_typeset < result.units_cached


def test_build_warns_about_refused_fetches(stylesheet_asking_for_a_file, tmp_path):
    result = invoke("build", FIXTURES / "minimal", "-o", tmp_path / "out.pdf", "--no-cache")
    assert result.exit_code == 0, result.output
    assert f"warning: refused to fetch {FORBIDDEN}" in result.output


# -- reading the folder -----------------------------------------------------------


def test_yaml_symlinked_from_outside_is_not_read(minimal_copy, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2\n")
    (minimal_copy / "methods" / "leak.yaml").symlink_to(secret)
    result = invoke("validate", minimal_copy)
    assert result.exit_code == 1
    assert "leak.yaml:1:1: this file is a link to a place outside the protocols folder" in result.output
    assert "hunter2" not in result.output


@pytest.mark.parametrize("prepare, message", [
    (lambda folder: None, "this protocols folder does not exist"),
    (lambda folder: folder.mkdir(), "this protocols folder is empty"),
    (lambda folder: folder.write_text("x"), "this is a file, not a protocols folder"),
])
def test_unusable_source_folders(tmp_path, prepare, message):
    folder = tmp_path / "protocols"
    prepare(folder)
    result = invoke("validate", folder)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_library_without_protocols(minimal_copy):
    (minimal_copy / "regions" / "neck.yaml").unlink()
    result = invoke("validate", minimal_copy)
    assert result.exit_code == 1
    assert "regions: there are no region files here" in result.output


def test_alias_bomb_through_the_command_line(minimal_copy):
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]" for c, p in zip("bcdefghi", "abcdefgh")]
    (minimal_copy / "methods" / "bomb.yaml").write_text("\n".join(lines) + "\n")
    started = time.perf_counter()
    result = invoke("validate", minimal_copy)
    assert time.perf_counter() - started < 5
    assert result.exit_code == 1
    assert "bomb.yaml:" in result.output and "expands to more than" in result.output


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
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(2.5)  # typesetting by now: the build takes several seconds
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, (stdout, stderr)
    assert "Interrupted" in stderr and "Traceback" not in stderr
    assert target.read_bytes() == b"%PDF earlier"
    assert os.listdir(target.parent) == ["handbook.pdf"]
    assert not session_members(process.pid), "worker processes survived the interrupt"


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
        assert "cannot write into" in result.output
    finally:
        folder.chmod(0o700)


def test_output_under_a_read_only_filesystem(tmp_path):
    result = invoke("build", FIXTURES / "minimal", "--format", "html", "-o", "/proc/handbook.html")
    assert result.exit_code == 1
    assert "error: cannot" in result.output and "Traceback" not in result.output


# -- bounded work ------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_typesetting_time_limit(tmp_path, monkeypatch, jobs):
    """In this process (one job) and in the workers (two), a runaway unit is stopped."""
    def slow(*args, **kwargs):
        time.sleep(5)
    monkeypatch.setattr("handbook.typeset.engine.HTML.render", slow)  # forked workers inherit it
    started = time.perf_counter()
    result = invoke("build", FIXTURES / "minimal", "--time-limit", "1", "--no-cache",
                    "--jobs", jobs, "-o", tmp_path / "x.pdf")
    assert time.perf_counter() - started < 4.5
    assert result.exit_code == 1, result.output
    assert "typesetting took longer than 1 s" in result.output
    assert not (tmp_path / "x.pdf").exists()
