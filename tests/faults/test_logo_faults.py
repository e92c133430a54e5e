"""The clinic's logo, attacked: an image that decodes to gigabytes, an SVG that draws for
minutes or loads other files through its CSS, is refused by ``validate`` (and so by every
build) with a message that says what to do; a real logo, SVG, PNG or JPEG, still prints."""

from __future__ import annotations

import io
import struct
import zlib

import pytest

from conftest import invoke, read_pdf

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40">{}</svg>'


def brand(folder, logo: str, data: bytes) -> None:
    (folder / logo).write_bytes(data)
    edition = folder / "handbook.yaml"
    edition.write_text(edition.read_text() + f"brand:\n  logo: {logo}\n")


def png_header(width: int, height: int) -> bytes:
    """A PNG that says it is ``width`` × ``height`` pixels, with one compressed row: a few
    hundred bytes on disk, however many pixels it claims."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * (width + 1))) + chunk(b"IEND", b""))


def real_image(kind: str, size=(120, 40)) -> bytes:
    from PIL import Image

    stream = io.BytesIO()
    Image.new("RGB", size, (122, 31, 61)).save(stream, format=kind)
    return stream.getvalue()


@pytest.mark.parametrize("logo, data, message", [
    ("logo.png", png_header(30_000, 30_000), "is hundreds of millions of pixels"),
    ("logo.png", png_header(13_000, 13_000), "is 13,000 × 13,000 pixels; a logo needs at most"),
    ("logo.png", png_header(5_000, 100), "is 5,000 × 100 pixels"),
    ("logo.jpg", real_image("PNG"), "is not a whole JPEG image"),
    ("logo.png", real_image("PNG")[:60], "is not a whole PNG image"),
    ("logo.svg", SVG.format('<path d="M0 0' + " L1 1" * 150_000 + '"/>').encode(),
     "coordinates; a logo needs far fewer"),
    ("logo.svg", SVG.format('<g id="a"><rect width="1" height="1"/><rect width="1" height="1"/>'
                            '</g>' + "".join(
                                f'<g id="{chr(98 + i)}"><use href="#{chr(97 + i)}"/>'
                                f'<use href="#{chr(97 + i)}"/></g>' for i in range(20))).encode(),
     "draws more than 5,000 elements"),
    ("logo.svg", SVG.format('<g id="a"><use href="#a"/></g>').encode(), "shows itself"),
    ("logo.svg", SVG.format("<g>" * 40 + "</g>" * 40).encode(), "nests its elements"),
    ("logo.svg", SVG.format('<style>rect { fill: u\\rl(/etc/passwd) }</style>').encode(),
     "loads another file"),
    ("logo.svg", SVG.format('<style>rect { fill: \\75 rl(x.png) }</style>').encode(),
     "loads another file"),
    ("logo.svg", SVG.format('<style>@IMPORT "x.css";</style>').encode(), "@import"),
    ("logo.svg", SVG.format('<style>@\\69mport "x.css";</style>').encode(), "@import"),
    ("logo.svg", SVG.format('<rect style="background: image-set(\'x.png\' 1x)"/>').encode(),
     "loads another file"),
    ("logo.svg", SVG.format('<rect fill="url(other.svg#g)"/>').encode(), "loads another file"),
    ("logo.svg", b'<?xml version="1.0"?><?xml-stylesheet href="x.css"?>' + SVG.format("").encode(),
     "processing instruction <?xml-stylesheet?>"),
    ("logo.svg", SVG.format('<set attributeName="href" to="file:///etc/passwd"/>').encode(),
     "holds a <set>"),
    ("logo.svg", SVG.format("").encode("utf-16"), "is not UTF-8 text"),
])
def test_a_hostile_logo_is_refused(minimal_copy, logo, data, message):
    brand(minimal_copy, logo, data)
    result = invoke("validate", minimal_copy)
    assert result.exit_code == 1, result.output
    assert "handbook.yaml:" in result.output and message in result.output, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("logo, data", [
    ("logo.png", real_image("PNG")),
    ("logo.jpg", real_image("JPEG")),
    ("logo.svg", SVG.format('<defs><linearGradient id="g"><stop offset="0"/></linearGradient>'
                            '</defs><style>@media print { rect { opacity: 0.9 } }</style>'
                            '<rect width="40" height="40" fill="url(#g)"/>'
                            '<use href="#g"/>').encode()),
])
def test_a_real_logo_prints(minimal_copy, tmp_path, logo, data):
    """A clinic's PNG, JPEG or SVG (a gradient of its own included) passes and is drawn."""
    brand(minimal_copy, logo, data)
    result = invoke("build", minimal_copy, "-o", tmp_path / "out.pdf")
    assert result.exit_code == 0, result.output
    assert "refused" not in result.output
    pdf = read_pdf(tmp_path / "out.pdf", None)
    first = pdf.reader.pages[0]
    resources = first["/Resources"]
    assert "/XObject" in resources or "/Pattern" in resources or "/Shading" in resources


def test_a_stylesheet_cannot_draw_a_bomb_the_logo_check_would_refuse(minimal_copy, tmp_path):
    """clinic.css may name a picture of the library; it is checked as a logo is, and a
    refused one is reported, not drawn."""
    (minimal_copy / "layouts").mkdir()
    (minimal_copy / "bomb.png").write_bytes(png_header(13_000, 13_000))
    (minimal_copy / "layouts" / "clinic.css").write_text(
        "h1 { background: url(../bomb.png); }\n")
    result = invoke("build", minimal_copy, "-o", tmp_path / "out.pdf", "--no-cache")
    assert result.exit_code == 0, result.output
    assert "warning: refused to fetch" in result.output and "bomb.png" in result.output
