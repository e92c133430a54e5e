"""The tagged PDF's structure tree: each unit's tree made ready to join, and the join.

WeasyPrint tags a unit as it writes it: a tree of structure elements (headings,
paragraphs, lists, tables with header cells, figures with their alternative
text, links) whose leaves are the marked content of its pages, numbered per
page (MCIDs).  The parent tree leads back from content to element, keyed by
each page's ``/StructParents`` and each link annotation's ``/StructParent``.

Two things in what it writes do not suit a document joined from many units,
and :func:`prepare` mends them in the worker, once per unit (so the cache keeps
the result):

* the running heads (margin boxes) are marked content whose elements hang
  outside the tree; they become pagination artifacts, as the stamped page
  numbers are (see footers), and leave the parent tree;
* table header cells are named by ids unique within one unit only; each gets
  the unit's own prefix (from its HTML), and the unit lists its ids in an
  ``/IDTree``.

:func:`merge` then joins the units in the assembler, as the links and the
outline are joined: one Document element holding every unit's top-level
elements in page order, one parent tree whose keys are renumbered (a page's
key is its final index, the links' follow the pages), one ID tree, and the
role and class maps, if any.  The MCIDs stay as they are: they are per page.
Everything is copied by qpdf in one pass per unit and nothing depends on
object numbers, so the same units give the same bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence

from pikepdf import Array, Dictionary, Name, Object, Pdf, String

#: A marked-content sequence with an MCID, as WeasyPrint (pydyf) writes it.
MARKED = re.compile(rb"/(\w+)\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
#: What a running head's marked content becomes.
PAGINATION = b"/Artifact <</Type /Pagination>> BDC"


def prepare(data: bytes, prefix: str) -> bytes:
    """One unit's tagged PDF with its running heads as artifacts and its ids prefixed."""
    pdf = Pdf.open(io.BytesIO(data))
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return data
    document = _document(root)
    top = {kid.objgen for kid in document.K}
    in_tree: dict[tuple[int, int], bool] = {}
    for key, marks in _numbers(root.ParentTree):
        if key >= len(pdf.pages) or not isinstance(marks, Array):
            continue
        outside = {mcid for mcid, element in enumerate(marks)
                   if isinstance(element, Dictionary) and not _reaches(element, top, in_tree)}
        if outside:
            _as_artifacts(pdf, pdf.pages[key].obj, outside)
            for mcid in outside:
                marks[mcid] = None
    ids = _prefix_ids(document, prefix + "-")
    if ids:
        root.IDTree = _name_tree(ids)
    output = io.BytesIO()
    pdf.save(output, deterministic_id=True, compress_streams=True)
    return output.getvalue()


def merge(final: Pdf, sources: Sequence[Pdf], placed: Sequence[tuple[int, int]]) -> None:
    """Join the units' structure trees into ``final``, whose pages are already in place.

    ``placed`` holds (unit, index of its first page in ``final``) in page order; blank
    pages between units have no content and so no key."""
    if not any("/StructTreeRoot" in sources[unit].Root for unit, _ in placed):
        return
    root = final.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = final.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document,
                                              P=root, K=Array()))
    root.K = Array([document])
    numbers: dict[int, Object] = {}
    ids: dict[str, Object] = {}
    maps: dict[str, Dictionary] = {"/RoleMap": Dictionary(), "/ClassMap": Dictionary()}
    next_key = len(final.pages)
    for unit, start in placed:
        source = sources[unit]
        tree = source.Root.get("/StructTreeRoot")
        if tree is None:
            continue
        for kid in _document(tree).K:
            if Name.P in kid:
                del kid[Name.P]  # else the copy would bring the unit's own root along
            copied = final.copy_foreign(kid)
            copied.P = document
            document.K.append(copied)
        link_keys = {}
        for key, value in _numbers(tree.ParentTree):
            if key < len(source.pages):
                numbers[start + key] = Array([_copied(final, element) for element in value])
            else:
                link_keys[key] = next_key
                numbers[next_key] = _copied(final, value)
                next_key += 1
        for offset in range(len(source.pages)):
            page = final.pages[start + offset].obj
            if Name.StructParents in page:
                page.StructParents = start + offset
            for annotation in page.get("/Annots", ()):
                if Name.StructParent in annotation:
                    annotation.StructParent = link_keys[int(annotation.StructParent)]
        if "/IDTree" in tree:
            names = list(tree.IDTree.get("/Names", ()))
            ids.update((str(names[i]), _copied(final, names[i + 1]))
                       for i in range(0, len(names), 2))
        for name, merged in maps.items():
            for role, value in tree.get(name, Dictionary()).items():
                if role not in merged:
                    merged[role] = _copied(final, value)
    root.ParentTree = final.make_indirect(Dictionary(Nums=Array(
        [item for key in sorted(numbers) for item in (key, numbers[key])])))
    root.ParentTreeNextKey = next_key
    if ids:
        root.IDTree = _name_tree(ids)
    for name, merged in maps.items():
        if merged:
            root[name] = merged
    final.Root.StructTreeRoot = root
    final.Root.MarkInfo = Dictionary(Marked=True)


def _document(root: Dictionary) -> Dictionary:
    """The Document element WeasyPrint puts at the top of its tree."""
    kids = root.K
    return kids[0] if isinstance(kids, Array) else kids


def _numbers(tree: Dictionary) -> Iterator[tuple[int, Object]]:
    """(key, value) of a number tree, leaves in order."""
    if "/Nums" in tree:
        items = list(tree.Nums)
        for index in range(0, len(items), 2):
            yield int(items[index]), items[index + 1]
    for kid in tree.get("/Kids", ()):
        yield from _numbers(kid)


def _reaches(element: Dictionary, top: set, in_tree: dict) -> bool:
    """Whether the element hangs, through its parents, from the Document's children."""
    chain = []
    while True:
        key = element.objgen
        if key in in_tree or key in top:
            found = in_tree.get(key, key in top)
            break
        chain.append(key)
        parent = element.get("/P")
        if not isinstance(parent, Dictionary) or parent.get("/S") == Name.Document:
            found = False
            break
        element = parent
    for key in chain:
        in_tree[key] = found
    return found


def _as_artifacts(pdf: Pdf, page: Dictionary, mcids: set[int]) -> None:
    """Rewrite the page's marked content ``mcids`` as pagination artifacts."""
    contents = page.Contents
    streams = list(contents) if isinstance(contents, Array) else [contents]
    for stream in streams:
        data = stream.read_bytes()
        changed = MARKED.sub(
            lambda match: PAGINATION if int(match[2]) in mcids else match[0], data)
        if changed != data:
            stream.write(changed)


def _prefix_ids(document: Dictionary, prefix: str) -> dict[str, Dictionary]:
    """Prefix every element id in the tree, and the header references of table cells,
    with ``prefix``; the elements by their new ids."""
    ids, stack, seen = {}, [document], set()
    while stack:
        element = stack.pop()
        if element.objgen in seen:
            continue
        seen.add(element.objgen)
        if "/ID" in element:
            element.ID = String(prefix + str(element.ID))
            ids[str(element.ID)] = element
        attributes = element.get("/A")
        if isinstance(attributes, Dictionary) and "/Headers" in attributes:
            attributes.Headers = Array([String(prefix + str(header))
                                        for header in attributes.Headers])
        kids = element.get("/K")
        for kid in (kids if isinstance(kids, Array) else [kids]):
            if isinstance(kid, Dictionary) and kid.get("/Type") != Name.OBJR and "/S" in kid:
                stack.append(kid)
    return ids


def _name_tree(entries: dict[str, Object]) -> Dictionary:
    """A name tree of one node, its names in order."""
    return Dictionary(Names=Array([item for name in sorted(entries)
                                   for item in (String(name), entries[name])]))


def _copied(final: Pdf, value: Object) -> Object:
    """An indirect object of a unit as copied into ``final`` (qpdf copies each once)."""
    return final.copy_foreign(value) if getattr(value, "is_indirect", False) else value
