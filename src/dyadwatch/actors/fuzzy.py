"""Spelling variants of known names: "Bouteflicka" for Bouteflika, "Ethopia" for Ethiopia.

News copy and transliterations misspell names often enough that an exact dictionary misses
real actors. A word the exact matcher left alone is compared with the dictionary's
single-word surnames and country names; one edit (an extra, missing, wrong or swapped
letter) is allowed, and only where a wrong guess is unlikely:

- a surname only right after a title ("President Bouteflicka") or after the person's own
  given name ("Francois Mitterand"), and only for dictionary surnames of 6 letters or more;
- a country name only if it is at least 7 letters long;
- and only when exactly one dictionary word is that close.
"""

from __future__ import annotations

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from .dictionary import TITLES, ActorDictionary, fold

__all__ = ["FuzzyNames"]

MIN_SURNAME = 6
MIN_COUNTRY = 7
_MAX_MEMO = 100_000


def _one_word(s: str) -> bool:
    return s.isalpha() and s[:1].isupper()


class FuzzyNames:
    """Near matches of one word against a dictionary's surnames and country names."""

    def __init__(self, dictionary: ActorDictionary) -> None:
        self.d = dictionary
        self._surnames = {fold(s): s for s in dictionary.surnames if _one_word(s) and len(s) >= MIN_SURNAME}
        countries: dict[str, str] = {}
        for surface, cands in dictionary.names.items():
            if _one_word(surface) and len(surface) >= MIN_COUNTRY and any(
                    v == "name" and a.startswith("country:") for a, v in cands):
                countries[fold(surface)] = surface
        self._countries = countries
        self._surname_keys = list(self._surnames)
        self._country_keys = list(countries)
        #: answers already found (a scan of every surname took ~150 µs; words repeat)
        self._memo: dict[tuple[str, bool], str | None] = {}

    def _unique(self, word: str, keys: list[str], choices: dict[str, str]) -> str | None:
        memo_key = (word, keys is self._surname_keys)
        if memo_key in self._memo:
            return self._memo[memo_key]
        hits = process.extract(fold(word), keys, scorer=DamerauLevenshtein.distance, score_cutoff=1, limit=2)
        found = choices[hits[0][0]] if len(hits) == 1 else None
        if len(self._memo) >= _MAX_MEMO:
            self._memo.clear()
        self._memo[memo_key] = found
        return found

    def country(self, word: str) -> str | None:
        """The country name ``word`` misspells, if exactly one is one edit away."""
        if len(word) < MIN_COUNTRY or not _one_word(word) or fold(word) in self._countries:
            return None
        return self._unique(word, self._country_keys, self._countries)

    def surname(self, word: str, before: str | None) -> tuple[str, bool] | None:
        """The surname ``word`` misspells, given the word before it; the flag says whether
        ``before`` is that person's given name (then the two words are the full name)."""
        if len(word) < MIN_SURNAME - 1 or not _one_word(word) or before is None or not before[:1].isupper():
            return None
        sur = self._unique(word, self._surname_keys, self._surnames)
        if sur is None:
            return None
        b = fold(before.rstrip("."))
        if any(b in self.d.person_given.get(aid, ()) for aid in self.d.surnames[sur]):
            return sur, True
        return (sur, False) if b in TITLES else None
