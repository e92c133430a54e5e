"""The live preview, in a real browser: it shows the handbook, reloads by itself when a file
is saved, shows a broken file's problems above the last good preview; its page view shows
the built PDF's pages and follows a save that moves a page break; its contents have their
leaders and page numbers, and nothing is wider than a 1,400-pixel window; it serves nothing
else, and stops cleanly on Ctrl-C.

Headless Chromium (Debian's chromium package) driven by Playwright; make test (and .ci/run)
installs the browser where it is missing, and the test is skipped, saying why, where there is none.
"""

from __future__ import annotations

import contextlib
import shutil
import signal

import pytest

from serving import fetch, start_serve, stop

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BROWSER_ARGUMENTS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync"]


#: A summary long enough to push the protocol's steps onto a page of their own.
LONG_SUMMARY = "summary: Stroking only." + " Stroke slowly and evenly, towards the heart." * 60


@pytest.fixture
def served(tmp_path):
    """``handbook serve`` on a copy of the minimal library, on a free local port."""
    library, url, process = start_serve(tmp_path)
    yield library, url, process
    stop(process)


#: A test that drives Chromium; skipped, saying how to get it, where there is none.
needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here: install "
                                   "Debian's chromium package (make test does, where it can) to "
                                   "run the browser test")


@contextlib.contextmanager
def browser_page(**page_options):
    """A page of a headless Chromium, closed with its browser at the end."""
    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGUMENTS)
        try:
            yield browser.new_page(**page_options)
        finally:
            browser.close()


@needs_browser
def test_the_preview_follows_every_save_in_a_real_browser(served):
    library, url, _ = served
    region = library / "regions" / "neck.yaml"
    with browser_page() as page:
        page.goto(url)
        assert page.locator("h2.section-title", has_text="Basic neck massage").count() == 1
        assert page.locator("nav.screen-contents a").count() > 3  # the contents beside it

        region.write_text(region.read_text().replace("summary: Stroking only.",
                                                     "summary: Stroking, saved just now."))
        page.wait_for_selector("text=Stroking, saved just now.", timeout=20_000)  # no reload asked

        region.write_text(region.read_text().replace("repetitions: 6-7 times",
                                                     "repetitons: 6-7 times"))
        problems = page.wait_for_selector("section.problems", timeout=20_000)
        assert "regions/neck.yaml:" in problems.inner_text()
        assert "did you mean 'repetitions'" in problems.inner_text()
        assert page.locator("text=Stroking, saved just now.").count() == 1  # the last good one


#: Whether the image a selector names is there and loaded (null while a page reloads).
IMAGE_SHOWN = "selector => { const image = document.querySelector(selector); " \
              "return image !== null && image.complete && image.naturalWidth > 0; }"


def page_images(page) -> list[str]:
    return page.eval_on_selector_all("figure.printed-page img", "images => images.map(i => i.src)")


@needs_browser
def test_the_page_view_shows_a_moved_page_break_in_a_real_browser(served):
    library, url, _ = served
    region = library / "regions" / "neck.yaml"
    with browser_page(viewport={"width": 1400, "height": 900}) as page:
        page.goto(url)
        # Nothing wider than the window, the landscape course log included.
        log = page.locator("section.course-log").first.bounding_box()
        assert log["x"] >= 0 and log["x"] + log["width"] <= 1400, log
        assert page.evaluate("document.documentElement.scrollWidth") <= 1400
        # The contents: the leader dots drawn, the page numbers of the built PDF.
        protocol = page.locator('.toc a[href="#protocol-neck-basic"]')
        page.wait_for_function("""() => {
            const link = document.querySelector('.toc a[href="#protocol-neck-basic"]');
            return link !== null && link.dataset.page === "7"; }""", timeout=60_000)
        number = protocol.evaluate("link => getComputedStyle(link, '::after').content")
        assert number == '"7"'
        leader = page.locator(".toc li").first.evaluate(
            "item => getComputedStyle(item).backgroundImage")
        assert leader.startswith('url("data:image/svg+xml;base64,')

        page.click("text=Pages as printed")
        page.wait_for_selector("p.status", timeout=60_000)
        assert len(page_images(page)) == 15
        checklist = page.locator("#page-8 img")
        checklist.scroll_into_view_if_needed()
        page.wait_for_function(IMAGE_SHOWN, arg="#page-8 img")
        before = fetch(page_images(page)[7])[1]
        assert before.startswith(b"\x89PNG")

        region.write_text(region.read_text().replace("summary: Stroking only.", LONG_SUMMARY))
        page.wait_for_function("""() => document.querySelectorAll('figure.printed-page').length
            === 16 && !document.querySelector('p.building')""", timeout=60_000)
        # The steps now start a page of their own: page 8 is a new page, shown in the browser.
        assert page.locator("#page-8 img").get_attribute("alt") == "Page 8 of 16"
        assert "/pages/1/" not in page_images(page)[7]
        page.locator("#page-8 img").scroll_into_view_if_needed()
        page.wait_for_function(IMAGE_SHOWN, arg="#page-8 img")
        after = fetch(page_images(page)[7])[1]
        assert after.startswith(b"\x89PNG") and after != before
        assert fetch(url + "pages/numbers.json")[1].count(b'"protocol-neck-basic-checklist": 9')

        page.click("text=Fast view")  # its contents number the pages of the new PDF
        page.wait_for_load_state()
        page.wait_for_function("""() => {
            const link = document.querySelector('.toc a[href="#part-methods"]');
            return link !== null && link.dataset.page === "11"; }""", timeout=60_000)


def test_only_the_preview_the_pdf_and_events_are_served(served):
    library, url, _ = served
    status, body = fetch(url + "handbook.pdf")
    assert status == 200 and body.startswith(b"%PDF")
    for path in ("regions/neck.yaml", "..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/etc/passwd",
                 "../handbook.yaml", "layouts/print.css", "fonts/", "leader.svg",
                 "layouts/preview.css", "pages/", "pages/../handbook.pdf", "pages/1/..%2f1.png",
                 ""):
        if path:
            assert fetch(url + path)[0] == 404, path


def test_ctrl_c_stops_the_server_cleanly(served):
    _, _, process = served
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 0
    assert "Stopped." in process.stderr.read()
