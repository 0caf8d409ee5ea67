"""The reports in a real browser: Debian's chromium, headless, loopback only.

Every page loads from a local HTTP server on 127.0.0.1, every image decodes (naturalWidth > 0), the headings of
the notebook (Chinese ones included) are in the DOM, and nothing is fetched from anywhere else. Without
chromium the test is skipped with the install command; in CI (CI=true) a missing chromium is a failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from pathlib import Path

import nbformat
import pytest

from helpers import statement_record
from helpers.tools.reports import notebook_title, notebooks

INSTALL = "apt-get install chromium chromium-driver"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    # Belt and braces for "loopback only": every host name but 127.0.0.1 fails to resolve.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--window-size=1280,900",
]
CJK = re.compile(r"[\u4e00-\u9fff]")


def markdown_headings(notebook) -> list[str]:
    """Return the text of every Markdown heading of a notebook, markup removed, outside code fences."""
    headings, fenced = [], False
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.lstrip().startswith("```"):
                fenced = not fenced
            elif not fenced and re.match(r"#{1,6} ", line):
                text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line.lstrip("#").strip())
                headings.append(re.sub(r"[*`]", "", text).strip())
    return headings


@pytest.fixture(scope="module")
def chromium():
    """Return (chromium, chromedriver) paths; skip (fail in CI) when they are not installed."""
    browser = shutil.which("chromium")
    driver = shutil.which("chromedriver")
    if browser and driver:
        return browser, driver
    message = f"chromium and chromium-driver are not installed; install them with: {INSTALL}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (.ci/run installs them in CI)")
    pytest.skip(message)


@pytest.fixture(scope="module")
def served(report_builds):
    """Serve the first report build on 127.0.0.1 (a free port); yield its base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(report_builds[0]))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_address[1]}"
        server.shutdown()
        thread.join()


@pytest.fixture(scope="module")
def browser(chromium, tmp_path_factory):
    """A headless chromium driven through /usr/bin/chromedriver (never selenium-manager, never a download)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium[0]
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(flag)
    service = Service(executable_path=chromium[1])
    driver = webdriver.Chrome(service=service, options=options)
    try:
        yield driver
    finally:
        driver.quit()
    assert service.process is None or service.process.poll() is not None


def open_page(browser, url: str) -> dict:
    browser.get(url)
    return browser.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        document.fonts.ready.then(() => done({
            state: document.readyState,
            charset: document.characterSet,
            title: document.title,
            headings: Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6'))
                .map(h => h.textContent.replace(/\\u00b6$/, '').trim()),
            images: Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.naturalHeight]),
            links: Array.from(document.querySelectorAll('a[href$=".html"]')).map(a => a.getAttribute('href')),
            fetched: performance.getEntriesByType('resource').map(e => e.name),
            cjk_font: Array.from(document.fonts)
                .filter(f => f.family.replace(/"/g, '') === 'Noto Sans SC').map(f => f.status),
        }));
        """
    )


def chinese_not_drawn_by_embedded_font(browser) -> list[str]:
    """Return the tags (first Chinese-bearing element of each kind) whose Chinese text another font draws.

    Real rendering is compared: the element as it is, and with Noto Sans SC put first in its font list. A
    box glyph from a font that claims CJK it cannot draw has the width of a real glyph, so only pixels tell.
    """
    from selenium.webdriver.common.by import By

    wait_for_fonts = "const done = arguments[arguments.length - 1]; document.fonts.ready.then(() => done(1));"
    differing = []
    for tag in ("p", "td"):
        element = next((e for e in browser.find_elements(By.TAG_NAME, tag) if CJK.search(e.text)), None)
        if element is None:
            continue
        browser.execute_script("arguments[0].scrollIntoView()", element)
        before = element.screenshot_as_png
        browser.execute_script(
            "const e = arguments[0]; e.style.fontFamily = '\"Noto Sans SC\", ' + getComputedStyle(e).fontFamily;",
            element,
        )
        browser.execute_async_script(wait_for_fonts)
        if element.screenshot_as_png != before:
            differing.append(tag)
    return differing


def test_reports_open_in_chromium(browser, served):
    record = statement_record("S/PRST/2021/1")
    chinese_heading = f"{record['symbol']} · {record['agenda_item']}"

    index = open_page(browser, f"{served}/index.html")
    assert index["state"] == "complete" and index["charset"] == "UTF-8"
    assert chinese_heading in index["headings"]
    assert index["cjk_font"] == ["loaded"], "the embedded Noto Sans SC was not used for the Chinese text"
    assert index["links"] == [f"{path.stem}.html" for path in notebooks()]

    for path in notebooks():
        source = nbformat.read(path, as_version=4)
        page = open_page(browser, f"{served}/{path.stem}.html")
        assert page["state"] == "complete" and page["charset"] == "UTF-8", path.name
        assert page["title"] == notebook_title(source)
        missing = [heading for heading in markdown_headings(source) if heading not in page["headings"]]
        assert not missing, f"{path.name}: headings not in the DOM: {missing}"
        assert chinese_heading in page["headings"], f"{path.name}: no Chinese provenance heading"
        assert any(CJK.search(heading) for heading in page["headings"])
        undecoded = [image for image in page["images"] if not (image[0] and image[1] > 0 and image[2] > 0)]
        assert not undecoded, f"{path.name}: {len(undecoded)} of {len(page['images'])} images did not decode"
        assert all(name.startswith(served) for name in page["fetched"]), page["fetched"]
        assert page["cjk_font"] == ["loaded"], f"{path.name}: the embedded Noto Sans SC was not used"
        drawn_otherwise = chinese_not_drawn_by_embedded_font(browser)
        assert not drawn_otherwise, f"{path.name}: Chinese drawn by another font in {drawn_otherwise}"


def test_notebook_headings_are_read_without_markup():
    # Test fixture: a heading with markup, and one inside a code fence that is not a heading.
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("## The **bold** `code` [link](x.html)\n```\n# not a heading\n```")]
    )
    assert markdown_headings(notebook) == ["The bold code link"]


def test_reports_have_images_to_check():
    # The image check above must have something to check: the notebooks have charts (00 has none, 01 has).
    charts = [
        path.name
        for path in notebooks()
        for cell in nbformat.read(Path(path), as_version=4).cells
        for out in cell.get("outputs", [])
        if "image/png" in out.get("data", {})
    ]
    assert "01-the-statement.ipynb" in charts
