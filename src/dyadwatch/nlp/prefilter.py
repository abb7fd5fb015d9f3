"""Decide, before parsing, which sentences can yield an event.

A sentence is parsed only if it has an actor (a dictionary mention, an agent word, a
pronoun or "this country" that document memory may resolve) and a word that is a
surface form of a lexicon trigger. Parsing is the expensive step; this check is a set
lookup per token.
"""

from __future__ import annotations

from spacy.tokens import Doc

_ANAPHORS = frozenset({"it", "he", "she", "they", "country", "nation", "regime", "sides", "countries"})


class Prefilter:
    def __init__(self, trigger_forms: frozenset[str]) -> None:
        self.trigger_forms = trigger_forms

    def keep(self, doc: Doc, has_mention: bool) -> bool:
        lows = [t.lower_ for t in doc]
        if not any(w in self.trigger_forms for w in lows):
            return False
        if has_mention:
            return True
        if any(w in _ANAPHORS for w in lows):
            return True
        # capitalised words the dictionary does not know may still be actors (unknown people)
        return any(t.is_title and t.i > 0 for t in doc)
