"""Headless Chromium (Debian's chromium + chromedriver) against the running web app and report.html:
click from a conflict to the highlighted words, search, and check that no XSS payload runs.

Set PARALLAX_SCREENSHOTS=<folder> to keep the screenshots (docs/screenshots/ holds a set)."""
from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FIXTURE = Path(__file__).parent / "fixtures" / "report" / "small.json"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)),
                       reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"),
]
# runs before any page script: records alert() calls (instead of blocking on a dialog) and CSP violations
TRAP = ("window.__alerts = []; window.alert = function (m) { window.__alerts.push(String(m)); };"
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " function (e) { window.__csp.push(e.violatedDirective); });")


@pytest.fixture(scope="module")
def server():
    import uvicorn

    from parallax.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(FIXTURE), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--window-size=1366,900"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TRAP})
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("PARALLAX_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("shots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _by_css(driver, css):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, css)


def _focused_text(driver) -> str:
    return "".join(el.text for el in _by_css(driver, ".seg.focus"))


def _in_viewport(driver, element) -> bool:
    return driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;", element)


def _assert_no_xss(driver):
    assert driver.execute_script("return window.__xss") is None
    assert driver.execute_script("return window.__alerts") == []
    assert driver.execute_script("return window.__csp") == [], "our own CSS and JS must pass the CSP"


def test_conflict_click_jumps_to_the_highlighted_words(server, browser, shots):
    browser.get(server + "/stories/s1")
    browser.save_screenshot(str(shots / "web-story.png"))
    link = next(a for a in _by_css(browser, "a.conflict-link") if a.text == "up to 40")
    link.click()
    assert browser.current_url.endswith("/articles/a2#claim-s1-f2-1")
    focused = _by_css(browser, ".seg.focus")
    assert _focused_text(browser) == "Up to 40 passengers were hurt, a rescue volunteer who asked not to be named told the Courier."
    assert _in_viewport(browser, focused[0])
    browser.save_screenshot(str(shots / "web-article-focus.png"))
    _assert_no_xss(browser)


def test_search_then_open_a_claim(server, browser, shots):
    from selenium.webdriver.common.keys import Keys

    browser.get(server + "/")
    box = _by_css(browser, "input[type=search]")[0]
    box.send_keys("insured")
    box.send_keys(Keys.ENTER)
    hits = _by_css(browser, ".article-hits a.hit")
    assert [h.text for h in hits] == ["<script>window.__xss=3</script>Forum roundup"]
    assert [m.text for m in _by_css(browser, ".article-hits mark")] == ["insured"]
    browser.save_screenshot(str(shots / "web-search.png"))
    browser.get(server + "/?q=passengers")
    claim_hit = next(a for a in _by_css(browser, ".claim-hits a.hit") if a.text.startswith("Port director"))
    claim_hit.click()
    assert _focused_text(browser) == "Port director Ilsa Brandt said 14 passengers were treated for minor injuries."


@pytest.mark.parametrize("path", ["/articles/a3", "/stories/s1", "/?q=script", "/?q=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E",
                                  "/stories/s1/entities/e4"])
def test_xss_payloads_stay_text(server, browser, path):
    browser.get(server + path)
    _assert_no_xss(browser)
    assert not _by_css(browser, "main img"), "the <img onerror> payload must not become an element"


def test_payload_text_is_visible_verbatim(server, browser, shots):
    browser.get(server + "/articles/a3")
    body = _by_css(browser, ".article-text")[0].text
    assert "<script>window.__xss=1;alert(1)</script>" in body
    assert '<img src=x onerror="window.__xss=2;alert(1)">' in body
    browser.save_screenshot(str(shots / "web-article-xss.png"))


def test_report_html_offline_conflict_click_and_no_xss(browser, tmp_path, shots):
    from parallax.report import Report

    out = Report(json.loads(FIXTURE.read_text(encoding="utf-8"))).write(tmp_path)
    browser.get((out / "report.html").as_uri())
    browser.save_screenshot(str(shots / "report-overview.png"))
    link = next(a for a in _by_css(browser, "a.conflict-link") if a.text == "14")
    link.click()
    assert _focused_text(browser) == "Port director Ilsa Brandt said 14 passengers were treated for minor injuries."
    assert _in_viewport(browser, _by_css(browser, ".seg.focus")[0])
    browser.save_screenshot(str(shots / "report-conflict-focus.png"))
    _assert_no_xss(browser)


def test_report_html_prints_within_the_page_width(browser, tmp_path, shots):
    from parallax.report import Report

    out = Report(json.loads(FIXTURE.read_text(encoding="utf-8"))).write(tmp_path)
    browser.get((out / "report.html").as_uri())
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        browser.set_window_size(800, 1100)
        widths = browser.execute_script(
            "return [document.querySelector('table.matrix').scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], f"the fact matrix overflows the printed page: {widths}"
        assert not [d for d in _by_css(browser, "details") if not d.is_displayed()]
        browser.save_screenshot(str(shots / "report-print.png"))
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        browser.set_window_size(1366, 900)
