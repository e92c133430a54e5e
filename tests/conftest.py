"""Shared fixtures: the real handbook is built once per test session (its other variants:
tests/variants.py)."""

from __future__ import annotations

import difflib
import os
import re
import shutil
from dataclasses import dataclass
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

    def text(self) -> str:
        return "\n".join(self.pages)

    def band(self, number: int, where: str) -> str:
        """Text in the top or bottom 20 mm of a 1-based page: its running header or footer."""
        page = self.reader.pages[number - 1]
        height = float(page.mediabox.height)
        found: list[tuple[float, float, str]] = []

        def visit(text, cm, tm, font, size):
            y = tm[5] * cm[3] + cm[5]
            inside = y > height - 57 if where == "top" else y < 57
            if text.strip() and inside:
                found.append((-y, tm[4], text.strip()))
        page.extract_text(visitor_text=visit)
        return " ".join(text for _, _, text in sorted(found))

    def anchor_page(self, anchor: str) -> int:
        """The 1-based page a named destination (an element id) points to."""
        destination = self.reader.named_destinations[anchor]
        return self.reader.get_destination_page_number(destination) + 1


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


def build_in_mode(mode: str, folder: Path) -> BuiltPdf:
    """The standard handbook: one process and no cache; two workers and no cache; or
    assembled from units typeset by an earlier build (the finished file not reused)."""
    target = folder / f"{mode}.pdf"
    if mode == "plain":
        return build_pdf(PROTOCOLS, target, jobs=1, cache_folder=None)
    if mode == "parallel":
        return build_pdf(PROTOCOLS, target, jobs=2, cache_folder=None)
    cache = folder / "cache"
    build_pdf(PROTOCOLS, folder / "first.pdf", cache_folder=cache)
    shutil.rmtree(cache / "outputs")
    return build_pdf(PROTOCOLS, target, cache_folder=cache)


@pytest.fixture(scope="session")
def builds(tmp_path_factory) -> dict[str, BuiltPdf]:
    """Each mode's build, made when first asked for and kept for the session."""
    made: dict[str, BuiltPdf] = {}

    class Builds(dict):
        def __missing__(self, mode):
            made[mode] = build_in_mode(mode, tmp_path_factory.mktemp(mode))
            self[mode] = made[mode]
            return made[mode]
    return Builds()


@pytest.fixture(scope="session", params=BUILD_MODES)
def handbook_pdf(request, builds) -> BuiltPdf:
    """The standard handbook from protocols/, built once per mode for the whole session."""
    return builds[request.param]


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
    page = pdf.reader.pages[number - 1]
    height = float(page.mediabox.height)
    found = []

    def visit(text, cm, tm, font, size):
        if not text.strip() or font is None:
            return
        y = tm[5] * cm[3] + cm[5]
        if 57 < y < height - 57:
            found.append((y, abs(size * (tm[3] or 1) * (cm[3] or 1)),
                          font["/BaseFont"].split("+")[-1], text.strip(), tm[4] * cm[0] + cm[4]))
    page.extract_text(visitor_text=visit)
    return found


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
