"""Broken content gives one line per problem, file:line:column, exit 1, no traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, GOLDEN
from handbook.cli import main


def run_in_fixtures(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "handbook", *arguments], cwd=FIXTURES,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("command", ["validate", "build"])
def test_broken_library_matches_the_golden_messages(command, tmp_path, golden):
    arguments = [command, "broken"] + (["-o", str(tmp_path / "out.pdf")] if command == "build" else [])
    result = run_in_fixtures(*arguments)
    assert result.returncode == 1
    assert result.stdout == ""
    problems, ending = result.stderr.rsplit("\n", 2)[0], result.stderr.splitlines()[-1]
    golden("broken.txt", problems + "\n")
    assert ending == ("14 problems found; nothing was built." if command == "build" else
                      "14 problems found; the library cannot be built until it is fixed.")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.pdf").exists()


def test_every_kind_of_mistake_is_in_the_golden_file():
    golden = (GOLDEN / "broken.txt").read_text()
    for expected in (
        "YAML syntax error",                  # syntax
        "unknown key 'repetitons': did you mean 'repetitions'?",  # unknown key
        "expected a date written as YYYY-MM-DD",  # wrong type
        "unknown technique 'kneeding'; did you mean 'kneading'?",  # dangling reference
        "a method needs 'summary': add it here",  # missing field
        "the key 'sign' appears twice",       # duplicate key
        "the tag '!!python/object/apply:os.system' is not allowed",  # object tag
        "'twice' is not a range",             # prose where a number belongs
        "unknown zone 'lowr-back'; did you mean 'lower-back'?",  # a figure's zone
    ):
        assert expected in golden, expected
    for line in golden.splitlines():
        path, line_number, column, message = line.split(":", 3)
        assert path.startswith("broken/") and line_number.isdigit() and column.isdigit(), line


def test_the_object_tag_never_runs(tmp_path):
    result = run_in_fixtures("validate", "broken")
    assert "pwned" not in result.stdout + result.stderr


def test_missing_folder_is_a_clear_error():
    result = CliRunner().invoke(main, ["validate", "no-such-folder"])
    assert result.exit_code == 1
    assert "no-such-folder: this protocols folder does not exist" in result.output


def test_failed_build_leaves_the_earlier_pdf_untouched(minimal_copy, tmp_path):
    target = tmp_path / "handbook.pdf"
    target.write_bytes(b"%PDF-1.7 earlier build")
    (minimal_copy / "regions" / "neck.yaml").write_text("name: [unclosed\n")
    result = CliRunner().invoke(main, ["build", str(minimal_copy), "-o", str(target)])
    assert result.exit_code == 1
    assert target.read_bytes() == b"%PDF-1.7 earlier build"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["handbook.pdf", "minimal"]
