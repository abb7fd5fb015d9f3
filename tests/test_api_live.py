"""``serve`` while other processes write the store: the file is not held between requests, so
``dyadwatch code`` can write it; the next request sees the new rows (every cache is keyed to the
store's last write); a request that finds a writer holding the file waits for it, and answers
503 if it holds on too long."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

import httpx
import pytest

pytest.importorskip("fastapi", reason="the API needs fastapi (pip install fastapi uvicorn)")
pytest.importorskip("uvicorn", reason="serve needs uvicorn")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from dyadwatch import Store, code_sources  # noqa: E402
from dyadwatch.api import create_app  # noqa: E402
from dyadwatch.api.db import DEFAULT_HOLD_S  # noqa: E402

DYADWATCH = str(Path(sys.executable).with_name("dyadwatch"))
FIRST = "Date: 2025-03-03\nURL: https://news.example/first\n\nNorth Korea threatened the United States with a new nuclear test.\n"
NEW = "Date: 2025-03-05\nURL: https://news.example/new\n\nBrazil signed a trade agreement with Argentina in Montevideo.\n"
NEW_SENTENCE = "Brazil signed a trade agreement with Argentina in Montevideo."


def seeded_store(folder: Path, coder) -> Path:
    """A store holding one coded article (PRK→USA), closed."""
    first = folder / "first.txt"
    first.write_text(FIRST, encoding="utf-8")
    db = folder / "live.duckdb"
    with Store(db) as store:
        code_sources([first], store, coder=coder)
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """``dyadwatch serve --db DB`` in a process of its own, on a free port."""

    def __init__(self, db: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, PYTHONWARNINGS="ignore")
        self.proc = subprocess.Popen([DYADWATCH, "serve", "--db", str(db), "--port", str(self.port)], env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"dyadwatch serve exited: {self.proc.stderr.read()}")
            try:
                if httpx.get(self.url + "/api/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("dyadwatch serve did not answer within 60 s")

    def get(self, path: str, **params) -> httpx.Response:
        return httpx.get(self.url + path, params=params, timeout=30)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


def after_the_hold() -> None:
    """Let serve close the file: it keeps it open DEFAULT_HOLD_S after the last request."""
    time.sleep(3 * DEFAULT_HOLD_S)


def code_in_another_process(db: Path, article: Path) -> subprocess.CompletedProcess:
    after_the_hold()
    return subprocess.run([DYADWATCH, "code", str(article), "--db", str(db)], capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, PYTHONWARNINGS="ignore"))


@pytest.fixture
def served(tmp_path, coder):
    db = seeded_store(tmp_path, coder)
    server = Served(db)
    try:
        yield server, db, tmp_path
    finally:
        server.stop()


def test_serve_sees_an_article_coded_by_another_process_while_it_runs(served):
    server, db, folder = served
    before = server.get("/api/health").json()
    assert (before["articles"], before["status"]) == (1, "ok")
    dyads = {(d["source"], d["target"]) for d in server.get("/api/dyads").json()}
    assert ("PRK", "USA") in dyads and ("BRA", "ARG") not in dyads
    assert server.get("/api/dyads/BRA/ARG/series").json()["events"] == 0  # now cached, as of this store
    assert server.get("/api/events", dyad="BRA:ARG").json()["total"] == 0

    new = folder / "new.txt"
    new.write_text(NEW, encoding="utf-8")
    run = code_in_another_process(db, new)
    assert run.returncode == 0, run.stderr  # serve does not hold the file: the writer got in
    assert server.proc.poll() is None  # and serve is still running

    after = server.get("/api/health").json()
    assert after["articles"] == 2 and after["events"] > before["events"]
    rows = {(d["source"], d["target"]): d for d in server.get("/api/dyads").json()}
    assert rows[("BRA", "ARG")]["events"] >= 1 and rows[("BRA", "ARG")]["last"] == "2025-03-05"
    series = server.get("/api/dyads/BRA/ARG/series", per="week").json()
    assert series["events"] == rows[("BRA", "ARG")]["events"]  # not the cached empty series
    page = server.get("/api/events", dyad="BRA:ARG").json()
    assert page["total"] >= 1 and page["items"][0]["sentence"] == NEW_SENTENCE
    assert rows[("PRK", "USA")]["events"] >= 1  # the old data is still there


def test_a_request_waits_for_a_writer_that_holds_the_store_briefly(served):
    server, db, _ = served
    assert server.get("/api/events").status_code == 200
    after_the_hold()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from dyadwatch import Store\n"
        f"s = Store({str(db)!r}); print('held', flush=True); time.sleep(1.0); s.close()")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        t0 = time.monotonic()
        r = server.get("/api/events", limit=5)
        waited = time.monotonic() - t0
    finally:
        holder.wait(30)
    assert holder.returncode == 0
    assert r.status_code == 200 and r.json()["total"] >= 1
    assert waited > 0.3  # it waited for the writer rather than failing


@pytest.fixture
def quick_client(tmp_path, coder):
    """The app in this process (TestClient), waiting at most 0.3 s for a writer."""
    db = seeded_store(tmp_path, coder)
    with TestClient(create_app(db, busy_wait_s=0.3)) as c:
        yield c, db, tmp_path


def test_a_writer_holding_on_gives_503_with_retry_after_then_the_store_is_read_again(quick_client):
    client, db, _ = quick_client
    after_the_hold()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from dyadwatch import Store\n"
        f"s = Store({str(db)!r}); print('held', flush=True); sys.stdin.readline(); s.close()")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        r = client.get("/api/events")
        assert r.status_code == 503 and r.headers["retry-after"] == "1"
        assert "being written by another process" in r.json()["detail"] and str(db) not in r.text
        assert "content-security-policy" in r.headers
    finally:
        holder.communicate("\n", timeout=30)
    assert holder.returncode == 0
    r = client.get("/api/events")
    assert r.status_code == 200 and r.json()["total"] >= 1


def test_the_store_is_closed_between_requests_and_every_cache_follows_its_writes(quick_client):
    client, db, folder = quick_client
    app_db = client.app.state.db
    first = client.get("/api/dyads/PRK/USA/series", params={"per": "week"}).json()
    dyads = client.get("/api/dyads").json()
    health = client.get("/api/health").json()
    assert first["events"] >= 1
    t0 = time.monotonic()
    while app_db.is_open and time.monotonic() - t0 < 5:
        time.sleep(0.01)
    assert not app_db.is_open and time.monotonic() - t0 < DEFAULT_HOLD_S + 0.5  # closed once the requests are over
    # nothing holds the file now: a writer in this very process may open it read-write
    with Store(db) as store:
        [copied] = store.con.execute("INSERT INTO events SELECT * REPLACE ('copy-' || event_id AS event_id, "
                                     "DATE '2025-03-20' AS event_date) FROM events WHERE source_code = 'PRK' "
                                     "AND target_code = 'USA'").fetchone()
    again = client.get("/api/dyads/PRK/USA/series", params={"per": "week"}).json()
    assert again["events"] == 2 * first["events"]
    prk_usa = [d["events"] for d in client.get("/api/dyads").json() if (d["source"], d["target"]) == ("PRK", "USA")]
    assert prk_usa == [2 * d["events"] for d in dyads if (d["source"], d["target"]) == ("PRK", "USA")]
    assert client.get("/api/health").json()["events"] == health["events"] + copied
    assert client.app.state.series.version == app_db.stamp()
