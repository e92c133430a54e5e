"""handbook new: a small, valid, commented library with editor help, and never over a
folder that holds something."""

from __future__ import annotations

from conftest import invoke


def test_a_new_library_validates_and_builds_untouched(tmp_path):
    folder = tmp_path / "clinic"
    result = invoke("new", folder)
    assert result.exit_code == 0, result.output
    assert invoke("validate", folder).exit_code == 0
    assert invoke("build", folder, "-o", tmp_path / "out.pdf").exit_code == 0
    for path in folder.rglob("*.yaml"):
        first = path.read_text().splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("$schema=")[1]).resolve()
        assert schema.is_file(), (path, schema)
        assert sum(line.lstrip().startswith("#") for line in path.read_text().splitlines()) >= 2


def test_new_refuses_a_folder_that_is_not_empty(tmp_path):
    folder = tmp_path / "clinic"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    result = invoke("new", folder)
    assert result.exit_code == 1 and "not an empty folder" in result.output
    assert sorted(path.name for path in folder.iterdir()) == ["notes.txt"]
