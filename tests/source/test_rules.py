"""Every safety rule refuses a broken copy of the shipped library at the place of the mistake.

Each case breaks one line of a copy of protocols/ as a methodologist might, runs
``handbook validate`` and expects the rule's message (golden, in tests/golden/rules/)
at the file, line and column of the broken text.  No PDF is built.
"""

from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner

from conftest import PROTOCOLS
from handbook.cli import main
from handbook.source.rules import RULES

CX = "contraindications.yaml"
RF = "red-flags.yaml"
#: rule id: (file, text to replace, its replacement, the text the problem points at)
BREAKS = {
    "HB101": ("regions/lumbosacral.yaml", "allowed_stages: [subsiding, remission]",
              "allowed_stages: [exacerbation, remission]", "exacerbation"),
    "HB102": ("regions/lumbar.yaml", "    method: manual-therapy\n    condition: hernia\n"
              "    allowed_stages: [prolapse, protrusion]",
              "    method: manual-therapy\n    condition: hernia\n"
              "    allowed_stages: [prolapse, sequestration]", "sequestration]"),
    "HB503": ("conditions.yaml", "        massage: with-care\n        note: >-\n"
              "          Only outside an exacerbation",
              "        massage: with-care\n        manual_therapy: doctor-decides\n"
              "        note: >-\n          Only outside an exacerbation", None),
    "HB201": (CX, "    text: Pregnancy\n    tier: absolute\n    clearance: false",
              "    text: Pregnancy\n    tier: absolute\n    clearance: true", "true"),
    "HB202": (None, None, None, None),
    "HB203": (CX, "    name: Until cleared\n", "    name: Absolute\n", "Absolute"),
    "HB301": (CX, "    overlaps: [osteoporosis]\n", "    overlaps: [osteoporosis, cancer]\n",
              "cancer]"),
    "HB302": ("regions/lumbar.yaml", "    contraindications: [", None, None),
    "HB303": (CX, "      methods: [manual-therapy]\n    overlaps: [osteoporosis]",
              "      methods: [manual-therapy, classic]\n    overlaps: [osteoporosis]", None),
    "HB401": (CX, "    patient: If you take blood thinners (such as warfarin), or bleed or "
              "bruise easily.\n", "", "- |id: bleeding-tendency"),
    "HB402": ("regions/thoracic.yaml", "    method: classic\n",
              "    method: classic\n    add_methods: [manual-therapy]\n", "manual-therapy]"),
    "HB501": (CX, "      methods: [manual-therapy]\n    stages: [extrusion, sequestration]",
              "      methods: [manual-therapy]\n    stages: [extrusion, sequestration, protrusion]",
              None),
    "HB502": (CX, "      methods: [manual-therapy]\n    stages: [extrusion, sequestration]",
              "      methods: [manual-therapy]\n    stages: [extrusion]", None),
    "HB601": (CX, "    screen: vascular\n", "", None),
    "HB602": (RF, "    regions: [cervical]\n    screen: vascular\n", "    regions: [lumbar]\n"
              "    screen: vascular\n", None),
    "HB603": (RF, "    screen: vascular\n    urgency: today", "    screen: vascular\n"
              "    urgency: this-week", "this-week"),
    "HB604": ("patient.yaml", None, None, None),
    "HB701": ("regions/thoracic.yaml", "      first_sessions: 5-7 minutes\n",
              "      first_sessions: 5-7 minutes\n      session: 20-30 minutes\n", "20-30"),
    "HB702": ("regions/thoracic.yaml", "      first_sessions: 5-7 minutes\n",
              "      first_sessions: 5-7 minutes\n      max_step: 1 minutes\n", "1 minutes"),
    "HB703": ("regions/lumbosacral.yaml", "      per_day_stages: [subsiding]\n", "", "2 times"),
    "HB704": ("regions/lumbosacral.yaml", "      per_day_stages: [subsiding]",
              "      per_day_stages: [exacerbation]", "exacerbation]"),
    "HB801": (RF, "    patient: \"New trouble when you pass urine, or you cannot hold your "
              "urine or stools\"\n", "    patient: \"New trouble when you pass urine, or you "
              "cannot hold your urine or stools\"\n    action: Refer today.\n", "Refer today."),
    "HB802": (RF, "at_most: this-week", "at_most: today", None),
    "HB901": (CX, "    screen: radicular\n    applies_to:\n      regions: [thoracic]",
              "    applies_to:\n      regions: [thoracic]", None),
}


@pytest.fixture
def library_copy(tmp_path):
    target = tmp_path / "protocols"
    shutil.copytree(PROTOCOLS, target, ignore=shutil.ignore_patterns("layouts"))
    return target


def _break(folder, rule_id):
    name, old, new, anchor = BREAKS[rule_id]
    if rule_id == "HB202":  # the 'cleared' tier removed while items are still in it
        path = folder / CX
        text = path.read_text()
        start = text.index("  cleared:\n")
        path.write_text(text[:start] + text[text.index("  local:\n"):])
        return path, "tier: |cleared"
    if rule_id == "HB302":  # a lumbar protocol asks both radicular items
        path = folder / "regions" / "lumbar.yaml"
        text = path.read_text()
        marker = "    method: manual-therapy\n"
        path.write_text(text.replace(marker, marker + "    contraindications: [radicular-syndrome]\n", 1))
        return path, "- id: |lumbar-hernia-manual-therapy"
    if rule_id == "HB604":
        path = folder / "patient.yaml"
        text = path.read_text()
        path.write_text(re.sub(r"stroke_warning:\n(  - >-\n(    .*\n)+)+", "", text))
        return path, "warning_intro: |>-"
    path = folder / name
    text = path.read_text()
    assert old in text, (rule_id, old)
    path.write_text(text.replace(old, new, 1))
    return path, anchor


def _place(path, anchor, rule_id, start_at=""):
    """The line and column of ``anchor`` in the broken file, searched from the new text (or
    from ``start_at``); with a '|' in it, the column is that of the text after the '|'."""
    text = path.read_text()
    new = BREAKS[rule_id][2]
    start = text.index(start_at) if start_at else text.index(new) if new else 0
    before, _, after = anchor.rpartition("|")
    position = text.index(before + after, start) + len(before)
    return text.count("\n", 0, position) + 1, position - text.rfind("\n", 0, position)


#: Where a rule reports when it is not the broken text: (file, searched from, the anchor).
MT = "- id: lumbar-hernia-manual-therapy"
PLACES = {
    "HB503": ("regions/lumbar.yaml", MT, "allowed_stages: [prolapse, |protrusion]"),
    "HB203": (CX, "  cleared:\n", "name: |Absolute"),
    "HB303": (CX, "- id: osteoporosis\n", "overlaps: [|osteoporosis-manual]"),
    "HB501": ("regions/lumbar.yaml", MT, "allowed_stages: [prolapse, |protrusion]"),
    "HB502": ("regions/lumbar.yaml", MT, "condition: |hernia"),
    "HB601": ("regions/cervical.yaml", "", "- id: |cervical-osteochondrosis"),
    "HB602": ("regions/cervical.yaml", "", "segments: |C1-C7"),
    "HB802": (RF, "", "urgency: |this-week"),
    "HB901": ("regions/thoracic.yaml", "", "- id: |thoracic-hernia-classic"),
}


def test_every_rule_has_a_breaking_case():
    assert [known.id for known in RULES] == sorted(BREAKS)


@pytest.mark.parametrize("rule_id", sorted(BREAKS))
def test_the_rule_refuses_a_broken_library_at_its_place(rule_id, library_copy, golden):
    path, anchor = _break(library_copy, rule_id)
    result = CliRunner().invoke(main, ["validate", str(library_copy)])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if f": {rule_id} " in line]
    assert lines, result.output
    if rule_id in PLACES:
        name, start_at, anchor = PLACES[rule_id]
        path = library_copy / name
        number, column = _place(path, anchor, rule_id, start_at or "\n")
    else:
        number, column = _place(path, anchor, rule_id)
    expected = f"{path.as_posix()}:{number}:{column}: {rule_id} "
    assert lines[0].startswith(expected), (lines[0], expected)
    golden(f"rules/{rule_id}.txt", lines[0].split(f": {rule_id} ", 1)[1] + "\n")
    assert "Traceback" not in result.output


def test_the_readme_lists_every_rule():
    """The README's table is written from the catalogue (make rules), never by hand."""
    import sys

    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "tools"))
    from rules import rewritten

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert rewritten(readme) == readme, "the README's list of rules is stale; run: make rules"
    for known in RULES:
        assert f"| `{known.id}` | {known.family} | {known.name} |" in readme
