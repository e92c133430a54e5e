"""Turn pydantic's validation errors into sentences a methodologist can act on.

Pydantic reports ``extra_forbidden`` at ``('protocols', 0, 'stages', 1, 'repetitons')``;
the author needs "cervical.yaml:23:9: unknown key 'repetitons': did you mean
'repetitions'?".  The location comes from the file's :class:`SourceMap`, the
wording from the table of error types below.
"""

from __future__ import annotations

import datetime
import difflib
import re
import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from ..errors import Problem, quoted
from .models.base import MAX_ID
from .yaml_reader import SourceMap


def problems_from(error: ValidationError, model: type[BaseModel], source: SourceMap) -> list[Problem]:
    """One :class:`Problem` per mistake, placed where the author wrote it: a value that
    fits none of a union's forms is said once (the form it came closest to), and a required
    key that is only misspelt is said once, at the misspelling."""
    details = _without_misspelt_keys(error.errors(include_url=False))
    problems = [(_problem(detail, model, source), _other_form(detail)) for detail in details]
    places: dict[tuple[int, int], int] = {}
    for problem, _ in problems:
        places[problem.line, problem.column] = places.get((problem.line, problem.column), 0) + 1
    return [problem for problem, other_form in problems
            if not (other_form and places[problem.line, problem.column] > 1)]


def _other_form(detail: dict) -> bool:
    """Whether the error only says the value is not of a union's other form (a mapping
    where text was written, a word where a mapping was): noise beside the real error."""
    kind, given = detail["type"], detail.get("input")
    return (kind in ("model_type", "dict_type", "model_attributes_type")
            or (kind == "literal_error" and isinstance(given, (dict, list))))


def _without_misspelt_keys(details: list[dict]) -> list[dict]:
    """Drop "needs 'summary'" where the same mapping has an unknown key close to it."""
    unknown = {tuple(detail["loc"]) for detail in details if detail["type"] == "extra_forbidden"}

    def misspelt(detail: dict) -> bool:
        loc = tuple(detail["loc"])
        return detail["type"] == "missing" and any(
            other[:-1] == loc[:-1] and difflib.get_close_matches(str(other[-1]), [str(loc[-1])],
                                                                 n=1, cutoff=0.6)
            for other in unknown)
    return [detail for detail in details if not misspelt(detail)]


def _problem(detail: dict, model: type[BaseModel], source: SourceMap) -> Problem:
    kind, loc = detail["type"], tuple(detail["loc"])
    given, ctx = detail.get("input"), detail.get("ctx") or {}
    if kind == "extra_forbidden":
        return source.problem(loc, _unknown_key(loc, model), key=True)
    if kind == "missing":
        owner = _model_at(model, loc[:-1])
        noun = _noun(owner) if owner else "this part"
        return source.problem(loc[:-1], f"{_article(noun)} {noun} needs '{loc[-1]}': add it here")
    return source.problem(loc, _describe(kind, given, ctx, detail["msg"]))


def _describe(kind: str, given: Any, ctx: dict, fallback: str) -> str:
    if kind == "value_error":
        return str(ctx.get("error", fallback))
    if kind == "string_type":
        hint = "; put it in quotes if it is meant as text" if isinstance(given, (int, float)) else ""
        return f"expected text, found {_shown(given)}{hint}"
    if kind in ("int_type", "int_parsing", "float_type", "float_parsing", "int_from_float"):
        whole = "a whole number" if kind.startswith("int") else "a number"
        return f"expected {whole}, found {_shown(given)}"
    if kind == "bool_type":
        return f"expected true or false, found {_shown(given)}"
    if kind == "list_type":
        return f"expected a list (one '- item' per line), found {_shown(given)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a group of 'key: value' lines, found {_shown(given)}"
    if kind == "literal_error":
        return _not_allowed(given, str(ctx.get("expected", "")))
    if kind == "string_pattern_mismatch":
        return _pattern_message(given, ctx.get("pattern", ""))
    if kind == "string_too_long":
        longest = ctx.get("max_length")
        why = " (an id is also the id of a FHIR record, which allows no more)" if (
            longest == MAX_ID) else ""
        return (f"this is {len(str(given))} characters long, more than the {longest} "
                f"allowed{why}; shorten it")
    if kind == "string_too_short":
        return "this must not be empty; write the text or remove the key"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"this list needs at least {least} item{'s' if least != 1 else ''}"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        side = "at least" if kind == "greater_than_equal" else "at most"
        return f"this must be {side} {bound}, not {_shown(given)}"
    if kind.startswith("date"):
        return f"expected a date written as YYYY-MM-DD (for example 2026-11-22), found {_shown(given)}"
    return fallback


def _unknown_key(loc: tuple, model: type[BaseModel]) -> str:
    key = str(loc[-1])
    owner = _model_at(model, loc[:-1])
    if owner is None:
        return f"unknown key {quoted(key)}"
    allowed = list(owner.model_fields)
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    guess = f": did you mean '{close[0]}'?" if close else ""
    return f"unknown key {quoted(key)}{guess} (allowed here: {', '.join(allowed)})"


def _not_allowed(given: Any, expected: str) -> str:
    choices = re.findall(r"'([^']*)'", expected)
    text = str(given).strip()
    same = [choice for choice in choices if choice.casefold() == text.casefold()]
    close = same or difflib.get_close_matches(text.lower(), choices, n=1, cutoff=0.6)
    guess = f"; did you mean '{close[0]}'?" if close and isinstance(given, str) else ""
    return f"{_shown(given)} is not allowed here{guess} (use one of: {expected})"


def _pattern_message(given: Any, pattern: str) -> str:
    if pattern.startswith("^#[0-9A-Fa-f]"):
        return (f"{_shown(given)} is not a colour the handbook can print: write it as "
                "'#RRGGBB' (six hexadecimal digits, in quotes), for example '#7a1f1f'")
    if pattern.startswith("^[a-z0-9]"):
        return (f"{_shown(given)} is not a valid id: use lowercase letters, digits and "
                "hyphens, like 'double-ring'")
    if "[a-z]{2,3}" in pattern:
        return f"{_shown(given)} is not a language code: write one like 'en', 'ru' or 'en-GB'"
    return f"{_shown(given)} does not have the expected form"


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that validates the value at ``loc`` (list indices skipped)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if current else None
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = get_origin(annotation)
    if origin in (Annotated, list, tuple, dict, Union, types.UnionType):
        for argument in get_args(annotation):
            found = _inner_model(argument)
            if found is not None:
                return found
    return None


def _noun(model: type[BaseModel]) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", model.__name__).lower()


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"


def _shown(value: Any) -> str:
    """A short, safe rendering of what the author wrote."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (int, float)):
        if isinstance(value, float):  # as written: "1.0" stays 1.0, not 1
            return f"the number {value:.1f}" if value.is_integer() else f"the number {value:g}"
        return f"the number {value}"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return quoted(value, limit=40)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of 'key: value' lines"
    return f"a {type(value).__name__}"
