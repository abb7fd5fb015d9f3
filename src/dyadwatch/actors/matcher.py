"""Find actor mentions in a tokenized sentence with spaCy PhraseMatchers.

Names are matched case-sensitively ("US" the country, not "us"); agent words are matched
in lower case. Overlapping matches keep the longest.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans
from spacy.vocab import Vocab

from .dictionary import ActorDictionary

__all__ = ["Mention", "ActorMatcher"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A dictionary hit over tokens ``start:end`` of a sentence doc."""

    start: int
    end: int
    text: str
    #: (actor_id, via) pairs; via is name | adjective | demonym | capital | surname | agent
    candidates: tuple[tuple[str, str], ...]
    #: for an agent mention, the sector it gives
    sector: str | None = None

    @property
    def is_agent(self) -> bool:
        return self.sector is not None and not self.candidates


class ActorMatcher:
    """Matches the names and agent words of one :class:`ActorDictionary`."""

    def __init__(self, dictionary: ActorDictionary, vocab: Vocab, make_doc) -> None:
        self.dictionary = dictionary
        self._names = PhraseMatcher(vocab, attr="ORTH")
        self._agents = PhraseMatcher(vocab, attr="LOWER")
        self._keys: dict[int, str] = {}
        surfaces = list(dictionary.names)
        for s in surfaces:
            self._names.add("N:" + s, [make_doc(s)])
        for s in dictionary.surnames:
            if s not in dictionary.names:
                self._names.add("S:" + s, [make_doc(s)])
        for w in dictionary.agents:
            self._agents.add("A:" + w, [make_doc(w)])
        self._vocab = vocab

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
        return out
