"""Find actor mentions in a tokenized sentence with spaCy PhraseMatchers.

Names are matched case-sensitively ("US" the country, not "us"), and an acronym of four
letters or more also in title case ("Nato", "Farc"); agent words are matched in lower case.
Overlapping matches keep the longest.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans
from spacy.vocab import Vocab

from .dictionary import ActorDictionary, fold
from .fuzzy import FuzzyNames

__all__ = ["Mention", "ActorMatcher"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A dictionary hit over tokens ``start:end`` of a sentence doc."""

    start: int
    end: int
    text: str
    #: (actor_id, via) pairs; via is name | adjective | demonym | capital | surname | agent,
    #: or fuzzy for a near spelling of a name (see :mod:`.fuzzy`)
    candidates: tuple[tuple[str, str], ...]
    #: for an agent mention, the sector it gives
    sector: str | None = None

    @property
    def is_agent(self) -> bool:
        return self.sector is not None and not self.candidates


#: acronyms whose title-case spelling is a common given name or word, never read as the acronym
_TITLED_NOT = frozenset({"Alba", "Wafa", "Irna", "Unita", "Care"})


def _titled_acronym(name: str) -> bool:
    """An acronym of four letters or more ("NATO", "FARC") that news also writes in title case."""
    return name.isupper() and name.isalpha() and len(name) >= 4 and name.title() not in _TITLED_NOT


class ActorMatcher:
    """Matches the names and agent words of one :class:`ActorDictionary`."""

    def __init__(self, dictionary: ActorDictionary, vocab: Vocab, make_doc) -> None:
        self.dictionary = dictionary
        self._names = PhraseMatcher(vocab, attr="ORTH")
        self._agents = PhraseMatcher(vocab, attr="LOWER")
        self._keys: dict[int, str] = {}
        surfaces = list(dictionary.names)
        for s in surfaces:
            forms = [make_doc(s)]
            if _titled_acronym(s) and s.title() not in dictionary.names:
                forms.append(make_doc(s.title()))  # "Nato", "Farc", "Unicef": the British press's spelling
            self._names.add("N:" + s, forms)
        for s in dictionary.surnames:
            if s not in dictionary.names:
                self._names.add("S:" + s, [make_doc(s)])
        for w in dictionary.agents:
            self._agents.add("A:" + w, [make_doc(w)])
        self._vocab = vocab
        self.fuzzy = FuzzyNames(dictionary)

    def __call__(self, doc: Doc) -> list[Mention]:
        strings = self._vocab.strings
        spans = []
        for match_id, start, end in self._names(doc):
            span = doc[start:end]
            span.label_ = strings[match_id]
            spans.append(span)
        for match_id, start, end in self._agents(doc):
            span = doc[start:end]
            span.label_ = strings[match_id]
            spans.append(span)
        # Longest wins; on a tie a name beats a surname beats an agent word.
        rank = {"N": 0, "S": 1, "A": 2}
        spans.sort(key=lambda s: rank[s.label_[0]])
        kept = filter_spans(spans)
        out = []
        d = self.dictionary
        for span in sorted(kept, key=lambda s: s.start):
            kind, key = span.label_[0], span.label_[2:]
            if kind == "N":
                cands = list(d.names[key])
                for aid in d.surnames.get(key, ()):
                    cands.append((aid, "surname"))
                out.append(Mention(span.start, span.end, span.text, tuple(cands)))
            elif kind == "S":
                out.append(Mention(span.start, span.end, span.text, tuple((a, "surname") for a in d.surnames[key])))
            else:
                out.append(Mention(span.start, span.end, span.text, (), d.agents[key].sector))
        covered = {i: m for m in out for i in range(m.start, m.end)}
        near = [m for t in doc if t.i not in covered and (m := self._near(doc, t, covered)) is not None]
        if not near:
            return out
        # "Abdelaziz Bouteflicka": the full name replaces a surname-only hit on its given name
        taken = {i for m in near for i in range(m.start, m.end)}
        out = [m for m in out if not (taken.intersection(range(m.start, m.end)) and all(v == "surname" for _, v in m.candidates))]
        return sorted(out + near, key=lambda m: m.start)

    def _near(self, doc: Doc, tok, covered: dict[int, Mention]) -> Mention | None:
        """A mention for a word one edit away from a country name or (after a title or the
        person's given name) a surname."""
        word = tok.text
        if not (tok.is_title and tok.is_alpha and len(word) >= 5):
            return None
        d = self.dictionary
        country = self.fuzzy.country(word)
        if country is not None:
            cands = tuple((a, "fuzzy") for a, v in d.names[country] if v == "name")
            return Mention(tok.i, tok.i + 1, word, cands)
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if prev is None:
            return None
        hit = self.fuzzy.surname(word, prev.text)
        if hit is None:
            return None
        sur, full = hit
        if full and (prev.i not in covered or all(v == "surname" for _, v in covered[prev.i].candidates)):
            given = fold(prev.text)
            ids = [a for a in d.surnames[sur] if given in d.person_given.get(a, ())]
            return Mention(prev.i, tok.i + 1, doc[prev.i : tok.i + 1].text, tuple((a, "fuzzy") for a in ids))
        return Mention(tok.i, tok.i + 1, word, tuple((a, "surname") for a in d.surnames[sur]))
