"""Load figures for the read-only API: requests/s and p50/p95 latency per endpoint.

Builds a store of at least ``--events`` events quickly (the demo corpus coded once, its events
replicated with new ids and dates shifted by whole quarters), starts ``uvicorn`` on 127.0.0.1 in a
child process and sends a bounded number of requests from ``--clients`` concurrent clients.

    .venv/bin/python bench/api_load.py [--events 100000] [--clients 10] [--requests 400] [--seconds 60]

Loopback only; every loop is bounded by a request count and a time limit. Not a test.
"""

from __future__ import annotations

import argparse
import math
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from importlib import resources
from pathlib import Path

import httpx

HOST = "127.0.0.1"
TARGET_P95_MS = 100.0


def build_store(path: Path, n_events: int) -> int:
    """Code the demo corpus into ``path``, then replicate its events to at least ``n_events``."""
    import duckdb

    from dyadwatch import Store, code_sources

    corpus = resources.files("dyadwatch.demo") / "corpus"
    with resources.as_file(corpus) as folder, Store(path) as store:
        code_sources([Path(folder)], store)
        base = store.counts()["events"]
    copies = math.ceil(n_events / base) - 1
    with duckdb.connect(str(path)) as con:
        cols = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'events' ORDER BY ordinal_position").fetchall()]
        select = ", ".join(
            "e.event_id || '-' || i.i" if c == "event_id"
            else "e.event_date + CAST((i.i % 24) * 91 AS INTEGER)" if c == "event_date"
            else f'e."{c}"'
            for c in cols
        )
        con.execute(f"INSERT INTO events SELECT {select} FROM (SELECT * FROM events) e, range(1, {copies + 1}) i(i)")
        return con.execute("SELECT count(*) FROM events").fetchone()[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, cache_size: int) -> subprocess.Popen:
    code = ("import uvicorn; from dyadwatch.api import create_app; "
            f"uvicorn.run(create_app({str(db)!r}, cache_size={cache_size}), host={HOST!r}, port={port}, log_level='warning')")
    proc = subprocess.Popen([sys.executable, "-W", "ignore::RuntimeWarning", "-c", code])  # replicated data trips scipy precision warnings
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://{HOST}:{port}/api/health", timeout=2).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("the server did not start within 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


def load(base: str, paths: list[str], clients: int, requests: int, seconds: float) -> tuple[list[float], int, float]:
    """``requests`` GETs spread over ``clients`` threads (each cycling through ``paths``), stopping
    early after ``seconds``; returns latencies (ms), errors and wall time."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    per_client = math.ceil(requests / clients)

    def worker(k: int) -> None:
        nonlocal errors
        mine: list[float] = []
        bad = 0
        with httpx.Client(base_url=base, timeout=30) as c:
            for j in range(per_client):
                if time.monotonic() > stop_at:
                    break
                t0 = time.perf_counter()
                r = c.get(paths[(k * per_client + j) % len(paths)])
                mine.append((time.perf_counter() - t0) * 1000)
                bad += r.status_code != 200
        with lock:
            latencies.extend(mine)
            errors += bad

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, time.perf_counter() - t0


def report(name: str, latencies: list[float], errors: int, wall: float) -> float:
    q = statistics.quantiles(latencies, n=100)
    p50, p95 = q[49], q[94]
    print(f"{name:<44} {len(latencies):>6} req {len(latencies) / wall:>8.1f} req/s   p50 {p50:>7.1f} ms   p95 {p95:>7.1f} ms   errors {errors}")
    return p95


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=10)
    ap.add_argument("--requests", type=int, default=400, help="requests per endpoint (all clients together)")
    ap.add_argument("--seconds", type=float, default=60, help="time limit per endpoint")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        n = build_store(db, args.events)
        print(f"store: {n} events, built in {time.perf_counter() - t0:.1f} s ({db.stat().st_size / 1e6:.0f} MB)")
        rng = random.Random(7)
        endpoints = {
            "/api/events?dyad=USA:PRK (random pages)": [f"/api/events?dyad=USA:PRK&limit=50&offset={rng.randrange(0, 3000)}" for _ in range(200)],
            "/api/events (all, random pages)": [f"/api/events?limit=50&offset={rng.randrange(0, n)}" for _ in range(200)],
            "/api/events?q=missile": ["/api/events?q=missile&limit=50"],
            "/api/dyads": ["/api/dyads"],
            "/api/dyads/USA/PRK/series?per=week": ["/api/dyads/USA/PRK/series?per=week"],
        }
        for cache_size in (256, 0):
            port = free_port()
            proc = start_server(db, port, cache_size)
            base = f"http://{HOST}:{port}"
            try:
                print(f"\nserver: uvicorn, 1 process, series cache {'on' if cache_size else 'off'}; {args.clients} clients")
                with httpx.Client(base_url=base, timeout=60) as c:
                    t = time.perf_counter()
                    c.get("/api/dyads/USA/PRK/series?per=week").raise_for_status()
                    print(f"{'first (cold) series request':<44} {(time.perf_counter() - t) * 1000:>7.1f} ms")
                    top = c.get("/api/dyads", params={"limit": 20}).json()
                mixed = [f"/api/dyads/{d['source']}/{d['target']}/series?per={per}" for d in top for per in ("week", "month", "day")]
                runs = dict(endpoints, **{f"series, {len(mixed)} keys (top-20 dyads x per)": mixed})
                for name, paths in runs.items():
                    if cache_size == 0 and "series" not in name:
                        continue
                    n_req = args.requests if cache_size else min(args.requests, 60)
                    p95 = report(name, *load(base, paths, args.clients, n_req, args.seconds))
                    if name.startswith("/api/dyads/USA/PRK/series"):
                        verdict = "meets" if p95 <= TARGET_P95_MS else "misses"
                        print(f"{'':<44} {verdict} the target p95 <= {TARGET_P95_MS:.0f} ms")
            finally:
                stop_server(proc)


if __name__ == "__main__":
    main()
