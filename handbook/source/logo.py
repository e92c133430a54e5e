"""The clinic's logo file: inside the protocols folder, what its name says, of sane size, and,
for an SVG, self-contained.

The logo is printed on every cover and running head, and it is the one new file
the sandboxed fetcher serves, so it is checked like any other input from people:
a PNG must be a PNG, an SVG must be an SVG that references nothing outside itself
(no links, no external images or stylesheets, no scripts, no entities).
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

from ..errors import Problem, quoted
from .references import Located

#: A logo is a few kilobytes; a megabyte is far beyond any.
MAX_LOGO_BYTES = 1_000_000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_REFERENCE = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)
_FORBIDDEN_TAGS = {"script", "foreignObject", "iframe", "object", "embed"}


def check_logo(edition: Located | None, folder: Path) -> list[Problem]:
    if edition is None or edition.model.brand is None or edition.model.brand.logo is None:
        return []
    name = edition.model.brand.logo
    path = ("brand", "logo")

    def problem(message: str) -> list[Problem]:
        return [edition.source.problem(path, message)]

    logo = (folder / name).resolve()
    if not logo.is_relative_to(folder.resolve()):
        return problem(f"the logo {quoted(name)} lies outside the protocols folder; copy it in")
    if not logo.is_file():
        return problem(f"there is no file {quoted(name)} in the protocols folder")
    if logo.suffix.lower() not in (".svg", ".png"):
        return problem(f"the logo must be an SVG or a PNG file, not {quoted(logo.suffix)}")
    if logo.stat().st_size > MAX_LOGO_BYTES:
        return problem(f"the logo is larger than {MAX_LOGO_BYTES // 1_000_000} MB; export a "
                       "smaller file")
    data = logo.read_bytes()
    if logo.suffix.lower() == ".png":
        return [] if data.startswith(PNG_SIGNATURE) else problem(
            f"{quoted(name)} is not a PNG image, whatever its name says")
    return [edition.source.problem(path, message) for message in _svg_problems(data, name)]


def _svg_problems(data: bytes, name: str) -> list[str]:
    text = data.decode("utf-8", errors="replace")
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        return [f"{quoted(name)} declares a DOCTYPE or entities; save it as plain SVG"]
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return [f"{quoted(name)} is not an SVG image (it does not read as XML: {error})"]
    if _local(root.tag) != "svg":
        return [f"{quoted(name)} is not an SVG image (its root is {quoted(_local(root.tag))})"]
    problems = []
    for element in root.iter():
        tag = _local(element.tag)
        if tag in _FORBIDDEN_TAGS:
            problems.append(f"{quoted(name)} holds a <{tag}>; a logo is a drawing only")
        for attribute, value in element.attrib.items():
            if _local(attribute) in ("href", "src") and not value.startswith("#"):
                problems.append(f"{quoted(name)} refers to {quoted(value)}; a logo may refer to "
                                "nothing outside itself")
            if _local(attribute).startswith("on"):
                problems.append(f"{quoted(name)} has a script attribute {quoted(attribute)}")
            if _REFERENCE.search(value):
                problems.append(f"{quoted(name)} refers to a file through url(); a logo may "
                                "refer to nothing outside itself")
        if tag == "style" and element.text and (_REFERENCE.search(element.text)
                                                 or "@import" in element.text):
            problems.append(f"{quoted(name)} has a stylesheet that loads other files")
    return sorted(set(problems))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
