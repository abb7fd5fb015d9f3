"""Fit the confidence model (src/dyadwatch/coding/data/confidence.tsv) on the real-news
development set and print how well it is calibrated, in the sample and out of it.

Codes every annotated VOA story (devsets/voa, text from ../shared/corpora), labels each
produced event fully right or not (as ``dyadwatch eval --format voa-dev`` does), and fits a
logistic regression (L2-penalised, plain gradient descent) on the features of
:func:`dyadwatch.coding.confidence.features`. Prints the reliability table of a two-fold
cross-validation over stories (each half predicted by weights fitted on the other half), then
of the final fit on all stories, and with ``--write`` writes the final weights.

    .venv/bin/python bench/calibrate.py [--write] [--l2 1.0]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEVSET = ROOT / "devsets" / "voa" / "annotations.jsonl"
CORPUS = SHARED / "corpora" / "voa_stories.jsonl"
OUT = ROOT / "src" / "dyadwatch" / "coding" / "data" / "confidence.tsv"
BINS = ((0.0, 0.5), (0.5, 0.8), (0.8, 1.01))


def labelled_events():
    """(story index, features, fully right) for every produced event of the annotated sentences."""
    from dyadwatch.coding.article import ArticleCoder
    from dyadwatch.coding.confidence import FEATURES, features
    from dyadwatch.evaluation.devset import assign, fully_right, load_stories, read_devset

    sentences = read_devset(DEVSET)
    stories = load_stories(CORPUS, {s.story_id for s in sentences})
    from dyadwatch.coding.coder import CodingOptions

    coder = ArticleCoder(CodingOptions(min_confidence=0.0))  # every event, also those the floor drops
    rows = []
    for k, sid in enumerate(dict.fromkeys(s.story_id for s in sentences if s.story_id in stories)):
        events = coder.code_article(stories[sid].article).events
        mine = [s for s in sentences if s.story_id == sid]
        lead = stories[sid].lead
        for s, evs in zip(mine, assign([(s.start - lead, s.end - lead) for s in mine], events)):
            for e in evs:
                x = features(e)
                rows.append((k, [x[f] for f in FEATURES], any(fully_right(e, g) for g in s.events), e))
    return rows


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 4000, rate: float = 0.5) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        grad = x.T @ (p - y) / len(y) + l2 * np.r_[0.0, w[1:]] / len(y)
        w -= rate * grad
    return w


def predict(rows, w: np.ndarray) -> list[float]:
    from dyadwatch.coding.confidence import FEATURES, calibrated

    weights = dict(zip(FEATURES, w))
    return [calibrated(e, weights) for _, _, _, e in rows]


def table(title: str, conf: list[float], ok: list[bool]) -> None:
    print(f"\n{title}")
    print(f"{'confidence':>12} {'events':>7} {'right':>6} {'fraction':>9}")
    for lo, hi in BINS:
        idx = [i for i, c in enumerate(conf) if lo <= c < hi]
        right = sum(ok[i] for i in idx)
        frac = f"{right / len(idx):.2f}" if idx else "—"
        print(f"  [{lo:.1f}, {min(hi, 1.0):.1f}{']' if hi > 1 else ')'} {len(idx):7d} {right:6d} {frac:>9}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help=f"write the fitted weights to {OUT.relative_to(ROOT)}")
    ap.add_argument("--l2", type=float, default=1.0, help="L2 penalty on the weights (not the bias)")
    args = ap.parse_args()
    if not CORPUS.is_file():
        print(f"skipped: {CORPUS} not found (the development set's text lives in ../shared)", file=sys.stderr)
        return 0
    from dyadwatch.coding.confidence import FEATURES

    rows = labelled_events()
    x = np.array([r[1] for r in rows])
    y = np.array([float(r[2]) for r in rows])
    fold = np.array([r[0] % 2 for r in rows])
    ok = [bool(v) for v in y]
    print(f"{len(rows)} produced events in {len(set(r[0] for r in rows))} stories; {int(y.sum())} fully right ({y.mean():.3f})")
    cv = [0.0] * len(rows)
    for f in (0, 1):
        w = fit(x[fold != f], y[fold != f], args.l2)
        part = [r for r, g in zip(rows, fold) if g == f]
        for i, p in zip([i for i, g in enumerate(fold) if g == f], predict(part, w)):
            cv[i] = p
    table("two-fold cross-validation over stories (each half scored by weights fitted on the other)", cv, ok)
    eps = 1e-6
    logloss = -float(np.mean([np.log(max(c, eps)) if o else np.log(max(1 - c, eps)) for c, o in zip(cv, ok)]))
    brier = float(np.mean([(c - o) ** 2 for c, o in zip(cv, ok)]))
    print(f"  cross-validated log loss {logloss:.4f}, Brier score {brier:.4f} (L2 {args.l2:g}; lower is better)")
    print(f"\n{'threshold':>10} {'kept':>5} {'precision':>10} {'right kept':>11}")
    for th in (0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
        kept = [o for c, o in zip(cv, ok) if c >= th]
        print(f"{th:10.2f} {len(kept):5d} {sum(kept) / len(kept) if kept else 0:10.3f} {sum(kept):11d}")
    w = fit(x, y, args.l2)
    table("final fit, on all stories (in the sample)", predict(rows, w), ok)
    print("\nweights:")
    for name, v in zip(FEATURES, w):
        print(f"  {name:20} {v:+.3f}")
    if args.write:
        lines = ["feature\tweight",
                 "# fitted by bench/calibrate.py on devsets/voa (logistic regression, L2 "
                 f"{args.l2:g}; {len(rows)} events, {int(y.sum())} fully right)"]
        lines += [f"{name}\t{v:.4f}" for name, v in zip(FEATURES, w)]
        OUT.write_text("\n".join(lines) + "\n", "utf-8")
        print(f"\nwrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
