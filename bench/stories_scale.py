"""The duplicate-story index at scale: time per article and resident memory as the
number of articles it has seen grows, kept in the DuckDB store (what runs use) or in
memory (``DuplicateIndex`` alone).

Articles are made from the sentences of ../shared/corpora/voa_stories.jsonl: each new
article is 12 sentences drawn at random (so two articles rarely share more than one), and
one in ten is an edited copy of an earlier one (a sentence dropped, a new closing line),
which the index must link to its story. Prints a table (not a test).

    .venv/bin/python bench/stories_scale.py --articles 50000
    .venv/bin/python bench/stories_scale.py --articles 20000 --where memory
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dyadwatch import Store  # noqa: E402
from dyadwatch.engines.stories import StoryLinker  # noqa: E402
from dyadwatch.ingest.dedup import DuplicateIndex  # noqa: E402
from dyadwatch.records import Article  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "voa_stories.jsonl"
_SENT = re.compile(r"(?<=[.!?\"”’])\s+(?=[A-Z“\"])")
CHUNK = 64  # as engines/intake.py reads ahead


def articles(n: int, seed: int):
    """(article, id of the article it copies or None) for ``n`` synthetic articles."""
    pool = [s for line in CORPUS.read_text("utf-8").splitlines() if line.strip()
            for s in _SENT.split(json.loads(line)["text"]) if len(s.split()) >= 6]
    rng = random.Random(seed)
    made: list[list[str]] = []
    for i in range(n):
        if made and rng.random() < 0.1:
            j = rng.randrange(len(made))
            sents = list(made[j])
            del sents[rng.randrange(len(sents))]
            sents.append(f"This copy was filed as item {i}.")
            yield Article(article_id=f"a{i}", text=" ".join(sents)), f"a{j}"
            made.append(sents)  # keeps index = article number
        else:
            sents = rng.sample(pool, 12)
            made.append(sents)
            yield Article(article_id=f"a{i}", text=" ".join(sents)), None


def duck_mb(store: Store) -> float:
    """Memory DuckDB's buffer manager holds (blocks, indexes, working memory)."""
    return store.con.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchone()[0] / 2**20


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=50_000)
    ap.add_argument("--where", choices=("store", "memory"), default="store")
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent (the VOA corpus lives in the shared folder beside the project)")
        return 0
    proc = psutil.Process()
    marks = {max(1, args.articles * k // 10) for k in range(1, 11)}
    print(f"{args.articles:,} articles, index kept in {args.where}")
    print(f"{'articles':>9} {'s':>7} {'ms/article (last tenth)':>24} {'RSS MB':>7} {'copies linked':>14} {'DuckDB MB':>10}")
    linked = copies = 0
    t0 = last_t = time.perf_counter()
    last_n = 0
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.duckdb") as store:
        linker = StoryLinker(store) if args.where == "store" else None
        index = DuplicateIndex() if linker is None else linker.index
        stream = articles(args.articles, args.seed)
        done = 0
        while True:
            chunk = [next(stream, None) for _ in range(CHUNK)]
            chunk = [c for c in chunk if c is not None]
            if not chunk:
                break
            if linker is not None:
                linker.prepare(a for a, _ in chunk)
            for a, copy_of in chunk:
                story = linker.story_of(a) if linker is not None else index.add(a.article_id, f"\n{a.text}")
                if copy_of is not None:
                    copies += 1
                    linked += story == index.story_of(copy_of)
                done += 1
                if done in marks:
                    now = time.perf_counter()
                    ms = (now - last_t) * 1000 / (done - last_n)
                    print(f"{done:>9,} {now - t0:>7.1f} {ms:>24.2f} {proc.memory_info().rss / 2**20:>7.0f} {linked:>7,}/{copies:,} {duck_mb(store):>10.0f}", flush=True)
                    last_t, last_n = now, done
            if linker is not None:
                linker.save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
