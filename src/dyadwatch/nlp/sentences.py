"""Cheap sentence splitting on the raw text, before any parsing.

Paragraph breaks always end a sentence; within a paragraph, spaCy's rule-based
sentencizer splits on sentence-final punctuation. Offsets are kept so every event can
point back into the article.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import spacy
from spacy.language import Language

_PARA = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True, slots=True)
class SentenceSlice:
    index: int
    start: int
    end: int
    text: str


@functools.lru_cache(maxsize=1)
def _splitter() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def split_sentences(text: str) -> list[SentenceSlice]:
    """Split ``text`` into sentences with their character offsets."""
    out: list[SentenceSlice] = []
    pos = 0
    paragraphs: list[tuple[int, int]] = []
    for m in _PARA.finditer(text):
        paragraphs.append((pos, m.start()))
        pos = m.end()
    paragraphs.append((pos, len(text)))
    nlp = _splitter()
    for p_start, p_end in paragraphs:
        para = text[p_start:p_end]
        if not para.strip():
            continue
        doc = nlp(para)
        for sent in doc.sents:
            s = sent.text.strip()
            if not s:
                continue
            start = p_start + sent.start_char
            # strip leading whitespace the span may carry
            lead = len(sent.text) - len(sent.text.lstrip())
            start += lead
            out.append(SentenceSlice(len(out), start, start + len(s), s))
    return out
