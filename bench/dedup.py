"""Benchmark of duplicate-story detection (ingest/dedup.py) on the VOA corpus.

Every VOA story is one story; for each, a few edited copies are made with a fixed seed —
sentences dropped, neighbouring words swapped, a new title and dateline, paragraphs
reordered, or several of these at once — as wire services and aggregators do. All texts
(originals and copies, shuffled) go through one :class:`DuplicateIndex`, and the pairs
it puts in one story are scored against the true pairs: precision and recall, overall
and by kind of edit.

    .venv/bin/python bench/dedup.py [--copies 3] [--threshold 0.7] [--seed 7] [--strength 1]

Reads ../shared/corpora/voa_stories.jsonl (skips with a message where it is absent);
prints figures, writes nothing.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dyadwatch.ingest.dedup import DuplicateIndex  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "voa_stories.jsonl"
_SENT = re.compile(r"(?<=[.!?\"”’])\s+(?=[A-Z“\"])")
DATELINES = ["WASHINGTON (Wire) — ", "GENEVA (Wire) — ", "LONDON (AP Wire) — ", "NAIROBI, Kenya — ",
             "UPDATED 14:05 GMT — ", "By a staff reporter. "]


#: Multiplies the amount of each edit (sentences dropped, words swapped); set by --strength.
STRENGTH = 1.0


def sentences(text: str) -> list[str]:
    return [s for s in _SENT.split(text.strip()) if s]


def drop_sentences(title: str, text: str, rng: random.Random) -> tuple[str, str]:
    sents = sentences(text)
    k = max(1, round(len(sents) * rng.uniform(0.04, 0.10) * STRENGTH))
    if len(sents) <= k + 2:
        return title, text
    keep = sorted(rng.sample(range(len(sents)), len(sents) - k))
    return title, " ".join(sents[i] for i in keep)


def swap_words(title: str, text: str, rng: random.Random) -> tuple[str, str]:
    words = text.split(" ")
    for _ in range(max(2, round(len(words) / 150 * STRENGTH))):
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    return title, " ".join(words)


def new_title_dateline(title: str, text: str, rng: random.Random) -> tuple[str, str]:
    new_title = rng.choice(["UPDATE 1-", "WRAPUP: ", "Analysis: ", ""]) + title.upper() if title else "Untitled"
    return new_title, rng.choice(DATELINES) + text


def reorder_paragraphs(title: str, text: str, rng: random.Random) -> tuple[str, str]:
    sents = sentences(text)
    size = 4
    paras = [" ".join(sents[i : i + size]) for i in range(0, len(sents), size)]
    if len(paras) < 3:
        return title, text
    i = rng.randrange(1, len(paras) - 1)
    paras[i], paras[i + 1] = paras[i + 1], paras[i]
    return title, "\n\n".join(paras)


EDITS = {"drop": drop_sentences, "swap": swap_words, "retitle": new_title_dateline, "reorder": reorder_paragraphs}


def combined(title: str, text: str, rng: random.Random) -> tuple[str, str]:
    for name in rng.sample(sorted(EDITS), 3):
        title, text = EDITS[name](title, text, rng)
    return title, text


KINDS = {**EDITS, "mixed": combined}


def build(stories: list[dict], copies: int, rng: random.Random) -> list[tuple[str, str, str, str]]:
    """(item id, story id, kind of edit, text) for every original and every copy."""
    items = []
    kinds = sorted(KINDS)
    for s in stories:
        sid = f"voa-{s['id']}"
        items.append((sid, sid, "original", f"{s.get('title') or ''}\n\n{s['text']}"))
        for c, kind in enumerate(rng.sample(kinds, min(copies, len(kinds)))):
            title, text = KINDS[kind](s.get("title") or "", s["text"], rng)
            items.append((f"{sid}-copy{c}", sid, kind, f"{title}\n\n{text}"))
    rng.shuffle(items)
    return items


def pairs(groups: dict[str, list[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for members in groups.values() for p in itertools.combinations(members, 2)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=3, help="edited copies per story (max 5)")
    ap.add_argument("--threshold", type=float, default=0.7)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--strength", type=float, default=1.0, help="scale the edits (2 = twice as many drops and swaps)")
    args = ap.parse_args()
    global STRENGTH
    STRENGTH = args.strength
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent (the VOA corpus lives in the shared folder beside the project)")
        return 0
    stories = [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]
    rng = random.Random(args.seed)
    items = build(stories, args.copies, rng)
    index = DuplicateIndex(threshold=args.threshold)
    t0 = time.perf_counter()
    predicted_story = {iid: index.add(iid, text) for iid, _, _, text in items}
    elapsed = time.perf_counter() - t0

    truth_groups, pred_groups = defaultdict(list), defaultdict(list)
    kind_of = {}
    for iid, sid, kind, _ in items:
        truth_groups[sid].append(iid)
        pred_groups[predicted_story[iid]].append(iid)
        kind_of[iid] = kind
    true_pairs, pred_pairs = pairs(truth_groups), pairs(pred_groups)
    tp = len(true_pairs & pred_pairs)
    precision = tp / len(pred_pairs) if pred_pairs else 1.0
    recall = tp / len(true_pairs) if true_pairs else 1.0

    print(f"corpus: {len(stories)} VOA stories; {len(items) - len(stories)} edited copies "
          f"({args.copies} per story, seed {args.seed}, strength {args.strength}); {len(items)} texts")
    print(f"index: threshold {args.threshold}, num_perm {index.num_perm}, word {index.shingle_size}-shingles; "
          f"{elapsed:.2f} s to add all ({1000 * elapsed / len(items):.1f} ms per text)")
    print(f"pairs: {len(true_pairs)} true, {len(pred_pairs)} predicted, {tp} correct")
    print(f"precision {precision:.3f}   recall {recall:.3f}   "
          f"(aim: precision >= 0.95, recall >= 0.90)")
    print(f"stories: {len(truth_groups)} true, {len(pred_groups)} predicted")
    print("recall by kind of edit (copy paired with its original):")
    for kind in sorted(KINDS):
        ks = [(iid, sid) for iid, sid, k, _ in items if k == kind]
        if ks:
            hit = sum(predicted_story[iid] == predicted_story[sid] for iid, sid in ks)
            print(f"  {kind:8s} {hit}/{len(ks)} = {hit / len(ks):.3f}")
    wrong = [p for p in pred_pairs - true_pairs]
    if wrong:
        print(f"false pairs (first 5 of {len(wrong)}):")
        for p in sorted(map(sorted, wrong))[:5]:
            print("  ", " + ".join(p))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
