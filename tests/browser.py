"""Open a page in Debian's headless Chromium (driven by Playwright) and collect console errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: flags that keep Chromium off the network and quiet in a sandbox
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-default-apps", "--no-default-browser-check"]


def require_chromium() -> str:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it with apt)")
    return CHROMIUM


def open_page(url: str, screenshot: Path | None = None) -> dict:
    """Load ``url``; return console errors, page errors, failed requests and image sizes."""
    from playwright.sync_api import sync_playwright

    exe = require_chromium()
    found: dict = {"console_errors": [], "page_errors": [], "failed_requests": [], "images": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda m: found["console_errors"].append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: found["page_errors"].append(str(e)))
            page.on("requestfailed", lambda r: found["failed_requests"].append(r.url))
            page.goto(url, wait_until="load")
            found["title"] = page.title()
            found["images"] = page.eval_on_selector_all("img", "els => els.map(e => [e.naturalWidth, e.naturalHeight])")
            found["text"] = page.inner_text("body")
            if screenshot is not None:
                page.screenshot(path=str(screenshot), full_page=False)
        finally:
            browser.close()
    return found
