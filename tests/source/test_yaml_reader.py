"""The YAML reader: positions kept, dangerous or absurd input refused early."""

from __future__ import annotations

import datetime
import time

import pytest

from handbook.errors import ContentError
from handbook.source.yaml_reader import MAX_DEPTH, MAX_FILE_BYTES, read_yaml


def read(tmp_path, text: str | bytes):
    path = tmp_path / "file.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return read_yaml(path, "file.yaml")


def problems(tmp_path, text) -> list[str]:
    with pytest.raises(ContentError) as caught:
        read(tmp_path, text)
    return [str(problem) for problem in caught.value.problems]


def test_values_keep_their_line_and_column(tmp_path):
    document = read(tmp_path, "title: Hello\nsteps:\n  - technique: stroking\n    area: Neck\n")
    assert document.data == {"title": "Hello", "steps": [{"technique": "stroking", "area": "Neck"}]}
    source = document.source
    area = source.locate(("steps", 0, "area"))
    assert (area.line, area.column) == (4, 11)
    assert source.locate(("steps", 0, "area"), key=True).column == 5
    assert source.locate(("steps", 0, "missing", 3)).line == 3  # nearest written ancestor


def test_only_true_and_false_are_booleans(tmp_path):
    data = read(tmp_path, "a: yes\nb: no\nc: on\nd: true\ne: False\n").data
    assert data == {"a": "yes", "b": "no", "c": "on", "d": True, "e": False}


def test_dates_and_numbers(tmp_path):
    data = read(tmp_path, "date: 2026-11-22\nn: 3\nx: 2.5\ns: '3'\n").data
    assert data == {"date": datetime.date(2026, 11, 22), "n": 3, "x": 2.5, "s": "3"}


def test_duplicate_keys_name_both_lines(tmp_path):
    assert problems(tmp_path, "a: 1\nb: 2\na: 3\n") == [
        "file.yaml:3:1: the key 'a' appears twice in this mapping (first on line 1); keep only one of them"]


def test_object_tags_are_refused_and_never_run(tmp_path):
    marker = tmp_path / "ran"
    text = f"a: !!python/object/apply:pathlib.Path.touch [{str(marker)!r}]\n"
    assert "is not allowed" in problems(tmp_path, text)[0]
    assert not marker.exists()
    assert "'!!binary' is not allowed" in problems(tmp_path, "a: !!binary aGk=\n")[0]


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for letter, previous in zip("bcdefghi", "abcdefgh"):
        lines.append(f"{letter}: &{letter} [" + ",".join([f"*{previous}"] * 9) + "]")
    started = time.perf_counter()
    found = problems(tmp_path, "\n".join(lines) + "\n")
    assert time.perf_counter() - started < 1
    assert "expands to more than" in found[0]


def test_self_referencing_alias_is_refused(tmp_path):
    assert "refers to a value that contains it" in problems(tmp_path, "a: &x [1, *x]\n")[0]


def test_deep_nesting_is_refused(tmp_path):
    found = problems(tmp_path, "[" * 5000 + "]" * 5000)
    assert f"nested more than {MAX_DEPTH} levels deep" in found[0]


def test_oversized_file_is_refused(tmp_path):
    found = problems(tmp_path, "a: '" + "x" * (MAX_FILE_BYTES + 10) + "'\n")
    assert "more than the 1 MB allowed" in found[0]


def test_bytes_that_are_not_utf8(tmp_path):
    assert problems(tmp_path, b"a: ok\nb: caf\xe9\n") == [
        "file.yaml:2:7: this file is not UTF-8 text (byte 0xE9 cannot be read); save it with the UTF-8 encoding"]


def test_control_characters(tmp_path):
    assert "U+0007 cannot appear" in problems(tmp_path, "a: x\x07\n")[0]


def test_merge_keys_and_multiple_documents(tmp_path):
    assert "merge keys" in problems(tmp_path, "base: &b {x: 1}\nc:\n  <<: *b\n")[0]
    assert "more than one YAML document" in problems(tmp_path, "a: 1\n---\nb: 2\n")[0]


@pytest.mark.parametrize("text, hint", [
    ("a:\n\tb: 1\n", "indent with spaces"),
    ("a: 1\nb\nc: 2\n", "missing its ':'"),
    ("a:\n  b: 1\n c: 2\n", "check its indentation"),
    ('a: "open\nb: 1\n', "a quote opened on line 1 is never closed"),
    ("a: [1, 2\n", "a '[' opened on line 1 is never closed"),
    ("key: value\n  other: 1\n", "put text that contains ': ' in quotes"),
])
def test_syntax_errors_come_with_a_hint(tmp_path, text, hint):
    found = problems(tmp_path, text)
    assert len(found) == 1 and "YAML syntax error" in found[0] and hint in found[0]
