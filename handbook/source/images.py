"""Images from a protocols folder, checked before anything draws them.

The clinic's logo, and any picture its stylesheet names, come with the protocols
folder, so they are checked like any other input from people: a file is what its
name says, of a size a logo has, in bytes and in pixels (a 20 KB PNG can decode to
gigabytes), and an SVG is a drawing that references nothing outside itself (no
links, scripts, entities or processing instructions; its CSS read as a CSS parser
reads it, escapes and all) and of a size a drawing has, counting every ``<use>`` as
a copy of what it shows.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from xml.etree import ElementTree

from ..errors import quoted

#: A logo is a few kilobytes; a megabyte is far beyond any.
MAX_IMAGE_BYTES = 1_000_000
#: 4096 pixels on a side, 4 million in all: a logo 7 cm wide at 1,200 dpi.
MAX_SIDE, MAX_PIXELS = 4096, 4_194_304
#: Elements of an SVG, every ``<use>`` counted as a copy of what it shows; nesting.
MAX_SVG_ELEMENTS, MAX_SVG_DEPTH = 5_000, 32
#: Numbers in an SVG's coordinates (paths, polygons, transforms).
MAX_SVG_NUMBERS = 100_000
#: The raster kinds a logo may be, by file suffix.
RASTER = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
SUFFIXES = (".svg", *RASTER)

_FORBIDDEN_TAGS = {"script", "foreignObject", "iframe", "object", "embed", "audio", "video",
                   "canvas", "handler", "listener", "set", "animate", "animateMotion",
                   "animateTransform", "animateColor", "discard"}
#: CSS functions that load something (``url(#id)`` alone may point inside the drawing).
_LOADING = {"url", "src", "image", "image-set", "-webkit-image-set", "element", "cross-fade"}
_NUMBER = re.compile(r"[-+]?(?:\d*\.\d+|\d+\.?)(?:[eE][-+]?\d+)?")
_INSTRUCTION = re.compile(r"<\?([^\s?>]*)")


def image_problems(data: bytes, name: str, suffix: str) -> list[str]:
    """What is wrong with an image file of kind ``suffix`` (".svg", ".png", ".jpg"), each
    saying what to do; [] if it may be drawn."""
    if len(data) > MAX_IMAGE_BYTES:
        return [f"{quoted(name)} is larger than {MAX_IMAGE_BYTES // 1_000_000} MB; export a "
                "smaller file"]
    if suffix == ".svg":
        return svg_problems(data, name)
    return raster_problems(data, name, RASTER[suffix])


def raster_problems(data: bytes, name: str, kind: str) -> list[str]:
    """A PNG or JPEG: really one, whole, and of a logo's pixel size (read from its header,
    before anything is decoded)."""
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():  # the size is judged below, and said in words
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[kind]) as image:
                width, height = image.size
        if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
            return [_too_many_pixels(name, f"{width:,} × {height:,} pixels")]
        with Image.open(io.BytesIO(data), formats=[kind]) as image:
            image.verify()
    except Image.DecompressionBombError:
        return [_too_many_pixels(name, "hundreds of millions of pixels")]
    except Exception:  # noqa: BLE001 - Pillow says "not this kind" in many ways
        return [f"{quoted(name)} is not a whole {kind} image, whatever its name says; "
                f"export it again as {kind}"]
    return []


def _too_many_pixels(name: str, size: str) -> str:
    return (f"{quoted(name)} is {size}; a logo needs at most {MAX_SIDE:,} on a side and "
            f"{MAX_PIXELS / 1e6:.0f} million in all (600 × 200 prints sharply); export it "
            "smaller")


def svg_problems(data: bytes, name: str) -> list[str]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return [f"{quoted(name)} is not UTF-8 text; save the SVG as UTF-8"]
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        return [f"{quoted(name)} declares a DOCTYPE or entities; save it as plain SVG"]
    problems = [f"{quoted(name)} holds a processing instruction <?{match[1]}?>; save it as "
                "plain SVG" for match in _INSTRUCTION.finditer(text)
                if not (match[1] == "xml" and text[:match.start()].strip("\ufeff \t\r\n") == "")]
    if problems:
        return problems
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return [f"{quoted(name)} is not an SVG image (it does not read as XML: {error})"]
    if _local(root.tag) != "svg":
        return [f"{quoted(name)} is not an SVG image (its root is {quoted(_local(root.tag))})"]
    size = _Size(root)
    problems = [message.format(name=quoted(name)) for message in size.problems()]
    for element in root.iter():
        problems += [message.format(name=quoted(name)) for message in _element_problems(element)]
    return sorted(set(problems))


def _element_problems(element: ElementTree.Element) -> Iterable[str]:
    tag = _local(element.tag)
    if tag in _FORBIDDEN_TAGS:
        yield f"{{name}} holds a <{tag}>; a logo is a drawing only"
    for attribute, value in element.attrib.items():
        local = _local(attribute)
        if local in ("href", "src") and not value.startswith("#"):
            yield (f"{{name}} refers to {quoted(value)}; a logo may refer to nothing outside "
                   "itself")
        elif local.startswith("on"):
            yield f"{{name}} has a script attribute {quoted(local)}"
        elif local == "style":
            yield from css_problems(value, declarations=True)
        elif "(" in value or "\\" in value:
            yield from css_problems(value, declarations=False, values=True)
    if tag == "style" and element.text:
        yield from css_problems(element.text, declarations=False)


def css_problems(css: str, *, declarations: bool, values: bool = False) -> list[str]:
    """A logo's CSS as a CSS parser reads it (``u\\rl(`` is ``url(``, ``@\\69mport`` is
    ``@import``): nothing that loads a file, no at-rule but ``@media``."""
    import tinycss2

    if values:
        nodes = tinycss2.parse_component_value_list(css)
    elif declarations:
        nodes = tinycss2.parse_blocks_contents(css)
    else:
        nodes = tinycss2.parse_stylesheet(css)
    problems: list[str] = []
    _walk_css(nodes, problems)
    return problems


def _walk_css(nodes, problems: list[str]) -> None:
    for node in nodes or ():
        kind = getattr(node, "type", "")
        if kind == "error":
            problems.append("{name} has a stylesheet that does not read as CSS; fix or "
                            "remove it")
        elif kind == "at-rule":
            if node.lower_at_keyword != "media":
                problems.append(f"{{name}} has a stylesheet rule @{node.lower_at_keyword}; a "
                                "logo's style may only use plain rules and @media")
            _walk_css(node.prelude, problems)
            _walk_css(node.content, problems)
        elif kind in ("qualified-rule",):
            _walk_css(node.prelude, problems)
            _walk_css(node.content, problems)
        elif kind == "declaration":
            _walk_css(node.value, problems)
        elif kind == "url" and not node.value.startswith("#"):
            problems.append(_LOADS)
        elif kind == "function":
            if node.lower_name in _LOADING and not (
                    node.lower_name == "url" and _local_reference(node.arguments)):
                problems.append(_LOADS)
            _walk_css(node.arguments, problems)
        elif kind in ("() block", "[] block", "{} block"):
            _walk_css(node.content, problems)


_LOADS = "{name} has a stylesheet that loads another file; a logo may refer to nothing outside itself"


def _local_reference(arguments) -> bool:
    strings = [node for node in arguments if getattr(node, "type", "") == "string"]
    return len(strings) == 1 and strings[0].value.startswith("#")


class _Size:
    """How large the drawing is: elements (a ``<use>`` as a copy of what it shows, so a
    small "billion laughs" of nested uses is seen), nesting, coordinates."""

    def __init__(self, root: ElementTree.Element):
        self.root = root
        self.ids = {element.get("id"): element for element in root.iter() if element.get("id")}
        self.expanded: dict[int, int] = {}
        self.open: set[int] = set()
        self.cycle = False

    def problems(self) -> list[str]:
        depth = _depth(self.root)
        if depth > MAX_SVG_DEPTH:
            return [f"{{name}} nests its elements {depth} deep; a logo needs at most "
                    f"{MAX_SVG_DEPTH}: simplify the drawing"]
        numbers = sum(len(_NUMBER.findall(value)) for element in self.root.iter()
                      for value in element.attrib.values())
        if numbers > MAX_SVG_NUMBERS:
            return [f"{{name}} has {numbers:,} coordinates; a logo needs far fewer (at most "
                    f"{MAX_SVG_NUMBERS:,}): simplify its paths"]
        count = self.count(self.root)
        if self.cycle:
            return ["{name} has a <use> that shows itself; remove the loop"]
        if count > MAX_SVG_ELEMENTS:
            return [f"{{name}} draws more than {MAX_SVG_ELEMENTS:,} elements (counting what "
                    "each <use> repeats); simplify the drawing"]
        return []

    def count(self, element: ElementTree.Element) -> int:
        key = id(element)
        if key in self.expanded:
            return self.expanded[key]
        if key in self.open or len(self.open) > 4 * MAX_SVG_DEPTH:
            self.cycle = self.cycle or key in self.open
            return MAX_SVG_ELEMENTS + 1
        self.open.add(key)
        total = 1
        for child in element:
            total = min(total + self.count(child), MAX_SVG_ELEMENTS + 1)
        if _local(element.tag) == "use":
            target = next((value for attribute, value in element.attrib.items()
                           if _local(attribute) == "href"), "")
            if target.startswith("#") and target[1:] in self.ids:
                total = min(total + self.count(self.ids[target[1:]]), MAX_SVG_ELEMENTS + 1)
        self.open.discard(key)
        self.expanded[key] = total
        return total


def _depth(element: ElementTree.Element) -> int:
    deepest, level = 0, [(element, 1)]
    while level:
        node, depth = level.pop()
        deepest = max(deepest, depth)
        level.extend((child, depth + 1) for child in node)
    return deepest


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
