"""The mistakes a methodologist makes in the first hour, each answered with one message that
says what to write instead, at the line of the mistake (golden files in tests/golden/first-hour/).
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from handbook.cli import main

NECK = "regions/neck.yaml"
BRAND = ("keywords: [test]", "keywords: [test]\nbrand:\n  colours:\n    primary: {primary}\n"
                             "    accent: '#e9eff1'\n  contact:\n    - 1 Garden Street\n")
#: name: (file, text in the minimal library, what the author wrote instead, the text of
#: the line the message must point at)
MISTAKES = {
    "sessions-without-unit": (NECK, "sessions: 10 sessions", "sessions: 8", "sessions: 8"),
    "repetitions-without-unit": (NECK, "repetitions: 6-7 times", "repetitions: 5",
                                 "repetitions: 5"),
    "range-without-unit": (NECK, "later_sessions: 15+ minutes", "later_sessions: 10-12",
                           "later_sessions: 10-12"),
    "interval-in-words": (NECK, "sessions: 10 sessions",
                          "sessions: 10 sessions\n      interval: every other day",
                          "interval: every other day"),
    "colour-unquoted": ("handbook.yaml", BRAND[0], BRAND[1].format(primary="#7a1f1f"),
                        "primary: #7a1f1f"),
    "colour-unquoted-inline": ("handbook.yaml", BRAND[0],
                               "keywords: [test]\nbrand:\n  colours: {primary: #7a1f1f, "
                               "accent: '#e9eff1'}\n  contact:\n    - 1 Garden Street\n"
                               "    - +1 555 0100\n    - clinic.example\n", "primary: #7a1f1f"),
    "colour-by-name": ("handbook.yaml", BRAND[0], BRAND[1].format(primary="darkred"),
                       "primary: darkred"),
    "path-misspelt": (NECK, "path: down", "path: circle", "path: circle"),
    "no-space-after-colon": (NECK, "area: Neck", "area:Buttocks", "area:Buttocks"),
    "tab-indent": (NECK, "            zone: [neck]", "\t    zone: [neck]", "\t    zone"),
    "required-key-misspelt": (NECK, "summary: Stroking only.", "sumary: Stroking only.",
                              "sumary:"),
}


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_each_first_hour_mistake_gets_one_message_at_its_line(name, minimal_copy, golden,
                                                              monkeypatch):
    file, text, mistake, marker = MISTAKES[name]
    path = minimal_copy / file
    original = path.read_text(encoding="utf-8")
    assert text in original
    path.write_text(original.replace(text, mistake, 1), encoding="utf-8")
    monkeypatch.chdir(minimal_copy.parent)
    result = CliRunner().invoke(main, ["validate", "minimal"])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert len(lines) == 2, result.output  # one problem, and the count
    assert lines[-1] == "1 problem found; the library cannot be built until it is fixed."
    where = int(lines[0].split(":")[1])
    assert marker in path.read_text(encoding="utf-8").splitlines()[where - 1], lines[0]
    golden(f"first-hour/{name}.txt", result.output)


def test_validate_never_says_it_built_nothing_and_build_does(minimal_copy, tmp_path):
    (minimal_copy / NECK).write_text(
        (minimal_copy / NECK).read_text().replace("path: down", "path: circle"))
    validated = CliRunner().invoke(main, ["validate", str(minimal_copy)])
    built = CliRunner().invoke(main, ["build", str(minimal_copy), "-o", str(tmp_path / "x.pdf")])
    assert "nothing was built" not in validated.output
    assert built.output.splitlines()[-1] == "1 problem found; nothing was built."
    assert validated.output.splitlines()[:-1] == built.output.splitlines()[:-1]
