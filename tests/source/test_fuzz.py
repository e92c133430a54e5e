"""Property-based tests: whatever the YAML, the outcome is a handbook or a clean error.

Random documents and random mutations of real libraries go through
``validate`` and ``build``; the command must end with exit code 0 or 1 and,
on 1, print only ``file:line:column: message`` lines naming a file of the
library, never a traceback.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, PROTOCOLS
from handbook.cli import main

PROBLEM_LINE = re.compile(r"^(?P<file>[^:]+?)(?::(?P<line>\d+):(?P<column>\d+))?: \S")
FUZZ = settings(derandomize=True, deadline=None, max_examples=120,
                suppress_health_check=[HealthCheck.too_slow])

scalars = (st.none() | st.booleans() | st.integers(min_value=-(10 ** 40), max_value=10 ** 40)
           | st.floats() | st.text(max_size=30) | st.dates()
           | st.sampled_from(["6-7 times", "15+ minutes", "up to 2 cm", "twice", "", "—", "∞"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=20)


@contextmanager
def scratch_copy(library: Path):
    folder = Path(tempfile.mkdtemp(prefix="fuzz-")) / "lib"
    shutil.copytree(library, folder)
    try:
        yield folder
    finally:
        shutil.rmtree(folder.parent)


def assert_clean_outcome(result, folder: Path) -> None:
    assert result.exit_code in (0, 1), (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    if result.exit_code == 1:
        lines = result.output.strip().splitlines()
        assert lines[-1].endswith(("nothing was built.", "cannot be built until it is fixed.")), \
            result.output
        for line in lines[:-1]:
            match = PROBLEM_LINE.match(line)
            assert match, line
            assert match["file"].startswith(str(folder)), line


def yaml_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.yaml"))


def paths_in(data, prefix=()):
    """Every path into a nested structure, the root included."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths_in(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths_in(value, prefix + (index,))


MUTATIONS = ["delete", "to-string", "to-number", "to-list", "to-mapping", "unicode", "huge",
             "empty-list", "none", "random"]


def mutate(data, path: tuple, how: str, replacement):
    if not path:
        return replacement if how == "random" else data
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    key = path[-1]
    if how == "delete":
        del parent[key]
        return data
    parent[key] = {
        "to-string": "six or seven", "to-number": 7, "to-list": [parent[key]],
        "to-mapping": {"value": parent[key]}, "unicode": "Ωмега 🐍 \u202e тест",
        "huge": 10 ** 30, "empty-list": [], "none": None, "random": replacement,
    }[how]
    return data


@FUZZ
@given(document=st.one_of(values.map(lambda value: yaml.safe_dump(value, allow_unicode=True)),
                          st.text(max_size=200)))
def test_random_documents_in_any_file(document):
    with scratch_copy(FIXTURES / "minimal") as folder:
        for target in ("regions/neck.yaml", "handbook.yaml", "methods/extra.yaml"):
            (folder / target).write_text(document, encoding="utf-8")
            result = CliRunner().invoke(main, ["validate", str(folder)])
            assert_clean_outcome(result, folder)


def mutate_a_file(data, folder: Path) -> None:
    """Draw a file of ``folder``, a place in it and a mutation, and write the result back."""
    target = data.draw(st.sampled_from(yaml_files(folder)))
    content = yaml.safe_load(target.read_text(encoding="utf-8"))
    path = data.draw(st.sampled_from(list(paths_in(content))))
    how = data.draw(st.sampled_from(MUTATIONS))
    content = mutate(content, path, how, data.draw(values))
    target.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")


@FUZZ
@given(data=st.data())
def test_mutations_of_the_real_library_validate_cleanly(data):
    with scratch_copy(PROTOCOLS) as folder:
        mutate_a_file(data, folder)
        result = CliRunner().invoke(main, ["validate", str(folder)])
        assert_clean_outcome(result, folder)


@settings(derandomize=True, deadline=None, max_examples=12,
          suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutations_build_a_handbook_or_fail_cleanly(data):
    with scratch_copy(FIXTURES / "minimal") as folder:
        mutate_a_file(data, folder)
        output = folder.parent / "out.pdf"
        result = CliRunner().invoke(main, ["build", str(folder), "-o", str(output)])
        assert_clean_outcome(result, folder)
        assert output.exists() == (result.exit_code == 0)
