"""Agreement between coder A (annotations.jsonl) and coder B (annotations_b.jsonl, an
independent second coding of 80 sentences drawn at random, seed 20261203).

    python devsets/voa/agreement.py

Prints: event / no-event agreement per sentence; the share of each coder's events that the
other coded with the same CAMEO root, source and target; the root agreement on the first
event where both coded one.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _read(name: str) -> list[dict]:
    with (HERE / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _keys(row: dict) -> list[tuple]:
    return [(e["root"], e["source"], e["target"]) for e in row["events"]]


def main() -> None:
    a = {(r["story_id"], r["start"]): r for r in _read("annotations.jsonl")}
    b = _read("annotations_b.jsonl")
    pairs = [(a[(r["story_id"], r["start"])], r) for r in b]
    empty = sum((not x["events"]) == (not y["events"]) for x, y in pairs)
    a_hit = sum(k in _keys(y) for x, y in pairs for k in _keys(x))
    b_hit = sum(k in _keys(x) for x, y in pairs for k in _keys(y))
    n_a = sum(len(x["events"]) for x, _ in pairs)
    n_b = sum(len(y["events"]) for _, y in pairs)
    both = [(x, y) for x, y in pairs if x["events"] and y["events"]]
    roots = sum(x["events"][0]["root"] == y["events"][0]["root"] for x, y in both)
    print(f"sentences: {len(pairs)}")
    print(f"event / no-event agreement: {empty / len(pairs):.3f}")
    print(f"A's events that B coded alike (root, source, target): {a_hit}/{n_a} = {a_hit / n_a:.3f}")
    print(f"B's events that A coded alike (root, source, target): {b_hit}/{n_b} = {b_hit / n_b:.3f}")
    print(f"first-event root agreement where both coded one: {roots}/{len(both)} = {roots / len(both):.3f}")


if __name__ == "__main__":
    main()
