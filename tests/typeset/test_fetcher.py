"""The sandboxed fetcher: only the project's own files, and every refusal reported."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from conftest import FIXTURES, invoke
from handbook.build import BuildOptions, build
from handbook.typeset.fetcher import FetchRefused, SandboxFetcher


# -- the fetcher ---------------------------------------------------------------


def png(width: int, height: int) -> bytes:
    """A real PNG of that many pixels (a plain one compresses to almost nothing)."""
    from PIL import Image

    stream = io.BytesIO()
    Image.new("L", (width, height)).save(stream, format="PNG")
    return stream.getvalue()


@pytest.fixture
def sandbox(tmp_path) -> tuple[SandboxFetcher, Path]:
    root = tmp_path / "root"
    (root / "images").mkdir(parents=True)
    (root / "images" / "spine.png").write_bytes(png(40, 20))
    (tmp_path / "secret.txt").write_text("secret")
    return SandboxFetcher([root]), root


def test_fetcher_serves_files_under_its_roots(sandbox):
    fetcher, root = sandbox
    response = fetcher.fetch((root / "images" / "spine.png").as_uri())
    assert response.read() == png(40, 20)
    assert response.content_type == "image/png"


@pytest.mark.parametrize("name, data", [
    ("images/huge.png", png(12_000, 12_000)),      # 100 KB on disk, 144 million pixels
    ("images/fake.png", b"\x89PNG fake"),          # not what its name says
    ("handbook.yaml", b"title: x\n"),              # not something a stylesheet loads
    ("patients.csv", b"patient,protocol\n"),
])
def test_fetcher_serves_from_the_library_only_what_a_stylesheet_loads(sandbox, name, data):
    """A picture a clinic's stylesheet names is checked as a logo is; nothing else is served."""
    fetcher, root = sandbox
    (root / name).write_bytes(data)
    with pytest.raises(FetchRefused):
        fetcher.fetch((root / name).as_uri())


def test_trusted_roots_are_served_as_they_are(tmp_path):
    (tmp_path / "notes.txt").write_text("ours")
    fetcher = SandboxFetcher([tmp_path], trusted=(tmp_path,))
    assert fetcher.fetch((tmp_path / "notes.txt").as_uri()).read() == b"ours"


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
