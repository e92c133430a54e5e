"""The command line: help, version, list, validate, build options and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import FIXTURES, PROTOCOLS, invoke
from click.testing import CliRunner

from handbook import __version__
from handbook.cli import main



def test_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


@pytest.mark.parametrize("command", [[], ["build"], ["validate"], ["list"]])
def test_every_command_has_help_with_an_example(command):
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output


def test_validate_prints_a_summary_and_the_reading_grades(library):
    result = invoke("validate", str(PROTOCOLS))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 2
    assert lines[1].startswith("protocols: reading grade of ")
    assert lines[1].endswith(" 0 above the limit of 7")
    assert f"{len(library.regions)} regions" in lines[0]
    assert f"{sum(1 for _ in library.protocols())} protocols" in lines[0]


def test_validate_does_not_import_weasyprint():
    code = ("import sys\nfrom handbook.cli import main\n"
            f"try:\n    main(['validate', {str(PROTOCOLS)!r}])\nexcept SystemExit as exit:\n"
            "    assert exit.code == 0, exit.code\n"
            "print('weasyprint' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().endswith("False"), result.stdout + result.stderr


def test_list_json_has_a_list_per_kind(library):
    result = invoke("list", str(PROTOCOLS), "--json")
    assert result.exit_code == 0
    items = json.loads(result.output)
    assert set(items) >= {"regions", "protocols", "methods", "techniques", "contraindications",
                          "red_flags", "sources"}
    for kind, entries in items.items():
        assert entries, kind
        for entry in entries:
            assert entry["id"] and (entry.get("title") or entry.get("name")), (kind, entry)
    assert [entry["id"] for entry in items["regions"]] == [region.id for region in library.regions]


def test_list_text_shows_ids(library):
    result = invoke("list", str(PROTOCOLS))
    assert result.exit_code == 0
    for region in library.regions:
        assert region.id in result.output


def test_unknown_region_is_a_usage_error_listing_the_valid_ones(library, tmp_path):
    result = invoke("build", str(PROTOCOLS), "--region", "sacrum", "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2
    assert "unknown region 'sacrum'" in result.output
    for region in library.regions:
        assert region.id in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_unknown_option_is_a_usage_error():
    assert invoke("build", "--paper-size", "a4").exit_code == 2


def test_build_reports_file_pages_and_seconds(tmp_path):
    target = tmp_path / "nested" / "out.pdf"
    result = invoke("build", str(FIXTURES / "minimal"), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF-")
    line = result.output.strip()
    assert line.startswith(str(target)) or line.startswith("/")
    assert " pages in " in line and line.endswith(" s")


def test_html_preview_is_one_self_contained_page(tmp_path):
    target = tmp_path / "preview.html"
    result = invoke("build", str(FIXTURES / "minimal"), "--format", "html", "-o", str(target))
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in html
    assert "url(fonts/" not in html and "data:font/ttf;base64," in html
    assert 'src="http' not in html and 'href="http' not in html
    assert "Basic neck massage" in html


def test_default_output_is_build_handbook(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("build", str(FIXTURES / "minimal"), "--format", "html")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "build" / "handbook.html").is_file()


def test_no_traceback_on_an_unwritable_output(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = invoke("build", str(FIXTURES / "minimal"), "--format", "html",
                    "-o", str(blocker / "out.html"))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "a file of that name is in the way" in result.output


def test_the_command_summaries_are_never_cut_short():
    for arguments in (["--help"], ["export", "--help"]):
        listing = CliRunner().invoke(main, arguments).output.split("Commands:")[1]
        assert "..." not in listing
    listing = " ".join(CliRunner().invoke(main, ["--help"]).output.split())
    assert "Build one plan per row of PLANS_CSV into a folder, on every core." in listing
