"""The live preview, in a real browser: it shows the handbook, reloads by itself when a file
is saved, shows a broken file's problems above the last good preview, serves nothing else,
and stops cleanly on Ctrl-C.

Headless Chromium (Debian's chromium package) driven by Playwright; make test (and .ci/run)
installs the browser where it is missing, and the test is skipped, saying why, where there is none.
"""

from __future__ import annotations

import shutil
import signal

import pytest

from serving import fetch, start_serve, stop

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BROWSER_ARGUMENTS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync"]


@pytest.fixture
def served(tmp_path):
    """``handbook serve`` on a copy of the minimal library, on a free local port."""
    library, url, process = start_serve(tmp_path)
    yield library, url, process
    stop(process)


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here: install Debian's chromium "
                                             "package (make test does, where it can) to run "
                                             "the browser test")
def test_the_preview_follows_every_save_in_a_real_browser(served):
    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    library, url, _ = served
    region = library / "regions" / "neck.yaml"
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGUMENTS)
        page = browser.new_page()
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
        browser.close()


def test_only_the_preview_the_pdf_and_events_are_served(served):
    library, url, _ = served
    status, body = fetch(url + "handbook.pdf")
    assert status == 200 and body.startswith(b"%PDF")
    for path in ("regions/neck.yaml", "..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/etc/passwd",
                 "../handbook.yaml", "layouts/print.css", "fonts/", ""):
        if path:
            assert fetch(url + path)[0] == 404, path


def test_ctrl_c_stops_the_server_cleanly(served):
    _, _, process = served
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 0
    assert "Stopped." in process.stderr.read()
