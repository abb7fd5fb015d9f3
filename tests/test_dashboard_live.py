"""The dashboard in Debian's headless Chromium: new data without a restart of ``dyadwatch serve``,
the alerts panel (stored text shown as text, never run), and the origin control."""

from __future__ import annotations

import pytest

from .test_api_live import NEW, NEW_SENTENCE, Served, code_in_another_process, seeded_store

pytest.importorskip("fastapi", reason="the dashboard needs fastapi and uvicorn")
pytest.importorskip("uvicorn", reason="the dashboard needs fastapi and uvicorn")
pytest.importorskip("playwright", reason="browser tests need playwright (pip install -e .[test])")

from .test_api_origins import mixed_db  # noqa: E402,F401  (a fixture: coded events and GDELT ones in one store)
from .test_dashboard import api, browser, expect, open_dashboard, page  # noqa: E402,F401  (browser, page: fixtures)

XSS_RULE = 'threats <img src=x onerror="window.__pwned=2">'
XSS_SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE = f"Date: 2019-12-17\n\nNorth Korea threatened the United States {XSS_SCRIPT} with a new nuclear test.\n"


def options(page) -> list[str]:
    return page.eval_on_selector_all("#dyad option", "os => os.map(o => o.value)")


# -- new data, no restart --------------------------------------------------------------------------
def test_an_article_coded_while_serve_runs_shows_after_a_reload(page, tmp_path, coder):
    db = seeded_store(tmp_path, coder)
    server = Served(db)  # the real command, in a process of its own
    try:
        open_dashboard(page, server.url + "/")
        assert "PRK:USA" in options(page) and "BRA:ARG" not in options(page)
        expect(page.locator("#alerts li.alerts-empty")).to_have_text(
            "No alerts: this store has no alerts table (dyadwatch watch writes one).")

        new = tmp_path / "new.txt"
        new.write_text(NEW, encoding="utf-8")
        run = code_in_another_process(db, new)
        assert run.returncode == 0, run.stderr

        page.reload(wait_until="load")
        page.wait_for_selector("body[data-ready='1']", timeout=15_000)
        assert "BRA:ARG" in options(page)
        page.select_option("#dyad", "BRA:ARG")
        expect(page.locator("#summary")).to_contain_text("BRA → ARG: 1 events")
        page.click("svg.timeline rect.period[data-start='2025-03-03']")
        item = page.locator("button.event .sentence-preview")
        expect(item).to_have_text([NEW_SENTENCE])
        assert page.problems == []
    finally:
        server.stop()


# -- alerts ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def alerts_url(tmp_path_factory, coder):
    """A store a real watch cycle wrote a hostile alert to (its rule name and sentence carry markup)."""
    from dyadwatch.api import create_app
    from dyadwatch.api.server import background_server
    from dyadwatch.watch import Watcher, parse_rules

    folder = tmp_path_factory.mktemp("alerts-page")
    inbox = folder / "inbox"
    inbox.mkdir()
    (inbox / "hostile.txt").write_text(HOSTILE, "utf-8")
    (inbox / "other.txt").write_text(NEW.replace("2025-03-05", "2019-12-16"), "utf-8")  # BRA→ARG: no rule alerts on it
    db = folder / "alerts.duckdb"
    rules = parse_rules([{"name": XSS_RULE, "dyad": "PRK:USA", "when": "event_type", "types": ["THREATEN"]}])
    report = Watcher([inbox], db, rules, coder=coder).cycle()
    assert len(report.new_alerts) == 1 and XSS_SCRIPT in report.new_alerts[0].message
    with background_server(create_app(db)) as url:
        yield url


def test_the_alerts_panel_shows_stored_text_as_text_and_opens_the_events(page, alerts_url):
    [alert] = api(alerts_url, "/api/alerts")["items"]
    open_dashboard(page, alerts_url + "/")
    item = page.locator("#alerts li.alert")
    expect(item).to_have_count(1)
    assert page.text_content("#alerts .alert-rule") == XSS_RULE
    assert page.text_content("#alerts .alert-message") == alert["message"] and XSS_SCRIPT in alert["message"]
    assert page.text_content("#alerts .alert-dyad") == "North Korea (PRK) → United States (USA)"
    assert "as of 2019-12-17" in page.text_content("#alerts .alert-when")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#alerts-panel script, #alerts-panel img").count() == 0
    expect(page.locator("#alerts-note")).to_have_text(" · 1 of 1, newest first")

    page.click(f"#alerts button.alert-event[data-event-id='{alert['event_ids'][0]}']")
    page.wait_for_selector("#event p.sentence mark")
    assert XSS_SCRIPT in page.text_content("#event p.sentence")
    assert f"event={alert['event_ids'][0]}" in page.url
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.problems == []


def test_the_alerts_panel_narrows_to_the_dyad_and_its_dyad_button_opens_it(page, alerts_url):
    dyads = [f"{d['source']}:{d['target']}" for d in api(alerts_url, "/api/dyads")]
    other = "BRA:ARG"
    assert other in dyads
    open_dashboard(page, f"{alerts_url}/#dyad={other}")
    assert page.input_value("#dyad") == other
    page.check("#alerts-dyad")
    expect(page.locator("#alerts li.alerts-empty")).to_have_text("No alerts about this dyad.")
    page.uncheck("#alerts-dyad")
    expect(page.locator("#alerts li.alert")).to_have_count(1)
    page.click("#alerts button.alert-dyad")
    expect(page.locator("#summary")).to_contain_text("PRK → USA:")
    assert page.input_value("#dyad") == "PRK:USA" and "dyad=PRK%3AUSA" in page.url
    page.check("#alerts-dyad")
    expect(page.locator("#alerts li.alert")).to_have_count(1)
    assert page.problems == []


# -- origins ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def mixed_url(mixed_db):  # noqa: F811
    from dyadwatch.api import create_app
    from dyadwatch.api.server import background_server

    with background_server(create_app(mixed_db)) as url:
        yield url


def forward_counts(page) -> list[int]:
    return page.eval_on_selector_all("svg.timeline rect.period", "rs => rs.map(r => +r.dataset.nForward)")


def test_the_origin_control_lists_the_origins_and_changes_what_is_drawn(page, mixed_url):
    listed = api(mixed_url, "/api/origins")
    open_dashboard(page, mixed_url + "/#dyad=PRK:USA&per=week")
    values = page.eval_on_selector_all("#origin option", "os => os.map(o => o.value)")
    assert values == ["", "dyadwatch", "gdelt"]
    assert page.text_content("#origin option[value='gdelt']") == f"gdelt ({listed[1]['events']} events)"
    every = sum(forward_counts(page))
    coded = api(mixed_url, "/api/dyads/PRK/USA/series?origin=dyadwatch")["events"]
    assert every == coded + 5

    page.select_option("#origin", "gdelt")
    page.wait_for_selector("body[data-drawn='gdelt']")
    expect(page.locator("#summary")).to_contain_text("PRK → USA: 5 events")
    assert [n for n in forward_counts(page) if n] == [2, 2, 1]
    assert "RUS:UKR" in options(page)
    assert "origin=gdelt" in page.url
    expect(page.locator("#counting")).to_contain_text("only events from gdelt")
    page.click("svg.timeline rect.period[data-start='2025-03-10']")
    expect(page.locator("button.event")).to_have_count(2)
    listed_ids = page.eval_on_selector_all("button.event", "bs => bs.map(b => b.dataset.eventId)")
    gdelt_ids = [e["event_id"] for e in api(mixed_url, "/api/events?dyad=PRK:USA&origin=gdelt&since=2025-03-10&until=2025-03-16")["items"]]
    assert listed_ids == gdelt_ids

    page.select_option("#origin", "dyadwatch")
    page.wait_for_selector("body[data-drawn='dyadwatch']")  # the timeline, map and deadlines are drawn
    expect(page.locator("#summary")).to_contain_text(f"PRK → USA: {coded} events")
    assert sum(forward_counts(page)) == coded and "RUS:UKR" not in options(page)
    page.reload(wait_until="load")  # the origin is kept in the address
    page.wait_for_selector("body[data-ready='1']", timeout=15_000)
    assert page.input_value("#origin") == "dyadwatch" and page.get_attribute("body", "data-drawn") == "dyadwatch"
    expect(page.locator("#summary")).to_contain_text(f"PRK → USA: {coded} events")
    assert page.problems == []

