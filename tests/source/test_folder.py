"""Reading a protocols folder: links out of it, unusable folders, bombs, libraries without protocols."""

from __future__ import annotations

import time

import pytest

from conftest import invoke


# -- reading the folder -----------------------------------------------------------


def test_yaml_symlinked_from_outside_is_not_read(minimal_copy, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2\n")
    (minimal_copy / "methods" / "leak.yaml").symlink_to(secret)
    result = invoke("validate", minimal_copy)
    assert result.exit_code == 1
    assert "leak.yaml:1:1: this file is a link to a place outside the protocols folder" in result.output
    assert "hunter2" not in result.output


@pytest.mark.parametrize("prepare, message", [
    (lambda folder: None, "this protocols folder does not exist"),
    (lambda folder: folder.mkdir(), "this protocols folder is empty"),
    (lambda folder: folder.write_text("x"), "this is a file, not a protocols folder"),
])
def test_unusable_source_folders(tmp_path, prepare, message):
    folder = tmp_path / "protocols"
    prepare(folder)
    result = invoke("validate", folder)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_library_without_protocols(minimal_copy):
    (minimal_copy / "regions" / "neck.yaml").unlink()
    result = invoke("validate", minimal_copy)
    assert result.exit_code == 1
    assert "regions: there are no region files here" in result.output


def test_alias_bomb_through_the_command_line(minimal_copy):
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]" for c, p in zip("bcdefghi", "abcdefgh")]
    (minimal_copy / "methods" / "bomb.yaml").write_text("\n".join(lines) + "\n")
    started = time.perf_counter()
    result = invoke("validate", minimal_copy)
    assert time.perf_counter() - started < 5
    assert result.exit_code == 1
    assert "bomb.yaml:" in result.output and "expands to more than" in result.output
