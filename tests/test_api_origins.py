"""The ``origin`` parameter: a store holding events dyadwatch coded and events imported from GDELT
(by ``dyadwatch import --from gdelt``, on a file written here) counts each apart."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

import duckdb
import pytest

pytest.importorskip("fastapi", reason="the API needs fastapi (pip install fastapi uvicorn)")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from dyadwatch import Store, code_sources  # noqa: E402
from dyadwatch.api import create_app  # noqa: E402
from dyadwatch.datasets.gdelt import GDELT2_COLUMNS  # noqa: E402

from .test_datasets import _g, gdelt_row  # noqa: E402

DYADWATCH = str(Path(sys.executable).with_name("dyadwatch"))
CODED = {
    "threat.txt": "Date: 2025-03-03\n\nNorth Korea threatened the United States with a new nuclear test.\n",
    "deadline.txt": "Date: 2025-03-04\n\nNorth Korea warned the United States that it has until the end of the year to drop its hostile policy.\n",
}
#: GDELT 2.0 rows: five PRK→USA events (three material conflict, two verbal cooperation), one RUS→UKR
GDELT_ROWS = [
    _g(9001, "20250303", "PRKMIL", "PRK", "MIL", "USAGOV", "USA", "GOV", "190", "4", "-10", "https://news.example/g1"),
    _g(9002, "20250304", "PRKMIL", "PRK", "MIL", "USAGOV", "USA", "GOV", "190", "4", "-10", "https://news.example/g2"),
    _g(9003, "20250311", "PRKGOV", "PRK", "GOV", "USAGOV", "USA", "GOV", "195", "4", "-10", "https://news.example/g3"),
    _g(9004, "20250312", "PRKGOV", "PRK", "GOV", "USAGOV", "USA", "GOV", "042", "1", "1.9", "https://news.example/g4"),
    _g(9005, "20250318", "PRKGOV", "PRK", "GOV", "USAGOV", "USA", "GOV", "043", "1", "2.8", "https://news.example/g5"),
    _g(9006, "20250318", "RUSMIL", "RUS", "MIL", "UKRMIL", "UKR", "MIL", "190", "4", "-10", "https://news.example/g6"),
]


@pytest.fixture(scope="module")
def mixed_db(tmp_path_factory, coder) -> Path:
    folder = tmp_path_factory.mktemp("origins")
    for name, text in CODED.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = folder / "mixed.duckdb"
    with Store(db) as store:
        code_sources([folder / n for n in CODED], store, coder=coder)
    export = folder / "20250301000000.export.CSV"
    export.write_text("\n".join(gdelt_row(GDELT2_COLUMNS, **r) for r in GDELT_ROWS) + "\n", encoding="utf-8")
    run = subprocess.run([DYADWATCH, "import", str(export), "--from", "gdelt", "--db", str(db)], capture_output=True, text=True,
                         timeout=300, env=dict(os.environ, PYTHONWARNINGS="ignore"))
    assert run.returncode == 0, run.stderr
    return db


@pytest.fixture(scope="module")
def client(mixed_db) -> TestClient:
    with TestClient(create_app(mixed_db)) as c:
        yield c


def _stored(db: Path, sql: str) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return int(con.execute(sql).fetchone()[0])


def _prk_usa(client, **params) -> dict:
    return next((d for d in client.get("/api/dyads", params=params).json() if (d["source"], d["target"]) == ("PRK", "USA")),
                {"events": 0, "q1": 0, "q4": 0})


def test_origins_lists_what_the_store_holds(client, mixed_db):
    coded = _stored(mixed_db, "SELECT count(*) FROM events WHERE event_id NOT IN (SELECT event_id FROM imported)")
    assert client.get("/api/origins").json() == [{"origin": "dyadwatch", "events": coded}, {"origin": "gdelt", "events": 6}]


def test_dyads_and_series_count_each_origin_apart(client):
    gdelt, coded, both = _prk_usa(client, origin="gdelt"), _prk_usa(client, origin="dyadwatch"), _prk_usa(client)
    assert (gdelt["events"], gdelt["q4"], gdelt["q1"]) == (5, 3, 2)
    assert coded["events"] >= 1 and coded["q4"] == 0  # the coded threat is verbal conflict
    assert both["events"] == gdelt["events"] + coded["events"]
    assert _prk_usa(client, origin=["dyadwatch", "gdelt"]) == both
    only_gdelt = {(d["source"], d["target"]) for d in client.get("/api/dyads", params={"origin": "GDELT"}).json()}
    assert only_gdelt == {("PRK", "USA"), ("RUS", "UKR")}
    series = {o: client.get("/api/dyads/PRK/USA/series", params={"per": "week", "origin": o}).json() for o in ("gdelt", "dyadwatch")}
    assert series["gdelt"]["events"] == 5 and series["dyadwatch"]["events"] == coded["events"]
    assert [p["n"] for p in series["gdelt"]["periods"]] == [2, 2, 1]  # the weeks of 3, 10 and 17 March
    assert client.get("/api/dyads/PRK/USA/series", params={"per": "week"}).json()["events"] == both["events"]


def test_events_signals_and_deadlines_take_the_origin(client, mixed_db):
    coded_stored = _stored(mixed_db, "SELECT count(*) FROM events WHERE source_code = 'PRK' AND target_code = 'USA' "
                                     "AND event_id NOT IN (SELECT event_id FROM imported)")
    gdelt = client.get("/api/events", params={"dyad": "PRK:USA", "origin": "gdelt", "limit": 500}).json()
    assert gdelt["total"] == 5 and {e["cameo"] for e in gdelt["items"]} == {"190", "195", "042", "043"}
    coded = client.get("/api/events", params={"dyad": "PRK:USA", "origin": "dyadwatch", "limit": 500}).json()
    assert coded["total"] == coded_stored and not {e["event_id"] for e in coded["items"]} & {e["event_id"] for e in gdelt["items"]}
    assert client.get("/api/events", params={"dyad": "PRK:USA"}).json()["total"] == coded_stored + 5
    deadlines = {o: client.get("/api/deadlines", params={"origin": o, "as_of": "2025-03-20"}).json()["items"]
                 for o in ("dyadwatch", "gdelt")}
    assert [d["text"] for d in deadlines["dyadwatch"]] == ["until the end of the year"] and deadlines["gdelt"] == []
    assert client.get("/api/signals", params={"origin": "gdelt"}).status_code == 200


@pytest.mark.parametrize("path", ["/api/dyads", "/api/dyads/PRK/USA/series", "/api/events", "/api/signals", "/api/deadlines"])
def test_an_unknown_origin_gives_422_naming_it(client, path):
    r = client.get(path, params={"origin": "reuters"})
    assert r.status_code == 422 and "reuters" in r.json()["detail"] and "gdelt" in r.json()["detail"]
