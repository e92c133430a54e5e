"""The page view's PDF, built in the background after a save: the last pages stay on show
with a note while a newer PDF builds, a broken save shows its problems above them, the
build keeps to ``build``'s time limit, and the view speaks the edition's language.

The preview is driven here without a browser or a server (tests/preview/test_serve.py
drives both), so each state between two builds can be looked at when it happens.
"""

from __future__ import annotations

import io
import time
from pathlib import Path

from PIL import Image

from handbook.build import BuildOptions
from handbook.preview._pages import SCALE
from handbook.preview.page_view import page_view
from handbook.preview.printed import Printed
from handbook.preview.state import Preview

#: A summary long enough to push the protocol's steps onto a page of their own.
LONG_SUMMARY = "summary: Stroking only." + " Stroke slowly and evenly, towards the heart." * 60
FIGURE = '<figure class="printed-page"'


def wait_for(condition, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the preview did not get there in time"
        time.sleep(0.05)


def preview_of(library: Path, **options) -> Preview:
    return Preview(BuildOptions(source=library, output=Path("preview.html"), **options), jobs=1)


def built(preview: Preview, number: int) -> bool:
    printed = preview.printer.printed
    return printed.build == number and not printed.building


def test_the_last_pages_stay_while_a_save_builds_and_a_moved_break_follows(minimal_copy):
    preview = preview_of(minimal_copy)
    try:
        preview.start()
        wait_for(lambda: built(preview, 1))
        first = preview.printer.printed
        assert len(first.pdf.sizes) == 15 and first.problems == ()
        assert first.numbers["protocol-neck-basic"] == 7
        assert first.numbers["protocol-neck-basic-checklist"] == 8
        image = Image.open(io.BytesIO(first.pdf.png(8)))
        width, height = first.pdf.sizes[7]
        assert image.size == (round(width * SCALE), round(height * SCALE))

        region = minimal_copy / "regions" / "neck.yaml"
        region.write_text(region.read_text().replace("summary: Stroking only.", LONG_SUMMARY))
        assert preview.refresh() == []  # the HTML at once; the PDF after it
        meanwhile = preview.pages()
        assert "Building the pages of the last save" in meanwhile
        assert meanwhile.count(FIGURE) == 15 and "/pages/1/15.png" in meanwhile

        wait_for(lambda: built(preview, 2))
        second = preview.printer.printed
        assert len(second.pdf.sizes) == 16  # the steps moved to a page of their own
        assert second.numbers["protocol-neck-basic-checklist"] == 9
        after = preview.pages()
        assert after.count(FIGURE) == 16 and "/pages/2/16.png" in after
        assert 'class="building"' not in after and "16 pages, built in" in after
        try:
            first.pdf.png(1)
        except IndexError:
            pass  # the old PDF is closed: its images are no longer served
        else:
            raise AssertionError("the PDF before the save still renders")

        region.write_text(region.read_text().replace("repetitions:", "repetitons:"))
        problems = preview.refresh()
        assert problems and "did you mean 'repetitions'" in problems[0]
        broken = preview.pages()
        assert "The last save has problems; these are the pages from before it." in broken
        assert "regions/neck.yaml:" in broken and broken.count(FIGURE) == 16
        assert preview.printer.printed.build == 2  # nothing is built from a broken library
    finally:
        preview.close()


def slow(*args, **kwargs):
    time.sleep(5)


def test_the_pages_keep_to_the_build_time_limit_with_one_job(minimal_copy, tmp_path, monkeypatch):
    """One job, and the PDF built from a thread of serve's: the limit holds all the same."""
    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "cold"))  # every unit typeset afresh
    monkeypatch.setattr("handbook.typeset.engine.HTML.render", slow)  # forked workers inherit it
    preview = preview_of(minimal_copy, time_limit=1)
    started = time.perf_counter()
    try:
        preview.start()
        assert preview.snapshot.problems == ()  # the HTML view is not held up
        wait_for(lambda: preview.printer.printed.problems, timeout=30)
        assert time.perf_counter() - started < 20
        assert "typesetting took longer than 1 s" in preview.printer.printed.problems[0]
        page = preview.pages()
        assert "The pages could not be built; these are the last that were." in page
        assert "typesetting took longer than 1 s" in page and FIGURE not in page
    finally:
        preview.close()


def test_the_page_view_speaks_the_editions_language():
    page = page_view(Printed(building=True), (), "ru", 1)
    assert '<html lang="ru">' in page
    assert "Страницы как в печати" in page and "Быстрый просмотр" in page
    assert "Страницы собираются" in page
