"""What a template may see: inert data, never a live object.

Jinja's sandbox guards attribute access (no ``_`` names, no mutation), not what an
object's public methods do: a pydantic model's ``parse_file`` reads any file and its
``parse_raw`` unpickles.  A clinic's template override is text from whoever sent the
protocols folder, so every value a template gets is rebuilt here from plain values
only: strings, numbers, booleans, None, tuples, and :class:`Record`s, read-only
records whose only attributes are their fields.  Dates become ISO strings.  The few
things templates call (anchors, a citation, a figure) are :class:`Helper`s: plain
functions of such values, each registered by name where the context is built.
Anything else is refused with a TypeError, so a live object passed to a template
is a failing test, not a hole.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

#: Values a template may hold as they are.
_PLAIN = (str, int, float, bool, type(None))


class Record:
    """A read-only record: ``record.name`` and ``record["name"]`` give a field, iterating
    gives the field names; it has no method a template could call."""

    __slots__ = ("_fields", "_text")

    def __init__(self, fields: Mapping[str, Any], text: str | None = None):
        object.__setattr__(self, "_fields", dict(fields))
        object.__setattr__(self, "_text", text)

    def __getattr__(self, name: str) -> Any:
        fields = object.__getattribute__(self, "_fields")
        if name in fields:
            return fields[name]
        raise AttributeError(name)

    def __getitem__(self, name: str) -> Any:
        return object.__getattribute__(self, "_fields")[name]

    def __contains__(self, name: object) -> bool:
        return name in object.__getattribute__(self, "_fields")

    def __iter__(self):
        return iter(object.__getattribute__(self, "_fields"))

    def __len__(self) -> int:
        return len(object.__getattribute__(self, "_fields"))

    def __bool__(self) -> bool:
        return True

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a record is read-only")

    def __str__(self) -> str:
        text = object.__getattribute__(self, "_text")
        return text if text is not None else "[record]"

    __repr__ = __str__


class Helper:
    """A function a template may call: it gets and gives inert values only."""

    __slots__ = ("_function", "_name")

    def __init__(self, name: str, function: Callable[..., Any]):
        object.__setattr__(self, "_function", function)
        object.__setattr__(self, "_name", name)

    def __call__(self, *arguments: Any) -> Any:
        name = object.__getattribute__(self, "_name")
        for argument in arguments:
            if not _is_inert(argument):
                raise TypeError(f"{name}() takes the values of the context, not "
                                f"{type(argument).__name__}")
        try:
            result = object.__getattribute__(self, "_function")(*arguments)
        except (AttributeError, KeyError, TypeError, ValueError, IndexError):
            raise TypeError(f"{name}() cannot use the value it was given") from None
        if not isinstance(result, _PLAIN):
            raise TypeError(f"{name}() gave {type(result).__name__}, not text")
        return result

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a helper is read-only")

    def __repr__(self) -> str:
        return f"[helper {object.__getattribute__(self, '_name')}]"


def _is_inert(value: Any) -> bool:
    if isinstance(value, _PLAIN + (Record, Helper)):
        return True
    if isinstance(value, tuple):
        return all(_is_inert(item) for item in value)
    return False


class Inert:
    """Turns values into inert ones, each object once (views share their parts)."""

    def __init__(self) -> None:
        self._seen: dict[int, tuple[object, Any]] = {}

    def __call__(self, value: Any) -> Any:
        if type(value) in _PLAIN_TYPES or isinstance(value, _PLAIN + (Record, Helper)):
            return value  # Markup is a str: the project's own markup stays markup
        if isinstance(value, datetime.date):
            return value.isoformat()
        key = id(value)
        seen = self._seen.get(key)
        if seen is not None:
            return seen[1]
        converted = self._convert(value)
        self._seen[key] = (value, converted)  # kept alive, so the id stays its own
        return converted

    def _convert(self, value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            if all(type(item) in _PLAIN_TYPES for item in value):
                return tuple(value)  # numbers and texts: inert as they are
            return tuple([self(item) for item in value])
        if isinstance(value, (set, frozenset)):
            return tuple([self(item) for item in sorted(value)])
        if isinstance(value, Mapping):
            return Record({str(key): self(item) for key, item in value.items()})
        names = _names(type(value))
        if names is None:
            raise TypeError(f"a template may not be given a {type(value).__name__}; give it a "
                            "view of plain values (handbook/edition/views.py)")
        fields, text = {name: self(getattr(value, name)) for name in names}, None
        if isinstance(value, BaseModel) and type(value).__str__ is not BaseModel.__str__:
            text = str(value)
        return Record(fields, text)


_PLAIN_TYPES = frozenset(_PLAIN)


@lru_cache(maxsize=None)
def _names(kind: type) -> tuple[str, ...] | None:
    """What a template may read of a model or a dataclass: its fields and its own read-only
    properties ("general", "exact"); None for any other kind of object."""
    if issubclass(kind, BaseModel):
        fields = tuple(kind.model_fields)
    elif dataclasses.is_dataclass(kind):
        fields = tuple(field.name for field in dataclasses.fields(kind))
    else:
        return None
    properties = tuple(name for name in dir(kind) if not name.startswith("_")
                       and isinstance(getattr(kind, name, None), property))
    return fields + properties
