"""The variants of the real handbook the suite reads, each built once per session.

Several test modules read the same variant (the A5 handbook, the Russian leaflet, a plan)
and the page-quality check reads them all: each is built the first time a test asks for
it and kept.  Options that combine are built together (duplex, a bleed and marks in one
file), and the A5 booklet is imposed from the A5 duplex pages the cache already holds, so
the whole set costs a few builds more than the tests that were there before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import PROTOCOLS, PROTOCOLS_RU, build_pdf, invoke, read_pdf




@dataclass(frozen=True)
class Variant:
    """How one variant is made: a build's options, or a plan's command line."""

    source: Path
    options: dict = field(default_factory=dict)
    plan: tuple[str, ...] = ()

    @property
    def imposed(self) -> bool:
        """A booklet's sheets: two pages on each side, in folding order."""
        return bool(self.options.get("booklet"))


#: Every variant by name; the page-quality check covers each.
VARIANTS = {
    "en A4": Variant(PROTOCOLS),
    "en letter": Variant(PROTOCOLS, {"paper": "letter"}),
    "en A5": Variant(PROTOCOLS, {"paper": "a5"}),
    "en A4 duplex, 3 mm bleed, marks": Variant(
        PROTOCOLS, {"duplex": True, "bleed": 3.0, "marks": True}),
    "en A5 duplex": Variant(PROTOCOLS, {"paper": "a5", "duplex": True}),
    "en A5 booklet": Variant(PROTOCOLS, {"paper": "a5", "booklet": True}),
    "en leaflet": Variant(PROTOCOLS, {"audience": "patient"}),
    "en plan": Variant(PROTOCOLS, plan=(
        "--patient", "Анна Петрова-Смит", "--protocol", "lumbar-hernia-manual-therapy",
        "--start", "2026-12-04", "--skip-weekends", "--therapist", "Dr Ivanova",
        "--clinic", "Spine Clinic")),
    "en leaflet, large print": Variant(PROTOCOLS, {"audience": "patient", "large_print": True}),
    "ru A4": Variant(PROTOCOLS_RU),
    "ru A5": Variant(PROTOCOLS_RU, {"paper": "a5"}),
    "ru letter duplex, 0.125 in bleed, marks": Variant(PROTOCOLS_RU, {
        "paper": "letter", "duplex": True, "bleed": 3.175, "marks": True}),
    "ru leaflet": Variant(PROTOCOLS_RU, {"audience": "patient"}),
    "ru plan": Variant(PROTOCOLS_RU, plan=(
        "--patient", "Анна Петрова", "--protocol", "cervical-osteochondrosis",
        "--start", "2026-12-01", "--sessions", "21")),
    "ru plan, large print": Variant(PROTOCOLS_RU, plan=(
        "--patient", "Анна Петрова", "--protocol", "cervical-hernia", "--start", "07.12.2026",
        "--large-print")),
}


@pytest.fixture(scope="session")
def variants(tmp_path_factory, builds):
    """``variants[name]``: the built PDF of a variant of :data:`VARIANTS`, made when first
    asked for; a plan's folder holds nothing but the plan."""

    class Variants(dict):
        def __missing__(self, name):
            self[name] = made = _make(name, tmp_path_factory, builds)
            return made
    return Variants()


def _make(name: str, tmp_path_factory, builds):
    variant = VARIANTS[name]
    if variant.source == PROTOCOLS and not variant.options and not variant.plan:
        return builds["parallel"]  # the standard handbook, built for the build-mode tests
    folder = tmp_path_factory.mktemp(name.split(",")[0].replace(" ", "-"))
    target = folder / ("plan.pdf" if variant.plan else "handbook.pdf")
    if not variant.plan:
        return build_pdf(variant.source, target, **variant.options)
    result = invoke("plan", variant.source, *variant.plan, "-o", target)
    assert result.exit_code == 0, result.output
    return read_pdf(target, None)


@pytest.fixture(scope="session")
def a5_pdf(variants):
    return variants["en A5"]


@pytest.fixture(scope="session")
def duplex_pdf(variants):
    return variants["en A4 duplex, 3 mm bleed, marks"]


@pytest.fixture(scope="session")
def patient_pdf(variants):
    return variants["en leaflet"]


@pytest.fixture(scope="session")
def plan_pdf(variants):
    """The English plan (for a patient with a Cyrillic name) and the folder it was made in."""
    pdf = variants["en plan"]
    return pdf, pdf.path.parent


@pytest.fixture(scope="session")
def russian_pdf(variants):
    return variants["ru A4"]


@pytest.fixture(scope="session")
def russian_a5(variants):
    return variants["ru A5"]


@pytest.fixture(scope="session")
def russian_leaflet(variants):
    return variants["ru leaflet"]


@pytest.fixture(scope="session")
def russian_plan(variants):
    return variants["ru plan"]
