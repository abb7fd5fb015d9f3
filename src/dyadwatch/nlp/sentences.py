"""Cheap sentence splitting on the raw text, before any parsing.

Paragraph breaks always end a sentence; within a paragraph, spaCy's rule-based
sentencizer splits on sentence-final punctuation. Offsets are kept so every event can
point back into the article.

The sentencizer's rule is applied here on two integer columns of the tokenized paragraph
(ORTH, IS_PUNCT), not through ``nlp(para)``: the same boundaries, without a Python
``Token`` per token (the profile showed the component's token loop taking half of the
splitting time).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import spacy
from spacy.attrs import IDX, IS_PUNCT, LENGTH, ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from .pipeline import widen_tokenizer_cache

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
    return widen_tokenizer_cache(nlp)


@functools.lru_cache(maxsize=1)
def _punct_ids() -> frozenset[int]:
    # a string's hash is the same in every vocabulary, so these also serve the model's tokens
    nlp = _splitter()
    return frozenset(nlp.vocab.strings.add(c) for c in nlp.get_pipe("sentencizer").punct_chars)


@functools.lru_cache(maxsize=1)
def _blank_rules() -> bytes:
    return _splitter().tokenizer.to_bytes(exclude=["vocab"])


def same_tokenizer(tokenizer: Tokenizer) -> bool:
    """Whether ``tokenizer`` has exactly the blank English rules the splitter uses (then it
    may split: same tokens, same boundaries, and no second vocabulary to fill)."""
    try:
        return isinstance(tokenizer, Tokenizer) and tokenizer.to_bytes(exclude=["vocab"]) == _blank_rules()
    except (ValueError, TypeError):
        return False


def _sentence_starts(rows: list[list[int]], punct: frozenset[int]) -> list[int]:
    """spaCy's Sentencizer.predict: a sentence starts at the first token after
    sentence-final punctuation that is neither punctuation nor sentence-final."""
    starts = [0]
    seen_period = False
    for i, (orth, is_punct) in enumerate(rows):
        final = orth in punct
        if seen_period and not is_punct and not final:
            starts.append(i)
            seen_period = False
        elif final:
            seen_period = True
    return starts


def split_sentences(text: str, tokenizer: Tokenizer | None = None) -> list[SentenceSlice]:
    """Split ``text`` into sentences with their character offsets. ``tokenizer`` (one for
    which :func:`same_tokenizer` holds, e.g. the model's) replaces the splitter's own."""
    out: list[SentenceSlice] = []
    pos = 0
    paragraphs: list[tuple[int, int]] = []
    for m in _PARA.finditer(text):
        paragraphs.append((pos, m.start()))
        pos = m.end()
    paragraphs.append((pos, len(text)))
    tokenizer = tokenizer or _splitter().tokenizer
    punct = _punct_ids()
    for p_start, p_end in paragraphs:
        para = text[p_start:p_end]
        if not para.strip():
            continue
        rows = tokenizer(para).to_array([ORTH, IS_PUNCT, IDX, LENGTH]).tolist()
        starts = _sentence_starts([r[:2] for r in rows], punct)
        for first, nxt in zip(starts, starts[1:] + [len(rows)]):
            last = rows[nxt - 1]
            sent = para[rows[first][2]:last[2] + last[3]]
            s = sent.strip()
            if not s:
                continue
            # strip leading whitespace the span may carry
            start = p_start + rows[first][2] + len(sent) - len(sent.lstrip())
            for a, b in _pieces(s):
                out.append(SentenceSlice(len(out), start + a, start + b, s[a:b]))
    return out


#: the longest sentence parsed whole (characters, about 400 tokens): a run-on "sentence" (a list,
#: a table flattened into text) is cut into pieces at clause punctuation, else at a space, so
#: that what one sentence costs is bounded (parsing grows faster than linearly with length)
MAX_SENTENCE_CHARS = 2000


def _pieces(s: str, limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """(start, end) of the pieces of sentence ``s``: itself if short enough, else cuts after the
    last "; ", ", " or space before each limit (whitespace at the edges of a piece left out)."""
    if len(s) <= limit:
        return [(0, len(s))]
    out = []
    pos = 0
    while pos < len(s):
        end = min(pos + limit, len(s))
        if end < len(s):
            window = s[pos:end]
            cut = max(window.rfind("; "), window.rfind(", "))
            cut = cut + 1 if cut > limit // 4 else window.rfind(" ")
            end = pos + cut if cut > 0 else end
        a, b = pos, end
        while a < b and s[a].isspace():
            a += 1
        while b > a and s[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
        pos = end
    return out
