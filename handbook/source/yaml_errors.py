"""What PyYAML's syntax errors mean, in words an author can act on.

libyaml and pure-Python PyYAML word their errors differently; the hints are
keyed by the beginnings they share.
"""

from __future__ import annotations

import re

import yaml

from ..errors import Problem, quoted

#: ``primary: #7a1f1f``: the '#' starts a comment, so the colour is lost (the value is empty,
#: or, inside ``{...}``, the rest of the line with its closing brace).
_COLOUR_AS_COMMENT = re.compile(
    r"(?P<key>[A-Za-z_][\w-]*):[ \t]+(?P<colour>#(?:[0-9A-Fa-f]{8}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3,4}))"
    r"(?![\w-])")
#: ``area:Buttocks``: a key whose ':' has no space after it, so it is not a key.
_NO_SPACE = re.compile(r"^(?P<indent>[ -]*)(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s:/#'\"][^:]*)$")

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


def colours_as_comments(file: str, text: str) -> list[Problem]:
    """Every ``key: #rrggbb`` whose colour YAML would read as a comment, said at its line."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("#"):
            continue
        for match in _COLOUR_AS_COMMENT.finditer(line):
            problems.append(Problem(file, number, match.start("colour") + 1, (
                f"YAML reads everything after '#' as a comment, so {quoted(match['key'])} has "
                f"no colour; put the colour in quotes: {match['key']}: '{match['colour']}'")))
    return problems


def syntax_problem(file: str, error: yaml.MarkedYAMLError, text: str = "") -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = (error.problem or "").strip()
    lines = text.splitlines()
    if "tab" in what:
        tabbed = [number for number, content in enumerate(lines[:line], start=1)
                  if "\t" in content[:len(content) - len(content.lstrip())]]
        return Problem(file, tabbed[-1] if tabbed else line, 1, (
            "YAML syntax error: this line is indented with a tab; YAML needs spaces: use "
            "spaces, not tabs"))
    for number in (error.context_mark.line + 1 if error.context_mark else 0, line - 1, line):
        found = _NO_SPACE.match(lines[number - 1]) if 0 < number <= len(lines) else None
        if found:
            return Problem(file, number, len(found["indent"]) + len(found["key"]) + 2, (
                f"YAML syntax error: a ':' after a key needs a space after it; write "
                f"'{found['key']}: {found['value'].strip()}'"))
    hint = next((text for prefix, text in SYNTAX_HINTS.items() if what.startswith(prefix)), None)
    if hint is None:
        return Problem(file, line, column, f"YAML syntax error: {what}")
    if " earlier " in hint and error.context_mark is not None:
        hint = hint.replace("earlier", f"on line {error.context_mark.line + 1}")
    return Problem(file, line, column, f"YAML syntax error: {hint}")
