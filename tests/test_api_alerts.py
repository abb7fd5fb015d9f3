"""``/api/alerts``: what ``dyadwatch watch`` wrote to the store's alerts table, newest first, filtered
by dyad (either direction) and day, paged; an empty page that says so where no watch ran."""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the API needs fastapi (pip install fastapi uvicorn)")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from dyadwatch import Store, code_sources  # noqa: E402
from dyadwatch.api import create_app  # noqa: E402
from dyadwatch.watch import Watcher, parse_rules, stored_alerts  # noqa: E402
from dyadwatch.watch.alerts import Alert, record_new  # noqa: E402

THREAT = "Date: 2019-12-17\n\nNorth Korea threatened the United States with a new nuclear test.\n"
RULES = [{"name": "prk-threats", "dyad": "PRK:USA", "when": "event_type", "types": ["THREATEN"]}]

#: (rule, condition, source, target, subject, message, as_of, written at)
PLANTED = [
    ("drop", "index_drop", "RUS", "UKR", "RUS:UKR:drop-from:2025-01-06", "RUS→UKR: relation index fell", date(2025, 1, 20), "2025-01-21 08:00"),
    ("mixed", "mixed_signals", "USA", "PRK", "USA:PRK:mixed:2025-02-03", "USA→PRK: mixed signals", date(2025, 2, 9), "2025-02-10 08:00"),
    ("due", "deadline_within", "UKR", "RUS", "UKR:RUS:deadline:x", "UKR→RUS: deadline in 3 days", date(2025, 3, 1), "2025-03-02 08:00"),
    ("any", "new_deadline", "FRA", None, "FRA:*:deadline:y", "FRA: a new deadline", None, "2025-03-05 09:00"),
]


@pytest.fixture(scope="module")
def watched(tmp_path_factory, coder) -> Path:
    """A store that a real watch cycle wrote an alert to, plus alerts recorded with known dates."""
    folder = tmp_path_factory.mktemp("alerts")
    inbox = folder / "inbox"
    inbox.mkdir()
    (inbox / "threat.txt").write_text(THREAT, "utf-8")
    db = folder / "alerts.duckdb"
    report = Watcher([inbox], db, parse_rules(RULES), coder=coder).cycle()
    assert len(report.new_alerts) == 1
    with Store(db) as store:
        store.con.execute("UPDATE alerts SET created_at = TIMESTAMP '2019-12-18 07:00'")
        record_new(store, [Alert.of(r, c, s, t, subj, msg, ("e1", "e2"), as_of) for r, c, s, t, subj, msg, as_of, _ in PLANTED])
        for r, *_, written in PLANTED:
            store.con.execute("UPDATE alerts SET created_at = CAST(? AS TIMESTAMP) WHERE rule = ?", [written, r])
    return db


@pytest.fixture(scope="module")
def client(watched) -> TestClient:
    with TestClient(create_app(watched)) as c:
        yield c


def test_alerts_are_the_stored_ones_newest_first(client, watched):
    body = client.get("/api/alerts").json()
    with Store(watched, read_only=True) as store:
        stored = stored_alerts(store)
    assert body["table"] is True and body["total"] == len(stored) == 5
    assert [a["rule"] for a in body["items"]] == ["any", "due", "mixed", "drop", "prk-threats"]
    threat = body["items"][-1]
    row = next(r for r in stored if r["rule"] == "prk-threats")
    assert (threat["alert_id"], threat["message"], threat["event_ids"]) == (row["alert_id"], row["message"], list(row["event_ids"]))
    assert "threatened the United States" in threat["message"] and threat["as_of"] == "2019-12-17"
    assert (threat["source"], threat["target"], threat["source_name"], threat["target_name"]) == \
        ("PRK", "USA", "North Korea", "United States")
    event = client.get(f"/api/events/{threat['event_ids'][0]}").json()  # the events it names can be opened
    assert event["plover_type"] == "THREATEN" and event["source"]["code"] == "PRK"
    assert body["items"][0]["target"] is None and body["items"][0]["created_at"].startswith("2025-03-05T09:00")


def test_alerts_of_a_dyad_cover_both_directions(client):
    rus_ukr = client.get("/api/alerts", params={"dyad": "UKR:RUS"}).json()
    assert [a["rule"] for a in rus_ukr["items"]] == ["due", "drop"] and rus_ukr["total"] == 2
    assert [a["rule"] for a in client.get("/api/alerts", params={"dyad": "prk:usa"}).json()["items"]] == ["mixed", "prk-threats"]
    assert client.get("/api/alerts", params={"dyad": "BRA:ARG"}).json() == {"table": True, "total": 0, "limit": 50, "offset": 0, "items": []}


def test_alerts_since_a_day_and_paged(client):
    since = client.get("/api/alerts", params={"since": "2025-02-09"}).json()
    assert [a["rule"] for a in since["items"]] == ["any", "due", "mixed"]  # "any" has no as_of: the day it was written
    pages = [client.get("/api/alerts", params={"limit": 2, "offset": o}).json() for o in (0, 2, 4, 6)]
    assert [[a["rule"] for a in p["items"]] for p in pages] == [["any", "due"], ["mixed", "drop"], ["prk-threats"], []]
    assert {p["total"] for p in pages} == {5}


@pytest.mark.parametrize("params, needle", [
    ({"dyad": "RUSUKR"}, "RUSUKR"), ({"dyad": "RUS:ZZZZ"}, "ZZZZ"), ({"since": "yesterday"}, "yesterday"),
])
def test_bad_alert_filters_give_422(client, params, needle):
    r = client.get("/api/alerts", params=params)
    assert r.status_code == 422 and needle in r.json()["detail"]


def test_a_store_no_watch_wrote_to_has_an_empty_alert_list_that_says_so(tmp_path, coder):
    article = tmp_path / "a.txt"
    article.write_text(THREAT, "utf-8")
    with Store(tmp_path / "plain.duckdb") as store:
        code_sources([article], store, coder=coder)
    with TestClient(create_app(tmp_path / "plain.duckdb")) as c:
        r = c.get("/api/alerts", params={"dyad": "PRK:USA"})
    assert r.status_code == 200
    assert r.json() == {"table": False, "total": 0, "limit": 50, "offset": 0, "items": []}
