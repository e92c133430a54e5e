"""What a save costs in ``handbook serve``: the HTML view's refresh against the page view's.

Run with ``python bench/preview.py [--jobs N] [--rounds N] [FOLDER]`` (default: a copy of
protocols/).  The preview is started as serve starts it (its warm-up build included),
then each round saves one protocol with a changed summary, as an author does, and times on
the wall clock: the HTML refresh (what the fast view waits for), the PDF built in the
background until its pages are shown, the first page image rendered from it; then it
saves twice, the second time while the first save's pages build, and times the HTML
refresh of the second.
Medians are printed.  Nothing is written outside a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook.build import BuildOptions  # noqa: E402
from handbook.preview.state import Preview  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "protocols")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as scratch:
        library = Path(scratch) / "library"
        shutil.copytree(arguments.folder, library)
        os.environ.setdefault("HANDBOOK_CACHE", str(Path(scratch) / "cache"))
        region = sorted((library / "regions").glob("*.yaml"))[0]
        preview = Preview(BuildOptions(source=library, output=Path("preview.html")),
                          arguments.jobs)
        started = time.perf_counter()
        preview.start()
        wait(lambda: done(preview))
        print(f"start-up to the first pages: "
              f"{time.perf_counter() - started:.2f} s, "
              f"{len(preview.printer.printed.pdf.sizes)} pages")
        html, busy, pages, image = [], [], [], []
        try:
            for round_ in range(1, arguments.rounds + 1):
                saved = save(preview, region, round_, html)
                wait(lambda: done(preview))
                pages.append(time.perf_counter() - saved)
                shown = time.perf_counter()
                preview.printer.printed.pdf.png(1)
                image.append(time.perf_counter() - shown)
                # Two saves: the second while the first one's pages build.  The HTML view's
                # refresh must not wait for them.
                save(preview, region, round_, [])
                save(preview, region, round_, busy)
                wait(lambda: done(preview))
        finally:
            preview.close()
    print(f"a save, median of {arguments.rounds}: HTML view {statistics.median(html):.2f} s "
          f"({statistics.median(busy):.2f} s while the pages of a save before it build); "
          f"page view {statistics.median(pages):.2f} s (the save to its pages shown); "
          f"one page image {statistics.median(image) * 1000:.0f} ms")


def save(preview: Preview, region: Path, round_: int, times: list[float]) -> float:
    """Save the region with a word more and refresh the HTML view, as the watcher does;
    the moment of the save."""
    region.write_text(edited(region.read_text(encoding="utf-8"), round_), encoding="utf-8")
    saved = time.perf_counter()
    assert preview.refresh() == []
    times.append(time.perf_counter() - saved)
    return saved


def done(preview: Preview) -> bool:
    """The pages of every save so far are shown."""
    return not preview.printer.printed.building


def edited(text: str, round_: int) -> str:
    """The first protocol's summary with a word more (a folded block, or a plain line)."""
    changed = re.sub(r"(summary: >-?\n\s+)", rf"\g<1>Round {round_}. ", text, count=1)
    if changed == text:
        changed = text.replace("summary: ", f"summary: Round {round_}. ", 1)
    return changed


def wait(condition, timeout: float = 600.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("the preview did not build its pages in time")
        time.sleep(0.02)


if __name__ == "__main__":
    main()
