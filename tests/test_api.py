"""The read-only JSON API, against a DuckDB store coded from the bundled demo corpus."""

from __future__ import annotations

import subprocess
import sys
import warnings
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import duckdb
import pytest

pytest.importorskip("fastapi", reason="the API needs fastapi (pip install fastapi uvicorn)")

with warnings.catch_warnings():  # starlette's TestClient nudges towards httpx2; httpx is what we pin
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from dyadwatch.api import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, coder) -> Path:
    from dyadwatch import Store, code_sources

    path = tmp_path_factory.mktemp("api") / "demo.duckdb"
    corpus = resources.files("dyadwatch.demo") / "corpus"
    with resources.as_file(corpus) as folder, Store(path) as store:
        code_sources([Path(folder)], store, coder=coder)
    return path


@pytest.fixture(scope="module")
def client(demo_db) -> TestClient:
    with TestClient(create_app(demo_db)) as c:
        yield c


def _db_rows(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


# -- health, dyads -------------------------------------------------------------------------
def test_health_counts_the_store(client, demo_db):
    body = client.get("/api/health").json()
    n_events = _db_rows(demo_db, "SELECT count(*) FROM events")[0][0]
    assert body["status"] == "ok"
    assert body["events"] == n_events > 100
    assert body["articles"] == 43


def test_dyads_lists_directed_dyads_most_active_first(client, demo_db):
    dyads = client.get("/api/dyads").json()
    by_pair = {(d["source"], d["target"]): d for d in dyads}
    prk_usa = by_pair[("PRK", "USA")]
    from dyadwatch.analysis.counting import DEFAULT_COUNTING

    where, params = DEFAULT_COUNTING.where("")  # the dyads count what every view counts
    sql = f"SELECT count(*), sum(goldstein) FROM events WHERE source_code='PRK' AND target_code='USA' AND {' AND '.join(where)}"
    expected = _db_rows(demo_db, sql, params)[0]
    assert prk_usa["events"] == expected[0]
    assert prk_usa["goldstein_sum"] == pytest.approx(expected[1], abs=0.01)
    assert prk_usa["q1"] + prk_usa["q2"] + prk_usa["q3"] + prk_usa["q4"] == prk_usa["events"]
    assert ("USA", "PRK") in by_pair and by_pair[("USA", "PRK")] != prk_usa  # directed
    assert all(d["source"] != d["target"] for d in dyads)
    counts = [d["events"] for d in dyads]
    assert counts == sorted(counts, reverse=True)


def test_dyads_since_until_and_limit(client):
    early = client.get("/api/dyads", params={"until": "2025-01-31"}).json()
    assert early and all(d["last"] <= "2025-01-31" for d in early)
    late = client.get("/api/dyads", params={"since": "2025-03-01"}).json()
    assert late and all(d["first"] >= "2025-03-01" for d in late)
    assert len(client.get("/api/dyads", params={"limit": 3}).json()) == 3
    r = client.get("/api/dyads", params={"since": "March"})
    assert r.status_code == 422 and "March" in r.json()["detail"]


# -- series --------------------------------------------------------------------------------
def test_series_weekly_usa_prk(client):
    total = client.get("/api/events", params={"dyad": "USA:PRK"}).json()["total"]
    s = client.get("/api/dyads/USA/PRK/series", params={"per": "week"}).json()
    assert (s["source"], s["target"], s["per"]) == ("USA", "PRK", "week")
    periods = s["periods"]
    assert len(periods) >= 2 and s["events"] == total == sum(p["n"] for p in periods)
    for p in periods:
        start, end = date.fromisoformat(p["start"]), date.fromisoformat(p["end"])
        assert start.weekday() == 0 and end == start + timedelta(days=6)
        assert p["q1"] + p["q2"] + p["q3"] + p["q4"] == p["n"]
        if p["n"]:
            assert p["low"] <= p["index"] <= p["high"]
            assert p["index"] == pytest.approx(p["goldstein_sum"] / p["n"], abs=1e-3)
        else:
            assert p["index"] is None and p["goldstein_mean"] is None
    assert [p["start"] for p in periods] == sorted(p["start"] for p in periods)
    assert isinstance(s["change_points"], list)
    assert s["change_points"] or s["change_points_note"]
    for m in s["mixed_signals"]:
        assert m["index"] >= 0.3 and m["cooperative"] and m["conflictual"]


def test_series_monthly_and_bad_parameters(client):
    s = client.get("/api/dyads/usa/prk/series", params={"per": "month"}).json()
    assert s["periods"] and all(p["start"].endswith("-01") for p in s["periods"])
    assert client.get("/api/dyads/USA/PRK/series", params={"per": "fortnight"}).status_code == 422
    r = client.get("/api/dyads/USA/ZZZZ/series")
    assert r.status_code == 422 and "ZZZZ" in r.json()["detail"]
    r = client.get("/api/dyads/USA/PRK/series", params={"since": "2025-13-01"})
    assert r.status_code == 422 and "2025-13-01" in r.json()["detail"]


def test_series_of_a_dyad_without_events_is_empty(client):
    s = client.get("/api/dyads/FRA/BRA/series").json()
    assert s["events"] == 0 and s["periods"] == []


# -- events --------------------------------------------------------------------------------
def test_events_of_a_dyad_page_correctly(client, demo_db):
    full = client.get("/api/events", params={"dyad": "USA:PRK", "limit": 500}).json()
    expected = _db_rows(demo_db, "SELECT count(*) FROM events WHERE source_code='USA' AND target_code='PRK'")[0][0]
    assert full["total"] == len(full["items"]) == expected >= 3
    assert all((e["source_code"], e["target_code"]) == ("USA", "PRK") for e in full["items"])
    ids = [e["event_id"] for e in full["items"]]
    paged = []
    for offset in range(0, expected, 2):
        page = client.get("/api/events", params={"dyad": "USA:PRK", "limit": 2, "offset": offset}).json()
        assert (page["total"], page["limit"], page["offset"]) == (expected, 2, offset)
        paged += [e["event_id"] for e in page["items"]]
    assert paged == ids and len(set(ids)) == len(ids)
    past = client.get("/api/events", params={"dyad": "USA:PRK", "offset": expected}).json()
    assert past["items"] == [] and past["total"] == expected
    dates = [e["event_date"] for e in full["items"]]
    assert dates == sorted(dates)


def test_events_source_target_filters_equal_the_dyad_filter(client):
    a = client.get("/api/events", params={"dyad": "USA:PRK", "limit": 500}).json()
    b = client.get("/api/events", params={"source": "usa", "target": "PRK", "limit": 500}).json()
    assert a == b
    src = client.get("/api/events", params={"source": "USA", "limit": 500}).json()
    assert src["total"] > a["total"] and all(e["source_code"] == "USA" for e in src["items"])


def test_events_filters(client):
    q4 = client.get("/api/events", params={"quad_class": 4, "limit": 500}).json()
    assert q4["total"] and all(e["quad_class"] == 4 for e in q4["items"])
    threats = client.get("/api/events", params={"plover_type": "threaten", "limit": 500}).json()
    assert threats["total"] and all(e["plover_type"] == "THREATEN" for e in threats["items"])
    missiles = client.get("/api/events", params={"q": "MISSILE", "limit": 500}).json()
    assert missiles["total"] and all("missile" in e["sentence"].lower() for e in missiles["items"])
    window = client.get("/api/events", params={"since": "2025-02-01", "until": "2025-02-28", "limit": 500}).json()
    assert window["total"] and all("2025-02-01" <= e["event_date"] <= "2025-02-28" for e in window["items"])
    assert client.get("/api/events", params={"q": "100%_"}).json()["total"] == 0  # LIKE wildcards are literal


@pytest.mark.parametrize("params, needle", [
    ({"dyad": "USA:ZZZZ"}, "ZZZZ"),
    ({"dyad": "USAPRK"}, "USAPRK"),
    ({"source": "XXX"}, "XXX"),
    ({"since": "notadate"}, "notadate"),
    ({"until": "2025-02-30"}, "2025-02-30"),
    ({"plover_type": "HUG"}, "HUG"),
    ({"dyad": "USA:PRK", "source": "USA"}, "either"),
])
def test_events_bad_parameters_give_422_with_a_message(client, params, needle):
    r = client.get("/api/events", params=params)
    assert r.status_code == 422
    assert needle in r.json()["detail"]


def test_events_out_of_range_paging_gives_422(client):
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/events", params={"limit": 501}).status_code == 422
    assert client.get("/api/events", params={"offset": -1}).status_code == 422
    assert client.get("/api/events", params={"quad_class": 5}).status_code == 422


def test_event_detail_spans_slice_the_sentence(client, demo_db):
    items = client.get("/api/events", params={"dyad": "USA:PRK", "limit": 500}).json()["items"]
    for item in items:
        ev = client.get(f"/api/events/{item['event_id']}").json()
        s = ev["sentence"]
        assert s == item["sentence"]
        for role in ("source", "target", "trigger"):
            span = ev[role]
            assert span is not None
            if span["start"] is None:
                # an addressee inferred from the article (the other side of the dyad in focus) has no span
                assert role == "target" and span["via"] == "focus", (role, ev["event_id"])
                continue
            assert s[span["start"]:span["end"]] == span["text"], (role, ev["event_id"])
        assert ev["source"]["code"] == "USA" and ev["target"]["code"] == "PRK"
        assert ev["pattern"] and ev["cameo"] and ev["cameo_name"]
        assert ev["modality"]["mood"] in ("asserted", "intended", "hypothetical", "demanded")
        assert ev["url"].startswith("https://")
        row = _db_rows(demo_db, "SELECT trigger_text, source_text, pattern FROM events WHERE event_id = ?", [ev["event_id"]])[0]
        assert (ev["trigger"]["text"], ev["source"]["text"], ev["pattern"]) == row


def test_unknown_ids_give_404(client):
    r = client.get("/api/events/0000000000deadbeef00")
    assert r.status_code == 404 and "0000000000deadbeef00" in r.json()["detail"]
    assert client.get("/api/articles/nope").status_code == 404


def test_article_with_its_events(client):
    item = client.get("/api/events", params={"dyad": "USA:PRK", "limit": 1}).json()["items"][0]
    art = client.get(f"/api/articles/{item['article_id']}").json()
    assert item["sentence"] in art["text"]
    assert item["event_id"] in {e["event_id"] for e in art["events"]}
    assert art["n_events"] == len(art["events"])
    assert art["published"] == item["event_date"]


# -- signals, deadlines -------------------------------------------------------------------
def test_signals_carry_their_events(client):
    all_signals = client.get("/api/signals").json()
    assert all_signals
    usa_prk = client.get("/api/signals", params={"dyad": "USA:PRK"}).json()
    assert usa_prk and all((m["source"], m["target"]) == ("USA", "PRK") for m in usa_prk)
    for m in all_signals:
        assert m["index"] >= 0.3 and m["cooperative"] and m["conflictual"]
        assert all(e["quad_class"] <= 2 for e in m["cooperative"])
        assert all(e["quad_class"] >= 3 for e in m["conflictual"])
        assert all(m["start"] <= e["event_date"] <= m["end"] for e in m["cooperative"] + m["conflictual"])
    assert client.get("/api/signals", params={"dyad": "USA:ZZZZ"}).status_code == 422


DEADLINE_TEXTS = {
    "prk-deadline.txt": "Date: 2025-02-10\nURL: https://example.org/prk\n\n"
                        "North Korea warned the United States that it has until the end of the year to drop its hostile policy.\n",
    "isr-deadline.txt": "Date: 2025-02-10\n\nIsrael demanded that Hezbollah withdraw its fighters by March 1.\n",
}


@pytest.fixture(scope="module")
def deadline_client(tmp_path_factory, coder) -> TestClient:
    """A small store whose articles name deadlines (the demo corpus may have none the coder credits)."""
    from dyadwatch import Store, code_sources

    folder = tmp_path_factory.mktemp("deadlines")
    for name, text in DEADLINE_TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    with Store(folder / "d.duckdb") as store:
        code_sources([folder / name for name in DEADLINE_TEXTS], store, coder=coder)
    with TestClient(create_app(folder / "d.duckdb")) as c:
        yield c


def test_deadlines_count_down_from_as_of(deadline_client):
    client = deadline_client
    body = client.get("/api/deadlines", params={"as_of": "2025-03-01"}).json()
    assert body["as_of"] == "2025-03-01"
    due = {(d["source"], d["target"]): d for d in body["items"]}
    prk = due[("PRK", "USA")]
    assert (prk["due"], prk["text"], prk["days_left"], prk["open"]) == ("2025-12-31", "until the end of the year", 305, True)
    assert prk["status"] == "open: 305 day(s) left" and prk["url"] == "https://example.org/prk"
    isr = due[("ISR", "LBN")]
    assert (isr["due"], isr["days_left"], isr["status"], isr["open"]) == ("2025-03-01", 0, "due today", True)
    later = client.get("/api/deadlines", params={"as_of": "2025-03-03"}).json()["items"]
    assert {d["source"]: d["status"] for d in later}["ISR"] == "expired 2 day(s) ago"
    for d in body["items"]:
        assert d["text"] in d["sentence"]
    # with no as_of: the latest article date of the selection, not the wall clock
    assert client.get("/api/deadlines").json()["as_of"] == "2025-02-10"
    assert client.get("/api/deadlines", params={"as_of": "tomorrow"}).status_code == 422


def test_deadlines_of_a_dyad_cover_both_directions(deadline_client):
    both = deadline_client.get("/api/deadlines", params={"dyad": "USA:PRK", "as_of": "2025-03-01"}).json()["items"]
    assert [(d["source"], d["target"]) for d in both] == [("PRK", "USA")]
    assert deadline_client.get("/api/deadlines", params={"dyad": "FRA:DEU"}).json()["items"] == []


def test_demo_deadlines_are_well_formed(client):
    for d in client.get("/api/deadlines", params={"as_of": "2025-01-01"}).json()["items"]:
        assert d["days_left"] == (date.fromisoformat(d["due"]) - date(2025, 1, 1)).days
        assert d["open"] == (d["days_left"] >= 0)


# -- the schema, the page, the edges -------------------------------------------------------
def test_openapi_lists_every_path(client):
    schema = client.get("/openapi.json").json()
    assert set(schema["paths"]) == {
        "/api/health", "/api/dyads", "/api/dyads/{source}/{target}/series", "/api/events", "/api/events/{event_id}",
        "/api/articles/{article_id}", "/api/signals", "/api/deadlines", "/api/origins", "/api/alerts",
    }
    assert all(set(ops) == {"get"} for ops in schema["paths"].values())  # read-only
    assert "EventDetail" in schema["components"]["schemas"]
    assert "404" in schema["paths"]["/api/events/{event_id}"]["get"]["responses"]


def test_dashboard_is_served_with_a_strict_csp(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    scripts = ("dom.js", "timeline.js", "map.js", "event.js", "alerts.js", "app.js")
    for name in scripts:
        assert f'<script src="/static/{name}"' in r.text
    for asset in [f"/static/{n}" for n in scripts] + ["/static/app.css", "/static/favicon.svg"]:
        a = client.get(asset)
        assert a.status_code == 200, asset
        assert "cdn" not in a.text.lower() and "src=\"http" not in a.text and "url(http" not in a.text
        assert "innerHTML" not in a.text and "insertAdjacentHTML" not in a.text and "document.write" not in a.text, asset


def test_the_npm_files_are_served_where_installed(client):
    """world-atlas and topojson-client come from npm (web/package-lock.json), copied by web/vendor.mjs."""
    import json as _json

    lock = _json.loads((ROOT / "web" / "package-lock.json").read_text("utf-8"))
    assert lock["packages"]["node_modules/world-atlas"]["version"] == "2.0.2"
    assert lock["packages"]["node_modules/topojson-client"]["version"] == "3.1.0"
    health = client.get("/api/health").json()
    if not health["outlines"]:
        pytest.skip("npm did not install the outlines (make install runs npm; npm is missing)")
    topo = client.get("/static/vendor/countries-110m.json")
    assert topo.status_code == 200 and topo.json()["type"] == "Topology" and "countries" in topo.json()["objects"]
    lib = client.get("/static/vendor/topojson-client.min.js")
    assert lib.status_code == 200 and "topojson-client v3.1.0" in lib.text


def test_writes_are_refused(client):
    assert client.post("/api/events", json={}).status_code == 405
    assert client.delete("/api/events/x").status_code == 405


def test_a_missing_store_is_an_error(tmp_path):
    from dyadwatch import StoreError

    with pytest.raises(StoreError, match="no such store"):
        create_app(tmp_path / "absent.duckdb")


def test_the_store_is_opened_read_only(client, demo_db):
    # a second read-only reader is allowed while the app holds the file; writes through the app's connection are not
    assert _db_rows(demo_db, "SELECT count(*) FROM articles")[0][0] == 43
    with client.app.state.db.cursor() as cur, pytest.raises(duckdb.Error, match="read-only"):
        cur.execute("DELETE FROM events")


def test_serve_command_imports_no_web_stack_and_binds_loopback():
    code = ("import sys, inspect; import dyadwatch.api.command as c; "
            "assert 'fastapi' not in sys.modules and 'uvicorn' not in sys.modules, 'web stack imported'; "
            "p = inspect.signature(c.serve).parameters; print(p['host'].default, p['port'].default, p['db'].default)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["127.0.0.1", "8000", "dyadwatch.duckdb"]


def test_single_flight_cache_computes_a_key_once():
    import threading
    import time

    from dyadwatch.api.cache import SingleFlightCache

    calls: list[int] = []

    def slow(k: int) -> int:
        calls.append(k)
        time.sleep(0.05)
        return k * 2

    cache = SingleFlightCache(slow, size=2)
    threads = [threading.Thread(target=cache, args=(3,)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [3]
    assert (cache(3), cache(4), cache(5)) == (6, 8, 10) and len(cache) == 2
    assert cache(3) == 6 and calls == [3, 4, 5, 3]  # 3 was evicted, so it was computed again
    nocache = SingleFlightCache(slow, size=0)
    nocache(1), nocache(1)
    assert calls[-2:] == [1, 1] and len(nocache) == 0


def test_series_is_served_from_the_cache(client):
    db = client.app.state.db
    first = client.get("/api/dyads/PRK/USA/series", params={"per": "month"}).json()
    opened = db.opened
    assert client.get("/api/dyads/PRK/USA/series", params={"per": "month"}).json() == first
    assert db.opened == opened  # the second answer did not open the store
    assert ("PRK", "USA", "month", None, None, ()) in client.app.state.series.keys()
    assert client.app.state.series.version == db.stamp()


# -- faults and hosts (issue #20, items 5 and 6) ------------------------------------------------
SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options")
DATA_PATHS = ("/api/dyads", "/api/dyads/PRK/USA/series", "/api/events", "/api/events/e1", "/api/articles/a1", "/api/signals",
              "/api/deadlines")


@pytest.fixture(scope="module")
def big_store(tmp_path_factory) -> Path:
    """20,000 events written with SQL: a store of many blocks, so a cut loses some."""
    from dyadwatch import Store

    path = tmp_path_factory.mktemp("faults") / "full.duckdb"
    with Store(path) as s:
        s.con.execute("INSERT INTO articles (article_id, url, title, published, origin, text) SELECT 'a' || i, "
                      "'https://x.test/' || i, 'title', DATE '2025-01-01' + (i % 90)::INT, 'o', repeat('North Korea fired. ', 20) "
                      "FROM range(3000) t(i)")
        s.con.execute("INSERT INTO events (event_id, article_id, event_date, sentence, source_text, source_code, target_text, "
                      "target_code, cameo, cameo_root, cameo_name, quad_class, goldstein, negated, mood, confidence) "
                      "SELECT 'e' || i, 'a' || (i % 3000), DATE '2025-01-01' + (i % 90)::INT, 'North Korea fired missiles ' || i, "
                      "'North Korea', 'PRK', 'United States', 'USA', '190', '19', 'fight', 4, -10.0, false, 'asserted', 0.9 "
                      "FROM range(20000) t(i)")
    return path


@pytest.mark.parametrize("fraction", [0.1, 0.25, 0.4])
def test_a_truncated_store_is_unhealthy_and_its_data_requests_fail_as_json(big_store, tmp_path, fraction):
    import os
    import shutil

    cut = tmp_path / "cut.duckdb"
    shutil.copyfile(big_store, cut)
    os.truncate(cut, int(big_store.stat().st_size * fraction))
    with TestClient(create_app(cut), raise_server_exceptions=False) as c:
        health = c.get("/api/health")
        assert health.status_code == 503
        body = health.json()
        assert body["status"] != "ok" and "truncated or damaged" in body["detail"]
        assert str(tmp_path) not in health.text and "cut.duckdb" not in health.text  # the path is not told
        for path in DATA_PATHS:
            r = c.get(path)
            assert r.status_code == 500, (path, r.status_code)
            assert r.headers["content-type"].startswith("application/json"), path
            assert "truncated or damaged" in r.json()["detail"], path
            for h in SECURITY_HEADERS:
                assert h in r.headers, (path, h)


def test_health_of_a_whole_store_is_ok_and_tells_no_path(big_store):
    with TestClient(create_app(big_store)) as c:
        r = c.get("/api/health")
        assert r.status_code == 200 and r.json()["status"] == "ok" and r.json()["events"] == 20000
        assert "db" not in r.json() and str(big_store.parent) not in r.text


def test_an_unexpected_failure_is_a_json_500_with_the_security_headers(demo_db, monkeypatch):
    from dyadwatch.api import queries

    def broken(*args, **kwargs):
        raise duckdb.IOException("Could not read from file /secret/place.duckdb")

    monkeypatch.setattr(queries, "count_events", broken)
    with TestClient(create_app(demo_db), raise_server_exceptions=False) as c:
        r = c.get("/api/events")
    assert r.status_code == 500 and r.headers["content-type"].startswith("application/json")
    assert "damaged" in r.json()["detail"] and "/secret" not in r.text
    for h in SECURITY_HEADERS:
        assert h in r.headers


def test_requests_for_another_host_are_refused(demo_db):
    from dyadwatch.cli.serve import allowed_hosts

    hosts = allowed_hosts("127.0.0.1", [])
    with TestClient(create_app(demo_db, allowed_hosts=hosts), base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/health").status_code == 200
        assert c.get("/api/health", headers={"host": "localhost:8000"}).status_code == 200
        assert c.get("/api/health", headers={"host": "[::1]:8000"}).status_code == 200
        r = c.get("/api/events", headers={"host": "evil.example:8000"})  # a rebinding page on another name
        assert r.status_code == 400 and "--allow-host evil.example" in r.json()["detail"]
        for h in SECURITY_HEADERS:
            assert h in r.headers
        assert c.get("/", headers={"host": "evil.example"}).status_code == 400
    with TestClient(create_app(demo_db, allowed_hosts=allowed_hosts("127.0.0.1", ["dyads.lan"])), base_url="http://dyads.lan") as c:
        assert c.get("/api/health").status_code == 200
    assert "10.0.0.5" in allowed_hosts("10.0.0.5", []) and "0.0.0.0" not in allowed_hosts("0.0.0.0", [])


def test_serve_refuses_other_hosts_for_real(demo_db):
    """The real command's app on a real socket: the Host header decides."""
    import httpx

    from dyadwatch.api.server import background_server
    from dyadwatch.cli.serve import allowed_hosts

    with background_server(create_app(demo_db, allowed_hosts=allowed_hosts("127.0.0.1", []))) as url:
        assert httpx.get(f"{url}/api/health").status_code == 200
        assert httpx.get(f"{url}/api/health", headers={"host": "attacker.example"}).status_code == 400


# -- where events happened (issue #17) ------------------------------------------------------------
#: event id → (location name, country, lat, lon); "e-ukr" is located to its country only
PLACES = {
    "e-kyiv": ("Kyiv", "UKR", 50.45, 30.52), "e-kharkiv": ("Kharkiv", "UKR", 49.99, 36.23),
    "e-moscow": ("Moscow", "RUS", 55.75, 37.62), "e-suva": ("Suva", "FJI", -18.14, 178.44),
    "e-taveuni": ("Taveuni east", "FJI", -16.8, -179.9), "e-ukr": ("Ukraine", "UKR", None, None),
    "e-none": (None, None, None, None),
}


@pytest.fixture(scope="module")
def geo_client(tmp_path_factory) -> TestClient:
    """RUS→UKR events written with SQL at the PLACES above."""
    from dyadwatch import Store

    path = tmp_path_factory.mktemp("geo") / "geo.duckdb"
    with Store(path) as s:
        s.con.execute("INSERT INTO articles (article_id, url, title, published, origin, text) "
                      "VALUES ('a1', 'https://x.test/1', 't', DATE '2025-02-03', 'o', 'x')")
        for i, (eid, (name, country, lat, lon)) in enumerate(PLACES.items()):
            s.con.execute("INSERT INTO events (event_id, article_id, event_date, sentence, sentence_index, source_text, "
                          "source_code, target_text, target_code, cameo, cameo_root, cameo_name, quad_class, goldstein, negated, "
                          "mood, confidence, location_text, location_name, location_country, lat, lon, location_precision, "
                          "location_via) VALUES (?, 'a1', DATE '2025-02-03', 'Russia shelled Ukraine.', ?, 'Russia', 'RUS', "
                          "'Ukraine', 'UKR', '195', '19', 'fight', 4, -10.0, false, 'asserted', 0.9, ?, ?, ?, ?, ?, ?, ?)",
                          [eid, i, name, name, country, lat, lon,
                           "none" if name is None else ("country" if lat is None else "place"), None if name is None else "clause"])
    with TestClient(create_app(path)) as c:
        yield c


def _ids(client, **params) -> set[str]:
    r = client.get("/api/events", params={"limit": 500, **params})
    assert r.status_code == 200, r.text
    return {e["event_id"] for e in r.json()["items"]}


def test_events_by_the_country_where_they_happened(geo_client):
    assert _ids(geo_client, country="ukr") == {"e-kyiv", "e-kharkiv", "e-ukr"}
    assert _ids(geo_client, country="RUS") == {"e-moscow"}  # where, not who: every source here is RUS
    assert _ids(geo_client, country="RUS", dyad="RUS:UKR") == {"e-moscow"}


def test_events_in_a_bounding_box_and_across_the_antimeridian(geo_client):
    assert _ids(geo_client, bbox="22,44,41,53") == {"e-kyiv", "e-kharkiv"}
    assert _ids(geo_client, bbox="22,44,41,56") == {"e-kyiv", "e-kharkiv", "e-moscow"}
    assert _ids(geo_client, bbox="170,-30,-170,0") == {"e-suva", "e-taveuni"}
    assert _ids(geo_client, bbox="170,-30,179,0") == {"e-suva"}
    assert _ids(geo_client, located="true") == {"e-kyiv", "e-kharkiv", "e-moscow", "e-suva", "e-taveuni"}


def test_event_summaries_and_details_carry_the_place(geo_client):
    items = {e["event_id"]: e for e in geo_client.get("/api/events", params={"limit": 500}).json()["items"]}
    for eid, (name, country, lat, lon) in PLACES.items():
        e = items[eid]
        assert (e["location_name"], e["location_country"], e["lat"], e["lon"]) == (name, country, lat, lon)
    kyiv = geo_client.get("/api/events/e-kyiv").json()["location"]
    assert kyiv == {"text": "Kyiv", "name": "Kyiv", "country": "UKR", "admin1": None, "lat": 50.45, "lon": 30.52,
                    "precision": "place", "via": "clause"}
    assert geo_client.get("/api/events/e-ukr").json()["location"]["precision"] == "country"
    assert geo_client.get("/api/events/e-none").json()["location"] is None


@pytest.mark.parametrize("params, needle", [
    ({"bbox": "1,2,3"}, "bad bbox"), ({"bbox": "a,b,c,d"}, "bad bbox"), ({"bbox": "0,10,5,0"}, "south <= north"),
    ({"bbox": "-190,0,5,10"}, "-180..180"), ({"country": "Ukraine"}, "alpha-3"), ({"country": "ZZZ"}, "alpha-3"),
])
def test_bad_place_filters_give_422(geo_client, params, needle):
    r = geo_client.get("/api/events", params=params)
    assert r.status_code == 422 and needle in r.json()["detail"]


def test_dyads_name_their_actors(client):
    rows = {(d["source"], d["target"]): d for d in client.get("/api/dyads", params={"limit": 200}).json()}
    assert (rows[("PRK", "USA")]["source_name"], rows[("PRK", "USA")]["target_name"]) == ("North Korea", "United States")
    assert rows[("RUS", "UKR")]["source_name"] == "Russia"


def test_a_long_lists_pages_are_the_pages_of_one_sorted_list(client, monkeypatch):
    # the path taken for long lists (ids sorted once, kept, each page's rows fetched by id) gives
    # exactly the pages the plain LIMIT/OFFSET query gives
    from dyadwatch.api import queries

    def pages():
        out = []
        for offset in (0, 7, 21):
            body = client.get("/api/events", params={"limit": 7, "offset": offset}).json()
            out.append([e["event_id"] for e in body["items"]])
        return out

    plain = pages()
    monkeypatch.setattr(queries, "_NARROW_SORT_FROM", 0)
    queries._ORDERS.clear()
    assert pages() == plain and all(plain) and len(queries._ORDERS) == 1
    assert pages() == plain and len(queries._ORDERS) == 1  # the second time from the kept order
