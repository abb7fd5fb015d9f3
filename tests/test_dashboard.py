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
    labels = page.eval_on_selector_all("#dyad option", "os => os.map(o => o.textContent)")
    assert any(t.startswith("North Korea (PRK) → United States (USA)") for t in labels)
    assert page.locator("svg.timeline rect.period").count() > 0
    assert page.problems == []


def both_series(base_url: str, a: str, b: str, per: str = "week") -> tuple[dict, dict]:
    """Both directions' series over the range the dashboard shows: the first to the last event of either."""
    dyads = [d for d in api(base_url, "/api/dyads?limit=200") if {d["source"], d["target"]} == {a, b}]
    since, until = min(d["first"] for d in dyads), max(d["last"] for d in dyads)
    q = f"per={per}&since={since}&until={until}"
    return api(base_url, f"/api/dyads/{a}/{b}/series?{q}"), api(base_url, f"/api/dyads/{b}/{a}/series?{q}")


def test_pick_dyad_period_and_event_shows_the_highlighted_sentence(page, base_url, tmp_path):
    open_dashboard(page, base_url + "/")
    page.select_option("#dyad", "USA:PRK")
    expect(page.locator("#summary")).to_contain_text("USA → PRK:")
    expect(page.locator("#summary")).to_contain_text("PRK → USA:")
    fw, bw = both_series(base_url, "USA", "PRK")
    assert [p["start"] for p in fw["periods"]] == [p["start"] for p in bw["periods"]]
    assert page.locator("svg.timeline rect.period").count() == len(fw["periods"])
    busy = [(f, b) for f, b in zip(fw["periods"], bw["periods"]) if f["n"] and b["n"]]
    chosen, back = busy[-1]
    page.click(f"svg.timeline rect.period[data-start='{chosen['start']}']")
    page.wait_for_selector("li.direction-head:nth-of-type(1)")
    expect(page.locator("li.direction-head")).to_have_count(2)
    listed = page.eval_on_selector_all("button.event", "bs => bs.map(b => b.dataset.eventId)")
    expected = [e["event_id"] for d in ("USA:PRK", "PRK:USA")
                for e in api(base_url, f"/api/events?dyad={d}&since={chosen['start']}&until={chosen['end']}")["items"]]
    assert listed == expected and len(listed) == chosen["n"] + back["n"]

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


# -- the map, both directions, the picker, as-of (issues #17, #18) ----------------------------------
#: event id → (date, source, target, quad class, goldstein, place, lat, lon); the week of 2025-02-10 has no event
MAP_EVENTS = {
    "m-kyiv": ("2025-02-04", "RUS", "UKR", 4, -10.0, "Kyiv", 50.45, 30.52),
    "m-kharkiv": ("2025-02-05", "RUS", "UKR", 4, -9.0, "Kharkiv", 49.99, 36.23),
    "m-nowhere": ("2025-02-06", "RUS", "UKR", 3, -4.0, None, None, None),
    "m-belgorod": ("2025-02-05", "UKR", "RUS", 4, -9.0, "Belgorod", 50.6, 36.6),
    "m-odesa": ("2025-02-18", "RUS", "UKR", 3, -5.0, "Odesa", 46.48, 30.73),
    "m-moscow": ("2025-02-19", "UKR", "RUS", 1, 3.0, "Moscow", 55.75, 37.62),
    "m-later": ("2025-03-04", "UKR", "RUS", 1, 1.0, None, None, None),
}
LOCATED = {k for k, v in MAP_EVENTS.items() if v[6] is not None}


@pytest.fixture(scope="module")
def map_url(tmp_path_factory):
    """RUS→UKR and UKR→RUS events at known places, written with SQL."""
    from dyadwatch import Store
    from dyadwatch.api import create_app
    from dyadwatch.api.server import background_server

    path = tmp_path_factory.mktemp("map") / "map.duckdb"
    with Store(path) as s:
        for i, (eid, (day, src, tgt, q, g, place, lat, lon)) in enumerate(MAP_EVENTS.items()):
            s.con.execute("INSERT INTO articles (article_id, url, title, published, origin, text) VALUES (?, ?, 't', ?, 'o', 'x')",
                          [f"a{i}", f"https://x.test/{i}", day])
            s.con.execute("INSERT INTO events (event_id, article_id, event_date, sentence, source_text, source_code, target_text, "
                          "target_code, cameo, cameo_root, cameo_name, quad_class, goldstein, negated, mood, confidence, "
                          "location_text, location_name, location_country, lat, lon, location_precision, location_via) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, '190', '19', 'fight', ?, ?, false, 'asserted', 0.9, ?, ?, ?, ?, ?, ?, ?)",
                          [eid, f"a{i}", day, f"{src} struck {tgt} at {place or 'an unnamed place'}.", src, src, tgt, tgt, q, g,
                           place, place, tgt if place else None, lat, lon, "place" if place else "none", "clause" if place else None])
    with background_server(create_app(path)) as url:
        yield url


def require_outlines(url: str) -> None:
    if not api(url, "/api/health")["outlines"]:
        pytest.skip("the Natural Earth outlines are not installed (make install runs npm; npm is missing)")


def points(page) -> dict[str, tuple[float, float, str]]:
    return {d[0]: (d[1], d[2], d[3]) for d in page.eval_on_selector_all(
        "svg.map circle.point", "cs => cs.map(c => [c.dataset.eventId, +c.getAttribute('cx'), +c.getAttribute('cy'), getComputedStyle(c).fill])")}


def test_the_map_draws_the_outlines_and_every_located_point_in_its_quad_colour(page, map_url):
    from dyadwatch.geo.topojson import load_outlines
    from dyadwatch.report.palette import PALETTE

    require_outlines(map_url)
    open_dashboard(page, map_url + "/#dyad=RUS:UKR&per=week")
    page.wait_for_selector("svg.map circle.point")
    countries = page.locator("svg.map path.country")
    assert countries.count() == len(load_outlines())
    assert page.locator("svg.map path.country[data-name='Ukraine']").count() == 1
    drawn = points(page)
    assert set(drawn) == LOCATED
    for eid, (_, _, fill) in drawn.items():
        assert fill == _rgb(PALETTE[f"q{MAP_EVENTS[eid][3]}"]), eid
    (kx, ky, _), (hx, _, _), (_, my, _), (_, oy, _) = (drawn[k] for k in ("m-kyiv", "m-kharkiv", "m-moscow", "m-odesa"))
    assert kx < hx and my < ky < oy  # west to east, north to south
    width, height = page.eval_on_selector("svg.map", "s => [s.viewBox.baseVal.width, s.viewBox.baseVal.height]")
    assert all(0 < x < width and 0 < y < height for x, y, _ in drawn.values())
    assert abs(kx - hx) > width / 20, "the extent is fitted to the points, not the world"
    ukraine = page.eval_on_selector("svg.map path.country[data-name='Ukraine']", "p => p.getBBox().width")
    assert ukraine > width / 4
    expect(page.locator("#map-caption")).to_contain_text(f"{len(LOCATED)} located events in the whole range")
    assert page.problems == []


def test_clicking_a_period_shows_its_events_on_the_map(page, map_url):
    open_dashboard(page, map_url + "/#dyad=RUS:UKR&per=week")
    page.wait_for_selector("svg.map circle.point")
    page.click("svg.timeline rect.period[data-start='2025-02-17']")
    expect(page.locator("svg.map circle.point")).to_have_count(2)
    assert set(points(page)) == {"m-odesa", "m-moscow"}
    expect(page.locator("#map-caption")).to_contain_text("2 located events in 2025-02-17 … 2025-02-23")
    page.click("svg.timeline rect.period[data-start='2025-02-03']")
    expect(page.locator("svg.map circle.point")).to_have_count(3)
    assert set(points(page)) == {"m-kyiv", "m-kharkiv", "m-belgorod"}
    page.click("svg.timeline rect.period[data-start='2025-03-03']")  # only an unlocated event
    expect(page.locator("svg.map circle.point")).to_have_count(0)
    page.click("#map-all")
    expect(page.locator("svg.map circle.point")).to_have_count(len(LOCATED))
    assert page.problems == []


def test_clicking_a_point_opens_the_event(page, map_url):
    open_dashboard(page, map_url + "/#dyad=RUS:UKR&per=week")
    page.click("svg.map circle.point[data-event-id='m-moscow']")
    expect(page.locator("#event p.sentence")).to_have_text("UKR struck RUS at Moscow.")
    assert "Moscow, RUS (place, found in the clause)" in page.inner_text("#event dl.why")
    assert "event=m-moscow" in page.url
    assert page.get_attribute("svg.map circle.point[data-event-id='m-moscow']", "class").endswith("selected")
    page.focus("svg.map circle.point[data-event-id='m-kyiv']")
    page.keyboard.press("Enter")
    expect(page.locator("#event p.sentence")).to_have_text("RUS struck UKR at Kyiv.")
    assert page.problems == []


def test_both_directions_are_drawn_with_the_asymmetry_band_and_gaps(page, map_url):
    open_dashboard(page, map_url + "/#dyad=RUS:UKR&per=week")
    fw, bw = both_series(map_url, "RUS", "UKR")
    for cls, s in (("forward", fw), ("backward", bw)):
        dots = page.eval_on_selector_all(f"svg.timeline circle.index-dot.{cls}", "cs => cs.map(c => +c.getAttribute('cy'))")
        values = [p["index"] for p in s["periods"] if p["index"] is not None]
        assert len(dots) == len(values) > 0, cls
        assert [round(10 - (y - 26) / 170 * 20, 6) for y in dots] == [round(v, 6) for v in values], cls  # yIdx inverted
    starts = [p["start"] for p in fw["periods"]]
    assert starts[:3] == ["2025-02-03", "2025-02-10", "2025-02-17"]
    # the empty week breaks both lines: no polyline runs across it, and the band is drawn on each side of it
    empty_x = page.eval_on_selector("svg.timeline rect.period[data-start='2025-02-10']", "r => r.x.baseVal.value + r.width.baseVal.value / 2")
    spans = page.eval_on_selector_all("svg.timeline polyline.index-line", "ls => ls.map(l => l.getAttribute('points').split(' ').map(p => +p.split(',')[0]))")
    assert all(not (min(xs) < empty_x < max(xs)) for xs in spans)
    bands = page.eval_on_selector_all("svg.timeline polygon.asymmetry", "ps => ps.map(p => p.getBBox().x)")
    assert len(bands) == 2  # weeks of 2025-02-03 and 2025-02-17, both directions active, the week between empty
    assert page.eval_on_selector("svg.timeline rect.period[data-start='2025-02-03']", "r => r.dataset.n") == "4"
    assert page.problems == []


def test_the_dyad_picker_searches_names_and_codes(page, base_url):
    open_dashboard(page, base_url + "/")
    total = page.locator("#dyad option").count()
    page.fill("#dyad-search", "north korea")
    labels = page.eval_on_selector_all("#dyad option", "os => os.map(o => o.textContent)")
    assert 0 < len(labels) < total and all("North Korea" in t for t in labels)
    expect(page.locator("#summary")).to_contain_text("PRK")
    assert "PRK" in page.input_value("#dyad")
    page.fill("#dyad-search", "UKR russia")
    labels = page.eval_on_selector_all("#dyad option", "os => os.map(o => o.textContent)")
    assert labels and all("Ukraine (UKR)" in t and "Russia (RUS)" in t for t in labels)
    expect(page.locator("#dyad-count")).to_have_text(f"{len(labels)} of {total} dyads")
    assert page.problems == []


def test_the_as_of_control_changes_the_countdowns(page, base_url):
    open_dashboard(page, base_url + "/#dyad=PRK:USA&per=week")
    default = api(base_url, "/api/deadlines?dyad=PRK:USA")
    earlier = api(base_url, "/api/deadlines?dyad=PRK:USA&as_of=2025-03-01")
    assert default["items"] and default["items"][0]["status"] != earlier["items"][0]["status"]
    expect(page.locator("#deadlines .countdown").first).to_have_text(default["items"][0]["status"])
    expect(page.locator("#as-of-note")).to_have_text(f"countdowns from {default['as_of']} (the latest article date)")
    page.fill("#as-of", "2025-03-01")
    expect(page.locator("#deadlines .countdown").first).to_have_text(earlier["items"][0]["status"])
    expect(page.locator("#as-of-note")).to_have_text("countdowns from 2025-03-01")
    assert "as_of=2025-03-01" in page.url
    assert page.problems == []


def test_the_date_range_narrows_the_timeline_and_the_map(page, map_url):
    open_dashboard(page, map_url + "/#dyad=RUS:UKR&per=week")
    page.wait_for_selector("svg.map circle.point")
    page.fill("#since", "2025-02-15")
    page.fill("#until", "2025-02-28")
    series = api(map_url, "/api/dyads/RUS/UKR/series?per=week&since=2025-02-15&until=2025-02-28")
    expect(page.locator("svg.timeline rect.period")).to_have_count(len(series["periods"]))
    expect(page.locator("svg.map circle.point")).to_have_count(2)
    assert set(points(page)) == {"m-odesa", "m-moscow"}
    assert "since=2025-02-15" in page.url and "until=2025-02-28" in page.url
    assert page.problems == []
