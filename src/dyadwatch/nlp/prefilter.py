"""Decide, before parsing, which sentences can yield an event.

Parsing is the expensive step. A sentence is parsed only if

- it names an actor the coder can resolve: a dictionary mention (country, capital,
  person, IGO, group, agent word) or an anaphor that document memory may resolve ("it",
  "they", "this country", "the two sides") — the coder drops events in which no actor has
  a code, and codes come only from these; and
- some lexicon pattern is possible: the surface form of a trigger head occurs, and so do
  the extra words that pattern needs ("hold … talks" needs "talks").

Both checks are set lookups on the tokens; the first is exact for what the coder can
produce, the second over-accepts (a word may occur without hanging off the trigger).
"""

from __future__ import annotations

from spacy.tokens import Doc

_ANAPHORS = frozenset({"it", "its", "he", "his", "him", "she", "her", "they", "their", "them", "country", "nation", "regime", "sides", "countries"})


class Prefilter:
    def __init__(self, trigger_index: dict[str, list[tuple[bool, tuple[frozenset[str], ...]]]]) -> None:
        self.index = trigger_index

    def keep(self, doc: Doc, n_mentions: int) -> bool:
        lows = {t.lower_ for t in doc}
        anaphor = bool(lows & _ANAPHORS)
        if not n_mentions and not anaphor:
            return False
        # a statement ("X told Y") needs a second actor: another mention or an anaphor
        second = n_mentions >= 2 or anaphor
        for w in lows:
            for needs_two, extras in self.index.get(w, ()):
                if needs_two and not second:
                    continue
                if all(forms & lows for forms in extras):
                    return True
        return False
