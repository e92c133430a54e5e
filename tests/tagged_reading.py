"""A tagged PDF read back by tools that did not write it.

WeasyPrint writes each unit's structure tree and pikepdf joins them; the tests read the
result with pypdf (every text run of every page, with the marked content it sits in:
an artifact, or an MCID, and where it is on the page; the tree's elements, walked from
the catalogue) and poppler (``pdfinfo -struct``, the tree's elements as another reader
finds them, and ``-struct-text``, the tree's text as a screen reader is given it).
tests/typeset/test_tagged.py holds the checks.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NumberObject

#: Operators that put ink on the page.
PAINTING = frozenset({b"f", b"F", b"f*", b"S", b"s", b"B", b"B*", b"b", b"b*", b"Do", b"sh"})


@dataclass(frozen=True)
class Run:
    """A piece of a page's text: in an artifact, or in the marked content ``mcid`` (None:
    in neither), at (x, y) in points from the page's bottom left."""

    artifact: bool
    mcid: int | None
    tag: str
    text: str
    x: float
    y: float


@dataclass
class PageMarks:
    """What one page draws, by marked content."""

    runs: list[Run] = field(default_factory=list)
    #: Every MCID the page's content marks, with text or not.
    mcids: set[int] = field(default_factory=set)
    #: Painting operators outside any marked content (neither tagged nor an artifact).
    unmarked_painting: int = 0


def page_marks(page) -> tuple[str, PageMarks]:
    """The page's text (as ``extract_text`` gives it) and its marked content, in one pass."""
    marks, stack = PageMarks(), []

    def before(operator, operands, cm, tm):
        if operator in (b"BDC", b"BMC"):
            properties = operands[1] if operator == b"BDC" else None
            mcid = properties.get("/MCID") if isinstance(properties, DictionaryObject) else None
            stack.append((str(operands[0]), None if mcid is None else int(mcid)))
            if mcid is not None:
                marks.mcids.add(int(mcid))
        elif operator == b"EMC" and stack:
            stack.pop()
        elif operator in PAINTING and not stack:
            marks.unmarked_painting += 1

    def text(run, cm, tm, font, size):
        if not run.strip():
            return
        artifact = any(tag == "/Artifact" for tag, _ in stack)
        tag, mcid = next(((tag, mcid) for tag, mcid in reversed(stack) if mcid is not None),
                         ("", None))
        marks.runs.append(Run(artifact, None if artifact else mcid, tag, run,
                              tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))
    return page.extract_text(visitor_operand_before=before, visitor_text=text), marks


@dataclass(frozen=True)
class Leaf:
    """Marked content the tree points at, in the tree's order: its page (from 0), its MCID,
    the element that holds it (by object number) and the roles above it."""

    page: int
    mcid: int
    element: int
    roles: tuple[str, ...]


@dataclass
class Structure:
    """The structure tree as pypdf walks it, and its text as poppler reads it."""

    leaves: list[Leaf]
    #: The /Alt of every Figure element ("" where it has none).
    figures: list[str]
    #: (level, the leaves under it) of every heading, in the tree's order.
    headings: list[tuple[int, list[Leaf]]]
    #: Every element's role, depth first.
    roles: list[str]
    #: The element (by object number) of every annotation (by object number) it holds.
    annotations: dict[int, int]


def read_structure(reader: PdfReader) -> Structure:
    """The tree of a PDF, walked from its catalogue."""
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}
    structure = Structure([], [], [], [], {})
    _walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"], None, 0, (), pages, structure,
          set())
    return structure


def parent_tree(reader: PdfReader) -> dict[int, object]:
    """The parent tree's entries by key (a flat number tree, or one with kids)."""
    found, stack = {}, [reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]]
    while stack:
        node = stack.pop().get_object()
        numbers = list(node.get("/Nums", ()))
        found.update((int(numbers[i]), numbers[i + 1]) for i in range(0, len(numbers), 2))
        stack.extend(node.get("/Kids", ()))
    return found


def _walk(node, page, owner, roles, pages, structure, seen) -> None:
    if isinstance(node, ArrayObject):
        for kid in node:
            _walk(kid, page, owner, roles, pages, structure, seen)
        return
    reference = node.idnum if isinstance(node, IndirectObject) else None
    node = node.get_object()
    if isinstance(node, NumberObject):
        structure.leaves.append(Leaf(page, int(node), owner, roles))
        return
    if not isinstance(node, DictionaryObject):
        return
    if "/Pg" in node:
        page = pages[node.raw_get("/Pg").idnum]
    kind = node.get("/Type")
    if kind == "/MCR":
        structure.leaves.append(Leaf(page, int(node["/MCID"]), owner, roles))
        return
    if kind == "/OBJR":
        structure.annotations[node.raw_get("/Obj").idnum] = owner
        return
    if "/S" not in node:
        return
    assert reference is not None, "a structure element is not an indirect object"
    assert reference not in seen, f"an element is reached twice: {node.get('/S')}"
    seen.add(reference)
    role = str(node["/S"])
    structure.roles.append(role)
    if role == "/Figure":
        structure.figures.append(str(node.get("/Alt", "")))
    start = len(structure.leaves)
    if "/K" in node:
        _walk(node["/K"], page, reference, (*roles, role), pages, structure, seen)
    heading = re.fullmatch(r"/H([1-6])", role)
    if heading:
        structure.headings.append((int(heading[1]), structure.leaves[start:]))


def poppler_roles(path: Path) -> list[str]:
    """Every element's role, depth first, as poppler reads the tree."""
    output = subprocess.run(["pdfinfo", "-struct", str(path)], capture_output=True,
                            text=True, check=True).stdout
    return ["/" + match[1] for match in re.finditer(r"(?m)^ *(\w+)(?: <[^>]*>)?(?: \((?:block|inline)\))?:?$",
                                                     output)]


def poppler_text(path: Path) -> str:
    """The text of the tree, element after element, as poppler gives it (slow: seconds for
    a few pages)."""
    output = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True,
                            text=True, check=True).stdout
    return "".join(match[1] for match in re.finditer(r'(?m)^\s*"(.*)"$', output))


def pdfinfo(path: Path) -> dict[str, str]:
    output = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                            check=True).stdout
    return dict(line.split(":", 1) for line in output.splitlines() if ":" in line)
