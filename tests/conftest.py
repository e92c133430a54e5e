"""Shared fixtures: the real handbook is built once per test session (its other variants:
tests/variants.py)."""

from __future__ import annotations

import difflib
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader
from pypdf.generic import Destination

from handbook.build import BuildOptions, build
from handbook.cli import main
from handbook.source.loader import load_library
from tagged_reading import PageMarks, page_marks

ROOT = Path(__file__).resolve().parent.parent
PROTOCOLS = ROOT / "protocols"
PROTOCOLS_RU = ROOT / "protocols-ru"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
#: The session fixtures of every variant of the handbook the suite reads.
pytest_plugins = ("variants",)


@dataclass
class BuiltPdf:
    """A built PDF, read back: its reader, the text of each page (and its marked content),
    how it was built."""

    path: Path
    reader: PdfReader
    pages: list[str]
    reported_pages: int
    marks: list[PageMarks]
    _runs: dict = field(default_factory=dict, repr=False)
    _anchors: dict | None = field(default=None, repr=False)

    def text(self) -> str:
        return "\n".join(self.pages)

    def runs(self, number: int) -> list[tuple[float, float, str, str | None, float]]:
        """(y, x, text, font name, size) of every text run of a 1-based page, read once."""
        cached = self._runs.get(number)
        if cached is None:
            found: list[tuple[float, float, str, str | None, float]] = []

            def visit(text, cm, tm, font, size):
                if text.strip():
                    found.append((tm[5] * cm[3] + cm[5], tm[4] * cm[0] + cm[4], text.strip(),
                                  font["/BaseFont"].split("+")[-1] if font else None,
                                  abs(size * (tm[3] or 1) * (cm[3] or 1))))
            self.reader.pages[number - 1].extract_text(visitor_text=visit)
            cached = self._runs[number] = found
        return cached

    def height(self, number: int) -> float:
        return float(self.reader.pages[number - 1].mediabox.height)

    def band(self, number: int, where: str) -> str:
        """Text in the top or bottom 20 mm of a 1-based page: its running header or footer."""
        height = self.height(number)
        found = [(-y, x, text) for y, x, text, _, _ in self.runs(number)
                 if (y > height - 57 if where == "top" else y < 57)]
        return " ".join(text for _, _, text in sorted(found))

    def anchor_page(self, anchor: str) -> int:
        """The 1-based page a named destination (an element id) points to."""
        if self._anchors is None:
            reader = self.reader
            self._anchors = {name: reader.get_destination_page_number(destination) + 1
                             for name, destination in reader.named_destinations.items()}
        return self._anchors[anchor]


def read_pdf(path: Path, reported_pages: int) -> BuiltPdf:
    reader = PdfReader(path)
    pages = [page_marks(page) for page in reader.pages]
    return BuiltPdf(path, reader, [text for text, _ in pages], reported_pages,
                    [marks for _, marks in pages])


def build_pdf(source: Path, output: Path, **options) -> BuiltPdf:
    result = build(BuildOptions(source=source, output=output, **options))
    return read_pdf(output, result.pages)


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite the golden files in tests/golden/ from the current output.")


@pytest.fixture
def golden(request):
    """``golden(name, text)``: text must equal tests/golden/<name>, or the test fails with a
    diff; ``pytest --update-golden`` rewrites the file instead."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        if not path.is_file():
            pytest.fail(f"there is no golden file {name}; create it with: pytest --update-golden")
        expected = path.read_text(encoding="utf-8")
        if actual != expected:
            diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                f"golden/{name}", "now", n=2))
            pytest.fail(f"{name} differs from its golden file:\n{diff}\n"
                        "If the change is intended, run: pytest --update-golden", pytrace=False)
    return check


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """The suite never reads or fills the user's cache."""
    previous = os.environ.get("HANDBOOK_CACHE")
    os.environ["HANDBOOK_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield Path(os.environ["HANDBOOK_CACHE"])
    if previous is None:
        del os.environ["HANDBOOK_CACHE"]
    else:
        os.environ["HANDBOOK_CACHE"] = previous


@pytest.fixture(scope="session")
def library():
    return load_library(PROTOCOLS)


BUILD_MODES = ("plain", "parallel", "cached")


def build_in_mode(mode: str, folder: Path, parallel_cache: Path | None = None) -> BuiltPdf:
    """The standard handbook: one process and no cache; two workers filling a new cache;
    or assembled from the units that parallel build left in ``parallel_cache`` (the
    finished file not reused)."""
    target = folder / f"{mode}.pdf"
    if mode == "plain":
        return build_pdf(PROTOCOLS, target, jobs=1, cache_folder=None)
    if mode == "parallel":
        return build_pdf(PROTOCOLS, target, jobs=2, cache_folder=folder / "cache")
    shutil.rmtree(parallel_cache / "outputs")
    return build_pdf(PROTOCOLS, target, cache_folder=parallel_cache)


@pytest.fixture(scope="session")
def builds(tmp_path_factory) -> dict[str, BuiltPdf]:
    """Each mode's build, made when first asked for and kept for the session."""

    class Builds(dict):
        def __missing__(self, mode):
            cache = self["parallel"].path.parent / "cache" if mode == "cached" else None
            self[mode] = build_in_mode(mode, tmp_path_factory.mktemp(mode), cache)
            return self[mode]
    return Builds()


@pytest.fixture(scope="session")
def handbook_pdf(builds) -> BuiltPdf:
    """The standard handbook from protocols/, built once for the whole session.  The plain,
    parallel and cached builds are byte-identical (tests/build/test_pdf.py holds it), so the
    tests read one of them."""
    return builds["parallel"]


@pytest.fixture(scope="session")
def cervical_pdf(tmp_path_factory) -> BuiltPdf:
    return build_pdf(PROTOCOLS, tmp_path_factory.mktemp("cervical") / "cervical.pdf",
                     regions=("cervical",))


@pytest.fixture
def minimal_copy(tmp_path) -> Path:
    """A writable copy of the minimal fixture library."""
    target = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


#: Text drawn inside figures: a step's number, a spine segment's range.
FIGURE_LABEL = re.compile(r"^(\d{1,2}|(C|Th|L|S)\d+–(C|Th|L|S)\d+)$")


def normalise(text: str) -> str:
    """Collapse whitespace, so text that wraps in the PDF compares equal."""
    return re.sub(r"\s+", " ", text).strip()


def fragments(pdf: BuiltPdf, number: int) -> list[tuple[float, float, str, str, float]]:
    """(y, font size, font name, text, x) of every text run in the body of a 1-based page."""
    height = pdf.height(number)
    return [(y, size, font, text, x) for y, x, text, font, size in pdf.runs(number)
            if font is not None and 57 < y < height - 57]


def invoke(*arguments):
    """Run the command line in-process; arguments may be paths."""
    return CliRunner().invoke(main, [str(argument) for argument in arguments])


def set_yaml(path: Path, update) -> None:
    """Change a YAML file through ``update(data)``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    update(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def outline_entries(pdf) -> list[tuple[int, str, int]]:
    """(level, title, page) for every bookmark, depth first."""
    found = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            elif isinstance(item, Destination):
                found.append((level, normalise(item.title),
                              pdf.reader.get_destination_page_number(item) + 1))
    walk(pdf.reader.outline, 1)
    return found


TOC_LINE = re.compile(r"^(?P<title>.+?)\s+(?P<page>\d+)$")


def body_lines(pdf, number: int) -> list[str]:
    """The lines of a page's body (running heads and footers left out), top to bottom."""
    rows: dict[int, list[tuple[float, str]]] = {}
    for y, _, _, text, x in fragments(pdf, number):
        rows.setdefault(round(y), []).append((x, text))
    return [" ".join(text for _, text in sorted(rows[y])) for y in sorted(rows, reverse=True)]


def contents_entries(pdf, heading: str = "Contents") -> list[tuple[str, int]]:
    """(title, printed page) for every line of the printed contents, headed ``heading``."""
    entries, pending = [], ""
    number = pdf.anchor_page("part-contents")
    while pdf.band(number, "top").startswith(heading):
        for line in body_lines(pdf, number):
            if line == heading:
                continue
            match = TOC_LINE.match(f"{pending} {line}".strip())
            if match:
                entries.append((normalise(match["title"]), int(match["page"])))
                pending = ""
            else:  # a title long enough to wrap: its number is on the next line
                pending = f"{pending} {line}".strip()
        number += 1
    return entries


#: A course-log row as the PDF's text gives it: the session's number at the start of a line.
SESSION_ROW = re.compile(r"(?m)^\d+(?:\s|$)")


def log_summary_pages(pdf, protocols, summary, squash=lambda text: " ".join(text.split())):
    """For each protocol's course log: the page text holding the summary row, up to where the
    summary starts.  The summary must follow at least one session row on its page, never stand
    alone under a repeated header."""
    found = {}
    for protocol in protocols:
        first = pdf.anchor_page(f"protocol-{protocol.id}-log")
        for number in range(first, min(first + 4, len(pdf.pages) + 1)):
            text = pdf.pages[number - 1]
            if squash(summary) in squash(text):
                found[protocol.id] = text
                break
    return found
