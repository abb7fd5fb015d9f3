"""What geolocation costs: coding time with and without it, and the gazetteer's load time and memory.

Codes the VOA corpus (../shared/corpora/voa_stories.jsonl) in-process twice per setting,
alternating, and prints the median seconds; then loads the gazetteer in a fresh process and
prints its load time and the resident memory it adds (cold: built from GeoNames; warm: read
from the user's cache).

    .venv/bin/python bench/geo.py [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "voa_stories.jsonl"

_LOAD = """
import time
def rss(): return int(open('/proc/self/statm').read().split()[1]) * 4096 / 1e6
import dyadwatch.actors
from dyadwatch.geo.gazetteer import gazetteer
r0 = rss(); t = time.perf_counter(); gz = gazetteer()
print(f"{time.perf_counter() - t:.2f} {rss() - r0:.0f} {len(gz)}")
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    if not CORPUS.is_file():
        sys.exit(f"skipped: {CORPUS} is not here (the benchmark needs ../shared)")
    from datetime import date

    from dyadwatch import Article, ArticleCoder, CodingOptions

    stories = [json.loads(x) for x in CORPUS.read_text("utf-8").splitlines() if x.strip()]
    arts = [Article.from_text(s["text"], published=date(2025, 1, 1)) for s in stories]
    coders = {on: ArticleCoder(CodingOptions(locate=on)) for on in (False, True)}
    for c in coders.values():
        c.code_article(arts[0])  # warm: the model, the gazetteer
    times: dict[bool, list[float]] = {False: [], True: []}
    located = 0
    for _ in range(args.rounds):
        for on in (False, True):
            t = time.perf_counter()
            evs = [e for a in arts for e in coders[on].code_article(a).events]
            times[on].append(time.perf_counter() - t)
            if on:
                located = sum(e.location is not None for e in evs)
                n = len(evs)
    off, on = statistics.median(times[False]), statistics.median(times[True])
    print(f"{len(arts)} articles: without location {off:.2f} s, with {on:.2f} s (+{100 * (on / off - 1):.1f}%); "
          f"{located} of {n} events located")
    for label in ("gazetteer, first load (may be read from the cache)", "gazetteer, warm (read from the cache)"):
        out = subprocess.run([sys.executable, "-c", _LOAD], capture_output=True, text=True, check=True).stdout.split()
        print(f"{label}: {out[0]} s, +{out[1]} MB resident, {out[2]} names")


if __name__ == "__main__":
    main()
