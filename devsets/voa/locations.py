"""Where it happened, judged by hand: the located events of the VOA corpus scored against
``locations.jsonl`` (one row per event location a reader judged: the story id, the trigger's
offset and word, the location as coded, and the reader's judgement of its country and place).

    .venv/bin/python devsets/voa/locations.py [--corpus ../shared/corpora/voa_stories.jsonl]

Codes every story of the corpus as ``dyadwatch code`` does, takes each event that has a
location, and looks up the judgement of that event (same story, trigger offset and word) with
that same location (name, country, precision). Prints the country and place judgements of the
located events (right / wrong / unsupported; a place also "coarse": the right country, but the
text names a closer place), by how the location was found and its precision, and lists the
located events no one has judged (a new location of the current code), which are not counted.

Judging conventions (given to the readers): the location is where the act the trigger names
physically took place; for a verbal act, where it was said or issued if the article says so
(not the place it is about: stricter than the PLOVER records, which locate "denounced the
suppression of unrest in Montenegro" in Montenegro); for a deportation or expulsion, where it
was carried out (the PLOVER records locate "extradited to Britain" in Britain). "Unsupported":
the article does not say, and the place is only a plausible guess.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "voa_stories.jsonl"


def _judgements() -> dict[tuple, dict]:
    out = {}
    with (HERE / "locations.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                loc = r["location"]
                out[(r["story_id"], r["trigger_start"], r["trigger"], loc["name"], loc["country"], loc["precision"])] = r
    return out


def _stories(corpus: Path):
    from dyadwatch.evaluation.devset import load_stories

    with corpus.open(encoding="utf-8") as fh:
        ids = [str(json.loads(line)["id"]) for line in fh if line.strip()]
    return load_stories(corpus, ids)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    if not args.corpus.is_file():
        print(f"skipped: {args.corpus} is not here (the judged locations point into the VOA corpus in ../shared)")
        return 0
    from dyadwatch.coding.article import ArticleCoder

    judged, coder = _judgements(), ArticleCoder()
    country, place, table, unjudged = Counter(), Counter(), Counter(), []
    for sid, story in _stories(args.corpus).items():
        for e in coder.code_article(story.article).events:
            loc = e.location
            if loc is None:
                continue
            j = judged.get((sid, e.trigger_start, e.trigger_text, loc.name, loc.country, loc.precision))
            if j is None:
                unjudged.append((sid, e.trigger_start, e.trigger_text, loc.name, loc.country, loc.precision, loc.via))
                continue
            country[j["country"]] += 1
            place[j["place"]] += 1
            table[(loc.via, loc.precision, j["country"], j["place"])] += 1
    n = sum(country.values())
    print(f"located events judged: {n}")
    if n:
        print(f"country: {dict(country)}; right {country['right'] / n:.3f}")
        print(f"place:   {dict(place)}; right {place['right'] / n:.3f}")
        print(f"\n{'found by':10} {'precision':10} {'country':12} {'place':12} events")
        for (via, prec, c, p), k in sorted(table.items()):
            print(f"{via:10} {prec:10} {c:12} {p:12} {k:6d}")
    print(f"\nlocated events not judged (not counted): {len(unjudged)}")
    for row in unjudged:
        print("  ", *row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
