"""What the prefilter keeps, what it saves, and how far it is from the best any prefilter
could do: on ../shared/corpora/voa_stories.jsonl (and the PLOVER gold records, for the
events lost). Prints a table (not a test).

For each sentence it records whether the prefilter keeps it and whether it yields an event
when every sentence is parsed. An "oracle" prefilter keeps exactly the sentences that yield
an event: no real prefilter can keep fewer without losing events. The spaCy pipeline
dyadwatch runs is then timed on all sentences, on the kept ones and on the oracle's; and
whole articles are timed through dyadwatch (``code_article``), through the components
dyadwatch loads on all text, and through spaCy's parser alone (tok2vec + parser) on all
text, so that the last lines can say what even the oracle would make of the ratios.

    .venv/bin/python bench/prefilter.py
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
VOA = SHARED / "corpora" / "voa_stories.jsonl"
GOLD = SHARED / "gold" / "plover_gsr_cameo.json"


def _parse_seconds(coder, texts: list[str], repeats: int) -> float:
    """The fastest of ``repeats`` runs of dyadwatch's spaCy pipeline over ``texts``."""
    best = float("inf")
    for _ in range(repeats):
        docs = [coder.nlp.make_doc(t) for t in texts]
        t0 = time.perf_counter()
        for _doc in coder.pipeline.pipe(docs):
            pass
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeats", type=int, default=3, help="parse timings: the fastest of this many runs")
    args = ap.parse_args()
    if not VOA.exists():
        print(f"skipped: {VOA} is absent (this benchmark reads the VOA corpus from ../shared)")
        return 0
    from dyadwatch import Article, ArticleCoder

    coder = ArticleCoder()
    stories = [json.loads(line) for line in VOA.read_text("utf-8").splitlines() if line.strip()]
    articles = [Article.from_text(s["text"], published=date(2019, 12, 1)) for s in stories]
    n_sent = n_tok = 0
    kept: list[str] = []
    oracle: list[str] = []
    every: list[str] = []
    kept_tok = oracle_tok = 0
    lost = extra = events = 0
    for a in articles:
        full = coder.code_article(a, trace=True, parse_all=True)
        filtered = coder.code_article(a)
        events += len(full.events)
        lost += len({e.event_id for e in full.events} - {e.event_id for e in filtered.events})
        extra += len({e.event_id for e in filtered.events} - {e.event_id for e in full.events})
        for tr in full.traces or []:
            n = len(tr.ctx.doc)
            n_sent += 1
            n_tok += n
            every.append(tr.text)
            if tr.prefilter_keep:
                kept.append(tr.text)
                kept_tok += n
            if any(c.status == "event" for c in tr.candidates):
                oracle.append(tr.text)
                oracle_tok += n
    gold_lost = 0
    if GOLD.exists():
        from dyadwatch.evaluation import read_gold

        for g in read_gold(GOLD):
            art = Article.from_text(g.text, published=g.on)
            got = {e.event_id for e in coder.code_article(art).events}
            gold_lost += len({e.event_id for e in coder.code_article(art, parse_all=True).events} - got)

    t_local = float("inf")
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        for a in articles:
            coder.code_article(a)
        t_local = min(t_local, time.perf_counter() - t0)
    from dyadwatch.nlp.pipeline import PARSER_ALONE, load_pipeline

    texts = [a.text for a in articles]
    full = load_pipeline(full=True)
    alone = [n for n in full.pipe_names if n not in PARSER_ALONE]
    t_alone = t_lean = float("inf")
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        for _doc in full.pipe(texts, batch_size=32, disable=alone):
            pass
        t_alone = min(t_alone, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for _doc in coder.nlp.pipe(texts, batch_size=32):
            pass
        t_lean = min(t_lean, time.perf_counter() - t0)
    t_all = _parse_seconds(coder, every, args.repeats)
    t_kept = _parse_seconds(coder, kept, args.repeats)
    t_oracle = _parse_seconds(coder, oracle, args.repeats)
    n_art = len(articles)
    print(f"VOA corpus: {n_art} articles, {n_sent} sentences, {n_tok} tokens; {events} events when every sentence is parsed")
    print(f"{'sentences parsed':<34}{'sentences':>10}{'share':>8}{'tokens':>9}{'share':>8}{'parse s':>9}{'ms/article':>12}")
    for label, k, tok, t in (("all (no prefilter)", len(every), n_tok, t_all), ("kept by the prefilter", len(kept), kept_tok, t_kept),
                             ("oracle: those that yield an event", len(oracle), oracle_tok, t_oracle)):
        print(f"{label:<34}{k:>10}{k / n_sent:>8.1%}{tok:>9}{tok / n_tok:>8.1%}{t:>9.2f}{1000 * t / n_art:>12.1f}")
    print(f"events lost by the prefilter: VOA {lost} of {events} (and {extra} not coded without it: a skipped sentence "
          f"changes what later pronouns refer to); PLOVER gold records {gold_lost}"
          + ("" if GOLD.exists() else f" (skipped: {GOLD} is absent)"))
    ms = 1000 / n_art
    projected = t_local - t_kept + t_oracle
    print(f"dyadwatch local (code_article, no store): {ms * t_local:.1f} ms/article; with the oracle's parse instead of "
          f"the prefilter's (the rest unchanged): {ms * projected:.1f}")
    print(f"spaCy on all text: dyadwatch's components {ms * t_lean:.1f} ms/article, the parser alone (tok2vec + parser) "
          f"{ms * t_alone:.1f}")
    print(f"local / dyadwatch's components on all text: {t_lean / t_local:.2f}x (oracle: {t_lean / projected:.2f}x); "
          f"local / the parser alone: {t_alone / t_local:.2f}x (oracle: {t_alone / projected:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
