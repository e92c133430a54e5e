"""Text from YAML stays text: markup in content is printed or escaped, never run or fetched."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import invoke, normalise, set_yaml
from handbook.build import BuildOptions, build
from handbook.typeset.fetcher import SandboxFetcher

HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<link rel="attachment" href="file:///etc/passwd">',
    "<style>body { display: none }</style>",
    "<script>alert(1)</script>",
    "url(file:///etc/shadow)",
    '<iframe src="https://example.com/"></iframe>',
]




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
    # the handbook's own stylesheet, and each figure's copy of its section of it
    assert html.count("<style>") == 1 + html.count("<svg ")


def test_templates_never_mark_content_safe():
    layouts = Path(__file__).resolve().parents[2] / "layouts"
    for template in layouts.rglob("*.j2"):
        text = template.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", "") and "autoescape false" not in text, template
