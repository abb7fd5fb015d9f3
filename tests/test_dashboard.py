"""The dashboard in Debian's headless Chromium (Playwright): pick a dyad, a period, an event;
the sentence is shown with actors and trigger highlighted; article text never runs as code."""

from __future__ import annotations

import json
import shutil
import urllib.request
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import pytest

from .browser import FLAGS, require_chromium

pytest.importorskip("fastapi", reason="the dashboard needs fastapi and uvicorn")
pytest.importorskip("uvicorn", reason="the dashboard needs fastapi and uvicorn")
pytest.importorskip("playwright", reason="browser tests need playwright (pip install -e .[test])")

XSS_DATE = date(2024, 5, 1)
XSS_SCRIPT = "<script>window.__pwned=1</script>"
XSS_IMG = '<img src=x onerror="window.__pwned=2">'
XSS_ARTICLE = (
    'Title: Attack <img src=x onerror="window.__pwned=3">\n'
    "Date: 2024-05-01\n"
    "URL: javascript:window.__pwned=4\n\n"
    f"Russia attacked Ukraine {XSS_SCRIPT} {XSS_IMG} near Kyiv.\n"
)
SCREENSHOT_COPY = Path("/tmp/dyadwatch-dashboard.png")


@pytest.fixture(scope="module")
def db(tmp_path_factory, coder) -> Path:
    """The demo corpus plus one hostile article."""
    from dyadwatch import Store, code_sources

    folder = tmp_path_factory.mktemp("dashboard")
    hostile = folder / "hostile.txt"
    hostile.write_text(XSS_ARTICLE, encoding="utf-8")
    path = folder / "dash.duckdb"
    corpus = resources.files("dyadwatch.demo") / "corpus"
    with resources.as_file(corpus) as demo, Store(path) as store:
        code_sources([Path(demo), hostile], store, coder=coder)
    return path


@pytest.fixture(scope="module")
def base_url(db) -> str:
    from dyadwatch.api import create_app
    from dyadwatch.api.server import background_server

    with background_server(create_app(db)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    exe = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=FLAGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser):
    """A page that records console errors, page errors and failed requests."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.problems = []
    page.on("console", lambda m: page.problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(f"pageerror: {e}"))
    page.on("requestfailed", lambda r: page.problems.append(f"failed: {r.url}"))
    yield page
    page.close()


def expect(locator):
    from playwright.sync_api import expect as _expect

    return _expect(locator)


def api(base_url: str, path: str):
    with urllib.request.urlopen(base_url + path, timeout=10) as r:
        return json.load(r)


def open_dashboard(page, url: str):
    response = page.goto(url, wait_until="load")
    page.wait_for_selector("body[data-ready='1']", timeout=15_000)
    return response


def test_page_loads_clean_with_a_csp(page, base_url):
    response = open_dashboard(page, base_url + "/")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert page.title() == "dyadwatch"
    dyads = api(base_url, "/api/dyads?limit=200")
    options = page.eval_on_selector_all("#dyad option", "os => os.map(o => o.value)")
    assert options == [f"{d['source']}:{d['target']}" for d in dyads]
    assert page.locator("svg.timeline rect.period").count() > 0
    assert page.problems == []


def test_pick_dyad_period_and_event_shows_the_highlighted_sentence(page, base_url, tmp_path):
    open_dashboard(page, base_url + "/")
    page.select_option("#dyad", "USA:PRK")
    expect(page.locator("#summary")).to_contain_text("USA → PRK:")
    series = api(base_url, "/api/dyads/USA/PRK/series?per=week")
    assert page.locator("svg.timeline rect.period").count() == len(series["periods"])
    busy = [p for p in series["periods"] if p["n"]]
    chosen = busy[-1]
    page.click(f"svg.timeline rect.period[data-start='{chosen['start']}']")
    page.wait_for_selector("button.event")
    listed = page.eval_on_selector_all("button.event", "bs => bs.map(b => b.dataset.eventId)")
    expected = api(base_url, f"/api/events?dyad=USA:PRK&since={chosen['start']}&until={chosen['end']}")
    assert listed == [e["event_id"] for e in expected["items"]] and len(listed) == chosen["n"]

    page.locator("button.event").first.click()
    page.wait_for_selector("#event p.sentence mark")
    ev = api(base_url, f"/api/events/{listed[0]}")
    marks = dict(page.eval_on_selector_all("#event p.sentence mark", "ms => ms.map(m => [m.dataset.role, m.textContent])"))
    assert marks == {"source": ev["source"]["text"], "target": ev["target"]["text"], "trigger": ev["trigger"]["text"]}
    assert page.eval_on_selector_all("#event mark.hl-trigger", "ms => ms.length") == 1
    assert page.text_content("#event p.sentence") == ev["sentence"]
    why = page.inner_text("#event dl.why")
    assert ev["pattern"] in why and ev["cameo"] in why and ev["cameo_name"] in why and ev["modality"]["mood"] in why
    assert page.get_attribute("#event a.source-link", "href") == ev["url"]
    assert f"event={listed[0]}" in page.url  # the view can be linked to

    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    shutil.copyfile(shot, SCREENSHOT_COPY)
    assert page.problems == []


def test_article_text_is_shown_literally_and_never_runs(page, base_url):
    found = api(base_url, "/api/events?q=" + urllib.request.quote("<script>"))
    assert found["total"] == 1
    hostile = found["items"][0]
    assert (hostile["source_code"], hostile["target_code"], hostile["event_date"]) == ("RUS", "UKR", XSS_DATE.isoformat())

    open_dashboard(page, base_url + "/#dyad=RUS:UKR&per=week")
    monday = XSS_DATE - timedelta(days=XSS_DATE.weekday())
    page.click(f"svg.timeline rect.period[data-start='{monday.isoformat()}']")
    item = page.locator(f"button.event[data-event-id='{hostile['event_id']}']")
    item.wait_for()
    assert XSS_SCRIPT in item.inner_text() and XSS_IMG in item.inner_text()
    item.click()
    page.wait_for_selector("#event p.sentence mark")

    assert page.evaluate("typeof window.__pwned") == "undefined"
    sentence = page.text_content("#event p.sentence")
    assert XSS_SCRIPT in sentence and XSS_IMG in sentence
    assert page.locator("main script, main img").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert "not a web address: javascript:window.__pwned=4" in page.inner_text("#event")
    ev = api(base_url, f"/api/events/{hostile['event_id']}")
    marks = dict(page.eval_on_selector_all("#event p.sentence mark", "ms => ms.map(m => [m.dataset.role, m.textContent])"))
    assert marks == {"source": ev["source"]["text"], "target": ev["target"]["text"], "trigger": ev["trigger"]["text"]}
    assert (marks["source"], marks["trigger"]) == ("Russia", "attacked") and marks["target"].startswith("Ukraine")
    assert page.problems == []


def test_a_deep_link_opens_the_event(page, base_url):
    hostile = api(base_url, "/api/events?q=" + urllib.request.quote("<script>"))["items"][0]
    open_dashboard(page, f"{base_url}/#dyad=RUS:UKR&event={hostile['event_id']}")
    page.wait_for_selector("#event p.sentence")
    assert XSS_SCRIPT in page.text_content("#event p.sentence")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.input_value("#dyad") == "RUS:UKR"
    assert page.problems == []
