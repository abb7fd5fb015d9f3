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


# -- one palette, gaps and labels (issue #21) ----------------------------------------------------
def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


@pytest.fixture(scope="module")
def gap_url(tmp_path_factory):
    """PRK→USA events in early 2023 and early 2025, none in between (written with SQL)."""
    from dyadwatch import Store
    from dyadwatch.api import create_app
    from dyadwatch.api.server import background_server

    path = tmp_path_factory.mktemp("gaps") / "gaps.duckdb"
    with Store(path) as s:
        s.con.execute("INSERT INTO articles (article_id, url, title, published, origin, text) SELECT 'a' || i, "
                      "'https://x.test/' || i, 'title', d, 'o', 'North Korea fired missiles.' FROM "
                      "(SELECT i, CASE WHEN i < 30 THEN DATE '2023-01-02' ELSE DATE '2025-01-02' END + ((i % 30) * 3)::INT AS d "
                      "FROM range(60) t(i))")
        s.con.execute("INSERT INTO events (event_id, article_id, event_date, sentence, source_text, source_code, target_text, "
                      "target_code, cameo, cameo_root, cameo_name, quad_class, goldstein, negated, mood, confidence) "
                      "SELECT 'e' || a.article_id, a.article_id, a.published, 'North Korea fired missiles.', 'North Korea', 'PRK', "
                      "'United States', 'USA', '190', '19', 'fight', 4, -10.0 + (hash(a.article_id) % 5)::INT, false, 'asserted', 0.9 "
                      "FROM articles a")
    with background_server(create_app(path)) as url:
        yield url


def test_the_timeline_breaks_across_years_without_events_and_keeps_its_last_label(page, gap_url):
    open_dashboard(page, gap_url + "/#dyad=PRK:USA&per=month")
    page.wait_for_selector("svg.timeline polyline.index-line")
    series = api(gap_url, "/api/dyads/PRK/USA/series?per=month")
    assert [p for p in series["periods"] if p["n"] == 0], "the fixture has empty months between the years"
    lines = page.eval_on_selector_all("svg.timeline polyline.index-line",
                                      "ls => ls.map(l => l.getAttribute('points').split(' ').map(p => +p.split(',')[0]))")
    assert len(lines) == 2  # one run of months in 2023, one in 2025: no line drawn across 2023–2024
    assert max(lines[0]) < min(lines[1])
    width = page.eval_on_selector("svg.timeline", "s => s.viewBox.baseVal.width")
    right = page.eval_on_selector_all("svg.timeline text.tick", "ts => Math.max(...ts.map(t => t.getBBox().x + t.getBBox().width))")
    assert right <= width, "the last x-axis label runs past the chart's edge"
    assert page.problems == []


def test_dashboard_and_report_draw_with_one_palette(page, gap_url):
    from dyadwatch.report.palette import PALETTE

    css = (resources.files("dyadwatch.api") / "static" / "app.css").read_text("utf-8").lower()
    for name, colour in PALETTE.items():
        assert colour.lower() not in css, f"app.css repeats the palette's {name} ({colour}); use var(--{name})"
    open_dashboard(page, gap_url + "/#dyad=PRK:USA&per=month")
    page.wait_for_selector("svg.timeline rect.bar.q4")
    assert page.eval_on_selector("svg.timeline rect.bar.q4", "r => getComputedStyle(r).fill") == _rgb(PALETTE["q4"])
    assert page.eval_on_selector("svg.timeline polyline.index-line", "l => getComputedStyle(l).stroke") == _rgb(PALETTE["index"])
    from dyadwatch.report import charts

    assert charts._QUAD[4][1] == PALETTE["q4"] and charts._COLORS["forward"] == PALETTE["index"]
