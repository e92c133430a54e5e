"""The clinic's logo file: inside the protocols folder, what its name says, of sane size, and,
for an SVG, self-contained.

The logo is printed on every cover and running head, and it is the one new file
the sandboxed fetcher serves, so it is checked like any other input from people
(:mod:`.images`): a PNG or JPEG must be one, of a logo's size in bytes and in
pixels; an SVG must be a drawing of a logo's size that references nothing outside
itself.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem, quoted
from .images import SUFFIXES, image_problems
from .references import Located


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
    if logo.suffix.lower() not in SUFFIXES:
        return problem(f"the logo must be an SVG, PNG or JPEG file, not {quoted(logo.suffix)}")
    with open(logo, "rb") as stream:
        data = stream.read(2_000_001)
    return [edition.source.problem(path, message)
            for message in image_problems(data, name, logo.suffix.lower())]
