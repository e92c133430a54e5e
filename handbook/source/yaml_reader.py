"""Read one YAML file into plain Python values, remembering where each was written.

PyYAML's loaders throw positions away, keep the last of two equal keys and,
unless told otherwise, construct arbitrary objects.  This module builds the
values itself from PyYAML's event stream, which is iterative and cheap, so it
can:

* keep the line and column of every key and value (a :class:`SourceMap`), so
  that a later validation error points at ``file:line:column``;
* refuse duplicate keys, object-constructing tags and merge keys;
* refuse alias bombs, absurd nesting and oversized files early, in bounded
  time and memory, before anything is expanded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml import events as ev
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from ..errors import ContentError, Problem, quoted
from .yaml_errors import colours_as_comments, reader_problem, syntax_problem, tag_message

#: A protocol file is a few kilobytes; a megabyte is far beyond any real one.
MAX_FILE_BYTES = 1_000_000
#: Real protocols nest about eight levels deep.
MAX_DEPTH = 32
#: Values in one file, counting every use of an alias as a full copy.
MAX_VALUES = 50_000

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_MERGE_TAG = "tag:yaml.org,2002:merge"
_BOOL_TAG = "tag:yaml.org,2002:bool"


class _Resolver(Resolver):
    """YAML 1.2 booleans: only true and false.

    YAML 1.1 also reads yes, no, on and off as booleans, so a stage written
    ``massage: no`` would silently become ``False``.
    """

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL_TAG]
        for first, resolvers in Resolver.yaml_implicit_resolvers.items()
    }


_Resolver.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))



@dataclass(frozen=True)
class Mark:
    """A 1-based line and column."""

    line: int
    column: int


@dataclass
class SourceMap:
    """Where each key and value of one file was written.

    Paths are tuples of mapping keys and list indices, the same shape as
    pydantic's error locations, so an error can be traced back to the text.
    """

    file: str
    values: dict[tuple, Mark] = field(default_factory=dict)
    keys: dict[tuple, Mark] = field(default_factory=dict)

    def locate(self, path: tuple, *, key: bool = False) -> Mark:
        """The mark of ``path``, or of its nearest ancestor that was written."""
        path = tuple(path)
        if key and path in self.keys:
            return self.keys[path]
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, Mark(1, 1))

    def problem(self, path: tuple, message: str, *, key: bool = False) -> Problem:
        mark = self.locate(path, key=key)
        return Problem(self.file, mark.line, mark.column, message)


@dataclass
class YamlDocument:
    data: Any
    source: SourceMap


def read_yaml(path: Path, shown_as: str) -> YamlDocument:
    """Read ``path`` (shown to the author as ``shown_as``) or raise ContentError."""
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise ContentError([Problem(shown_as, 1, 1, (
            f"the file is {len(raw) // 1000} kB, more than the {MAX_FILE_BYTES // 1_000_000} MB "
            "allowed for one YAML file; split it, or check that it is the right file"))])
    text = _decode(raw, shown_as)
    return _Builder(shown_as).build(text)


def _decode(raw: bytes, shown_as: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise ContentError([Problem(shown_as, line, column, (
            f"this file is not UTF-8 text (byte 0x{raw[error.start]:02X} cannot be read); "
            "save it with the UTF-8 encoding"))]) from None


class _Fatal(Exception):
    """Stops building: the rest of the file cannot be trusted."""


@dataclass
class _Frame:
    path: tuple
    value: Any
    start_count: int
    anchor: str | None
    pending_key: str | None = None
    key_lines: dict[str, int] = field(default_factory=dict)


class _Builder:
    def __init__(self, shown_as: str):
        self.source = SourceMap(shown_as)
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.count = 0
        self.root: Any = None
        self.documents = 0
        self.constructor = SafeConstructor()
        self.resolver = _Resolver()

    def build(self, text: str) -> YamlDocument:
        lost = colours_as_comments(self.source.file, text)
        if lost:  # whatever else the parser says follows from them
            raise ContentError(lost)
        try:
            for event in yaml.parse(text, Loader=_Parser):
                self._on(event)
        except yaml.MarkedYAMLError as error:
            self.problems.append(syntax_problem(self.source.file, error, text))
        except yaml.reader.ReaderError as error:  # control characters and the like
            self.problems.append(reader_problem(self.source.file, text, error))
        except _Fatal:
            pass
        if self.problems:
            raise ContentError(self.problems)
        return YamlDocument(self.root, self.source)

    # -- events -------------------------------------------------------------
    def _on(self, event: ev.Event) -> None:
        if isinstance(event, ev.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self._fatal(event.start_mark, (
                    "this file holds more than one YAML document; keep one and remove "
                    "the '---' line"))
        elif isinstance(event, ev.ScalarEvent):
            self._scalar(event)
        elif isinstance(event, (ev.MappingStartEvent, ev.SequenceStartEvent)):
            self._open(event)
        elif isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
            self._close()
        elif isinstance(event, ev.AliasEvent):
            self._alias(event)

    def _scalar(self, event: ev.ScalarEvent) -> None:
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.value, dict) and frame.pending_key is None:
            self._key(frame, event)
            return
        self._count(event.start_mark)
        value = self._construct(event)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self._place(value, event.start_mark)

    def _key(self, frame: _Frame, event: ev.ScalarEvent) -> None:
        key = event.value
        mark = _mark(event.start_mark)
        if self._tag_of(event) == _MERGE_TAG and not event.style:
            self.problems.append(self._at(mark, (
                "merge keys ('<<') are not supported; write the keys out, or share a "
                "whole value with an anchor (&name) and an alias (*name)")))
        if key in frame.key_lines:
            self.problems.append(self._at(mark, (
                f"the key {quoted(key)} appears twice in this mapping (first on line "
                f"{frame.key_lines[key]}); keep only one of them")))
        frame.key_lines[key] = mark.line
        frame.pending_key = key
        self.source.keys[frame.path + (key,)] = mark

    def _open(self, event) -> None:
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.value, dict) and frame.pending_key is None:
            self._fatal(event.start_mark, (
                "a key must be plain text, not a list or a mapping; check the indentation"))
        if len(self.stack) >= MAX_DEPTH:
            self._fatal(event.start_mark, (
                f"the values are nested more than {MAX_DEPTH} levels deep; no protocol needs "
                "that many, so check the indentation and brackets"))
        self._count(event.start_mark)
        tag = event.tag
        if tag not in (None, "!") and tag not in _COLLECTION_TAGS:
            self.problems.append(self._at(_mark(event.start_mark), tag_message(tag)))
        container: Any = {} if isinstance(event, ev.MappingStartEvent) else []
        path = self._place(container, event.start_mark)
        self.stack.append(_Frame(path, container, self.count - 1, event.anchor))
        if event.anchor:
            self.open_anchors.add(event.anchor)

    def _close(self) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = (frame.value, self.count - frame.start_count)

    def _alias(self, event: ev.AliasEvent) -> None:
        if event.anchor in self.open_anchors:
            self._fatal(event.start_mark, (
                f"the alias *{event.anchor} refers to a value that contains it; "
                "a value cannot include itself"))
        if event.anchor not in self.anchors:
            self._fatal(event.start_mark, (
                f"the alias *{event.anchor} is used before any anchor &{event.anchor} "
                "defines it"))
        value, size = self.anchors[event.anchor]
        self._count(event.start_mark, size)
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.value, dict) and frame.pending_key is None:
            self._fatal(event.start_mark, "a key must be plain text, not an alias")
        self._place(value, event.start_mark)

    # -- helpers ------------------------------------------------------------
    def _place(self, value: Any, yaml_mark) -> tuple:
        """Put ``value`` into the open container (or make it the root); return its path."""
        mark = _mark(yaml_mark)
        if not self.stack:
            self.root = value
            path: tuple = ()
        else:
            frame = self.stack[-1]
            if isinstance(frame.value, dict):
                path = frame.path + (frame.pending_key,)
                frame.value[frame.pending_key] = value
                frame.pending_key = None
            else:
                path = frame.path + (len(frame.value),)
                frame.value.append(value)
        self.source.values[path] = mark
        return path

    def _count(self, yaml_mark, amount: int = 1) -> None:
        self.count += amount
        if self.count > MAX_VALUES:
            self._fatal(yaml_mark, (
                f"this file expands to more than {MAX_VALUES:,} values (aliases count as "
                "copies); a real protocol holds far fewer, so the file is refused"))

    def _construct(self, event: ev.ScalarEvent) -> Any:
        tag = self._tag_of(event)
        if tag not in _PLAIN_TAGS:
            self.problems.append(self._at(_mark(event.start_mark), tag_message(event.tag)))
            return event.value
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        return self.constructor.construct_object(node)

    def _tag_of(self, event: ev.ScalarEvent) -> str:
        if event.tag in (None, "!"):
            return self.resolver.resolve(ScalarNode, event.value, event.implicit)
        return event.tag

    def _at(self, mark: Mark, message: str) -> Problem:
        return Problem(self.source.file, mark.line, mark.column, message)

    def _fatal(self, yaml_mark, message: str) -> None:
        self.problems.append(self._at(_mark(yaml_mark), message))
        raise _Fatal


def _mark(yaml_mark) -> Mark:
    return Mark(yaml_mark.line + 1, yaml_mark.column + 1)
