"""What PyYAML's syntax errors mean, in words an author can act on.

libyaml and pure-Python PyYAML word their errors differently; the hints are
keyed by the beginnings they share.
"""

from __future__ import annotations

import yaml

from ..errors import Problem, quoted

SYNTAX_HINTS = {
    # Both libyaml's and pure PyYAML's wording, by their common beginnings.
    "mapping values are not allowed": (
        "a ':' appears where plain text was expected; put text that contains ': ' "
        "in quotes, or check the indentation"
    ),
    "found character": "YAML does not allow tabs for indentation; indent with spaces",
    "could not find expected ':'": "a key is missing its ':', or the indentation is off",
    "did not find expected key": (
        "this line does not line up with the keys above it; check its indentation"
    ),
    "did not find expected '-' indicator": (
        "this line does not line up with the list items above it; check its indentation"
    ),
    "expected <block end>": "this line does not line up with the lines above it; check its indentation",
    "found unexpected end of stream": "a quote opened earlier is never closed",
    "did not find expected ',' or ']'": "a '[' opened earlier is never closed",
    "expected ',' or ']'": "a '[' opened earlier is never closed",
    "did not find expected ',' or '}'": "a '{' opened earlier is never closed",
    "expected ',' or '}'": "a '{' opened earlier is never closed",
}


def tag_message(tag: str) -> str:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return (f"the tag {quoted(shown)} is not allowed; write plain text, numbers, lists and "
            "mappings only")


def reader_problem(file: str, text: str, error: yaml.reader.ReaderError) -> Problem:
    before = text[: error.position]
    line = before.count("\n") + 1
    column = error.position - (before.rfind("\n") + 1) + 1
    return Problem(file, line, column, (
        f"the character U+{error.character:04X} cannot appear in YAML (it is a control "
        "character); delete it, it is usually left over from copying and pasting"))


def syntax_problem(file: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = (error.problem or "").strip()
    hint = next((text for prefix, text in SYNTAX_HINTS.items() if what.startswith(prefix)), None)
    if hint is None:
        return Problem(file, line, column, f"YAML syntax error: {what}")
    if " earlier " in hint and error.context_mark is not None:
        hint = hint.replace("earlier", f"on line {error.context_mark.line + 1}")
    return Problem(file, line, column, f"YAML syntax error: {hint}")
