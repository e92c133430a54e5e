"""Document control: an edition's version, approval and review are validated like everything
else, printed where people look, and a withdrawn edition is neither built nor planned from."""

from __future__ import annotations

import datetime
import shutil

import pytest

from conftest import PROTOCOLS, invoke, normalise, read_pdf


@pytest.fixture
def controlled(tmp_path):
    """A copy of the shipped library, whose control data a test may change."""
    folder = tmp_path / "protocols"
    shutil.copytree(PROTOCOLS, folder)
    return folder


def control(folder, old: str, new: str) -> None:
    edition = folder / "handbook.yaml"
    text = edition.read_text()
    assert old in text, old
    edition.write_text(text.replace(old, new, 1))


def line_of(folder, text: str) -> int:
    lines = (folder / "handbook.yaml").read_text().splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


@pytest.mark.parametrize("old, new, at, message", [
    ("  approved_by:\n    name: Dr Elena Sokolova\n    role: Head of rehabilitation medicine\n",
     "", 'version: "1.0"', "names who approved it and when; add approved_by"),
    ("review_by: 2028-11-22", "review_by: 2026-11-01", "review_by:",
     "review_by (2026-11-01) must come after approved_on (2026-11-22)"),
    ("review_by: 2028-11-22", "review_by: 2030-11-23", "review_by:",
     "more than 3 years after approved_on"),
    ("effective: 2026-12-01", "effective: 2026-11-01", "effective:",
     "comes before approved_on"),
    ('  version: "1.0"\n  status', '  version: 1.0\n  status', "version: 1.0",
     "expected text, found the number 1.0; put it in quotes"),
    ('  version: "1.0"\n  status', '  version: "first"\n  status', 'version: "first"',
     "does not have the expected form"),
    ("  status: approved", "  status: signed", "status:", "'signed' is not allowed here"),
    ("  history:\n    - version: \"1.0\"", "  replaces: \"2.0\"\n  history:\n    - version: \"1.0\"",
     "replaces:", "cannot replace version 2.0, which is not older"),
    ('      changes: First approved edition.', '      changes: First approved edition.\n'
     '    - version: "0.9"\n      date: 2026-10-01\n      changes: Draft for comments.',
     None, None),
])
def test_control_data_is_validated_at_its_line(controlled, old, new, at, message):
    control(controlled, old, new)
    result = invoke("validate", controlled)
    if message is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1, result.output
    assert f"handbook.yaml:{line_of(controlled, at)}:" in result.output, result.output
    assert message in result.output


def test_the_history_starts_with_this_edition(controlled):
    control(controlled, '    - version: "1.0"\n      date: 2026-11-22',
            '    - version: "0.9"\n      date: 2026-10-01')
    result = invoke("validate", controlled)
    assert result.exit_code == 1
    assert "its first entry is version 0.9, not 1.0; put this one first" in result.output


def test_a_review_that_is_due_is_a_warning_on_every_build(controlled, tmp_path):
    today = datetime.date.today()
    control(controlled, "approved_on: 2026-11-22", f"approved_on: {today.replace(year=today.year - 2)}")
    control(controlled, "effective: 2026-12-01", f"effective: {today.replace(year=today.year - 2)}")
    control(controlled, "review_by: 2028-11-22", f"review_by: {today - datetime.timedelta(days=1)}")
    warning = f"was due for review by {today - datetime.timedelta(days=1)}"
    assert warning in invoke("validate", controlled).output
    for _ in range(2):  # built, then answered from the cache: the warning both times
        result = invoke("build", controlled, "--region", "cervical", "--format", "html",
                        "-o", tmp_path / "h.html")
        assert result.exit_code == 0 and f"handbook.yaml: this edition {warning}" in result.output


def test_a_withdrawn_edition_is_not_built_nor_planned(controlled, tmp_path):
    control(controlled, "  status: approved", "  status: withdrawn")
    result = invoke("build", controlled, "-o", tmp_path / "h.pdf")
    assert result.exit_code == 1 and not (tmp_path / "h.pdf").exists()
    assert "version 1.0 is withdrawn" in result.output and "--allow-withdrawn" in result.output
    result = invoke("plan", controlled, "--patient", "A", "--protocol", "cervical-hernia",
                    "--start", "2026-12-07", "-o", tmp_path / "p.pdf")
    assert result.exit_code == 1 and "no plan is made from it" in result.output
    # Built on purpose, it carries the mark a draft carries on every page (the draft's test
    # below reads the PDF): here, in the page rules of the HTML.
    result = invoke("build", controlled, "--region", "cervical", "--allow-withdrawn",
                    "--format", "html", "-o", tmp_path / "h.html")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "h.html").read_text()
    assert '"WITHDRAWN — do not use"' in html and "DRAFT — not approved" not in html


def test_a_draft_says_so_on_every_page(controlled, tmp_path):
    control(controlled, "  status: approved", "  status: draft")
    result = invoke("build", controlled, "--region", "cervical", "--duplex",
                    "-o", tmp_path / "h.pdf")
    assert result.exit_code == 0 and "this edition is a draft" in result.output
    pdf = read_pdf(tmp_path / "h.pdf", None)
    missing = [number for number in range(1, len(pdf.pages) + 1)
               if "DRAFT — not approved for use" not in pdf.band(number, "top")]
    assert missing == []  # the cover, the duplex blanks and the landscape logs included
    assert "Version 1.0 · Draft" in normalise(pdf.pages[0])


def test_version_and_status_print_on_the_cover_and_in_every_footer(handbook_pdf):
    cover = normalise(handbook_pdf.pages[0])
    for line in ("Version 1.0 · Approved",
                 "Approved on November 22, 2026 by Dr Elena Sokolova, Head of rehabilitation",
                 "In effect from December 1, 2026", "Due for review by November 22, 2028",
                 "Uncontrolled when printed"):
        assert line in cover, line
    footers = [handbook_pdf.band(number, "bottom") for number in range(2, len(handbook_pdf.pages) + 1)]
    assert all("Version 1.0 · Approved" in footer for footer in footers)


def test_the_leaflet_and_a_plan_carry_the_version(tmp_path):
    assert invoke("build", PROTOCOLS, "--audience", "patient", "-o",
                  tmp_path / "l.pdf").exit_code == 0
    leaflet = read_pdf(tmp_path / "l.pdf", None)
    assert "Version 1.0 · Approved" in normalise(leaflet.pages[0])
    assert invoke("plan", PROTOCOLS, "--patient", "Anna", "--protocol", "lumbar-hernia-classic",
                  "--start", "2026-12-07", "-o", tmp_path / "p.pdf").exit_code == 0
    plan = read_pdf(tmp_path / "p.pdf", None)
    assert "Protocol: Version 1.0 · Approved, November 22, 2026." in normalise(plan.text())
    assert "Version 1.0 · Approved" in plan.band(1, "bottom")


def test_a_translation_carries_its_references_control_data(tmp_path):
    folder = tmp_path / "protocols-ru"
    shutil.copytree(PROTOCOLS.parent / "protocols-ru", folder)
    control(folder, "review_by: 2028-11-22", "review_by: 2028-12-22")
    result = invoke("validate", folder, "--reference", PROTOCOLS)
    assert result.exit_code == 1
    assert f"handbook.yaml:{line_of(folder, 'review_by:')}:" in result.output
    assert "'review_by' is 2028-12-22 here but 2028-11-22 in the reference" in result.output
