"""The other editions, each built once per test session for every module that reads it: the
content checks and the structure check of tests/typeset/test_tagged.py alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import PROTOCOLS, PROTOCOLS_RU, BuiltPdf, build_pdf, invoke, read_pdf


@pytest.fixture(scope="session")
def a5_pdf(tmp_path_factory) -> BuiltPdf:
    return build_pdf(PROTOCOLS, tmp_path_factory.mktemp("a5") / "a5.pdf", paper="a5")


@pytest.fixture(scope="session")
def patient_pdf(tmp_path_factory) -> BuiltPdf:
    return build_pdf(PROTOCOLS, tmp_path_factory.mktemp("patient") / "patient.pdf",
                     audience="patient")


@pytest.fixture(scope="session")
def plan_pdf(tmp_path_factory) -> tuple[BuiltPdf, Path]:
    """A plan for one patient, and the folder it was written to (nothing else is there)."""
    folder = tmp_path_factory.mktemp("plan")
    target = folder / "plan.pdf"
    result = invoke("plan", PROTOCOLS, "--patient", "Анна Петрова-Смит", "--protocol",
                    "lumbar-hernia-manual-therapy", "--start", "2026-12-04", "--skip-weekends",
                    "--therapist", "Dr Ivanova", "--clinic", "Spine Clinic", "-o", target)
    assert result.exit_code == 0, result.output
    return read_pdf(target, None), folder


@pytest.fixture(scope="session")
def russian_pdf(tmp_path_factory) -> BuiltPdf:
    return build_pdf(PROTOCOLS_RU, tmp_path_factory.mktemp("ru") / "handbook-ru.pdf")


@pytest.fixture(scope="session")
def russian_a5(tmp_path_factory) -> BuiltPdf:
    return build_pdf(PROTOCOLS_RU, tmp_path_factory.mktemp("ru") / "handbook-ru-a5.pdf",
                     paper="a5")


@pytest.fixture(scope="session")
def russian_leaflet(tmp_path_factory) -> BuiltPdf:
    return build_pdf(PROTOCOLS_RU, tmp_path_factory.mktemp("ru") / "leaflet-ru.pdf",
                     audience="patient")


@pytest.fixture(scope="session")
def russian_plan(tmp_path_factory) -> BuiltPdf:
    output = tmp_path_factory.mktemp("ru") / "plan-ru.pdf"
    result = invoke("plan", PROTOCOLS_RU, "--patient", "Анна Петрова", "--protocol",
                    "cervical-osteochondrosis", "--start", "2026-12-01", "--sessions", "21",
                    "-o", output)
    assert result.exit_code == 0, result.output
    return read_pdf(output, 0)
