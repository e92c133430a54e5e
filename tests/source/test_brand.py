"""The clinic's own look: a logo that is what it says and refers to nothing outside itself,
colours that can be read, contact lines for patients."""

from __future__ import annotations

import pytest

from conftest import invoke, normalise, read_pdf

LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" '
        'height="40" fill="#7a1f3d"/></svg>')


def brand(folder, text: str) -> None:
    edition = folder / "handbook.yaml"
    edition.write_text(edition.read_text() + "brand:\n" + text)


def test_a_brand_reaches_covers_running_heads_and_patients(minimal_copy, tmp_path):
    (minimal_copy / "logo.svg").write_text(LOGO)
    brand(minimal_copy, '  logo: logo.svg\n  colours: {primary: "#7a1f3d", accent: "#f3e6ea"}\n'
                        '  contact: ["12 Garden Street", "+1 555 0100"]\n')
    assert invoke("build", minimal_copy, "-o", tmp_path / "h.pdf").exit_code == 0
    result = invoke("build", minimal_copy, "-o", tmp_path / "p.pdf", "--audience", "patient")
    assert result.exit_code == 0, result.output
    assert "12 Garden Street" in normalise(read_pdf(tmp_path / "p.pdf", None).text())
    html = tmp_path / "h.html"
    assert invoke("build", minimal_copy, "--format", "html", "-o", html).exit_code == 0
    page = html.read_text()
    assert "--accent: #7a1f3d" in page and 'class="logo" src="data:image/svg+xml;base64,' in page
    assert page.count('class="running-logo"') == 1


@pytest.mark.parametrize("logo, contents, message", [
    ("../outside.svg", None, "lies outside the protocols folder"),
    ("missing.svg", None, "there is no file 'missing.svg'"),
    ("logo.gif", b"GIF89a", "must be an SVG, PNG or JPEG"),
    ("logo.png", b"not a png", "is not a whole PNG image"),
    ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><image href='file:///etc/passwd'/>"
                 b"</svg>", "refers to 'file:///etc/passwd'"),
    ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
     "holds a <script>"),
    ("logo.svg", b"<!DOCTYPE svg [<!ENTITY a 'x'>]><svg/>", "declares a DOCTYPE"),
    ("logo.svg", b"<html/>", "is not an SVG image"),
])
def test_a_logo_is_checked_like_any_input(minimal_copy, logo, contents, message):
    if contents is not None:
        (minimal_copy / logo).write_bytes(contents)
    (minimal_copy.parent / "outside.svg").write_text(LOGO)
    brand(minimal_copy, f"  logo: {logo}\n")
    result = invoke("validate", minimal_copy)
    assert result.exit_code == 1
    assert "handbook.yaml:" in result.output and message in result.output, result.output


@pytest.mark.parametrize("colours, message", [
    ('{primary: "#9fc5d1", accent: "#f3e6ea"}', "white text on the primary colour has a contrast"),
    ('{primary: "#1d4f5c", accent: "#555555"}', "black text on the accent colour has a contrast"),
    ('{primary: "blue", accent: "#ffffff"}', "is not a colour the handbook can print: write it as '#RRGGBB'"),
])
def test_colours_must_be_legible(minimal_copy, colours, message):
    brand(minimal_copy, f"  colours: {colours}\n")
    result = invoke("validate", minimal_copy)
    assert result.exit_code == 1 and message in result.output, result.output


def _jpeg(width: int, height: int) -> bytes:
    import io

    from PIL import Image

    data = io.BytesIO()
    Image.new("RGB", (width, height), (122, 31, 61)).save(data, format="JPEG")
    return data.getvalue()


def test_a_jpeg_logo_is_accepted_and_printed(minimal_copy, tmp_path):
    (minimal_copy / "logo.jpg").write_bytes(_jpeg(60, 20))
    brand(minimal_copy, "  logo: logo.jpg\n")
    assert invoke("validate", minimal_copy).exit_code == 0
    html = tmp_path / "h.html"
    assert invoke("build", minimal_copy, "--format", "html", "-o", html).exit_code == 0
    assert 'class="logo" src="data:image/jpeg;base64,' in html.read_text()


@pytest.mark.parametrize("name, contents, message", [
    ("logo.jpeg", b"\x89PNG\r\n\x1a\n not a jpeg", "is not a whole JPEG image"),
    ("logo.JPG", _jpeg(5000, 8), "is 5,000 × 8 pixels; a logo needs at most 4,096 on a side"),
])
def test_a_jpeg_logo_is_checked_like_a_png(minimal_copy, name, contents, message):
    (minimal_copy / name).write_bytes(contents)
    brand(minimal_copy, f"  logo: {name}\n")
    result = invoke("validate", minimal_copy)
    assert result.exit_code == 1 and message in result.output, result.output
