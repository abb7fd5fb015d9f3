"""Calibrated confidence: how likely an event is fully right (type, source and target).

The confidence of an event is a logistic model of what its record shows about how it was
coded: whether each actor was resolved from a name in the sentence or guessed, whether the
trigger is a verb or a noun, how reliably the lexicon codes its CAMEO root on real news, its
mood, whether it is reported speech and whether a frame changed its code. The weights are
data (``data/confidence.tsv``), fitted by ``bench/calibrate.py`` on the real-news development
set (devsets/voa) and checked there by two-fold cross-validation over stories; a confidence of
0.7 means that about seven such events in ten were fully right there.

An event whose target was guessed (``via`` context or domestic) or whose author is unnamed is
never given more than :data:`GUESS_CONFIDENCE`, under the views' default threshold.
"""

from __future__ import annotations

import functools
import math
from importlib import resources

from ..errors import DictionaryError
from ..records import NAMED_VIAS, Event

__all__ = ["features", "calibrated", "probability", "GUESS_CONFIDENCE", "FEATURES", "load_weights", "parse_weights"]

#: the most an event with a guessed target or an unnamed author may have (under
#: analysis.counting.DEFAULT_MIN_CONFIDENCE), so that a guess never counts as fact
GUESS_CONFIDENCE = 0.15
#: actors resolved from what the text names (a pronoun or a later mention resolved to a named antecedent
#: was right as often as a name on the development set)
_NAMED = NAMED_VIAS
_GUESSED = frozenset({"context", "domestic", "focus"})
#: roots whose triggers are distinct words ("condemned", "expelled", "arrested", "killed", "urged")
_DISTINCT_ROOTS = frozenset({"02", "11", "16", "17", "18", "19", "20"})

FEATURES = ("bias", "source_named", "source_unknown_code", "target_named", "target_none", "target_guessed",
            "agent_context", "noun", "distinct_root", "statement", "not_asserted", "reported", "framed", "quoted")


def quoted(e: Event) -> bool:
    """The trigger is inside a direct quotation of its sentence ("“We will respond to any
    attack,” he said"): the speaker's words, whose acts are rhetoric more often than news."""
    i = e.trigger_start - e.sentence_start
    if not 0 <= i <= len(e.sentence):
        return False
    before = e.sentence[:i]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def features(e: Event) -> dict[str, float]:
    """The features of an event that the model weighs (each 0 or 1)."""
    s, t = e.source, e.target
    vias = [r.via for r in (s, t) if r is not None]
    return {
        "bias": 1.0,
        "source_named": float(s is not None and s.via in _NAMED and s.code is not None),
        "source_unknown_code": float(s is None or s.code is None),
        "target_named": float(t is not None and t.via in _NAMED and t.code is not None),
        "target_none": float(t is None),
        "target_guessed": float(t is not None and t.via in _GUESSED),
        "agent_context": float(any(v in ("agent+context", "agent+place") for v in vias)),
        "noun": float(e.pattern.startswith("noun:")),
        "distinct_root": float(e.cameo_root in _DISTINCT_ROOTS),
        "statement": float(e.cameo_root == "01"),
        "not_asserted": float(e.mood != "asserted" or e.negated),
        "reported": float(e.reported_by is not None),
        "framed": float(any(n.startswith("frame ") for n in e.notes)),
        "quoted": float(quoted(e)),
    }


@functools.lru_cache(maxsize=1)
def load_weights() -> dict[str, float]:
    """The fitted weights (``data/confidence.tsv``: feature, weight)."""
    return parse_weights((resources.files("dyadwatch.coding") / "data" / "confidence.tsv").read_text("utf-8"))


def parse_weights(text: str) -> dict[str, float]:
    """``feature<TAB>weight`` lines (``#`` comments); a bad line raises :class:`DictionaryError`."""
    out: dict[str, float] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("feature\t"):
            continue
        parts = line.split("\t")
        try:
            name, weight = parts[0].strip(), float(parts[1])
        except (IndexError, ValueError):
            raise DictionaryError(f"confidence.tsv:{n}: expected 'feature<TAB>weight'") from None
        if name not in FEATURES:
            raise DictionaryError(f"confidence.tsv:{n}: unknown feature {name!r}")
        out[name] = weight
    return out


def probability(x: dict[str, float], weights: dict[str, float]) -> float:
    z = sum(weights.get(k, 0.0) * v for k, v in x.items())
    return 1.0 / (1.0 + math.exp(-z))


def calibrated(e: Event, weights: dict[str, float] | None = None) -> float:
    """The event's confidence: the model's probability that it is fully right, capped for guesses."""
    x = features(e)
    p = probability(x, weights if weights is not None else load_weights())
    if x["target_guessed"] or (e.source is not None and e.source.via.startswith("unnamed")):
        p = min(p, GUESS_CONFIDENCE)
    return round(p, 2)
